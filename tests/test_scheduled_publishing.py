"""'Go live at' for sessions, speakers and pages: nothing shows early, and the change
reaches the pages and the calendar feeds when `publish_scheduled` runs after that time."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sessions.models import SessionPage
from sessions.roles import ORGANISERS, PROGRAMME_EDITORS, open_agenda_to_programme_team
from speakers.models import Speaker
from tests.calendars import events_by_icalendar
from tests.factories import ContentPageFactory, SessionPageFactory, SpeakerFactory, london
from tests.pages import session_titles, soup
from tests.roles import client_for, editor_form_data, member_of

ADMIN_TIME = "%Y-%m-%d %H:%M"


@pytest.fixture
def organiser(db):
    return client_for(member_of(ORGANISERS, "olu"))


@pytest.fixture
def go_live_at():
    """An hour ahead, in whole minutes as the admin's date picker gives it."""
    return (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)


def publish_scheduled(at):
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("publish_scheduled", stdout=StringIO())


def agenda_feed(client, edition):
    response = client.get(reverse("calendar-agenda", args=[edition.pk]))
    assert response.status_code == 200
    summaries = sorted(
        event["summary"] for event in events_by_icalendar(response.content).values()
    )
    return summaries, response["ETag"], response["Last-Modified"]


def unfolded(ics: bytes) -> bytes:
    """iCalendar folds long lines; a name may straddle a fold."""
    return ics.replace(b"\r\n ", b"")


def post_form(client, url, form_id, **fields):
    data = editor_form_data(client, url, form_id)
    data.update(fields)
    response = client.post(url, data)
    assert response.status_code == 302
    return response


@pytest.mark.slow
def test_a_scheduled_session_appears_on_the_agenda_and_feed_only_once_live(
    client, organiser, edition, agenda, go_live_at
):
    SessionPageFactory(parent=agenda, title="Opening keynote", start=london(2027, 10, 11, 9))
    url = reverse("wagtailadmin_pages:add", args=["agenda", "sessionpage", agenda.pk])
    post_form(
        organiser,
        url,
        "page-edit-form",
        title="Payment firms and wildlife trade",
        slug="payment-firms",
        start="2027-10-11 14:00",
        end="2027-10-11 15:00",
        go_live_at=go_live_at.strftime(ADMIN_TIME),
        **{"action-publish": "publish"},
    )
    session = SessionPage.objects.get(slug="payment-firms")
    assert not session.live
    assert session.get_latest_revision().approved_go_live_at == go_live_at

    summaries, etag, last_modified = agenda_feed(client, edition)
    assert summaries == ["Opening keynote"]
    assert session_titles(client.get(agenda.url)) == ["Opening keynote"]

    publish_scheduled(at=go_live_at - timedelta(minutes=1))  # not yet
    assert agenda_feed(client, edition) == (summaries, etag, last_modified)

    publish_scheduled(at=go_live_at + timedelta(minutes=1))
    session.refresh_from_db()
    assert session.live
    summaries_after, etag_after, last_modified_after = agenda_feed(client, edition)
    assert summaries_after == ["Opening keynote", "Payment firms and wildlife trade"]
    assert etag_after != etag
    assert last_modified_after != last_modified
    assert session_titles(client.get(agenda.url)) == [
        "Opening keynote",
        "Payment firms and wildlife trade",
    ]


def test_a_scheduled_session_change_by_a_programme_editor_still_needs_review(
    edition, agenda, go_live_at
):
    open_agenda_to_programme_team(agenda=agenda)
    session = SessionPageFactory(parent=agenda, title="Opening keynote")
    editor = client_for(member_of(PROGRAMME_EDITORS, "pat"))
    form = editor.get(reverse("wagtailadmin_pages:edit", args=[session.pk]))
    assert 'name="action-publish"' not in form.content.decode()
    assert 'name="action-submit"' in form.content.decode()


@pytest.mark.slow
def test_a_scheduled_speaker_change_reaches_the_feeds_when_it_goes_live(
    client, organiser, edition, agenda, speakers_page, go_live_at
):
    speaker = SpeakerFactory(name="T. McCrea-Steele", slug="tania-mccrea-steele")
    speaker.save_revision().publish()  # live through a revision, as the admin leaves it
    SessionPageFactory(parent=agenda, title="Opening keynote", speakers=[speaker])
    url = reverse("wagtailsnippets_speakers_speaker:edit", args=[speaker.pk])
    post_form(
        organiser,
        url,
        "w-editor-form",
        name="Tania McCrea-Steele",
        go_live_at=go_live_at.strftime(ADMIN_TIME),
        **{"action-publish": "publish"},
    )
    speaker.refresh_from_db()
    assert speaker.name == "T. McCrea-Steele"
    assert speaker.get_latest_revision().approved_go_live_at == go_live_at
    speaker_page = speakers_page.url + "tania-mccrea-steele/"
    assert soup(client.get(speaker_page)).find("h1").get_text(strip=True) == "T. McCrea-Steele"
    feed = client.get(reverse("calendar-agenda", args=[edition.pk]))
    assert b"Tania McCrea-Steele" not in unfolded(feed.content)

    publish_scheduled(at=go_live_at + timedelta(minutes=1))

    assert Speaker.objects.get(pk=speaker.pk).name == "Tania McCrea-Steele"
    page = soup(client.get(speaker_page))
    assert page.find("h1").get_text(strip=True) == "Tania McCrea-Steele"
    feed_after = client.get(reverse("calendar-agenda", args=[edition.pk]))
    assert feed_after["ETag"] != feed["ETag"]
    assert feed_after["Last-Modified"] != feed["Last-Modified"]
    assert b"Tania McCrea-Steele" in unfolded(feed_after.content)


def test_a_scheduled_content_page_goes_live_at_its_time(client, edition, go_live_at):
    page = ContentPageFactory(parent=edition, title="Venue and travel", publish=False)
    page.go_live_at = go_live_at
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.get_url()).status_code == 404

    publish_scheduled(at=go_live_at + timedelta(minutes=1))

    response = client.get(page.get_url())
    assert response.status_code == 200
    assert soup(response).find("h1").get_text(strip=True) == "Venue and travel"

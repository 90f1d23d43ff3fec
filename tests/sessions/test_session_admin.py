"""Organisers enter session times in the edition's zone through the Wagtail admin."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

from sessions.models import SessionPage
from tests.factories import RoomFactory, SessionPageFactory, SpeakerFactory, TrackFactory, london


@pytest.fixture
def organiser_client(client, db):
    """An organiser whose own Wagtail time zone is New York; the server's is UTC."""
    user = get_user_model().objects.create_superuser("organiser", "organiser@example.com", "pw")
    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = "America/New_York"
    profile.save()
    client.force_login(user)
    return client


def add_session_form(client, agenda):
    url = reverse("wagtailadmin_pages:add", args=["agenda", "sessionpage", agenda.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, response


def post_session(client, url, form_html, **fields):
    data = querydict_from_html(form_html, form_id="page-edit-form")
    data.update({"title": "Tracing ivory sales online", "slug": "tracing-ivory", **fields})
    data["action-publish"] = "publish"
    return client.post(url, data)


def field_errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(error.get_text(" ", strip=True) for error in soup.select(".error-message"))


def test_session_times_are_entered_in_the_editions_zone_not_the_organisers(
    settings, organiser_client, agenda
):
    assert settings.TIME_ZONE == "UTC"
    url, response = add_session_form(organiser_client, agenda)
    soup = BeautifulSoup(response.content, "html.parser")
    start_label = soup.find("label", attrs={"for": "id_start"}).get_text(strip=True)
    assert "Europe/London" in start_label

    response = post_session(
        organiser_client, url, response.content, start="2027-10-11 09:30", end="2027-10-11 10:15"
    )

    assert response.status_code == 302, field_errors(response)
    session = SessionPage.objects.get(slug="tracing-ivory")
    assert session.start == datetime(2027, 10, 11, 8, 30, tzinfo=UTC)
    assert session.end == datetime(2027, 10, 11, 9, 15, tzinfo=UTC)


def test_session_edit_form_shows_times_in_the_editions_zone(organiser_client, agenda):
    session = SessionPageFactory(
        parent=agenda, start=london(2027, 10, 11, 14), end=london(2027, 10, 11, 15, 30)
    )
    response = organiser_client.get(reverse("wagtailadmin_pages:edit", args=[session.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "start"})["value"] == "2027-10-11 14:00"
    assert soup.find("input", attrs={"name": "end"})["value"] == "2027-10-11 15:30"


def test_session_must_end_after_it_starts(organiser_client, agenda):
    url, response = add_session_form(organiser_client, agenda)
    response = post_session(
        organiser_client, url, response.content, start="2027-10-11 10:00", end="2027-10-11 09:00"
    )
    assert response.status_code == 200
    assert "The session must end after it starts." in field_errors(response)
    assert not SessionPage.objects.filter(slug="tracing-ivory").exists()


def test_session_must_fall_within_the_editions_dates(organiser_client, agenda):
    url, response = add_session_form(organiser_client, agenda)
    response = post_session(
        organiser_client, url, response.content, start="2027-10-13 10:00", end="2027-10-13 11:00"
    )
    assert response.status_code == 200
    assert "between 11 October 2027 and 12 October 2027" in field_errors(response)


@pytest.mark.slow
def test_session_cannot_start_at_a_time_skipped_by_the_clocks(organiser_client, agenda, edition):
    edition.start_date = edition.end_date = datetime(2027, 3, 28).date()
    edition.save_revision().publish()
    url, response = add_session_form(organiser_client, agenda)
    response = post_session(
        organiser_client, url, response.content, start="2027-03-28 01:30", end="2027-03-28 03:00"
    )
    assert response.status_code == 200
    assert "does not exist in Europe/London" in field_errors(response)


@pytest.mark.slow
def test_two_scheduled_sessions_cannot_share_a_room(organiser_client, agenda):
    room = RoomFactory(name="Main Hall")
    SessionPageFactory(
        parent=agenda,
        title="Opening keynote",
        room=room,
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )
    url, response = add_session_form(organiser_client, agenda)
    response = post_session(
        organiser_client,
        url,
        response.content,
        start="2027-10-11 09:30",
        end="2027-10-11 10:30",
        room=str(room.pk),
    )
    assert response.status_code == 200
    assert "Main Hall is already booked for “Opening keynote” from 09:00 to 10:00" in (
        field_errors(response)
    )


@pytest.mark.slow
def test_a_cancelled_session_frees_its_room(organiser_client, agenda):
    room = RoomFactory(name="Main Hall")
    SessionPageFactory(
        parent=agenda,
        room=room,
        status="cancelled",
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )
    url, response = add_session_form(organiser_client, agenda)
    response = post_session(
        organiser_client,
        url,
        response.content,
        start="2027-10-11 09:30",
        end="2027-10-11 10:30",
        room=str(room.pk),
    )
    assert response.status_code == 302, field_errors(response)


@pytest.mark.slow
def test_a_speaker_cannot_be_in_two_overlapping_sessions(organiser_client, agenda):
    speaker = SpeakerFactory(name="Amara Okafor")
    SessionPageFactory(
        parent=agenda,
        title="Payments and trafficking",
        speakers=[speaker],
        start=london(2027, 10, 11, 11),
        end=london(2027, 10, 11, 12),
    )
    url, response = add_session_form(organiser_client, agenda)
    response = post_session(
        organiser_client,
        url,
        response.content,
        start="2027-10-11 11:30",
        end="2027-10-11 12:30",
        **{
            "session_speakers-TOTAL_FORMS": "1",
            "session_speakers-0-speaker": str(speaker.pk),
            "session_speakers-0-role": "speaker",
            "session_speakers-0-ORDER": "1",
            "session_speakers-0-id": "",
            "session_speakers-0-DELETE": "",
        },
    )
    assert response.status_code == 200
    assert "Amara Okafor is also in “Payments and trafficking” from 11:00 to 12:00" in (
        BeautifulSoup(response.content, "html.parser").get_text(" ")
    )


def test_session_track_must_belong_to_its_edition(organiser_client, agenda):
    from tests.factories import ConferencePageFactory

    other_track = TrackFactory(edition=ConferencePageFactory(), name="Elsewhere")
    url, response = add_session_form(organiser_client, agenda)
    response = post_session(
        organiser_client,
        url,
        response.content,
        start="2027-10-11 09:30",
        end="2027-10-11 10:30",
        track=str(other_track.pk),
    )
    assert response.status_code == 200
    assert not SessionPage.objects.filter(slug="tracing-ivory").exists()


def test_session_times_may_be_typed_in_the_british_format(organiser_client, agenda):
    url, response = add_session_form(organiser_client, agenda)
    response = post_session(
        organiser_client, url, response.content, start="11/10/2027 09:30", end="11/10/2027 10:00"
    )
    assert response.status_code == 302, field_errors(response)
    session = SessionPage.objects.get(slug="tracing-ivory")
    assert session.start == datetime(2027, 10, 11, 8, 30, tzinfo=UTC)


def test_session_time_that_is_not_a_time_gets_a_message(organiser_client, agenda):
    url, response = add_session_form(organiser_client, agenda)
    response = post_session(
        organiser_client, url, response.content, start="tomorrow", end="11/10/2027 10:00"
    )
    assert response.status_code == 200
    assert "Enter a valid date/time." in field_errors(response)


@pytest.mark.slow
def test_publishing_a_moved_session_from_the_admin_raises_its_sequence(organiser_client, agenda):
    session = SessionPageFactory(
        parent=agenda, start=london(2027, 10, 11, 14), end=london(2027, 10, 11, 15)
    )
    url = reverse("wagtailadmin_pages:edit", args=[session.pk])
    form = querydict_from_html(organiser_client.get(url).content, form_id="page-edit-form")
    form["action-publish"] = "publish"
    assert organiser_client.post(url, form).status_code == 302
    session.refresh_from_db()
    assert session.sequence == 0

    form["start"], form["end"] = "2027-10-11 16:00", "2027-10-11 17:00"
    assert organiser_client.post(url, form).status_code == 302
    session.refresh_from_db()
    assert (session.sequence, session.start) == (1, london(2027, 10, 11, 16))


def test_preview_of_a_session_not_yet_saved(organiser_client, agenda):
    url, response = add_session_form(organiser_client, agenda)
    data = querydict_from_html(response.content, form_id="page-edit-form")
    data.update(
        {
            "title": "Preview me",
            "slug": "preview-me",
            "start": "2027-10-11 09:00",
            "end": "2027-10-11 10:00",
        }
    )
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["agenda", "sessionpage", agenda.pk]
    )
    assert organiser_client.post(preview_url, data).json()["is_valid"] is True
    preview = organiser_client.get(preview_url)
    assert preview.status_code == 200
    assert BeautifulSoup(preview.content, "html.parser").find("h1").get_text() == "Preview me"

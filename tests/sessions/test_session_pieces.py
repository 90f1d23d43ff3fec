"""The agenda and the feeds are put together from each session's piece, kept in the shared
cache per published version (sessions/fragments.py): the same bytes as built whole, and an
edit builds again only what it changed. The page cache is off here: every request puts the
page together."""

import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Site

from conference import page_cache
from tests.factories import RoomFactory, SessionPageFactory, SpeakerFactory, TrackFactory, london
from tests.pages import soup, texts

ITEM = "components/session_item.html"


@pytest.fixture(autouse=True)
def pieces_kept(settings):
    settings.SESSION_PIECE_SECONDS = 600


@pytest.fixture
def sessions(edition, agenda, speakers_page):
    track = TrackFactory(edition=edition, name="Wildlife cybercrime")
    room = RoomFactory(name="Main Hall", venue=edition.venue)
    speaker = SpeakerFactory(name="Ana Lima", organisation__name="TRAFFIC")
    return [
        SessionPageFactory(
            parent=agenda,
            title=f"Session {hour}",
            track=track,
            room=room,
            speakers=[speaker],
            start=london(2027, 10, 11, hour),
            end=london(2027, 10, 11, hour, 45),
        )
        for hour in (9, 10, 11, 12)
    ]


@pytest.fixture
def items_rendered():
    """items_rendered(): how many session <li>s were rendered since the last call."""
    count = []

    def record(sender, template, **kwargs):
        if template.name == ITEM:
            count.append(template)

    template_rendered.connect(record)

    def taken():
        rendered = len(count)
        count.clear()
        return rendered

    yield taken
    template_rendered.disconnect(record)


def without_nonces(html):
    return re.sub(r'nonce="[^"]+"', "", html)


def agenda_html(client):
    response = client.get("/iwt-2027/agenda/")
    assert response.status_code == 200
    return without_nonces(response.content.decode())


def feed_body(client, edition):
    response = client.get(reverse("calendar-agenda", args=[edition.pk]))
    assert response.status_code == 200
    return response.content


def test_the_agenda_from_pieces_is_the_agenda_built_whole(
    client, sessions, settings, items_rendered
):
    first = agenda_html(client)
    assert items_rendered() == 4
    again = agenda_html(client)
    assert items_rendered() == 0
    assert again == first
    settings.SESSION_PIECE_SECONDS = 0
    assert agenda_html(client) == first
    assert items_rendered() == 4


def test_an_edited_session_is_the_only_piece_built_again(client, sessions, items_rendered):
    agenda_html(client)
    items_rendered()
    edited = sessions[1]
    edited.title = "Marketplace takedowns"
    edited.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        page = soup(client.get("/iwt-2027/agenda/"))
    assert items_rendered() == 1
    # The list shows no topics or photos: the filter's choice of topics reads topics, the
    # piece neither.
    topic_reads = [query for query in queries if "agenda_sessiontopic" in query["sql"]]
    assert len(topic_reads) == 1
    assert not [query for query in queries if "wagtailimages_image" in query["sql"]]
    assert texts(page.select(".session__title a")) == [
        "Session 9",
        "Marketplace takedowns",
        "Session 11",
        "Session 12",
    ]


@pytest.mark.parametrize("change", ["track", "room", "speaker", "organisation"])
def test_what_every_session_shows_builds_every_piece_again(
    client, sessions, items_rendered, change
):
    agenda_html(client)
    items_rendered()
    session = sessions[0]
    renamed = {
        "track": session.track,
        "room": session.room,
        "speaker": session.session_speakers.first().speaker,
        "organisation": session.session_speakers.first().speaker.organisation,
    }[change]
    renamed.name = "Renamed"
    renamed.save()
    html = agenda_html(client)
    assert items_rendered() == 4
    assert html.count("Renamed") >= 4


def test_a_moved_agenda_gives_new_addresses_in_every_piece(client, sessions, agenda):
    agenda_html(client)
    agenda.slug = "programme"
    agenda.save_revision().publish()
    html = client.get("/iwt-2027/programme/").content.decode()
    assert "/iwt-2027/programme/session-9/" in html
    assert "/iwt-2027/agenda/session-9/" not in html


def test_a_new_site_address_gives_new_addresses_in_every_piece(client, sessions, edition):
    feed_body(client, edition)
    site = Site.objects.get(is_default_site=True)
    site.hostname = "iwt.example.org"
    site.save()
    body = feed_body(client, edition).replace(b"\r\n ", b"")
    assert body.count(b"URL:http://iwt.example.org/iwt-2027/agenda/session-") == 4


def test_the_feed_from_pieces_is_the_feed_built_whole(client, sessions, edition, settings):
    first = feed_body(client, edition)
    page_cache.invalidate(page_cache.edition_tag(edition.pk))  # the feed is built again
    assert feed_body(client, edition) == first
    settings.SESSION_PIECE_SECONDS = 0
    cache.clear()
    assert feed_body(client, edition) == first
    assert first.count(b"BEGIN:VEVENT") == 4


def test_an_edited_session_changes_its_own_event_in_the_feed(client, sessions, edition):
    feed_body(client, edition)
    edited = sessions[2]
    edited.title = "Marketplace takedowns"
    edited.save_revision().publish()
    body = feed_body(client, edition).decode()
    assert "SUMMARY:Marketplace takedowns" in body
    assert body.count("BEGIN:VEVENT") == 4
    organisation = sessions[0].session_speakers.first().speaker.organisation
    organisation.name = "WWF"
    organisation.save()
    assert feed_body(client, edition).decode().count("Ana Lima (WWF)") == 4


def test_the_badge_of_a_session_on_now_follows_the_clock(client, sessions, monkeypatch):
    def page_at(moment):
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
        return soup(client.get("/iwt-2027/agenda/"))

    during = page_at(london(2027, 10, 11, 10, 15))
    assert [len(item.select(".badge--now")) for item in during.select(".session")] == [0, 1, 0, 0]
    later = page_at(london(2027, 10, 11, 11, 15))
    assert [len(item.select(".badge--now")) for item in later.select(".session")] == [0, 0, 1, 0]

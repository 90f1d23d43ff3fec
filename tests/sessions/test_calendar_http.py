import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions.calendars.feeds import MAX_SELECTION
from tests.calendars import events_by_icalendar
from tests.factories import (
    RoomFactory,
    SessionPageFactory,
    SpeakerFactory,
    TrackFactory,
    london,
)
from tests.sessions.test_query_counts import add_programme


@pytest.fixture
def session(edition, agenda, speakers_page):
    return SessionPageFactory(
        parent=agenda,
        title="Opening keynote",
        speakers=[SpeakerFactory()],
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )


def agenda_feed(edition):
    return reverse("calendar-agenda", args=[edition.pk])


def test_feed_is_inline_and_download_is_an_attachment(client, edition, session):
    feed = client.get(agenda_feed(edition))
    assert feed["Content-Disposition"] == 'inline; filename="iwt-conference-2027-agenda.ics"'
    download = client.get(agenda_feed(edition) + "?download")
    assert download["Content-Disposition"] == (
        'attachment; filename="iwt-conference-2027-agenda.ics"'
    )
    assert download.content == feed.content
    assert feed["Cache-Control"] == "public, max-age=300"


def test_head_gives_headers_without_a_body(client, edition, session):
    response = client.head(agenda_feed(edition))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.content == b""
    assert client.post(agenda_feed(edition)).status_code == 405


def test_validators_give_304_until_the_programme_changes(client, edition, session):
    first = client.get(agenda_feed(edition))
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert client.get(agenda_feed(edition), headers={"if-none-match": etag}).status_code == 304
    not_modified = client.get(agenda_feed(edition), headers={"if-modified-since": last_modified})
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == etag

    session.title = "Renamed keynote"
    session.save_revision().publish()

    changed = client.get(agenda_feed(edition), headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert (
        client.get(agenda_feed(edition), headers={"if-modified-since": last_modified}).status_code
        == 200
    )
    assert "Renamed keynote" in {
        e["summary"] for e in events_by_icalendar(changed.content).values()
    }


@pytest.mark.slow
@pytest.mark.parametrize("change", ["track", "speaker", "room", "edition", "unpublish"])
def test_cached_feed_is_rebuilt_when_what_it_shows_changes(client, edition, session, change):
    url = agenda_feed(edition)
    before = client.get(url).content
    assert client.get(url).content == before  # served from the cache
    if change == "track":
        session.track = TrackFactory(edition=edition, name="Cyber")
        session.save_revision().publish()
        before = client.get(url).content
        session.track.name = "Cyber renamed"
        session.track.save()
    elif change == "speaker":
        speaker = session.session_speakers.first().speaker
        speaker.name = "Someone Else"
        speaker.save()
    elif change == "room":
        session.room = RoomFactory(venue=edition.venue)
        session.save_revision().publish()
        before = client.get(url).content
        session.room.name = "Renamed room"
        session.room.save()
    elif change == "edition":
        edition.title = "IWT Conference 2027 (new name)"
        edition.save_revision().publish()
    elif change == "unpublish":
        session.unpublish()
    assert client.get(url).content != before


def test_cache_serves_feeds_without_database_queries(client, edition, session):
    url = agenda_feed(edition)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) == 0


@pytest.mark.slow
def test_building_a_feed_costs_the_same_queries_for_10_and_200_sessions(
    client, edition, agenda, speakers_page
):
    def queries_to_build():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(agenda_feed(edition)).status_code == 200
        return len(queries)

    add_programme(agenda, edition, 10)
    small = queries_to_build()
    add_programme(agenda, edition, 190)
    assert queries_to_build() == small


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("selection/abc.ics", 400, "list of session numbers"),
        ("selection/1,,2.ics", 400, "list of session numbers"),
        (
            "selection/" + ",".join(str(n) for n in range(MAX_SELECTION + 1)) + ".ics",
            400,
            "at most",
        ),
        ("selection/999999.ics", 404, ""),
        ("sessions/999999.ics", 404, ""),
        ("tracks/999999.ics", 404, ""),
        ("speakers/999999.ics", 404, ""),
        ("days/2030-01-01.ics", 404, ""),
        ("days/yesterday.ics", 404, ""),
    ],
)
def test_bad_feed_addresses_get_a_clear_4xx(client, edition, session, path, status, message):
    response = client.get(f"/calendar/{edition.pk}/{path}")
    assert response.status_code == status
    assert message in response.content.decode()


def test_unknown_edition_is_a_404(client, db):
    assert client.get("/calendar/999999/agenda.ics").status_code == 404


@pytest.mark.slow
def test_selection_feed_with_a_session_of_another_edition_is_a_404(client, edition, session):
    from tests.factories import AgendaPageFactory, ConferencePageFactory

    other_agenda = AgendaPageFactory(parent=ConferencePageFactory(), slug="agenda")
    elsewhere = SessionPageFactory(parent=other_agenda)
    response = client.get(f"/calendar/{edition.pk}/selection/{session.pk},{elsewhere.pk}.ics")
    assert response.status_code == 404

"""Search results say what each one is: a label, and for a session its day, time, room and
track in its edition's zone; sessions before tracks before other pages."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AgendaPageFactory,
    ConferencePageFactory,
    ContentPageFactory,
    RoomFactory,
    SessionPageFactory,
    SpeakerFactory,
    TrackFactory,
    london,
)
from tests.pages import soup, texts

pytestmark = pytest.mark.slow


def page_results(response):
    return soup(response).select("#page-results-title ~ .search-results > li")


def labels_and_titles(response):
    return [
        (
            item.select_one(".search-result__label").get_text(strip=True),
            item.a.get_text(strip=True),
        )
        for item in page_results(response)
    ]


@pytest.fixture
def otters(search_index, edition, agenda, speakers_page):
    """A page that mentions otters more than any session does, a track and two sessions."""
    ContentPageFactory(parent=edition, title="Otter, otter, otter", slug="otters")
    track = TrackFactory(edition=edition, name="Otter trade", slug="otter-trade")
    hall = RoomFactory(venue=edition.venue, name="Main Hall")
    SessionPageFactory(
        parent=agenda,
        title="Otter markets online",
        track=track,
        room=hall,
        start=london(2027, 10, 12, 14, 30),
        end=london(2027, 10, 12, 15, 15),
    )
    SessionPageFactory(
        parent=agenda,
        title="Otter cafés",
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )
    return track


def test_results_are_labelled_sessions_first_then_tracks_then_pages(client, otters):
    response = client.get("/search/", {"q": "otter"})

    assert response.status_code == 200
    results = labels_and_titles(response)
    assert [label for label, _ in results] == ["Session", "Session", "Track", "Page"], results
    assert {title for _, title in results[:2]} == {"Otter markets online", "Otter cafés"}
    assert results[2:] == [("Track", "Otter trade"), ("Page", "Otter, otter, otter")]


def test_a_track_result_links_to_the_track_page(client, otters):
    (track,) = page_results(client.get("/search/", {"q": "otter trade"}))

    assert track.a["href"] == "/iwt-2027/agenda/tracks/otter-trade/"
    assert track.select_one(".search-result__label").get_text(strip=True) == "Track"


def test_a_session_result_gives_day_time_room_and_track(client, otters):
    results = page_results(client.get("/search/", {"q": "markets online"}))

    (session,) = [
        item for item in results if item.a.get_text(strip=True) == "Otter markets online"
    ]
    assert session.a["href"] == "/iwt-2027/agenda/otter-markets-online/"
    assert session.select_one(".search-result__when").get_text(" ", strip=True) == (
        "Tue 12 Oct 14:30 – 15:15 BST"
    )
    assert texts(session.select(".search-result__room")) == ["Main Hall"]
    assert texts(session.select(".search-result__track")) == ["Otter trade"]


def test_a_session_without_room_or_track_gives_its_time_alone(client, otters):
    results = page_results(client.get("/search/", {"q": "cafés"}))

    (session,) = [item for item in results if item.a.get_text(strip=True) == "Otter cafés"]
    assert session.select_one(".search-result__when").get_text(" ", strip=True) == (
        "Mon 11 Oct 09:00 – 10:00 BST"
    )
    assert session.select(".search-result__room, .search-result__track") == []


def test_session_times_are_in_their_edition_zone(client, db, search_index):
    toronto = ConferencePageFactory(
        title="IWT Americas", slug="iwt-americas", time_zone="America/Toronto"
    )
    agenda = AgendaPageFactory(parent=toronto, slug="agenda")
    SessionPageFactory(
        parent=agenda,
        title="Turtles at the border",
        start=london(2027, 10, 11, 15),
        end=london(2027, 10, 11, 16),
    )

    (session,) = page_results(client.get("/search/", {"q": "turtles"}))

    assert session.select_one(".search-result__when").get_text(" ", strip=True) == (
        "Mon 11 Oct 10:00 – 11:00 EDT"
    )


def test_speakers_are_labelled(client, otters, agenda):
    speaker = SpeakerFactory(name="Otto Otterburn", job_title="Ranger", organisation__name="WWT")
    SessionPageFactory(parent=agenda, title="Rivers", speakers=[speaker])

    page = soup(client.get("/search/", {"q": "Otterburn"}))

    (item,) = page.select("#speaker-results-title ~ .search-results > li")
    assert item.select_one(".search-result__label").get_text(strip=True) == "Speaker"
    assert item.get_text(" ", strip=True) == "Speaker Otto Otterburn – Ranger, WWT"


def queries_for(client, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_sessions_found(client, otters, edition, agenda):
    client.get("/search/", {"q": "otter"})  # site root paths, settings, content types cached
    few = queries_for(client, "otter")
    rooms = [RoomFactory(venue=edition.venue) for _ in range(4)]
    tracks = [TrackFactory(edition=edition) for _ in range(4)]
    for number, (room, track) in enumerate(zip(rooms, tracks, strict=True)):
        SessionPageFactory(
            parent=agenda,
            title=f"More otter news {number}",
            room=room,
            track=track,
            start=london(2027, 10, 11, 11 + number),
            end=london(2027, 10, 11, 12 + number),
        )
    ContentPageFactory(parent=edition, title="Otter facts", slug="otter-facts")

    client.get("/search/", {"q": "otter"})  # the new tracks' colours cached again
    many = queries_for(client, "otter")

    assert len(page_results(client.get("/search/", {"q": "otter"}))) == 9
    assert many == few

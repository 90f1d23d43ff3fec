"""The number of SQL queries behind a page does not grow with the size of the programme."""

from datetime import timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.programme import add_sessions
from sessions.models import SessionPage
from tests.factories import RoomFactory, SpeakerFactory, TrackFactory, london

pytestmark = pytest.mark.slow


def add_programme(agenda, edition, count):
    """`count` more live sessions over both days, each with two speakers and a topic, written
    in bulk (demo/programme.py): what these tests measure is reading them."""
    first = SessionPage.objects.count()
    tracks = [TrackFactory(edition=edition) for _ in range(3)]
    rooms = [RoomFactory(venue=edition.venue) for _ in range(4)]
    speakers = [SpeakerFactory() for _ in range(20)]
    day_start = london(2027, 10, 11, 8)
    numbers = range(first, first + count)
    sessions = []
    for number in numbers:
        start = day_start + timedelta(days=number % 2, minutes=5 * (number // 2 % 100))
        sessions.append(
            SessionPage(
                title=f"Session {number}",
                slug=f"session-{number}",
                start=start,
                end=start + timedelta(minutes=45),
                track=tracks[number % 3],
                room=rooms[number % 4],
            )
        )
    add_sessions(
        agenda,
        sessions,
        speakers=[[speakers[number % 20], speakers[(number + 1) % 20]] for number in numbers],
        topics=[[f"topic {number % 5}"] for number in numbers],
    )


def queries_for(client, url):
    client.get(url)  # warm caches that are filled once per process, such as site root paths
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_agenda_query_count_is_the_same_for_10_and_500_sessions(
    client, edition, agenda, speakers_page
):
    add_programme(agenda, edition, 10)
    assert SessionPage.objects.count() == 10
    small = queries_for(client, agenda.url)
    small_filtered = queries_for(client, agenda.url + "?day=2027-10-11&topic=topic-1")

    add_programme(agenda, edition, 490)
    assert SessionPage.objects.count() == 500
    assert queries_for(client, agenda.url) == small
    assert queries_for(client, agenda.url + "?day=2027-10-11&topic=topic-1") == small_filtered


def test_track_and_speakers_pages_query_count_does_not_grow(
    client, edition, agenda, speakers_page
):
    add_programme(agenda, edition, 10)
    track_url = agenda.url + "tracks/" + edition.tracks.first().slug + "/"
    small = [queries_for(client, url) for url in (track_url, speakers_page.url)]
    add_programme(agenda, edition, 100)
    track_url = agenda.url + "tracks/" + edition.tracks.first().slug + "/"
    assert [queries_for(client, url) for url in (track_url, speakers_page.url)] == small


def test_session_page_costs_at_most_15_queries_for_10_and_500_sessions(
    client, edition, agenda, speakers_page
):
    """Routing, the page cache's tags, the track colours and the navigation cost what they
    did before the programme grew (tests/sessions/test_session_page_cost.py: QUERY_BUDGET)."""
    add_programme(agenda, edition, 10)
    url = SessionPage.objects.get(slug="session-0").url
    small = queries_for(client, url)

    add_programme(agenda, edition, 490)
    assert SessionPage.objects.count() == 500
    assert queries_for(client, url) == small
    assert small <= 15

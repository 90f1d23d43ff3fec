"""The number of SQL queries behind a page does not grow with the size of the programme."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.signal_handlers import disable_reference_index_auto_update

from sessions.models import SessionPage, SessionSpeaker
from tests.factories import RoomFactory, SpeakerFactory, TrackFactory, london


def add_programme(agenda, edition, count):
    """`count` more live sessions over both days, each with two speakers and a topic."""
    first = SessionPage.objects.count()
    tracks = [TrackFactory(edition=edition) for _ in range(3)]
    rooms = [RoomFactory(venue=edition.venue) for _ in range(4)]
    speakers = [SpeakerFactory() for _ in range(20)]
    day_start = london(2027, 10, 11, 8)
    for number in range(first, first + count):
        start = day_start + timedelta(days=number % 2, minutes=5 * (number // 2 % 100))
        session = SessionPage(
            title=f"Session {number}",
            slug=f"session-{number}",
            start=start,
            end=start + timedelta(minutes=45),
            track=tracks[number % 3],
            room=rooms[number % 4],
            session_speakers=[
                SessionSpeaker(speaker=speakers[number % 20], sort_order=0),
                SessionSpeaker(speaker=speakers[(number + 1) % 20], sort_order=1),
            ],
            live=True,
        )
        # Bulk test data: the admin's reference index is not needed here and is slow to build.
        with disable_reference_index_auto_update():
            agenda.add_child(instance=session)
            session.topics.add(f"topic {number % 5}")
            session.save()


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

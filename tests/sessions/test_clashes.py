"""Clash detection for the agenda grid: plain objects in, reasons in words out."""

from datetime import date

import pytest

from conference.models import ConferencePage, Room
from sessions.clashes import ClashKind, distinct_clash_count, find_clashes
from sessions.models import SessionPage, SessionSpeaker
from speakers.models import Speaker
from tests.factories import london

# Unsaved pages still read their content type once: the database is allowed, not used
# by find_clashes itself (see the query-free test).
pytestmark = pytest.mark.django_db


@pytest.fixture(name="edition")
def _edition():
    return ConferencePage(
        pk=1, start_date=date(2027, 10, 11), end_date=date(2027, 10, 12), time_zone="Europe/London"
    )


HALL = Room(pk=1, name="Main Hall")
STUDIO = Room(pk=2, name="Studio")
TANIA = Speaker(pk=1, name="Tania McCrea-Steele")
OMAR = Speaker(pk=2, name="Omar Haddad")


def session(pk, title, *, start, end, room=HALL, speakers=(), status="scheduled"):
    """start and end as (day, hour[, minute]) in October 2027, London time."""
    return SessionPage(
        pk=pk,
        title=title,
        start=london(2027, 10, *start),
        end=london(2027, 10, *end),
        room=room,
        status=status,
        session_speakers=[SessionSpeaker(speaker=speaker) for speaker in speakers],
    )


def reasons(clashes, pk):
    return [(clash.kind, clash.reason) for clash in clashes.get(pk, [])]


def test_clashes_room_double_booked_names_the_room_and_the_other_session(edition):
    first = session(1, "Opening keynote", start=(11, 9), end=(11, 10))
    second = session(2, "Ivory panel", start=(11, 9, 30), end=(11, 11))

    clashes = find_clashes([first, second], edition=edition)

    assert reasons(clashes, 1) == [
        (
            ClashKind.ROOM,
            "Room double-booked: Main Hall also has “Ivory panel” "
            "on 11 October from 09:30 to 11:00.",
        )
    ]
    assert reasons(clashes, 2) == [
        (
            ClashKind.ROOM,
            "Room double-booked: Main Hall also has “Opening keynote” "
            "on 11 October from 09:00 to 10:00.",
        )
    ]
    assert clashes[1][0].other is second


def test_clashes_speaker_in_two_places_names_the_speaker_and_the_other_room(edition):
    first = session(
        1,
        "Opening keynote",
        start=(11, 9),
        end=(11, 10),
        speakers=[TANIA, OMAR],
    )
    second = session(
        2,
        "Marketplace workshop",
        start=(11, 9, 45),
        end=(11, 11),
        room=STUDIO,
        speakers=[TANIA],
    )

    clashes = find_clashes([first, second], edition=edition)

    assert reasons(clashes, 1) == [
        (
            ClashKind.SPEAKER,
            "Speaker in two places: Tania McCrea-Steele is also in “Marketplace workshop” "
            "(Studio) on 11 October from 09:45 to 11:00.",
        )
    ]
    assert [clash.kind for clash in clashes[2]] == [ClashKind.SPEAKER]


def test_clashes_session_outside_the_editions_dates(edition):
    late = session(1, "After party", start=(12, 23), end=(13, 1))
    early = session(2, "Warm-up", start=(10, 9), end=(10, 10))

    clashes = find_clashes([late, early], edition=edition)

    expected_tail = "the edition runs from 11 October 2027 to 12 October 2027 (Europe/London)."
    assert reasons(clashes, 1) == [
        (
            ClashKind.DATES,
            "Outside the edition's dates: 12 October 2027 23:00 to 13 October 2027 01:00; "
            + expected_tail,
        )
    ]
    assert reasons(clashes, 2) == [
        (
            ClashKind.DATES,
            "Outside the edition's dates: 10 October 2027 09:00 to 10 October 2027 10:00; "
            + expected_tail,
        )
    ]


def test_clashes_dates_are_read_in_the_editions_zone(edition):
    """00:30 on 11 October in London is 23:30 on 10 October in UTC: still inside."""
    early = session(1, "Dawn patrol", start=(11, 0, 30), end=(11, 1))
    ends_at_midnight = session(2, "Late panel", start=(12, 23), end=(13, 0))

    assert find_clashes([early, ends_at_midnight], edition=edition) == {}


def test_clashes_none_for_back_to_back_sessions_in_one_room_with_one_speaker(edition):
    first = session(1, "Keynote", start=(11, 9), end=(11, 10), speakers=[TANIA])
    second = session(2, "Q&A", start=(11, 10), end=(11, 11), speakers=[TANIA])

    assert find_clashes([first, second], edition=edition) == {}


def test_clashes_none_for_a_cancelled_session(edition):
    live = session(1, "Keynote", start=(11, 9), end=(11, 10), speakers=[TANIA])
    cancelled = session(
        2,
        "Drone patrols",
        start=(11, 9),
        end=(11, 10),
        speakers=[TANIA],
        status="cancelled",
    )
    cancelled_outside = session(
        3,
        "Boat trip",
        start=(14, 9),
        end=(14, 10),
        status="cancelled",
    )

    assert find_clashes([live, cancelled, cancelled_outside], edition=edition) == {}


def test_clashes_none_for_overlapping_sessions_in_different_rooms_without_shared_speakers(edition):
    first = session(1, "Keynote", start=(11, 9), end=(11, 10), speakers=[TANIA])
    second = session(
        2,
        "Workshop",
        start=(11, 9),
        end=(11, 10),
        room=STUDIO,
        speakers=[OMAR],
    )
    roomless = session(3, "Unplaced", start=(11, 9), end=(11, 10))
    roomless.room = None

    assert find_clashes([first, second, roomless], edition=edition) == {}


def test_clashes_each_pair_counted_once(edition):
    first = session(1, "Keynote", start=(11, 9), end=(11, 10), speakers=[TANIA])
    second = session(2, "Panel", start=(11, 9), end=(11, 10), speakers=[TANIA])
    outside = session(3, "Boat trip", start=(14, 9), end=(14, 10))

    clashes = find_clashes([first, second, outside], edition=edition)

    # One room double-booking and one speaker in two places (each shown on both
    # sessions), and one session outside the dates.
    assert distinct_clash_count(clashes) == 3


def test_clashes_found_without_database_queries(edition, django_assert_num_queries):
    first = session(1, "Keynote", start=(11, 9), end=(11, 10))
    second = session(2, "Panel", start=(11, 9), end=(11, 10))

    with django_assert_num_queries(0):
        clashes = find_clashes([first, second], edition=edition)

    assert set(clashes) == {1, 2}

"""Accepts racing for the same delegates and the same meeting points: real threads, each
with its own connection and real transactions (PostgreSQL in CI, SQLite by default). Nobody
is ever in two meetings at one time, no meeting point holds more than it can, and every
accept that loses gets a clear answer rather than an error."""

from collections import Counter
from datetime import date, time

import pytest

from network import meetings
from network.meetings import MeetingError
from network.models import Meeting, MeetingPoint, MeetingSeat, MeetingStatus, MeetingTime
from tests.factories import ConferencePageFactory, DirectoryPageFactory, RegistrationPageFactory
from tests.registrations.test_concurrency import run_together

from .conftest import delegate

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ACCEPTS = 60


@pytest.fixture
def edition():
    edition = ConferencePageFactory()
    RegistrationPageFactory(parent=edition)
    DirectoryPageFactory(parent=edition, meetings_enabled=True)
    return edition


@pytest.fixture
def at_ten(edition):
    return MeetingTime.objects.create(
        edition=edition, day=date(2027, 10, 11), starts_at=time(10), ends_at=time(10, 30)
    )


def race(requests, at):
    """Every invitee accepts at once; (meetings accepted, what the others were told)."""
    errors = run_together(
        [
            lambda request=request: meetings.accept(request, request.invitee, at)
            for request in requests
        ]
    )
    others = [error for error in errors if not isinstance(error, MeetingError)]
    assert others == [], others
    return Meeting.objects.filter(status=MeetingStatus.ACCEPTED), errors


def assert_no_double_booking(at):
    per_delegate = Counter(
        MeetingSeat.objects.filter(time=at).values_list("registration", flat=True)
    )
    assert all(count == 1 for count in per_delegate.values()), per_delegate
    for point in MeetingPoint.objects.all():
        held = Meeting.objects.filter(point=point, time=at, status=MeetingStatus.ACCEPTED).count()
        assert held <= point.capacity, (point.name, held)


def test_accepts_racing_for_the_same_tables(edition, at_ten):
    MeetingPoint.objects.create(edition=edition, name="Table 1", capacity=1)
    MeetingPoint.objects.create(edition=edition, name="Table 2", capacity=1)
    MeetingPoint.objects.create(edition=edition, name="Kestrel Room", capacity=3)
    requests = [
        meetings.request_meeting(
            delegate(edition, organisation=f"Asker {n}"),
            delegate(edition, organisation=f"Asked {n}"),
            [at_ten],
        )
        for n in range(ACCEPTS)
    ]

    accepted, refused = race(requests, at_ten)

    assert accepted.count() == 5
    assert len(refused) == ACCEPTS - 5
    assert {str(error) for error in refused} == {
        "Every meeting point is taken at Mon 11 Oct 10:00–10:30: choose another of the times "
        "offered."
    }
    assert_no_double_booking(at_ten)


def test_accepts_racing_for_the_same_delegates(edition, at_ten):
    """Sixty requests among twelve delegates, every one for the same time, with room for all
    at the meeting points: each delegate ends in one meeting at most."""
    MeetingPoint.objects.create(edition=edition, name="Hall", capacity=ACCEPTS)
    people = [delegate(edition, organisation=f"Organisation {n}") for n in range(12)]
    pairs = [(a, b) for a in people for b in people if a.pk < b.pk][:ACCEPTS]
    requests = [meetings.request_meeting(a, b, [at_ten]) for a, b in pairs]

    accepted, refused = race(requests, at_ten)

    assert 1 <= accepted.count() <= len(people) // 2
    assert len(refused) == ACCEPTS - accepted.count()
    assert all("meeting at Mon 11 Oct 10:00" in str(error) for error in refused), refused
    assert_no_double_booking(at_ten)
    assert MeetingSeat.objects.count() == 2 * accepted.count()

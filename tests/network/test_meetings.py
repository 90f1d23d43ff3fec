"""Requesting, accepting, declining and cancelling 1:1 meetings (network/meetings.py): who may
ask whom, when, for which times, and never two meetings for anyone at one time."""

import pytest

from network import meetings
from network.meetings import MeetingError
from network.models import (
    DelegateProfile,
    Meeting,
    MeetingPoint,
    MeetingSeat,
    MeetingStatus,
)
from registrations.models import RegistrationStatus

from .conftest import delegate, meeting_time

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("meetings_on")]


@pytest.fixture
def times(edition):
    return [
        meeting_time(edition, 11, 10),
        meeting_time(edition, 11, 10, 30),
        meeting_time(edition, 12, 14),
    ]


def test_a_request_then_an_accept_gives_a_time_and_a_meeting_point(
    directory, times, table, amina, ben
):
    request = meetings.request_meeting(amina, ben, times[:2], "Shall we talk takedowns?")
    assert request.status == MeetingStatus.REQUESTED
    assert set(request.offered_times.all()) == set(times[:2])

    accepted = meetings.accept(request, ben, times[1], share_email=True)

    assert (accepted.status, accepted.time, accepted.point) == (
        MeetingStatus.ACCEPTED,
        times[1],
        table,
    )
    assert accepted.invitee_shares_email and not accepted.requester_shares_email
    assert accepted.sequence == 1
    assert set(MeetingSeat.objects.values_list("registration", "time")) == {
        (amina.pk, times[1].pk),
        (ben.pk, times[1].pk),
    }
    # That time is no longer free for either of them.
    assert times[1] not in meetings.times_both_free(amina, delegate(directory.edition))


def test_cancelling_an_accepted_meeting_frees_the_time_and_the_table(
    directory, times, table, amina, ben
):
    meeting = meetings.accept(meetings.request_meeting(amina, ben, [times[0]]), ben, times[0])
    cancelled = meetings.cancel(meeting, amina)
    assert (cancelled.status, cancelled.cancelled_by, cancelled.sequence) == (
        MeetingStatus.CANCELLED,
        amina,
        2,
    )
    assert not MeetingSeat.objects.exists()
    again = meetings.request_meeting(ben, amina, [times[0]])
    assert meetings.accept(again, amina, times[0]).point == table


def test_declining_keeps_the_note(directory, times, amina, ben):
    request = meetings.request_meeting(amina, ben, [times[0]])
    declined = meetings.decline(request, ben, "I am only there on the first morning.")
    assert (declined.status, declined.decline_note) == (
        MeetingStatus.DECLINED,
        "I am only there on the first morning.",
    )
    with pytest.raises(MeetingError, match="already declined"):
        meetings.accept(declined, ben, times[0])


def test_only_the_invitee_answers_and_only_the_two_cancel(directory, times, amina, ben):
    request = meetings.request_meeting(amina, ben, [times[0]])
    stranger = delegate(directory.edition, name="Stranger", organisation="Else")
    with pytest.raises(MeetingError, match="Only the delegate asked can accept"):
        meetings.accept(request, amina, times[0])
    with pytest.raises(MeetingError, match="Only the delegate asked can decline"):
        meetings.decline(request, stranger)
    with pytest.raises(MeetingError, match="Only the two delegates"):
        meetings.cancel(request, stranger)
    assert meetings.cancel(request, amina).status == MeetingStatus.CANCELLED


def test_only_offered_times_can_be_accepted(directory, times, table, amina, ben):
    request = meetings.request_meeting(amina, ben, [times[0]])
    with pytest.raises(MeetingError, match="Choose one of the times offered."):
        meetings.accept(request, ben, times[2])


def test_no_meeting_point_left_is_said_plainly(directory, times, table, amina, ben, edition):
    chloe = delegate(edition, name="Chloe", organisation="Trace")
    dev = delegate(edition, name="Dev", organisation="Defra", sector="government")
    meetings.accept(meetings.request_meeting(amina, ben, [times[0]]), ben, times[0])
    request = meetings.request_meeting(chloe, dev, [times[0]])
    with pytest.raises(MeetingError, match="Every meeting point is taken at Mon 11 Oct 10:00"):
        meetings.accept(request, dev, times[0])
    assert Meeting.objects.get(pk=request.pk).status == MeetingStatus.REQUESTED


def test_a_delegate_already_booked_at_that_time_cannot_be_booked_again(
    directory, times, edition, amina, ben
):
    MeetingPoint.objects.create(edition=edition, name="Room", capacity=5)
    chloe = delegate(edition, name="Chloe", organisation="Trace")
    first = meetings.request_meeting(amina, ben, [times[0], times[1]])
    second = meetings.request_meeting(chloe, ben, [times[0], times[1]])
    meetings.accept(first, ben, times[0])
    with pytest.raises(MeetingError, match="You already have a meeting at Mon 11 Oct 10:00"):
        meetings.accept(second, ben, times[0])
    assert meetings.accept(second, ben, times[1]).time == times[1]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"meetings_enabled": False}, "1:1 meetings are not offered at this edition."),
        ({"meetings_open_at": "2099-01-01T00:00Z"}, "Meeting requests are not open yet."),
        ({"meetings_close_at": "2020-01-01T00:00Z"}, "Meeting requests are closed."),
    ],
)
def test_requests_only_while_meetings_are_open(directory, times, amina, ben, change, message):
    for field, value in change.items():
        setattr(directory, field, value)
    directory.save()
    with pytest.raises(MeetingError, match=message):
        meetings.request_meeting(amina, ben, [times[0]])


def test_who_may_ask_and_be_asked(directory, times, edition, amina, ben):
    unlisted = delegate(edition, directory_listing=False, organisation="U")
    waitlisted = delegate(edition, status=RegistrationStatus.WAITLISTED, organisation="W")
    suspended = delegate(edition, organisation="S")
    DelegateProfile.objects.create(registration=suspended, meetings_suspended=True)
    for requester in (unlisted, waitlisted, suspended):
        with pytest.raises(MeetingError, match="list yourself first"):
            meetings.request_meeting(requester, ben, [times[0]])
    for invitee in (unlisted, waitlisted, suspended):
        with pytest.raises(MeetingError, match="This delegate cannot be asked"):
            meetings.request_meeting(amina, invitee, [times[0]])
    with pytest.raises(MeetingError, match="another delegate of this edition"):
        meetings.request_meeting(amina, amina, [times[0]])


def test_one_open_request_per_pair_whoever_asked(directory, times, amina, ben):
    meetings.request_meeting(amina, ben, [times[0]])
    with pytest.raises(MeetingError, match="already waiting for an answer"):
        meetings.request_meeting(ben, amina, [times[1]])


def test_one_to_three_free_times_are_offered(directory, times, edition, amina, ben):
    extra = meeting_time(edition, 12, 15)
    with pytest.raises(MeetingError, match="Offer one to 3 meeting times."):
        meetings.request_meeting(amina, ben, [])
    with pytest.raises(MeetingError, match="Offer one to 3 meeting times."):
        meetings.request_meeting(amina, ben, [*times, extra])
    MeetingPoint.objects.create(edition=edition, name="Room", capacity=5)
    chloe = delegate(edition, organisation="Trace")
    meetings.accept(meetings.request_meeting(chloe, ben, [times[0]]), ben, times[0])
    with pytest.raises(MeetingError, match="Offer only times at which you are both free."):
        meetings.request_meeting(amina, ben, [times[0]])


def test_open_requests_are_limited_per_delegate(directory, times, edition, amina):
    directory.max_open_requests = 2
    directory.save()
    for number in range(2):
        meetings.request_meeting(amina, delegate(edition, organisation=f"O{number}"), [times[0]])
    with pytest.raises(MeetingError, match="You have 2 requests waiting for an answer"):
        meetings.request_meeting(amina, delegate(edition, organisation="O3"), [times[0]])


def test_a_blocked_delegates_requests_never_reach_the_blocker(directory, times, amina, ben):
    meetings.block(ben, amina)
    request = meetings.request_meeting(amina, ben, [times[0]])
    # Amina sees it waiting, as any request; Ben never does and cannot answer it.
    assert request.status == MeetingStatus.REQUESTED and request.silenced
    with pytest.raises(MeetingError, match="Only the delegate asked"):
        meetings.accept(request, ben, times[0])


def test_requests_made_may_be_accepted_after_closing_but_not_once_switched_off(
    directory, times, table, amina, ben
):
    first = meetings.request_meeting(amina, ben, [times[0]])
    second = meetings.request_meeting(
        ben, delegate(directory.edition, organisation="C"), [times[1]]
    )
    directory.meetings_close_at = "2020-01-01T00:00Z"
    directory.save()
    assert meetings.accept(first, ben, times[0]).status == MeetingStatus.ACCEPTED
    directory.meetings_enabled = False
    directory.save()
    with pytest.raises(MeetingError, match="not offered"):
        meetings.accept(second, second.invitee, times[1])

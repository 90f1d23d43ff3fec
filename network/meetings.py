"""Every change to a 1:1 meeting goes through here.

Requests and accepts are decided while the edition's directory page row is locked
(`_locked_directory`), one after another: no delegate is ever in two meetings at one time
and no meeting point holds more meetings than it can, however many accepts race. The
database backs the first rule with a unique constraint (MeetingSeat). On SQLite, where rows
cannot be locked, every transaction takes the database's write lock at its start instead.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from registrations.models import EmailKind, RegistrationStatus
from registrations.services import queue_email

from .directory import profile_of
from .models import (
    DirectoryPage,
    Meeting,
    MeetingBlock,
    MeetingPoint,
    MeetingSeat,
    MeetingStatus,
    MeetingTime,
)

MOST_TIMES_OFFERED = 3
STATE_REFUSALS = {
    "off": "1:1 meetings are not offered at this edition.",
    "not_open": "Meeting requests are not open yet.",
    "closed": "Meeting requests are closed.",
}


class MeetingError(Exception):
    """A change that cannot be made; the message says why, to the delegate."""


def _locked_directory(edition):
    directory = DirectoryPage.objects.child_of(edition).live().first()
    if directory is None:
        raise MeetingError(STATE_REFUSALS["off"])
    return DirectoryPage.objects.select_for_update(of=("self",)).get(pk=directory.pk)


def may_meet(registration):
    """Whether the delegate can ask and be asked: confirmed, listed, not hidden from the
    directory, not suspended from meetings by organisers."""
    if registration.status != RegistrationStatus.CONFIRMED or registration.anonymised_at:
        return False
    if not registration.directory_listing:
        return False
    profile = profile_of(registration)
    return profile is None or not (profile.hidden_at or profile.meetings_suspended)


def busy_times(registration):
    return MeetingSeat.objects.filter(registration=registration).values("time")


def times_both_free(first, second):
    """The edition's meeting times at which neither delegate has a meeting yet."""
    return (
        MeetingTime.objects.filter(edition_id=first.edition_id)
        .exclude(pk__in=busy_times(first))
        .exclude(pk__in=busy_times(second))
        .order_by("day", "starts_at")
    )


def waiting_requests(registration):
    """Requests the delegate made that wait for an answer."""
    return Meeting.objects.filter(requester=registration, status=MeetingStatus.REQUESTED)


def _open_between(first, second):
    return Meeting.objects.filter(
        Q(requester=first, invitee=second) | Q(requester=second, invitee=first),
        status=MeetingStatus.REQUESTED,
    )


def request_meeting(requester, invitee, times, message="", *, share_email=False, now=None):
    """Ask `invitee` for a meeting at one of `times` (one to three of the edition's meeting
    times, free for both). A delegate who blocked the requester never sees the request; the
    requester is not told."""
    now = now or timezone.now()
    with transaction.atomic():
        directory = _locked_directory(requester.edition)
        state = directory.meetings_state(now)
        if state != "open":
            raise MeetingError(STATE_REFUSALS[state])
        if invitee.edition_id != requester.edition_id or invitee.pk == requester.pk:
            raise MeetingError("You can ask another delegate of this edition only.")
        if not may_meet(requester):
            raise MeetingError(
                "Only delegates listed in the directory can ask for meetings: list yourself "
                "first from your registration page."
            )
        if not may_meet(invitee):
            raise MeetingError("This delegate cannot be asked for a meeting.")
        if _open_between(requester, invitee).exists():
            raise MeetingError(
                f"A request between you and {invitee.name} is already waiting for an answer."
            )
        waiting = waiting_requests(requester).count()
        if waiting >= directory.max_open_requests:
            raise MeetingError(
                f"You have {waiting} requests waiting for an answer, the most at once. Wait "
                "for answers, or withdraw one, before asking again."
            )
        times = list(times)
        if not 1 <= len(times) <= MOST_TIMES_OFFERED:
            raise MeetingError(f"Offer one to {MOST_TIMES_OFFERED} meeting times.")
        free = set(times_both_free(requester, invitee).values_list("pk", flat=True))
        if any(time.pk not in free for time in times):
            raise MeetingError("Offer only times at which you are both free.")
        meeting = Meeting.objects.create(
            edition_id=requester.edition_id,
            requester=requester,
            invitee=invitee,
            message=message,
            requester_shares_email=share_email,
            created_at=now,
            silenced=MeetingBlock.objects.filter(blocker=invitee, blocked=requester).exists(),
        )
        meeting.offered_times.set(times)
        if not meeting.silenced:
            queue_email(invitee, EmailKind.MEETING_REQUESTED, about=meeting.pk)
    return meeting


def _free_point(time):
    """A meeting point of the time's edition with room left at that time, or None."""
    return (
        MeetingPoint.objects.filter(edition_id=time.edition_id)
        .annotate(
            used=Count(
                "meetings",
                filter=Q(meetings__time=time, meetings__status=MeetingStatus.ACCEPTED),
            )
        )
        .filter(used__lt=F("capacity"))
        .order_by("name")
        .first()
    )


def _current(meeting):
    return (
        Meeting.objects.select_for_update()
        .select_related("requester", "invitee")
        .get(pk=meeting.pk)
    )


def accept(meeting, by, time, *, share_email=False, now=None):
    """The invitee accepts one of the offered times: the meeting gets a meeting point."""
    now = now or timezone.now()
    with transaction.atomic():
        # Closing stops new requests; those already made may still be accepted.
        if _locked_directory(meeting.edition).meetings_state(now) == "off":
            raise MeetingError(STATE_REFUSALS["off"])
        meeting = _current(meeting)
        if by.pk != meeting.invitee_id or meeting.silenced:
            raise MeetingError("Only the delegate asked can accept this request.")
        if meeting.status != MeetingStatus.REQUESTED:
            raise MeetingError(f"This request is already {meeting.get_status_display().lower()}.")
        if not meeting.offered_times.filter(pk=time.pk).exists():
            raise MeetingError("Choose one of the times offered.")
        if MeetingSeat.objects.filter(registration=meeting.invitee, time=time).exists():
            raise MeetingError(f"You already have a meeting at {time}: choose another time.")
        if MeetingSeat.objects.filter(registration=meeting.requester, time=time).exists():
            raise MeetingError(
                f"{meeting.requester.name} now has another meeting at {time}: choose another "
                "of the times offered."
            )
        point = _free_point(time)
        if point is None:
            raise MeetingError(
                f"Every meeting point is taken at {time}: choose another of the times offered."
            )
        meeting.status = MeetingStatus.ACCEPTED
        meeting.time, meeting.point = time, point
        meeting.answered_at = now
        meeting.invitee_shares_email = share_email
        meeting.sequence += 1
        meeting.save()
        try:
            with transaction.atomic():
                MeetingSeat.objects.bulk_create(
                    MeetingSeat(meeting=meeting, registration=delegate, time=time)
                    for delegate in (meeting.requester, meeting.invitee)
                )
        except IntegrityError:  # the lock makes this unreachable; the constraint stays true
            raise MeetingError(f"One of you already has a meeting at {time}.") from None
        for delegate in (meeting.requester, meeting.invitee):
            queue_email(delegate, EmailKind.MEETING_ACCEPTED, about=meeting.pk)
    return meeting


def decline(meeting, by, note="", now=None):
    with transaction.atomic():
        meeting = _current(meeting)
        if by.pk != meeting.invitee_id or meeting.silenced:
            raise MeetingError("Only the delegate asked can decline this request.")
        if meeting.status != MeetingStatus.REQUESTED:
            raise MeetingError(f"This request is already {meeting.get_status_display().lower()}.")
        meeting.status = MeetingStatus.DECLINED
        meeting.decline_note = note
        meeting.answered_at = now or timezone.now()
        meeting.save()
        queue_email(meeting.requester, EmailKind.MEETING_DECLINED, about=meeting.pk)
    return meeting


def cancel(meeting, by, now=None):
    """Either delegate cancels: a request waiting for an answer, or an accepted meeting,
    whose time is then free for both again."""
    with transaction.atomic():
        meeting = _current(meeting)
        if by.pk not in (meeting.requester_id, meeting.invitee_id):
            raise MeetingError("Only the two delegates can cancel their meeting.")
        if meeting.status not in (MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED):
            raise MeetingError(f"This meeting is already {meeting.get_status_display().lower()}.")
        if meeting.status == MeetingStatus.ACCEPTED:
            meeting.sequence += 1
        meeting.status = MeetingStatus.CANCELLED
        meeting.cancelled_by = by
        meeting.answered_at = meeting.answered_at or now or timezone.now()
        meeting.save()
        meeting.seats.all().delete()
        other = meeting.other(by)
        if not (meeting.silenced and other.pk == meeting.invitee_id):
            queue_email(other, EmailKind.MEETING_CANCELLED, about=meeting.pk)
    return meeting


def block(blocker, blocked):
    """No further requests from `blocked` reach `blocker`; `blocked` is not told."""
    MeetingBlock.objects.get_or_create(blocker=blocker, blocked=blocked)


def end_meetings_of(registration, now=None):
    """A delegate who no longer takes part (cancelled, erased, unlisted, hidden or
    suspended) leaves no request waiting and no meeting standing; the others are told."""
    if may_meet(registration):
        return
    standing = Meeting.objects.filter(
        Q(requester=registration) | Q(invitee=registration),
        status__in=[MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED],
    )
    for meeting in standing:
        cancel(meeting, registration, now)


def end_meetings_after_change(sender, registration, **kwargs):
    end_meetings_of(registration)


def forget_meeting_texts(sender, registration, **kwargs):
    """Erasure: the delegate's messages and notes go, and the blocks that name them."""
    Meeting.objects.filter(requester=registration).update(message="")
    Meeting.objects.filter(invitee=registration).update(decline_note="")
    MeetingBlock.objects.filter(Q(blocker=registration) | Q(blocked=registration)).delete()

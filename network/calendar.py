"""1:1 meetings as iCalendar events, for the two delegates' personal feeds and the e-mail
that tells of an accepted meeting. Like the sessions' events (sessions/calendars/ical.py):
times in UTC, a UID for the meeting's whole life, SEQUENCE rising with each change."""

from icalendar import Event

from django.conf import settings
from django.db.models import Q

from .models import Meeting, MeetingStatus


def meeting_uid(meeting):
    return f"meeting-{meeting.pk}@{settings.CALENDAR_UID_DOMAIN}"


def meeting_event(meeting, registration):
    """The meeting as `registration` (one of its two delegates) sees it."""
    other = meeting.other(registration)
    point = meeting.point
    venue = meeting.edition.venue
    location = ", ".join(
        part
        for part in (point.name, point.directions, venue.one_line_address if venue else "")
        if part
    )
    cancelled = meeting.status == MeetingStatus.CANCELLED
    description = [f"1:1 meeting with {other.name}, {other.job_title}, {other.organisation}."]
    if cancelled:
        description.insert(0, "This meeting has been cancelled.")
    changed = meeting.answered_at or meeting.created_at
    return Event.new(
        uid=meeting_uid(meeting),
        stamp=changed,
        created=meeting.created_at,
        last_modified=changed,
        start=meeting.time.start,
        end=meeting.time.end,
        summary=f"1:1 meeting with {other.name}",
        description="\n\n".join(description),
        location=location,
        sequence=meeting.sequence,
        status="CANCELLED" if cancelled else "CONFIRMED",
        transparency="OPAQUE",
    )


def meeting_events(registration):
    """The delegate's meetings that were agreed, cancelled ones too, so that calendars
    drop them."""
    meetings = (
        Meeting.objects.filter(Q(requester=registration) | Q(invitee=registration))
        .filter(time__isnull=False, point__isnull=False)
        .filter(status__in=[MeetingStatus.ACCEPTED, MeetingStatus.CANCELLED])
        .select_related("requester", "invitee", "time__edition", "point", "edition__venue")
        .order_by("time__day", "time__starts_at", "pk")
    )
    return [meeting_event(meeting, registration) for meeting in meetings]

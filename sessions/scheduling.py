"""Rules a session's time, room, track and speakers must keep within its edition."""

from django.db.models import Q
from django.utils.formats import date_format

from conference.timezones import utc_to_local

from .models import SessionPage, SessionSpeaker, SessionStatus


def _time_range(session, zone_name):
    start = utc_to_local(session.start, zone_name)
    end = utc_to_local(session.end, zone_name)
    return f"{start:%H:%M} to {end:%H:%M} on {date_format(start, 'j F')}"


def _overlapping(edition, *, start, end, exclude_id):
    return (
        SessionPage.objects.descendant_of(edition)
        .filter(status=SessionStatus.SCHEDULED, start__lt=end, end__gt=start)
        .exclude(pk=exclude_id)
    )


def schedule_errors(
    *, edition, session_id, start, end, status, room, track, speakers
) -> dict[str, list[str]]:
    """Problems with a session's schedule, by form field ("__all__" for the session as a whole).

    `session_id` is None for a session not yet saved; `speakers` are Speaker objects.
    """
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    zone = edition.time_zone
    if track is not None and track.edition_id != edition.pk:
        add("track", f"The track “{track}” belongs to another edition.")
    if start is None or end is None:
        return errors
    if end <= start:
        add("end", "The session must end after it starts.")
        return errors
    first_day, last_day = utc_to_local(start, zone).date(), utc_to_local(end, zone).date()
    if first_day < edition.start_date or last_day > edition.end_date:
        add(
            "start",
            f"The session must take place during the edition, between "
            f"{date_format(edition.start_date, 'j F Y')} and "
            f"{date_format(edition.end_date, 'j F Y')} ({zone}).",
        )
    if status != SessionStatus.SCHEDULED:
        return errors

    overlapping = _overlapping(edition, start=start, end=end, exclude_id=session_id)
    if room is not None:
        for other in overlapping.filter(room=room).order_by("start"):
            add(
                "room",
                f"{room.name} is already booked for “{other.title}” "
                f"from {_time_range(other, zone)}.",
            )
    if speakers:
        clashes = (
            SessionSpeaker.objects.filter(
                Q(speaker__in=speakers), session__in=overlapping.values("pk")
            )
            .select_related("speaker", "session")
            .order_by("session__start")
        )
        for link in clashes:
            add(
                "__all__",
                f"{link.speaker.name} is also in “{link.session.title}” "
                f"from {_time_range(link.session, zone)}.",
            )
    return errors

"""Everything iCalendar: the one place that turns sessions into RFC 5545 / RFC 7986 data.

Times are written in UTC, so every client places a session at the same instant whatever
its own zone and whatever it makes of time-zone definitions. Nothing here reads the clock:
the same sessions always give the same bytes.
"""

from datetime import timedelta

from icalendar import Calendar, Event, vDuration, vText

from django.conf import settings

from conference.rich_text import plain_text
from sessions.models import SessionStatus

PRODID = "-//IWT Conference//Agenda//EN"
# How often subscribed clients are asked to fetch the feed again.
REFRESH_INTERVAL = timedelta(hours=1)


def session_uid(session):
    """The same in every feed and for the session's whole life (not tied to title or slug)."""
    return f"session-{session.pk}@{settings.CALENDAR_UID_DOMAIN}"


def session_speaker_lines(session):
    lines = []
    for link in session.session_speakers.all():
        speaker = link.speaker
        line = speaker.name
        if speaker.organisation:
            line += f" ({speaker.organisation.name})"
        if link.role != "speaker":
            line += f", {link.get_role_display().lower()}"
        lines.append(line)
    return lines


def session_location(session):
    """Room, venue and address on one line; empty when the session has no room."""
    if session.room is None:
        return ""
    return ", ".join([session.room.name, session.room.venue.one_line_address])


def session_description(session, url):
    parts = []
    if session.is_cancelled:
        parts.append("This session has been cancelled.")
    if session.access_statement:
        parts.append(session.access_statement)
    if abstract := plain_text(session.abstract):
        parts.append(abstract)
    speakers = session_speaker_lines(session)
    if speakers:
        parts.append("Speakers:\n" + "\n".join(speakers))
    details = [session.get_kind_display()]
    if session.track:
        details.append(f"Track: {session.track.name}")
    if session.room:
        details.append(f"Room: {session.room.name}")
    parts.append("\n".join(details))
    parts.append(url)
    return "\n\n".join(parts)


def session_event(session, url):
    changed = session.last_published_at or session.first_published_at or session.start
    event = Event.new(
        uid=session_uid(session),
        stamp=changed,
        created=session.first_published_at or changed,
        last_modified=changed,
        start=session.start,
        end=session.end,
        summary=session.title,
        description=session_description(session, url),
        location=session_location(session) or None,
        url=url,
        categories=(
            [session.track.name, session.get_kind_display()]
            if session.track
            else [session.get_kind_display()]
        ),
        sequence=session.sequence,
        status="CANCELLED" if session.status == SessionStatus.CANCELLED else "CONFIRMED",
        transparency="OPAQUE",
    )
    venue = session.room.venue if session.room else None
    if venue is not None and venue.latitude is not None and venue.longitude is not None:
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    return event


def build_calendar(*, feed_id, sessions, name, description, url, session_url, more_events=()):
    """A whole calendar as bytes. `session_url(session)` gives each session's absolute URL;
    `more_events` are other VEVENTs to add (an attendee's 1:1 meetings)."""
    return calendar_of_events(
        feed_id=feed_id,
        name=name,
        description=description,
        url=url,
        events=[session_event(session, session_url(session)).to_ical() for session in sessions],
        more_events=more_events,
    )


CALENDAR_END = b"END:VCALENDAR\r\n"


def calendar_of_events(*, feed_id, name, description, url, events, more_events=()):
    """A whole calendar as bytes around `events`, VEVENTs already as bytes (the same bytes
    as if the calendar had written them: each component is written on its own), and the
    Event components `more_events`."""
    calendar = Calendar.new(
        uid=f"{feed_id}@{settings.CALENDAR_UID_DOMAIN}",
        prodid=PRODID,
        version="2.0",
        calscale="GREGORIAN",
        method="PUBLISH",
        url=url,
        refresh_interval=REFRESH_INTERVAL,
    )
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    # RFC 7986 names, then the same facts under the names older clients read; all as
    # escaped TEXT (commas and semicolons in a name must not split it).
    for property_name, value in (
        ("NAME", name),
        ("X-WR-CALNAME", name),
        ("DESCRIPTION", description),
        ("X-WR-CALDESC", description),
    ):
        calendar.add(property_name, vText(value))
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    head = calendar.to_ical().removesuffix(CALENDAR_END)
    return b"".join([head, *events, *(event.to_ical() for event in more_events), CALENDAR_END])

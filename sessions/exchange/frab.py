"""The programme in the frab schedule format (schedule.xml and schedule.json).

frab's format, also exported by pretalx and read by conference apps such as Giggity,
ConfClerk and EventFahrplan: a conference header, then days, the rooms of each day and the
events in each room. One dictionary is built from the public sessions and written out both
as c3voc's JSON and as frab's XML, so the two files always agree.

Cancelled sessions stay in the files, as they do on the agenda and in the calendar feeds:
frab has no status field, so the title starts with "Cancelled: " and the abstract says so.
An app that already shows the session then shows it as cancelled instead of losing it.
Nor has frab a field for who may attend: the abstract starts with the session's access
statement (Chatham House Rule, or closed and to whom), after the cancellation note if any;
the importer strips both off again (ACCESS_STATEMENT).
"""

import json
import re
import uuid
import xml.etree.ElementTree as ET
from datetime import timedelta

from django.conf import settings
from django.utils.text import slugify

from conference.rich_text import plain_text
from conference.timezones import local_day_bounds, utc_to_local
from sessions.models import CHATHAM_HOUSE_MEANING, CLOSED_PREFIX

CANCELLED_PREFIX = "Cancelled: "
CANCELLED_NOTE = "This session has been cancelled."
# The start of an abstract that SessionPage.access_statement wrote, up to its line's end.
ACCESS_STATEMENT = re.compile(
    rf"\A(?:Chatham House Rule: {re.escape(CHATHAM_HOUSE_MEANING)}"
    rf"|Closed\. {re.escape(CLOSED_PREFIX)}[^\n]*)(?:\n|\Z)"
)
GENERATOR = {"name": "iwt-conference", "version": "1"}
JSON_SCHEMA = "https://c3voc.de/schedule/schema.json"
TIMESLOT = "00:05"
NO_ROOM = "Room to be announced"


def _namespace():
    return uuid.uuid5(uuid.NAMESPACE_URL, f"https://{settings.CALENDAR_UID_DOMAIN}/")


def session_guid(session):
    """Stable for the session's whole life: made from its id, not its title, slug or time."""
    return str(uuid.uuid5(_namespace(), f"session/{session.pk}"))


def speaker_guid(speaker):
    return str(uuid.uuid5(_namespace(), f"speaker/{speaker.pk}"))


def room_guid(room):
    return str(uuid.uuid5(_namespace(), f"room/{room.pk if room else 'none'}"))


def acronym(edition):
    """The edition's slug as frab acronyms are written: a-z, 0-9 and _, four or more."""
    return re.sub(r"[^a-z0-9_]", "_", edition.slug.lower()).ljust(4, "_")


def hours_minutes(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _event(session, *, edition, url):
    local_start = utc_to_local(session.start, edition.time_zone)
    cancelled = session.is_cancelled
    notes = [CANCELLED_NOTE] if cancelled else []
    if session.access_statement:
        notes.append(session.access_statement)
    abstract = "\n\n".join([*notes, plain_text(session.abstract)]).strip()
    slug = "-".join(
        part for part in (acronym(edition), str(session.pk), slugify(session.slug)) if part
    )
    return {
        "guid": session_guid(session),
        "id": session.pk,
        "date": local_start.isoformat(timespec="seconds"),
        "start": local_start.strftime("%H:%M"),
        "duration": hours_minutes(session.end - session.start),
        "room": session.room.name if session.room else NO_ROOM,
        "slug": slug.strip("-_"),
        "url": url,
        "title": f"{CANCELLED_PREFIX}{session.title}" if cancelled else session.title,
        "subtitle": "",
        "track": session.track.name if session.track else None,
        "type": session.kind,
        "language": "en",
        "abstract": abstract,
        "description": "",
        "persons": [
            {
                "id": link.speaker.pk,
                "guid": speaker_guid(link.speaker),
                "public_name": link.speaker.name,
            }
            for link in session.session_speakers.all()
        ],
        "links": [],
    }


def _room_key(room):
    return (0, room.sort_order, room.name) if room else (1, 0, "")


def build_schedule(*, edition, sessions, version, edition_url, session_url):
    """The schedule as c3voc's JSON document; `session_url(session)` gives absolute URLs."""
    sessions = list(sessions)
    by_day = {}
    for session in sessions:
        day = utc_to_local(session.start, edition.time_zone).date()
        by_day.setdefault(day, []).append(session)
    days = sorted(set(edition.days) | set(by_day))
    rooms = sorted({session.room for session in sessions}, key=_room_key)
    tracks = {session.track.pk: session.track for session in sessions if session.track}
    return {
        "$schema": JSON_SCHEMA,
        "generator": GENERATOR,
        "schedule": {
            "version": version,
            "base_url": edition_url,
            "conference": {
                "acronym": acronym(edition),
                "title": edition.title,
                "start": edition.start_date.isoformat(),
                "end": edition.end_date.isoformat(),
                "daysCount": len(days),
                "timeslot_duration": TIMESLOT,
                "time_zone_name": edition.time_zone,
                "url": edition_url,
                "rooms": [
                    {
                        "name": room.name if room else NO_ROOM,
                        "guid": room_guid(room),
                        "capacity": room.capacity if room else None,
                    }
                    for room in rooms
                ],
                "tracks": [
                    {"name": track.name, "color": track.colour}
                    for track in sorted(tracks.values(), key=lambda t: (t.sort_order, t.name))
                ],
                "days": [
                    _day(index, day, by_day.get(day, []), edition=edition, session_url=session_url)
                    for index, day in enumerate(days, start=1)
                ],
            },
        },
    }


def _day(index, day, sessions, *, edition, session_url):
    start, end = local_day_bounds(day, edition.time_zone)
    rooms = {}
    for session in sorted(sessions, key=lambda session: _room_key(session.room)):
        event = _event(session, edition=edition, url=session_url(session))
        rooms.setdefault(event["room"], []).append(event)
    for events in rooms.values():
        events.sort(key=lambda event: event["date"])
    return {
        "index": index,
        "date": day.isoformat(),
        "day_start": utc_to_local(start, edition.time_zone).isoformat(timespec="seconds"),
        "day_end": utc_to_local(end, edition.time_zone).isoformat(timespec="seconds"),
        "rooms": rooms,
    }


def to_json(schedule) -> bytes:
    return json.dumps(schedule, ensure_ascii=False, indent=2).encode()


XML_CONFERENCE_FIELDS = [
    ("acronym", "acronym"),
    ("title", "title"),
    ("start", "start"),
    ("end", "end"),
    ("days", "daysCount"),
    ("timeslot_duration", "timeslot_duration"),
    ("time_zone_name", "time_zone_name"),
    ("url", "url"),
]
XML_EVENT_FIELDS = [
    "date",
    "start",
    "duration",
    "room",
    "slug",
    "url",
    "title",
    "subtitle",
    "track",
    "type",
    "language",
    "abstract",
    "description",
]


def _text(parent, tag, value, **attributes):
    element = ET.SubElement(parent, tag, attributes)
    element.text = "" if value is None else str(value)
    return element


def to_xml(schedule) -> bytes:
    """frab's schedule.xml, with the same facts as the JSON document."""
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", schedule["generator"])
    body = schedule["schedule"]
    _text(root, "version", body["version"])
    conference = body["conference"]
    header = ET.SubElement(root, "conference")
    for tag, key in XML_CONFERENCE_FIELDS:
        _text(header, tag, conference[key])
    for day in conference["days"]:
        day_element = ET.SubElement(
            root,
            "day",
            index=str(day["index"]),
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for room_name, events in day["rooms"].items():
            guid = next(room["guid"] for room in conference["rooms"] if room["name"] == room_name)
            room_element = ET.SubElement(day_element, "room", name=room_name, guid=guid)
            for event in events:
                element = ET.SubElement(
                    room_element, "event", id=str(event["id"]), guid=event["guid"]
                )
                for tag in XML_EVENT_FIELDS:
                    _text(element, tag, event[tag])
                persons = ET.SubElement(element, "persons")
                for person in event["persons"]:
                    _text(
                        persons,
                        "person",
                        person["public_name"],
                        id=str(person["id"]),
                        guid=person["guid"],
                    )
                links = ET.SubElement(element, "links")
                for link in event["links"]:
                    _text(links, "link", link["title"], href=link["url"])
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()

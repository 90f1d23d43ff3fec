"""A programme of any size written as pretalx writes its frab schedule.xml (the shape of
tests/sessions/samples/pretalx/schedule.xml), for the import benchmark (manage.py
bench_import)."""

import uuid
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

TIME_ZONE = "Europe/Berlin"
FIRST_DAY = date(2031, 9, 9)
SLOTS_PER_DAY = 8  # 45-minute talks from 09:00, one an hour
TRACKS = ["Online markets", "Enforcement", "Finance", "Communities", "Technology"]


def _text(parent, tag, text="", **attributes):
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def pretalx_schedule_xml(talks: int, acronym="bench") -> tuple[bytes, date, date]:
    """The file, and the first and last day it covers. A room for each 40 talks (at least
    three); one or two speakers a talk, from a pool of nine people for every ten talks."""
    rooms = [f"Room {n + 1}" for n in range(max(3, talks // 40))]
    per_day = len(rooms) * SLOTS_PER_DAY
    days = -(-talks // per_day)
    people = max(1, talks * 9 // 10)
    zone = ZoneInfo(TIME_ZONE)
    last_day = FIRST_DAY + timedelta(days=days - 1)
    root = ET.Element("schedule")
    _text(root, "generator", name="pretalx", version="2025.2.2")
    _text(root, "version", "1.0")
    conference = _text(root, "conference")
    for tag, value in [
        ("title", "Benchmark Summit"),
        ("acronym", acronym),
        ("start", FIRST_DAY.isoformat()),
        ("end", last_day.isoformat()),
        ("days", str(days)),
        ("timeslot_duration", "00:05"),
        ("base_url", "https://pretalx.example.org"),
        ("time_zone_name", TIME_ZONE),
    ]:
        _text(conference, tag, value)
    number = 0
    for day_index in range(days):
        day = FIRST_DAY + timedelta(days=day_index)
        day_element = _text(root, "day", index=str(day_index + 1), date=day.isoformat())
        for room in rooms:
            room_element = _text(
                day_element, "room", name=room, guid=str(uuid.uuid5(uuid.NAMESPACE_URL, room))
            )
            for slot in range(SLOTS_PER_DAY):
                if number == talks:
                    break
                start = datetime.combine(day, datetime.min.time(), zone) + timedelta(
                    hours=9 + slot
                )
                code = f"B{number:05d}"
                event = _text(
                    room_element,
                    "event",
                    guid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{acronym}/{code}")),
                    id=str(1000 + number),
                )
                for tag, value in [
                    ("room", room),
                    ("title", f"Talk {number}: tracing ivory & pangolin scales sold online"),
                    ("subtitle", ""),
                    ("type", "Talk"),
                    ("date", start.isoformat()),
                    ("start", start.strftime("%H:%M")),
                    ("duration", "00:45"),
                    (
                        "abstract",
                        "How sellers move from markets to platforms, and how "
                        "platforms and police find them.",
                    ),
                    ("slug", f"{acronym}-{1000 + number}-talk-{number}"),
                    ("track", TRACKS[number % len(TRACKS)]),
                ]:
                    _text(event, tag, value)
                persons = _text(event, "persons")
                for offset in range(1 + number % 2):
                    person = (number + offset * 7) % people
                    _text(persons, "person", f"Person {person} Example", id=str(5000 + person))
                _text(event, "language", "en")
                _text(event, "url", f"https://pretalx.example.org/{acronym}/talk/{code}/")
                number += 1
    content = b"<?xml version='1.0' encoding='utf-8' ?>\n" + ET.tostring(root, encoding="utf-8")
    return content, FIRST_DAY, last_day

"""Reading a programme file: one parser per format, each giving the same plain rows.

Formats: CSV with the columns documented in docs/organisers-guide.md (a sample in
docs/samples/programme.csv), and the frab schedule as XML or JSON, as frab, pretalx and
this site's own export write it. Parsers check what the file alone can tell (a required
value missing, a date that is not a date) and give a Problem for each; what needs the
database (duplicates, rooms, speakers) is checked in programme_import.py.
"""

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import PurePath

from .frab import CANCELLED_NOTE, CANCELLED_PREFIX

FORMATS = ["csv", "frab-xml", "frab-json"]
EXTENSIONS = {".csv": "csv", ".xml": "frab-xml", ".json": "frab-json"}
CSV_REQUIRED = ["id", "title", "date", "start", "end"]
CSV_OPTIONAL = ["kind", "status", "room", "track", "speakers", "speaker_ids", "topics", "abstract"]


@dataclass(frozen=True)
class Problem:
    where: str  # "row 3", "event 2", or "file"
    field: str
    message: str

    def __str__(self):
        return f"{self.where}, {self.field}: {self.message}"


@dataclass(frozen=True)
class SpeakerRow:
    external_id: str
    name: str


@dataclass(frozen=True)
class SessionRow:
    """One session as a file gives it. `start` and `end` are naive wall-clock times in the
    edition's zone, or aware times (a frab date with its offset)."""

    where: str
    external_id: str
    title: str
    start: datetime
    end: datetime
    kind: str = ""
    status: str = ""
    room: str = ""
    track: str = ""
    abstract: str = ""  # plain text, paragraphs separated by blank lines
    speakers: tuple[SpeakerRow, ...] = ()
    topics: tuple[str, ...] | None = None  # None: the format has no topics (frab)


@dataclass
class ParsedFile:
    rows: list[SessionRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # frab event types differ between tools: one that is no session kind becomes a talk.
    lenient_kinds: bool = False


class UnknownFormat(ValueError):
    pass


def guess_format(filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    if suffix not in EXTENSIONS:
        raise UnknownFormat(
            f"Cannot tell the format of “{filename}”: name it .csv, .xml or .json, "
            "or give the format."
        )
    return EXTENSIONS[suffix]


def parse_file(content: bytes, filename: str, file_format: str | None = None) -> ParsedFile:
    parser = {"csv": parse_csv, "frab-xml": parse_frab_xml, "frab-json": parse_frab_json}[
        file_format or guess_format(filename)
    ]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ParsedFile(problems=[Problem("file", "encoding", "The file is not UTF-8 text.")])
    return parser(text)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _clock(value: str) -> time:
    """A time of day as HH:MM (or HH:MM:SS)."""
    return time.fromisoformat(value.strip())


def parse_csv(text: str) -> ParsedFile:
    parsed = ParsedFile()
    reader = csv.DictReader(io.StringIO(text))
    columns = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in CSV_REQUIRED if name not in columns]
    if missing:
        parsed.problems.append(
            Problem("file", "columns", f"Required columns are missing: {', '.join(missing)}.")
        )
        return parsed
    for record in reader:
        where = f"row {reader.line_num}"
        values = {
            (key or "").strip(): (value or "").strip()
            for key, value in record.items()
            if isinstance(value, str | type(None))
        }
        row_problems = [
            Problem(where, name, "A value is required.")
            for name in CSV_REQUIRED
            if not values.get(name)
        ]
        start = end = None
        if not any(problem.field == "date" for problem in row_problems):
            try:
                day = date.fromisoformat(values["date"])
            except ValueError:
                row_problems.append(
                    Problem(where, "date", f"“{values['date']}” is not a date as YYYY-MM-DD.")
                )
                day = None
            for name in ("start", "end"):
                if day is None or not values.get(name):
                    continue
                try:
                    moment = datetime.combine(day, _clock(values[name]))
                except ValueError:
                    row_problems.append(
                        Problem(where, name, f"“{values[name]}” is not a time as HH:MM.")
                    )
                    continue
                if name == "start":
                    start = moment
                else:
                    end = moment
        names, ids = _split(values.get("speakers", "")), _split(values.get("speaker_ids", ""))
        if len(names) != len(ids):
            row_problems.append(
                Problem(
                    where,
                    "speaker_ids",
                    f"{len(names)} speakers but {len(ids)} speaker ids: give one id per "
                    "speaker, in the same order, separated by semicolons.",
                )
            )
        if row_problems:
            parsed.problems.extend(row_problems)
            continue
        parsed.rows.append(
            SessionRow(
                where=where,
                external_id=values["id"],
                title=values["title"],
                start=start,
                end=end,
                kind=values.get("kind", "").lower(),
                status=values.get("status", "").lower(),
                room=values.get("room", ""),
                track=values.get("track", ""),
                abstract=values.get("abstract", ""),
                speakers=tuple(
                    SpeakerRow(external_id=i, name=n) for i, n in zip(ids, names, strict=True)
                ),
                topics=_split(values.get("topics", "")),
            )
        )
    return parsed


def _duration(value: str) -> timedelta:
    parts = [int(part) for part in value.strip().split(":")]
    if len(parts) not in (2, 3) or any(part < 0 for part in parts):
        raise ValueError(value)
    return timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2] if len(parts) == 3 else 0)


def _frab_row(number: int, event: dict) -> tuple[SessionRow | None, list[Problem]]:
    """A session from a frab event given as a dict of its fields (from XML or JSON)."""
    external_id = str(event.get("guid") or event.get("id") or "").strip()
    where = f"event {number}" + (f" ({external_id})" if external_id else "")
    problems = []
    if not external_id:
        problems.append(Problem(where, "guid", "An event needs a guid or an id."))
    title = str(event.get("title") or "").strip()
    if not title:
        problems.append(Problem(where, "title", "A value is required."))
    start = None
    try:
        start = datetime.fromisoformat(str(event.get("date") or "").strip())
    except ValueError:
        problems.append(
            Problem(where, "date", f"“{event.get('date')}” is not a date and time in ISO form.")
        )
    duration = None
    try:
        duration = _duration(str(event.get("duration") or ""))
    except ValueError:
        problems.append(
            Problem(where, "duration", f"“{event.get('duration')}” is not a duration as HH:MM.")
        )
    if problems:
        return None, problems
    status = ""
    if title.startswith(CANCELLED_PREFIX):
        title, status = title.removeprefix(CANCELLED_PREFIX), "cancelled"
    abstract = str(event.get("abstract") or "").strip()
    abstract = abstract.removeprefix(CANCELLED_NOTE).strip() if status else abstract
    description = str(event.get("description") or "").strip()
    if description and description != abstract:
        abstract = f"{abstract}\n\n{description}".strip()
    speakers = tuple(
        SpeakerRow(
            external_id=str(person.get("guid") or person.get("code") or person.get("id") or ""),
            name=str(person.get("public_name") or person.get("name") or "").strip(),
        )
        for person in event.get("persons") or []
    )
    for speaker in speakers:
        if not speaker.external_id or not speaker.name:
            problems.append(Problem(where, "persons", "Each person needs an id and a name."))
            return None, problems
    row = SessionRow(
        where=where,
        external_id=external_id,
        title=title,
        start=start,
        end=start + duration,
        kind=str(event.get("type") or "").strip(),
        status=status,
        room=str(event.get("room") or "").strip(),
        track=str(event.get("track") or "").strip(),
        abstract=abstract,
        speakers=speakers,
    )
    return row, []


def _collect(events) -> ParsedFile:
    parsed = ParsedFile(lenient_kinds=True)
    for number, event in enumerate(events, start=1):
        row, problems = _frab_row(number, event)
        parsed.problems.extend(problems)
        if row is not None:
            parsed.rows.append(row)
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(Problem("file", "day", "The schedule holds no events."))
    return parsed


def parse_frab_json(text: str) -> ParsedFile:
    try:
        document = json.loads(text)
        days = document["schedule"]["conference"]["days"]
        events = [
            event for day in days for room_events in day["rooms"].values() for event in room_events
        ]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        message = f"Not a frab schedule.json (schedule → conference → days → rooms): {error}."
        return ParsedFile(problems=[Problem("file", "schedule", message)], lenient_kinds=True)
    return _collect(event for event in events if isinstance(event, dict))


def _xml_event(element) -> dict:
    event = {child.tag: (child.text or "") for child in element if len(child) == 0}
    event.update(guid=element.get("guid", ""), id=element.get("id", ""))
    event["persons"] = [
        {"guid": person.get("guid"), "id": person.get("id"), "name": person.text or ""}
        for person in element.iterfind("persons/person")
    ]
    return event


def parse_frab_xml(text: str) -> ParsedFile:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        return ParsedFile(problems=[Problem("file", "xml", f"The XML cannot be read: {error}.")])
    if root.tag != "schedule":
        return ParsedFile(
            problems=[Problem("file", "schedule", "Not a frab schedule.xml (no <schedule>).")]
        )
    return _collect(_xml_event(element) for element in root.iterfind("day/room/event"))

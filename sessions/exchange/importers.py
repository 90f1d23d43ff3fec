"""Reading a programme file: one parser per format, each giving the same plain rows.

Formats: CSV with the columns documented in docs/organisers-guide.md (a sample in
docs/samples/programme.csv); the frab schedule as XML or JSON, as frab, pretalx and this
site's own export write it; and pentabarf XML, the older shape frab grew out of, as wafer
exports it (no event guids, times of day under each day's date). Parsers check what the file
alone can tell (a required value missing, a date that is not a date) and give a Problem for
each; what needs the database (duplicates, rooms, speakers, the edition's dates) is checked
in programme_import.py.

Every file also says what it can about itself (FileSource): the tool that wrote it and the
conference it describes, which scope the ids it gives (the same id from two sources names two
different things), and the conference's dates and time zone, which the import compares with
the edition's before writing anything.
"""

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import PurePath

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_untrusted_xml

from .frab import ACCESS_STATEMENT, CANCELLED_NOTE, CANCELLED_PREFIX

FORMATS = ["csv", "xml", "json"]
EXTENSIONS = {".csv": "csv", ".xml": "xml", ".json": "json"}
CSV_REQUIRED = ["id", "title", "date", "start", "end"]
CSV_OPTIONAL = ["kind", "status", "room", "track", "speakers", "speaker_ids", "topics", "abstract"]
# The ids a frab event or person may carry, the most specific first: a match on an earlier
# one is trusted before a later one is looked at.
ID_SCHEMES = ("guid", "code", "id")


@dataclass(frozen=True)
class Problem:
    where: str  # "row 3", "event 2", or "file"
    field: str
    message: str

    def __str__(self):
        return f"{self.where}, {self.field}: {self.message}"


@dataclass(frozen=True)
class SpeakerRow:
    name: str
    keys: tuple[str, ...]  # "scheme:value", in ID_SCHEMES order


@dataclass(frozen=True)
class SessionRow:
    """One session as a file gives it. `start` and `end` are naive wall-clock times (in the
    file's zone when it names one, else the edition's), or aware times (a frab date with its
    offset)."""

    where: str
    keys: tuple[str, ...]  # "scheme:value", in ID_SCHEMES order; never empty
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


@dataclass(frozen=True)
class FileSource:
    """What a file says about itself; CSV says nothing but its format."""

    format: str  # as shown: "CSV", "frab XML", "frab JSON", "pentabarf XML"
    tool: str = ""  # the generator the file names ("pretalx"), else its format's family
    conference: str = ""  # the conference's acronym, else its title
    title: str = ""
    start_date: date | None = None
    end_date: date | None = None
    time_zone: str = ""

    @property
    def key(self) -> str:
        """Where the file's ids mean something. CSV ids are the organisers' own, the same
        in every spreadsheet; a tool's ids are its own within one conference."""
        if not self.tool:
            return "csv"
        return f"{self.tool} {self.conference}".casefold()[:200]


@dataclass
class ParsedFile:
    source: FileSource = field(default_factory=lambda: FileSource(format=""))
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
    file_format = file_format or guess_format(filename)
    parser = {"csv": parse_csv, "xml": parse_xml, "json": parse_frab_json}[file_format]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _refused("encoding", "The file is not UTF-8 text.")
    return parser(text)


def _refused(field_name, message, source=None) -> ParsedFile:
    return ParsedFile(
        source=source or FileSource(format=""), problems=[Problem("file", field_name, message)]
    )


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _clock(value: str) -> time:
    """A time of day as HH:MM (or HH:MM:SS)."""
    return time.fromisoformat(value.strip())


def _day(value) -> date | None:
    """A conference's start or end: a date, or a date and time (some frab versions)."""
    try:
        return date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        return None


def parse_csv(text: str) -> ParsedFile:
    parsed = ParsedFile(source=FileSource(format="CSV"))
    if text.lstrip().startswith(("<", "{", "[")):
        parsed.problems.append(
            Problem("file", "format", "The file is not CSV: it looks like XML or JSON.")
        )
        return parsed
    reader = csv.DictReader(io.StringIO(text))
    try:
        columns = [name.strip() for name in reader.fieldnames or []]
    except csv.Error as error:
        parsed.problems.append(Problem("file", "format", f"The CSV cannot be read: {error}."))
        return parsed
    missing = [name for name in CSV_REQUIRED if name not in columns]
    if missing:
        parsed.problems.append(
            Problem("file", "columns", f"Required columns are missing: {', '.join(missing)}.")
        )
        return parsed
    try:
        for record in reader:
            _csv_record(record, f"row {reader.line_num}", parsed)
    except csv.Error as error:
        parsed.rows.clear()
        parsed.problems[:] = [
            Problem("file", "format", f"The CSV breaks off at line {reader.line_num}: {error}.")
        ]
    return parsed


def _csv_record(record, where, parsed):
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
        return
    parsed.rows.append(
        SessionRow(
            where=where,
            keys=(f"id:{values['id']}",),
            title=values["title"],
            start=start,
            end=end,
            kind=values.get("kind", "").lower(),
            status=values.get("status", "").lower(),
            room=values.get("room", ""),
            track=values.get("track", ""),
            abstract=values.get("abstract", ""),
            speakers=tuple(
                SpeakerRow(name=name, keys=(f"id:{speaker_id}",))
                for speaker_id, name in zip(ids, names, strict=True)
            ),
            topics=_split(values.get("topics", "")),
        )
    )


def _duration(value: str) -> timedelta:
    parts = [int(part) for part in value.strip().split(":")]
    if len(parts) not in (2, 3) or any(part < 0 for part in parts):
        raise ValueError(value)
    return timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2] if len(parts) == 3 else 0)


def _keys(thing: dict) -> tuple[str, ...]:
    return tuple(
        f"{scheme}:{str(thing[scheme]).strip()}"
        for scheme in ID_SCHEMES
        if str(thing.get(scheme) or "").strip()
    )


def _event_start(event: dict) -> datetime:
    """A frab event's `date` (ISO, with its offset), or pentabarf's day date and `start`."""
    if event.get("date"):
        return datetime.fromisoformat(str(event["date"]).strip())
    day, clock = event.get("day_date"), _clock(str(event.get("start") or ""))
    start = datetime.combine(date.fromisoformat(day), clock)
    if event.get("day_change") and clock < event["day_change"]:
        start += timedelta(days=1)  # after midnight, still listed under the day before
    return start


def _frab_row(number: int, event: dict) -> tuple[SessionRow | None, list[Problem]]:
    """A session from a frab or pentabarf event given as a dict of its fields."""
    keys = _keys(event)
    where = f"event {number}" + (f" ({keys[0].partition(':')[2]})" if keys else "")
    problems = []
    if not keys:
        problems.append(Problem(where, "guid", "An event needs a guid or an id."))
    title = str(event.get("title") or "").strip()
    if not title:
        problems.append(Problem(where, "title", "A value is required."))
    start = None
    try:
        start = _event_start(event)
    except (ValueError, TypeError):
        shown = event.get("date") or f"{event.get('day_date')} {event.get('start')}"
        problems.append(Problem(where, "date", f"“{shown}” is not a date and time in ISO form."))
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
    abstract = ACCESS_STATEMENT.sub("", abstract, count=1).strip()  # our export's; see frab.py
    description = str(event.get("description") or "").strip()
    if description and description != abstract:
        abstract = f"{abstract}\n\n{description}".strip()
    speakers = tuple(
        SpeakerRow(
            name=str(person.get("public_name") or person.get("name") or "").strip(),
            keys=_keys(person),
        )
        for person in event.get("persons") or []
        if isinstance(person, dict)
    )
    if any(not speaker.name for speaker in speakers):
        return None, [Problem(where, "persons", "Each person needs a name.")]
    row = SessionRow(
        where=where,
        keys=keys,
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


def _collect(events, source) -> ParsedFile:
    parsed = ParsedFile(source=source, lenient_kinds=True)
    for number, event in enumerate(events, start=1):
        row, problems = _frab_row(number, event)
        parsed.problems.extend(problems)
        if row is not None:
            parsed.rows.append(row)
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(Problem("file", "day", "The schedule holds no events."))
    return parsed


def _source(file_format, generator, conference) -> FileSource:
    """`generator` and `conference` as dicts of their fields."""
    family = file_format.split()[0]  # frab or pentabarf
    return FileSource(
        format=file_format,
        tool=str(generator.get("name") or family).strip()[:50],
        conference=str(conference.get("acronym") or conference.get("title") or "").strip(),
        title=str(conference.get("title") or "").strip(),
        start_date=_day(conference.get("start")),
        end_date=_day(conference.get("end")),
        time_zone=str(conference.get("time_zone_name") or "").strip(),
    )


def parse_frab_json(text: str) -> ParsedFile:
    source = FileSource(format="frab JSON", tool="frab")
    if text.lstrip().startswith("<"):
        return _refused("format", "The file is not JSON: it looks like XML.", source)
    try:
        document = json.loads(text)
        conference = document["schedule"]["conference"]
        days = conference["days"]
        events = [
            event for day in days for room_events in day["rooms"].values() for event in room_events
        ]
        generator = document.get("generator") or {}
        source = _source("frab JSON", generator if isinstance(generator, dict) else {}, conference)
    except ValueError as error:
        return _refused("format", f"The file is not JSON: {error}.", source)
    except (KeyError, TypeError, AttributeError) as error:
        message = f"Not a frab schedule.json (schedule → conference → days → rooms): {error}."
        return _refused("schedule", message, source)
    return _collect((event for event in events if isinstance(event, dict)), source)


def _xml_fields(element) -> dict:
    return {child.tag: (child.text or "").strip() for child in element if len(child) == 0}


def _xml_event(element, day) -> dict:
    event = _xml_fields(element)
    event.update({name: element.get(name, "") for name in ID_SCHEMES})
    event.update(day_date=day.get("date", ""), day_change=day.get("day_change"))
    event["persons"] = [
        {**{name: person.get(name, "") for name in ID_SCHEMES}, "name": person.text or ""}
        for person in element.iterfind("persons/person")
    ]
    return event


def parse_xml(text: str) -> ParsedFile:
    """frab's schedule.xml, or pentabarf's as wafer writes it: told apart by the events,
    which carry their `date` in frab's and only a `start` under their day's date in
    pentabarf's."""
    source = FileSource(format="frab XML", tool="frab")
    if text.lstrip().startswith(("{", "[")):
        return _refused("format", "The file is not XML: it looks like JSON.", source)
    try:
        root = parse_untrusted_xml(text)
    except ET.ParseError as error:
        return _refused("xml", f"The XML cannot be read: {error}.", source)
    except DefusedXmlException:
        return _refused(
            "xml", "The XML declares entities or a DTD, which are not accepted.", source
        )
    if root.tag != "schedule":
        return _refused("schedule", "Not a frab or pentabarf schedule (no <schedule>).", source)
    conference = root.find("conference")
    conference_fields = _xml_fields(conference) if conference is not None else {}
    day_change = conference_fields.get("day_change")
    try:
        day_change = _clock(day_change) if day_change else None
    except ValueError:
        day_change = None
    elements = [
        (element, day) for day in root.iterfind("day") for element in day.iterfind("room/event")
    ]
    generator = root.find("generator")
    generator = dict(generator.attrib) if generator is not None else {}
    # wafer calls its export pentabarf; older pentabarf files give no event dates.
    is_pentabarf = generator.get("name") == "wafer" or not any(
        element.find("date") is not None for element, _ in elements
    )
    source = _source(
        "pentabarf XML" if is_pentabarf and elements else "frab XML", generator, conference_fields
    )
    events = []
    for element, day in elements:
        event = _xml_event(element, day)
        event["day_change"] = day_change
        events.append(event)
    return _collect(events, source)

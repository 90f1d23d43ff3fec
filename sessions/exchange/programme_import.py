"""Writing an imported programme: plan every row against the database, then write all or none.

Identity. Every id a file gives is kept as an ExternalKey within the file's source (the tool
and the conference it describes, or "csv"), so ids from two sources never meet. A session is
the one under the edition holding one of the row's keys in that source, the most specific
first (guid, code, id). A speaker is, in order: the one holding one of the person's keys in
the source ("matched by id"); the one holding the person's name in the source and no other
id of the same kind ("matched by name": pretalx's XML names a person by id, its JSON by code
and guid, and both by name); a speaker of that exact name with no key in the source yet
(the same person from another tool, "matched by name"); else a new speaker. Every key the
file gives is recorded, so the other format of the same programme is then matched by id.
Rooms are matched by name within the edition's venue and tracks by name within the edition.

Refused before anything is written: any row with a problem, a file whose time zone is not the
edition's, and sessions outside the edition's dates, each named once. A session is written
only when something about it changed, so importing the same file again makes no revision.

New sessions go under the edition's agenda page: published when that page is live, else left
as drafts. A changed session gets a new revision, published when the session is live. "As a
new edition" makes the edition from the file (title, dates, zone) with its agenda and
speakers pages, all left as drafts for review. A dry run plans and writes nothing.
"""

from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from html import escape

from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler as index_for_search

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.formats import date_format
from django.utils.text import slugify

from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from conference import page_cache
from conference.models import ConferencePage, HomePage, Room, Venue
from conference.timezones import (
    NonexistentLocalTime,
    local_to_utc,
    time_zone_choices,
    utc_to_local,
)
from sessions.models import (
    AgendaPage,
    ExternalKey,
    SessionKind,
    SessionPage,
    SessionSpeaker,
    SessionStatus,
    Track,
)

from .importers import FileSource, ParsedFile, Problem, SessionRow, SpeakerRow

KIND_NAMES = {
    **{value: value for value in SessionKind.values},
    **{label.lower(): value for value, label in SessionKind.choices},
}
COMPARED_FIELDS = [
    "title",
    "kind",
    "status",
    "start",
    "end",
    "room",
    "track",
    "abstract",
    "speakers",
    "topics",
]
MAX_LENGTHS = {"title": 255, "room": 120, "track": 120}
MAX_KEY_LENGTH = 300
# wafer's name for a session with no track.
NO_TRACK = "no track"


@dataclass
class Outcome:
    where: str
    title: str
    changes: list[str] = field(default_factory=list)


@dataclass
class EditionFacts:
    """The edition as the report compares it with the file."""

    title: str
    start_date: date | None
    end_date: date | None
    time_zone: str
    is_new: bool = False
    pk: int | None = None  # once saved


@dataclass
class ImportReport:
    dry_run: bool
    source: FileSource | None = None
    edition: EditionFacts | None = None
    created: list[Outcome] = field(default_factory=list)
    updated: list[Outcome] = field(default_factory=list)
    unchanged: list[Outcome] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)
    new_rooms: list[str] = field(default_factory=list)
    new_tracks: list[str] = field(default_factory=list)
    speakers_by_id: list[str] = field(default_factory=list)
    speakers_by_name: list[str] = field(default_factory=list)
    new_speakers: list[str] = field(default_factory=list)
    written: bool = False

    def summary(self) -> str:
        if self.rejected:
            return (
                f"Nothing was imported: {len(self.rejected)} problems. "
                "Correct them and import the whole file again."
            )
        verbs = ("Would create", "would update") if self.dry_run else ("Created", "updated")
        return (
            f"{verbs[0]} {len(self.created)} sessions, {verbs[1]} {len(self.updated)}, "
            f"{len(self.unchanged)} unchanged."
        )

    def facts(self) -> list[tuple[str, str, str]]:
        """(what, in the file, in the edition): what the file says beside the edition."""
        source = self.source or FileSource(format="")
        edition = self.edition or EditionFacts("", None, None, "")
        unknown = "not given"
        return [
            ("Format", source.format or unknown, ""),
            ("Made by", source.tool or "a spreadsheet", ""),
            (
                "Conference",
                source.title or unknown,
                edition.title + (" (new)" if edition.is_new else ""),
            ),
            (
                "Dates",
                _date_range(source.start_date, source.end_date) or unknown,
                _date_range(edition.start_date, edition.end_date),
            ),
            ("Time zone", source.time_zone or unknown, edition.time_zone),
        ]

    def lines(self) -> list[str]:
        """The report as plain lines, for the command's output."""
        lines = [self.summary()]
        for name, in_file, in_edition in self.facts():
            lines.append(
                f"  {name}: {in_file}" + (f" (edition: {in_edition})" if in_edition else "")
            )
        for heading, outcomes in (
            ("Create" if self.dry_run else "Created", self.created),
            ("Update" if self.dry_run else "Updated", self.updated),
        ):
            for outcome in outcomes:
                changes = f" ({', '.join(outcome.changes)})" if outcome.changes else ""
                lines.append(f"  {heading}: {outcome.where} {outcome.title}{changes}")
        for heading, names in self.name_lists():
            lines.append(f"  {heading}: {', '.join(names)}")
        lines.extend(f"  Rejected: {problem}" for problem in self.rejected)
        return lines

    def name_lists(self) -> list[tuple[str, list[str]]]:
        return [
            (heading, names)
            for heading, names in (
                ("New rooms", self.new_rooms),
                ("New tracks", self.new_tracks),
                ("Speakers matched by id", self.speakers_by_id),
                ("Speakers matched by name", self.speakers_by_name),
                ("New speakers", self.new_speakers),
            )
            if names
        ]

    def as_data(self) -> dict:
        """The report as JSON values, to keep with the import that made it."""
        return asdict(self, dict_factory=_json_dict)

    @classmethod
    def from_data(cls, data: dict) -> "ImportReport":
        data = dict(data)
        if data.get("source"):
            data["source"] = FileSource(**_dates_from_json(data["source"]))
        if data.get("edition"):
            data["edition"] = EditionFacts(**_dates_from_json(data["edition"]))
        for name in ("created", "updated", "unchanged"):
            data[name] = [Outcome(**outcome) for outcome in data.get(name, [])]
        data["rejected"] = [Problem(**problem) for problem in data.get("rejected", [])]
        return cls(**data)


def _json_dict(pairs):
    return {key: value.isoformat() if isinstance(value, date) else value for key, value in pairs}


def _dates_from_json(values):
    return {
        key: date.fromisoformat(value) if key.endswith("_date") and value else value
        for key, value in values.items()
    }


def _date_range(start, end) -> str:
    if not start or not end:
        return ""
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'j F Y')}"
    first = date_format(start, "j F" if start.year == end.year else "j F Y")
    return f"{first} – {date_format(end, 'j F Y')}"


@dataclass
class SpeakerPlan:
    """One person of the file, however many sessions they speak in."""

    name: str
    keys: set[str]
    speaker: object = None  # the Speaker matched, or made when writing
    matched_by: str = ""  # "id", "name" or "" for a new speaker


@dataclass
class Plan:
    row: SessionRow
    start: datetime
    end: datetime
    kind: str
    status: str
    abstract: str
    room: str
    track: str
    speakers: list[SpeakerPlan]
    page: SessionPage | None = None  # the latest revision of the matched session
    changes: list[str] = field(default_factory=list)


def text_to_rich_text(text: str) -> str:
    """Plain text as rich text: each paragraph (blank-line separated) in its own <p>."""
    paragraphs = [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs if paragraph)


def _to_utc(moment: datetime, zone_name: str) -> datetime:
    if moment.tzinfo is not None:  # a frab date carries its offset: the instant is given
        return moment.astimezone(UTC)
    return local_to_utc(moment, zone_name)


def _name_key(name: str) -> str:
    return f"name:{name.casefold()}"[:MAX_KEY_LENGTH]


def _scheme(key: str) -> str:
    return key.partition(":")[0]


def speaker_model():
    # Named through the relation: speakers imports sessions, never the other way.
    return SessionSpeaker._meta.get_field("speaker").related_model


class Speakers:
    """The file's people, matched to speakers (see the module's docstring), read at once."""

    def __init__(self, source_key: str, rows: list[SessionRow]):
        people = [person for row in rows for person in row.speakers]
        wanted = {key for person in people for key in person.keys} | {
            _name_key(person.name) for person in people
        }
        holders: dict[str, set[int]] = {}
        for key, speaker_id in ExternalKey.objects.filter(
            source=source_key, key__in=wanted, speaker__isnull=False
        ).values_list("key", "speaker_id"):
            holders.setdefault(key, set()).add(speaker_id)
        held: dict[int, set[str]] = {}
        for key, speaker_id in ExternalKey.objects.filter(
            source=source_key, speaker_id__in={pk for ids in holders.values() for pk in ids}
        ).values_list("key", "speaker_id"):
            held.setdefault(speaker_id, set()).add(key)
        model = speaker_model()
        by_pk = model.objects.in_bulk({pk for ids in holders.values() for pk in ids})
        newcomers = {}
        for speaker in model.objects.filter(name__in={person.name for person in people}).exclude(
            external_keys__source=source_key
        ):
            newcomers.setdefault(speaker.name, speaker)
        self.holders, self.held, self.by_pk, self.newcomers = holders, held, by_pk, newcomers
        self.plans: dict[str, SpeakerPlan] = {}

    def plan(self, person: SpeakerRow) -> SpeakerPlan:
        identity = person.keys[0] if person.keys else _name_key(person.name)
        plan = self.plans.get(identity)
        if plan is None:
            plan = self.plans[identity] = SpeakerPlan(person.name, set())
            plan.speaker, plan.matched_by = self._match(person)
        plan.keys.update(person.keys)
        plan.keys.add(_name_key(person.name))
        return plan

    def _match(self, person: SpeakerRow):
        for key in person.keys:
            if self.holders.get(key):
                return self.by_pk[min(self.holders[key])], "id"
        schemes = {_scheme(key) for key in person.keys}
        for pk in sorted(self.holders.get(_name_key(person.name), ())):
            if not any(
                _scheme(key) in schemes and key not in person.keys for key in self.held[pk]
            ):
                # Taken: another person of the same name in this file, with another id of
                # the same kind, is someone else.
                self.held[pk].update(person.keys)
                return self.by_pk[pk], "name"
        taken = self.newcomers.pop(person.name, None)  # one file person per newcomer
        return (taken, "name") if taken else (None, "")


class Target:
    """Where the rows go: an existing edition, or one the file describes (unsaved until
    written), with its rooms, tracks and imported sessions read once."""

    def __init__(self, edition: ConferencePage, *, is_new=False, venue: Venue | None = None):
        self.edition, self.is_new = edition, is_new
        self.venue = edition.venue if edition.venue_id else venue
        self.rooms = (
            {room.name.casefold(): room for room in Room.objects.filter(venue=self.venue)}
            if self.venue
            else {}
        )
        self.tracks = (
            {}
            if is_new
            else {track.name.casefold(): track for track in Track.objects.filter(edition=edition)}
        )

    @property
    def agenda(self):
        return AgendaPage.objects.child_of(self.edition).first()

    def sessions_by_key(self, source_key, rows) -> dict[str, SessionPage]:
        if self.is_new:
            return {}
        keys = {key for row in rows for key in row.keys}
        found = ExternalKey.objects.filter(
            source=source_key,
            key__in=keys,
            session__in=SessionPage.objects.descendant_of(self.edition),
        ).values_list("key", "session_id")
        pages = SessionPage.objects.in_bulk({session_id for _, session_id in found})
        return {key: pages[session_id] for key, session_id in found}


def _local_day(moment: datetime, zone_name: str) -> date:
    return utc_to_local(moment, zone_name).date() if moment.tzinfo else moment.date()


def edition_from_file(source: FileSource, rows: list[SessionRow]):
    """(the unsaved edition a file describes, None), or (None, the problem that stops it
    being made)."""
    if source.key == "csv":
        message = (
            "A CSV file does not give its conference's title, dates or time zone: "
            "add the edition in the admin first, then import into it."
        )
        return None, Problem("file", "edition", message)
    if source.time_zone not in {value for value, _ in time_zone_choices()}:
        message = (
            f"The file does not name a time zone this site knows (“{source.time_zone}”): "
            "add the edition in the admin first, then import into it."
        )
        return None, Problem("file", "time zone", message)
    days = [_local_day(row.start, source.time_zone) for row in rows]
    start_date = source.start_date or min(days, default=None)
    end_date = source.end_date or max(days, default=None)
    if start_date is None or end_date is None or end_date < start_date:
        return None, Problem("file", "dates", "The file does not give its conference's dates.")
    edition = ConferencePage(
        title=(source.title or source.conference)[:255],
        start_date=start_date,
        end_date=end_date,
        time_zone=source.time_zone,
    )
    return edition, None


def _check(row, *, target, seen, zone_name, lenient_kinds):
    """The row's problems, and its values as they would be stored."""
    problems = []

    def problem(field_name, message):
        problems.append(Problem(row.where, field_name, message))

    if row.keys[0] in seen:
        problem("id", f"The id “{row.keys[0]}” is also used by {seen[row.keys[0]]}.")
    seen.setdefault(row.keys[0], row.where)
    if any(len(key) > MAX_KEY_LENGTH for key in row.keys):
        problem("id", f"An id of at most {MAX_KEY_LENGTH - 5} characters.")
    track = "" if row.track.casefold() == NO_TRACK else row.track
    for name, value in (("title", row.title), ("room", row.room), ("track", track)):
        if len(value) > MAX_LENGTHS[name]:
            problem(name, f"At most {MAX_LENGTHS[name]} characters.")
    kind = KIND_NAMES.get(row.kind.lower(), "") if row.kind else SessionKind.TALK
    if not kind:
        if not lenient_kinds:
            problem("kind", f"“{row.kind}” is not one of: {', '.join(SessionKind.values)}.")
        kind = SessionKind.TALK  # frab types vary between tools: anything else is a talk
    status = row.status or SessionStatus.SCHEDULED
    if status not in SessionStatus.values:
        problem("status", f"“{row.status}” is not one of: {', '.join(SessionStatus.values)}.")
    times = {}
    for name in ("start", "end"):
        try:
            times[name] = _to_utc(getattr(row, name), zone_name)
        except NonexistentLocalTime as error:
            problem(name, str(error))
    start, end = times.get("start"), times.get("end")
    if start and end and end <= start:
        problem("end", "The session must end after it starts.")
    elif start and end:
        edition = target.edition
        first, last = utc_to_local(start, zone_name).date(), utc_to_local(end, zone_name).date()
        if first < edition.start_date or last > edition.end_date:
            problem(
                "date",
                f"“{row.title}” is on {date_format(first, 'j F Y')}, outside the edition's dates.",
            )
    for person in row.speakers:
        if len(person.name) > 150 or any(len(key) > MAX_KEY_LENGTH for key in person.keys):
            problem("speakers", f"“{person.name[:150]}”: a name of at most 150 characters.")
    plan = Plan(
        row, start, end, kind, status, text_to_rich_text(row.abstract), row.room, track, []
    )
    return plan, problems


def _differences(plan, page, target):
    """The compared fields whose value in the file differs from the session's latest state."""
    room = target.rooms.get(plan.room.casefold()) if plan.room else None
    track = target.tracks.get(plan.track.casefold()) if plan.track else None
    wanted = {
        "title": plan.row.title,
        "kind": plan.kind,
        "status": plan.status,
        "start": plan.start,
        "end": plan.end,
        "room": (room.pk if room else "new") if plan.room else None,
        "track": (track.pk if track else "new") if plan.track else None,
        "abstract": plan.abstract,
        "speakers": [person.speaker.pk if person.speaker else "new" for person in plan.speakers],
        "topics": None if plan.row.topics is None else sorted(plan.row.topics),
    }
    current = {
        "title": page.title,
        "kind": page.kind,
        "status": page.status,
        "start": page.start,
        "end": page.end,
        "room": page.room_id,
        "track": page.track_id,
        "abstract": page.abstract,
        "speakers": [link.speaker_id for link in page.session_speakers.all()],
        "topics": sorted(tag.name for tag in page.topics.all()),
    }
    if wanted["topics"] is None:  # frab files carry no topics: keep the session's own
        wanted["topics"] = current["topics"]
    return [name for name in COMPARED_FIELDS if wanted[name] != current[name]]


def _file_problems(parsed, target, plans_outside):
    """What is wrong with the file as a whole for this edition, each said once."""
    problems = []
    source, edition = parsed.source, target.edition
    if source.time_zone and source.time_zone != edition.time_zone and not target.is_new:
        problems.append(
            Problem(
                "file",
                "time zone",
                f"The file's times are in {source.time_zone}, but “{edition.title}” is in "
                f"{edition.time_zone}: set the edition's time zone to {source.time_zone} "
                "before importing (or import the file as a new edition).",
            )
        )
    if plans_outside:
        in_file = _date_range(source.start_date, source.end_date)
        problems.append(
            Problem(
                "file",
                "dates",
                f"{plans_outside} sessions fall outside “{edition.title}” "
                f"({_date_range(edition.start_date, edition.end_date)})"
                + (f"; the file's conference runs {in_file}" if in_file else "")
                + ": change the edition's dates, or import the file as a new edition.",
            )
        )
    rooms = sorted({row.room for row in parsed.rows if row.room})
    if rooms and target.venue is None and not target.is_new:  # a new edition gets one
        problems.append(
            Problem(
                "file",
                "venue",
                f"The file names {len(rooms)} rooms ({', '.join(rooms[:3])}"
                f"{', …' if len(rooms) > 3 else ''}), but “{edition.title}” has no venue to "
                "hold them: choose the edition's venue first.",
            )
        )
    return problems


def plan_import(*, target: Target, parsed: ParsedFile, report: ImportReport, progress=None):
    """Plans for the rows, filling the report; nothing is written."""
    edition, source = target.edition, parsed.source
    report.source = source
    report.edition = EditionFacts(
        edition.title,
        edition.start_date,
        edition.end_date,
        edition.time_zone,
        target.is_new,
        edition.pk,
    )
    report.rejected.extend(parsed.problems)
    if any(problem.where == "file" for problem in parsed.problems):
        return [], None  # the file itself cannot be read: its rows say nothing more
    if not target.is_new and target.agenda is None:
        report.rejected.append(
            Problem("file", "edition", f"“{edition.title}” has no agenda page to hold sessions.")
        )
        return [], None
    speakers = Speakers(source.key, parsed.rows)
    existing = target.sessions_by_key(source.key, parsed.rows)
    plans, seen, row_problems, matched = [], {}, [], {}
    for number, row in enumerate(parsed.rows, start=1):
        plan, problems = _check(
            row,
            target=target,
            seen=seen,
            zone_name=edition.time_zone,
            lenient_kinds=parsed.lenient_kinds,
        )
        plan.speakers = list({id(p): p for p in map(speakers.plan, row.speakers)}.values())
        page = next((existing[key] for key in row.keys if key in existing), None)
        if page is not None and page.pk in matched:
            problems.append(
                Problem(row.where, "id", f"Names the same session as {matched[page.pk]}.")
            )
        row_problems.extend(problems)
        if not problems:
            outcome = Outcome(row.where, row.title)
            if page is None:
                report.created.append(outcome)
            else:
                matched[page.pk] = row.where
                plan.page = page.get_latest_revision_as_object()
                plan.changes = _differences(plan, plan.page, target)
                outcome.changes.extend(plan.changes)
                (report.updated if plan.changes else report.unchanged).append(outcome)
            plans.append(plan)
        if progress:
            progress("Checking", number, len(parsed.rows))
    outside = sum(1 for problem in row_problems if problem.field == "date")
    report.rejected = sorted(
        [*_file_problems(parsed, target, outside), *report.rejected, *row_problems],
        key=_problem_order,
    )
    _note_new_things(plans, target, speakers, report)
    return plans, speakers


def _problem_order(problem):
    """The file's own problems first, then the rows' in the file's order."""
    digits = problem.where.split(" ")[1] if " " in problem.where else ""
    return (problem.where != "file", int(digits) if digits.isdigit() else 0)


def _first_seen(names):
    return list(dict.fromkeys(names))


def _note_new_things(plans, target, speakers, report):
    report.new_rooms = _first_seen(
        plan.room for plan in plans if plan.room and plan.room.casefold() not in target.rooms
    )
    report.new_tracks = _first_seen(
        plan.track for plan in plans if plan.track and plan.track.casefold() not in target.tracks
    )
    for person in speakers.plans.values():
        {"id": report.speakers_by_id, "name": report.speakers_by_name}.get(
            person.matched_by, report.new_speakers
        ).append(person.name)


def _unique_slug(base, taken, fallback="session"):
    base = (slugify(base) or fallback)[:70]
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def make_edition(target: Target, source: FileSource):
    """Save the new edition with a draft agenda and speakers page, and a venue for its rooms
    when none was chosen."""
    home = HomePage.objects.first()
    edition = target.edition
    edition.slug = _unique_slug(
        edition.title, set(home.get_children().values_list("slug", flat=True)), "edition"
    )
    edition.live = False
    if target.venue is None:
        target.venue = Venue.objects.create(
            name=f"Venue of {edition.title}"[:200],
            address="To be added before the edition is published.",
        )
    edition.venue = target.venue
    home.add_child(instance=edition)
    edition.save_revision()
    # Named by app label: sessions never imports speakers (speakers imports sessions).
    for model, title in (
        (AgendaPage, "Agenda"),
        (apps.get_model("speakers", "SpeakersPage"), "Speakers"),
    ):
        page = model(title=title, slug=slugify(title), live=False)
        edition.add_child(instance=page)
        page.save_revision()


def _room(name, target):
    if not name:
        return None
    key = name.casefold()
    if key not in target.rooms:
        target.rooms[key] = Room.objects.create(venue=target.venue, name=name)
    return target.rooms[key]


def _track(name, target):
    if not name:
        return None
    key = name.casefold()
    if key not in target.tracks:
        taken = set(Track.objects.filter(edition=target.edition).values_list("slug", flat=True))
        target.tracks[key] = Track.objects.create(
            edition=target.edition, name=name, slug=_unique_slug(name, taken, "track")
        )
    return target.tracks[key]


def _speaker(person: SpeakerPlan, written):
    if person.speaker is None:
        model = speaker_model()
        base = slugify(person.name)[:70] or "speaker"
        taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        person.speaker = model(
            name=person.name, slug=_unique_slug(person.name, taken, "speaker"), live=True
        )
        person.speaker.save()
        person.speaker.save_revision().publish()
        written.append(person.speaker)
    return person.speaker


def _apply(plan, page, *, target, written):
    page.title = plan.row.title
    page.kind, page.status = plan.kind, plan.status
    page.start, page.end = plan.start, plan.end
    page.room = _room(plan.room, target)
    page.track = _track(plan.track, target)
    page.abstract = plan.abstract
    page.session_speakers = [
        SessionSpeaker(speaker=_speaker(person, written), sort_order=index)
        for index, person in enumerate(plan.speakers)
    ]


def _record_keys(source_key, plans, speakers):
    """Every key the file gave, on what it names, so the next import (in either format)
    matches them by id."""
    wanted = [
        ExternalKey(source=source_key, key=key, session_id=plan.page.pk)
        for plan in plans
        for key in plan.row.keys
    ] + [
        ExternalKey(source=source_key, key=key, speaker_id=person.speaker.pk)
        for person in speakers.plans.values()
        for key in person.keys
    ]
    have = set(
        ExternalKey.objects.filter(source=source_key, key__in={k.key for k in wanted}).values_list(
            "key", "session_id", "speaker_id"
        )
    )
    ExternalKey.objects.bulk_create(
        [k for k in wanted if (k.key, k.session_id, k.speaker_id) not in have]
    )


@contextmanager
def indexed_once(written: list, progress=None):
    """Each save of a page or a speaker updates its search and reference index entries,
    three or four times on the way to being published, and each publish empties parts of
    the page cache: during an import, the sessions and speakers in `written` are indexed
    once each, and the page cache told once, at the end. The search handler is
    disconnected for the whole process, which runs one import at a time (a worker, or the
    request with in-process tasks)."""
    models = (SessionPage, speaker_model())
    for model in models:
        post_save.disconnect(index_for_search, sender=model)
    try:
        with disable_reference_index_auto_update(), page_cache.invalidations_batched():
            yield
    finally:
        for model in models:
            post_save.connect(index_for_search, sender=model)
    for number, thing in enumerate(written, start=1):
        ReferenceIndex.create_or_update_for_object(thing)
        search_index.insert_or_update_object(thing)
        if progress:
            progress("Indexing", number, len(written))


def write_import(plans, *, target, speakers, source, progress=None):
    written = []
    with indexed_once(written, progress):
        _write(
            plans,
            target=target,
            speakers=speakers,
            source=source,
            written=written,
            progress=progress,
        )


def _write(plans, *, target, speakers, source, written, progress=None):
    if target.is_new:
        make_edition(target, source)
    agenda = target.agenda
    taken = set(agenda.get_children().values_list("slug", flat=True))
    for number, plan in enumerate(plans, start=1):
        if plan.page is None:
            page = SessionPage(slug=_unique_slug(plan.row.title, taken), live=agenda.live)
            _apply(plan, page, target=target, written=written)
            page.has_unpublished_changes = not agenda.live
            if plan.row.topics:
                page.topics.set(list(plan.row.topics))
            agenda.add_child(instance=page)
            revision = page.save_revision(clean=False)  # add_child has just cleaned it
            if agenda.live:
                revision.publish()
            plan.page = page
            written.append(page)
        elif plan.changes:
            page = plan.page
            _apply(plan, page, target=target, written=written)
            if plan.row.topics is not None:
                page.topics.set(list(plan.row.topics))
            revision = page.save_revision()
            if page.live:
                revision.publish()
            written.append(page)
        if progress:
            progress("Writing", number, len(plans))
    for person in speakers.plans.values():
        _speaker(person, written)  # people of the file who speak in no session written
    _record_keys(source.key, plans, speakers)


def import_programme(
    *,
    parsed: ParsedFile,
    edition: ConferencePage | None = None,
    venue: Venue | None = None,
    dry_run=False,
    progress=None,
):
    """Import the parsed file into the edition, or as a new edition when none is given; the
    report says what was (or would be) done.

    `progress(stage, done, total)`, if given, is called after each row is checked and
    after each is written.
    """
    report = ImportReport(dry_run=dry_run)
    if edition is None:
        unreadable = [problem for problem in parsed.problems if problem.where == "file"]
        edition, problem = (
            (None, None) if unreadable else edition_from_file(parsed.source, parsed.rows)
        )
        if edition is None:  # nothing to make an edition from
            report.source = parsed.source
            report.rejected.extend(unreadable or [problem])
            return report
        target = Target(edition, is_new=True, venue=venue)
    else:
        target = Target(edition)
    with transaction.atomic():
        plans, speakers = plan_import(
            target=target, parsed=parsed, report=report, progress=progress
        )
        if report.rejected or dry_run:
            return report
        write_import(
            plans, target=target, speakers=speakers, source=parsed.source, progress=progress
        )
        report.written = True
    report.edition.pk = target.edition.pk
    return report

"""Writing an imported programme: plan every row against the database, then write all or none.

Sessions are matched by their external id within the edition (a frab event guid or a CSV
`id`), speakers by theirs, else by the same name on a speaker without one, else created.
Rooms are matched by name within the edition's venue and tracks by name within the
edition; both are created when missing. A session is written only when something about it
changed, so importing the same file again makes no revision and publishes nothing.

New sessions go under the edition's agenda page: published when that page is live, else
left as drafts. A changed session gets a new revision, published when the session is live.
Any rejected row means nothing at all is written; a dry run plans and writes nothing.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape

from django.db import transaction
from django.utils.text import slugify

from conference.models import Room
from conference.timezones import NonexistentLocalTime, local_to_utc
from sessions.models import (
    AgendaPage,
    SessionKind,
    SessionPage,
    SessionSpeaker,
    SessionStatus,
    Track,
)

from .importers import ParsedFile, Problem, SessionRow

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
MAX_LENGTHS = {"external_id": 100, "title": 255, "room": 120, "track": 120}


@dataclass(frozen=True)
class Outcome:
    where: str
    external_id: str
    title: str
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    dry_run: bool
    created: list[Outcome] = field(default_factory=list)
    updated: list[Outcome] = field(default_factory=list)
    unchanged: list[Outcome] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)
    new_rooms: list[str] = field(default_factory=list)
    new_tracks: list[str] = field(default_factory=list)
    new_speakers: list[str] = field(default_factory=list)
    written: bool = False

    def summary(self) -> str:
        if self.rejected:
            return (
                f"Nothing was imported: {len(self.rejected)} problems in the file. "
                "Correct them and import the whole file again."
            )
        verbs = ("Would create", "would update") if self.dry_run else ("Created", "updated")
        return (
            f"{verbs[0]} {len(self.created)} sessions, {verbs[1]} {len(self.updated)}, "
            f"{len(self.unchanged)} unchanged."
        )

    def lines(self) -> list[str]:
        """The report as plain lines, for the command's output."""
        lines = [self.summary()]
        for heading, outcomes in (
            ("Create" if self.dry_run else "Created", self.created),
            ("Update" if self.dry_run else "Updated", self.updated),
        ):
            for outcome in outcomes:
                changes = f" ({', '.join(outcome.changes)})" if outcome.changes else ""
                lines.append(f"  {heading}: {outcome.where} {outcome.title}{changes}")
        for heading, names in (
            ("New rooms", self.new_rooms),
            ("New tracks", self.new_tracks),
            ("New speakers", self.new_speakers),
        ):
            if names:
                lines.append(f"  {heading}: {', '.join(names)}")
        lines.extend(f"  Rejected: {problem}" for problem in self.rejected)
        return lines


@dataclass
class Plan:
    row: SessionRow
    start: datetime
    end: datetime
    kind: str
    status: str
    abstract: str
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


class _Lookups:
    """Rooms, tracks and speakers by the names and ids the file uses, read once."""

    def __init__(self, edition):
        # Named through the relation: speakers imports sessions, never the other way.
        self.speaker_model = SessionSpeaker._meta.get_field("speaker").related_model
        self.rooms = (
            {room.name.casefold(): room for room in Room.objects.filter(venue=edition.venue)}
            if edition.venue_id
            else {}
        )
        self.tracks = {
            track.name.casefold(): track for track in Track.objects.filter(edition=edition)
        }
        self.speakers = {}
        self.speakers_by_name = {}

    def load_speakers(self, rows):
        ids = {speaker.external_id for row in rows for speaker in row.speakers}
        names = {speaker.name for row in rows for speaker in row.speakers}
        for speaker in self.speaker_model.objects.filter(external_id__in=ids):
            self.speakers[speaker.external_id] = speaker
        for speaker in self.speaker_model.objects.filter(name__in=names, external_id=""):
            self.speakers_by_name.setdefault(speaker.name, speaker)

    def speaker(self, speaker_row):
        return self.speakers.get(speaker_row.external_id) or self.speakers_by_name.get(
            speaker_row.name
        )


def _check(row, *, edition, seen, zone_name, lenient_kinds):
    """The row's problems, and its values as they would be stored."""
    problems = []

    def problem(field_name, message):
        problems.append(Problem(row.where, field_name, message))

    if row.external_id in seen:
        problem("id", f"The id “{row.external_id}” is also used by {seen[row.external_id]}.")
    seen.setdefault(row.external_id, row.where)
    for name, limit in MAX_LENGTHS.items():
        if len(getattr(row, name)) > limit:
            problem(name, f"At most {limit} characters.")
    kind = KIND_NAMES.get(row.kind.lower(), "") if row.kind else SessionKind.TALK
    if not kind:
        if not lenient_kinds:
            problem("kind", f"“{row.kind}” is not one of: {', '.join(SessionKind.values)}.")
        kind = SessionKind.TALK  # frab types vary between tools: anything else is a talk
    status = row.status or SessionStatus.SCHEDULED
    if status not in SessionStatus.values:
        problem("status", f"“{row.status}” is not one of: {', '.join(SessionStatus.values)}.")
    start = end = None
    for name in ("start", "end"):
        try:
            value = _to_utc(getattr(row, name), zone_name)
        except NonexistentLocalTime as error:
            problem(name, str(error))
            continue
        if name == "start":
            start = value
        else:
            end = value
    if start and end and end <= start:
        problem("end", "The session must end after it starts.")
    if row.room and edition.venue_id is None:
        problem("room", "The edition has no venue to hold rooms: choose its venue first.")
    for speaker in row.speakers:
        if len(speaker.external_id) > 100 or len(speaker.name) > 150:
            problem("speakers", f"“{speaker.name}”: a name of at most 150 characters.")
    plan = Plan(row, start, end, kind, status, text_to_rich_text(row.abstract))
    return plan, problems


def _differences(plan, page, lookups):
    """The compared fields whose value in the file differs from the session's latest state."""
    row = plan.row
    room = lookups.rooms.get(row.room.casefold()) if row.room else None
    track = lookups.tracks.get(row.track.casefold()) if row.track else None
    speakers = [lookups.speaker(speaker) for speaker in row.speakers]
    current_speakers = [link.speaker_id for link in page.session_speakers.all()]
    wanted = {
        "title": row.title,
        "kind": plan.kind,
        "status": plan.status,
        "start": plan.start,
        "end": plan.end,
        "room": (room.pk if room else "new") if row.room else None,
        "track": (track.pk if track else "new") if row.track else None,
        "abstract": plan.abstract,
        "speakers": [speaker.pk if speaker else "new" for speaker in speakers],
        "topics": None if row.topics is None else sorted(row.topics),
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
        "speakers": current_speakers,
        "topics": sorted(tag.name for tag in page.topics.all()),
    }
    if wanted["topics"] is None:  # frab files carry no topics: keep the session's own
        wanted["topics"] = current["topics"]
    return [name for name in COMPARED_FIELDS if wanted[name] != current[name]]


def _agenda(edition):
    return AgendaPage.objects.child_of(edition).first()


def plan_import(*, edition, parsed: ParsedFile, report: ImportReport, progress=None):
    """Plans for the rows, filling the report; nothing is written."""
    report.rejected.extend(parsed.problems)
    if _agenda(edition) is None:
        report.rejected.append(
            Problem("file", "edition", f"“{edition.title}” has no agenda page to hold sessions.")
        )
        return [], None
    lookups = _Lookups(edition)
    lookups.load_speakers(parsed.rows)
    existing = {
        page.external_id: page
        for page in SessionPage.objects.descendant_of(edition)
        .filter(external_id__in=[row.external_id for row in parsed.rows])
        .order_by("-pk")
    }
    plans, seen = [], {}
    for number, row in enumerate(parsed.rows, start=1):
        plan, problems = _check(
            row,
            edition=edition,
            seen=seen,
            zone_name=edition.time_zone,
            lenient_kinds=parsed.lenient_kinds,
        )
        report.rejected.extend(problems)
        if not problems:
            page = existing.get(row.external_id)
            outcome = Outcome(row.where, row.external_id, row.title)
            if page is None:
                report.created.append(outcome)
            else:
                plan.page = page.get_latest_revision_as_object()
                plan.changes = _differences(plan, plan.page, lookups)
                outcome.changes.extend(plan.changes)
                (report.updated if plan.changes else report.unchanged).append(outcome)
            plans.append(plan)
        if progress:
            progress("Checking", number, len(parsed.rows))
    report.rejected.sort(key=_problem_order)
    _note_new_things(parsed.rows, lookups, report)
    return plans, lookups


def _problem_order(problem):
    kind, _, number = problem.where.partition(" ")
    digits = number.split(" ")[0]
    return (kind != "file", int(digits) if digits.isdigit() else 0)


def _note_new_things(rows, lookups, report):
    report.new_rooms = sorted(
        {row.room for row in rows if row.room and row.room.casefold() not in lookups.rooms}
    )
    report.new_tracks = sorted(
        {row.track for row in rows if row.track and row.track.casefold() not in lookups.tracks}
    )
    report.new_speakers = sorted(
        {
            speaker.name
            for row in rows
            for speaker in row.speakers
            if lookups.speaker(speaker) is None
        }
    )


def _unique_slug(base, taken):
    base = (slugify(base) or "session")[:70]
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _room(name, edition, lookups):
    if not name:
        return None
    key = name.casefold()
    if key not in lookups.rooms:
        lookups.rooms[key] = Room.objects.create(venue=edition.venue, name=name)
    return lookups.rooms[key]


def _track(name, edition, lookups):
    if not name:
        return None
    key = name.casefold()
    if key not in lookups.tracks:
        taken = set(Track.objects.filter(edition=edition).values_list("slug", flat=True))
        lookups.tracks[key] = Track.objects.create(
            edition=edition, name=name, slug=_unique_slug(name, taken)
        )
    return lookups.tracks[key]


def _speaker(speaker_row, lookups):
    speaker = lookups.speaker(speaker_row)
    if speaker is None:
        model = lookups.speaker_model
        taken = set(
            model.objects.filter(slug__startswith=slugify(speaker_row.name)[:70]).values_list(
                "slug", flat=True
            )
        )
        speaker = model(
            name=speaker_row.name,
            slug=_unique_slug(speaker_row.name, taken),
            external_id=speaker_row.external_id,
            live=True,
        )
        speaker.save()
        speaker.save_revision().publish()
    elif not speaker.external_id:
        speaker.external_id = speaker_row.external_id
        speaker.save(update_fields=["external_id"])
    lookups.speakers[speaker_row.external_id] = speaker
    lookups.speakers_by_name.pop(speaker_row.name, None)
    return speaker


def _apply(plan, page, *, edition, lookups):
    row = plan.row
    page.title = row.title
    page.kind, page.status = plan.kind, plan.status
    page.start, page.end = plan.start, plan.end
    page.room = _room(row.room, edition, lookups)
    page.track = _track(row.track, edition, lookups)
    page.abstract = plan.abstract
    page.session_speakers = [
        SessionSpeaker(speaker=_speaker(speaker, lookups), sort_order=index)
        for index, speaker in enumerate(row.speakers)
    ]
    page.external_id = row.external_id


def write_import(plans, *, edition, lookups, progress=None):
    agenda = _agenda(edition)
    taken = set(agenda.get_children().values_list("slug", flat=True))
    for number, plan in enumerate(plans, start=1):
        if plan.page is None:
            page = SessionPage(slug=_unique_slug(plan.row.title, taken), live=agenda.live)
            _apply(plan, page, edition=edition, lookups=lookups)
            page.has_unpublished_changes = not agenda.live
            page.topics.set(list(plan.row.topics or ()))
            agenda.add_child(instance=page)
            revision = page.save_revision()
            if agenda.live:
                revision.publish()
        elif plan.changes:
            page = plan.page
            _apply(plan, page, edition=edition, lookups=lookups)
            if plan.row.topics is not None:
                page.topics.set(list(plan.row.topics))
            revision = page.save_revision()
            if page.live:
                revision.publish()
        if progress:
            progress("Writing", number, len(plans))


def import_programme(*, edition, parsed: ParsedFile, dry_run=False, progress=None):
    """Import the parsed file into the edition; the report says what was (or would be) done.

    `progress(stage, done, total)`, if given, is called after each row is checked and
    after each is written.
    """
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        plans, lookups = plan_import(
            edition=edition, parsed=parsed, report=report, progress=progress
        )
        if report.rejected or dry_run:
            return report
        write_import(plans, edition=edition, lookups=lookups, progress=progress)
        report.written = True
    return report

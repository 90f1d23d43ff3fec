"""Clashes in an edition's programme, for the organisers' agenda grid.

Plain functions over sessions already read (with their room and `session_speakers`
prefetched): no database work here. Cancelled sessions never clash.
"""

from dataclasses import dataclass
from enum import StrEnum

from conference.timezones import local_day_bounds, utc_to_local

from .models import SessionStatus


class ClashKind(StrEnum):
    ROOM = "room"
    SPEAKER = "speaker"
    DATES = "dates"


@dataclass(frozen=True)
class Clash:
    kind: ClashKind
    reason: str  # in words, for the session it is listed under
    other: object = None  # the other session of a room or speaker clash
    detail: str = ""  # what the two sessions share: the room's or the speaker's name


def _day_and_times(session, zone):
    start, end = utc_to_local(session.start, zone), utc_to_local(session.end, zone)
    return f"on {start.day} {start:%B} from {start:%H:%M} to {end:%H:%M}"


def _full_range(session, zone):
    start, end = utc_to_local(session.start, zone), utc_to_local(session.end, zone)
    return f"{start.day} {start:%B %Y %H:%M} to {end.day} {end:%B %Y %H:%M}"


def _speakers(session):
    return {link.speaker_id: link.speaker for link in session.session_speakers.all()}


def _outside_dates(session, edition):
    first_start, _ = local_day_bounds(edition.start_date, edition.time_zone)
    _, last_end = local_day_bounds(edition.end_date, edition.time_zone)
    return session.start < first_start or session.end > last_end


def find_clashes(sessions, *, edition) -> dict[int, list[Clash]]:
    """{session pk: [Clash, ...]} for each session with a clash, in time order of the others.

    A room double-booked (two sessions overlapping in one room), a speaker in two places
    (one speaker in overlapping sessions) and a session outside the edition's dates (read
    in the edition's zone). Sessions that meet end to start do not overlap.
    """
    zone = edition.time_zone
    scheduled = sorted(
        (session for session in sessions if session.status != SessionStatus.CANCELLED),
        key=lambda session: (session.start, session.pk),
    )
    speakers_of = {session.pk: _speakers(session) for session in scheduled}
    found: dict[int, list[Clash]] = {}

    def add(session, clash):
        found.setdefault(session.pk, []).append(clash)

    for session in scheduled:
        if _outside_dates(session, edition):
            dates = (
                f"the edition runs from {edition.start_date.day} {edition.start_date:%B %Y} "
                f"to {edition.end_date.day} {edition.end_date:%B %Y} ({zone})."
            )
            add(
                session,
                Clash(
                    ClashKind.DATES,
                    f"Outside the edition's dates: {_full_range(session, zone)}; {dates}",
                ),
            )

    for index, session in enumerate(scheduled):
        for other in scheduled[index + 1 :]:
            if other.start >= session.end:
                break
            for one, two in ((session, other), (other, session)):
                if one.room_id is not None and one.room_id == two.room_id:
                    add(
                        one,
                        Clash(
                            ClashKind.ROOM,
                            f"Room double-booked: {one.room.name} also has “{two.title}” "
                            f"{_day_and_times(two, zone)}.",
                            other=two,
                            detail=one.room.name,
                        ),
                    )
            shared = speakers_of[session.pk].keys() & speakers_of[other.pk].keys()
            for one, two in ((session, other), (other, session)):
                speakers = speakers_of[one.pk]
                for speaker_key in sorted(shared, key=lambda key: speakers[key].name):
                    where = f" ({two.room.name})" if two.room_id is not None else ""
                    add(
                        one,
                        Clash(
                            ClashKind.SPEAKER,
                            f"Speaker in two places: {speakers[speaker_key].name} is also in "
                            f"“{two.title}”{where} {_day_and_times(two, zone)}.",
                            other=two,
                            detail=speakers[speaker_key].name,
                        ),
                    )
    return found


def distinct_clash_count(clashes: dict[int, list[Clash]]) -> int:
    """How many clashes there are: a pair of sessions clashing counts once, not twice."""
    seen = set()
    for pk, session_clashes in clashes.items():
        for clash in session_clashes:
            sessions = frozenset((pk, clash.other.pk)) if clash.other is not None else pk
            seen.add((clash.kind, clash.detail, sessions))
    return len(seen)

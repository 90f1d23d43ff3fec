"""The agenda as a timetable on wide screens: rooms as columns, time running down.

The agenda keeps one markup for every screen: the days' lists of sessions in time then room
order. `place_sessions` works out where each session of a day sits in a CSS grid, as grid
lines that the template writes as data-row and data-col attributes; a stylesheet with the
page's nonce (templatetags/timetable.py) turns those into placements, since the Content
Security Policy refuses style="" attributes. Whether the grid shows is left to CSS: wide
screens, unless the visitor chose the list, and never on paper.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from conference.timezones import utc_to_local

from .models import SessionKind

ROW_MINUTES = 5  # one grid row per five minutes of the day
VIEWS = ("timetable", "list")
# Sessions nobody chooses: no star, no calendar links, and they span the rooms they share.
UNCHOSEN_KINDS = frozenset({SessionKind.BREAK, SessionKind.NETWORKING})
ALL_COLUMNS = "1/-1"


def is_choosable(session):
    return session.kind not in UNCHOSEN_KINDS


@dataclass
class DayGrid:
    """Where a day's sessions, times and rooms sit. Grid lines count from 1 inside the
    sessions' area; `rows` and `columns` size the grid itself."""

    rows: int
    rooms: list = field(default_factory=list)  # [(column lines, room name), ...]
    times: list = field(default_factory=list)  # [(row lines, "09:00"), ...]
    places: dict = field(default_factory=dict)  # {session pk: (row lines, column lines)}

    @property
    def columns(self):
        return len(self.rooms)


def _room_columns(sessions):
    """The rooms of the sessions people choose between, in the venue's order."""
    rooms = {
        session.room.pk: session.room
        for session in sessions
        if session.room_id and is_choosable(session)
    }
    ordered = sorted(rooms.values(), key=lambda room: (room.sort_order, room.name))
    return {room.pk: index for index, room in enumerate(ordered, start=1)}, ordered


def _row(moment, first_start):
    return 1 + int((moment - first_start) / timedelta(minutes=ROW_MINUTES))


def place_day(sessions, zone_name):
    """The DayGrid of one day's sessions, or None when they cannot share a grid: no room
    at all, or two sessions that would cover the same cell (a clash in one room)."""
    columns, rooms = _room_columns(sessions)
    if not sessions or not rooms:
        return None
    first_start = min(session.start for session in sessions)
    grid = DayGrid(
        rows=max(_row(session.end, first_start) for session in sessions) - 1,
        rooms=[(f"{index}/{index + 1}", room.name) for index, room in enumerate(rooms, 1)],
    )
    taken = set()
    for session in sessions:
        top = _row(session.start, first_start)
        bottom = max(_row(session.end, first_start), top + 1)
        column = columns.get(session.room_id)
        spanned = range(1, len(rooms) + 1) if column is None else (column,)
        cells = {(row, col) for row in range(top, bottom) for col in spanned}
        if cells & taken:
            return None
        taken |= cells
        grid.places[session.pk] = (
            f"{top}/{bottom}",
            ALL_COLUMNS if column is None else f"{column}/{column + 1}",
        )
    starts = sorted({session.start for session in sessions})
    for start, following in zip(starts, [*starts[1:], None], strict=True):
        top = _row(start, first_start)
        bottom = _row(following, first_start) if following else top + 1
        label = f"{utc_to_local(start, zone_name):%H:%M}"
        grid.times.append((f"{top}/{bottom}", label))
    return grid


def place_sessions(days, zone_name):
    """{day: DayGrid or None} for the agenda's [(day, [session, ...]), ...]."""
    return {day: place_day(sessions, zone_name) for day, sessions in days}


def chosen_view(query):
    """The view the visitor chose with ?view=, or None for the default (the timetable on
    wide screens, the list elsewhere)."""
    view = query.get("view")
    return view if view in VIEWS else None


def view_links(query, current):
    """The "Timetable | List" switch: a link per view that keeps the visitor's filters."""
    kept = [(name, value) for name, values in query.lists() if name != "view" for value in values]
    return [
        {
            "view": view,
            "label": view.capitalize(),
            "query": "?" + urlencode([*kept, ("view", view)]),
            "current": view == (current or "timetable"),
        }
        for view in VIEWS
    ]

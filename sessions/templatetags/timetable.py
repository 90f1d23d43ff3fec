"""The agenda timetable's placements as a stylesheet with the page's nonce (see
sessions/timetable.py): one rule per grid size and per pair of grid lines the page uses."""

from django import template
from django.utils.html import format_html, format_html_join

from sessions.templatetags.track_colours import nonced_style
from sessions.timetable import is_choosable

register = template.Library()


@register.filter
def grid_for(timetables, day):
    """The DayGrid of `day`, or None when the day stays a list."""
    return timetables.get(day) if timetables else None


@register.filter
def choosable(session):
    """Whether visitors choose this session (not a break or networking)."""
    return is_choosable(session)


def _rules(grids):
    rows, columns, row_lines, column_lines = set(), set(), set(), set()
    for grid in grids:
        rows.add(grid.rows)
        columns.add(grid.columns)
        row_lines.update(row for row, _ in grid.times)
        column_lines.update(column for column, _ in grid.rooms)
        for row, column in grid.places.values():
            row_lines.add(row)
            column_lines.add(column)
    yield from (
        (
            '.timetable[data-rows="{}"]{{grid-template-rows:auto repeat({},minmax(.3rem,auto))}}',
            (n, n),
        )
        for n in sorted(rows)
    )
    yield from (
        (
            '.timetable[data-cols="{}"]{{grid-template-columns:4rem repeat({},minmax(0,1fr))}}',
            (n, n),
        )
        for n in sorted(columns)
    )
    yield from (('.timetable [data-row="{}"]{{grid-row:{}}}', (r, r)) for r in sorted(row_lines))
    yield from (
        ('.timetable [data-col="{}"]{{grid-column:{}}}', (c, c)) for c in sorted(column_lines)
    )


@register.simple_tag(takes_context=True)
def timetable_styles(context):
    grids = [grid for grid in (context.get("timetables") or {}).values() if grid]
    if not grids:
        return ""
    return nonced_style(
        context,
        format_html_join("", "{}", ((format_html(rule, *args),) for rule, args in _rules(grids))),
    )

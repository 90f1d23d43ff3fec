"""The agenda's filters: plain GET parameters, so they work as links and without JavaScript."""

from datetime import date, time
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.utils.formats import date_format

from .models import SessionAccess, SessionKind
from .queries import agenda_context, edition_topics, edition_tracks, public_sessions
from .timetable import chosen_view


class AgendaFilterForm(forms.Form):
    day = forms.TypedChoiceField(required=False, coerce=date.fromisoformat, empty_value=None)
    track = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(required=False, choices=[("", "All kinds"), *SessionKind.choices])
    topic = forms.ChoiceField(required=False)
    access = forms.ChoiceField(
        required=False, choices=[("", "Any access"), *SessionAccess.choices]
    )

    def __init__(self, edition, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tracks = {track.slug: track for track in edition_tracks(edition)}
        self.topics = {topic.slug: topic for topic in edition_topics(edition, sessions)}
        self.fields["day"].choices = [
            ("", "All days"),
            *((day.isoformat(), date_format(day, "l j F")) for day in edition.days),
        ]
        self.fields["track"].choices = [
            ("", "All tracks"),
            *((slug, track.name) for slug, track in self.tracks.items()),
        ]
        self.fields["topic"].choices = [
            ("", "All topics"),
            *((slug, topic.name) for slug, topic in self.topics.items()),
        ]

    def selected(self):
        """The chosen filters as query arguments for `filter_sessions`."""
        data = self.cleaned_data
        return {
            "day": data.get("day"),
            "track": self.tracks.get(data.get("track")),
            "kind": data.get("kind") or None,
            "topic": self.topics.get(data.get("topic")),
            "access": data.get("access") or None,
        }


FILTER_NAMES = ("day", "track", "kind", "topic", "access")


def _query_value(name, value):
    if name == "day":
        return value.isoformat()
    return value if name in ("kind", "access") else value.slug


def _value_label(name, value):
    if name == "day":
        return date_format(value, "l j F")
    if name == "access":
        return SessionAccess(value).label
    return SessionKind(value).label if name == "kind" else value.name


def _query(active, **changes):
    """`?day=…&track=…` for the active filters with `changes` made (None removes one)."""
    chosen = {**active, **changes}
    params = [
        (name, _query_value(name, chosen[name]))
        for name in FILTER_NAMES
        if chosen.get(name) is not None
    ]
    if chosen.get("view"):  # the visitor's chosen view (sessions/timetable.py), kept
        params.append(("view", chosen["view"]))
    return f"?{urlencode(params)}" if params else ""


def day_tabs(edition, active, listing):
    """A tab per day of the edition, keeping the other filters, after "All days" unless the
    listing (agenda_context) does not offer it; the shown day is current."""
    shown = active.get("day") or listing["shown_day"]
    all_days = [{"label": "All days", "query": _query(active, day=None), "current": not shown}]
    return [
        *(all_days if listing["all_days_offered"] else []),
        *(
            {
                "label": date_format(day, "D j M"),
                "query": _query(active, day=day),
                "current": shown == day,
            }
            for day in edition.days
        ),
    ]


def part_links(active, listing):
    """A link per part of a long day (agenda_context's `day_parts`), keeping the filters."""
    day = active.get("day") or listing["shown_day"]
    links = []
    for part in listing.get("day_parts", ()):
        query = _query(active, day=day)
        links.append(
            {
                "label": part.label,
                "query": query
                + ("&" if query else "?")
                + urlencode({"from": f"{part.starts:%H:%M}"}),
                "current": part == listing["shown_part"],
            }
        )
    return links


def part_from(query):
    """The local time ?from= names (10:30), else None: where a long day's part starts."""
    try:
        return time.fromisoformat(query.get("from") or "")
    except ValueError:
        return None


def filter_links(edition, tracks, active, view=None, listing=None):
    """Links that change one filter and keep the others: day tabs, track chips and a chip
    per active filter that removes it. Each is a query string for the agenda's address,
    which keeps the chosen `view` too."""
    active = {**active, "view": view} if view else active
    listing = listing or {"shown_day": None, "all_days_offered": True}
    return {
        "day_tabs": day_tabs(edition, active, listing),
        "part_links": part_links(active, listing),
        "track_chips": [
            {
                "label": "All tracks",
                "query": _query(active, track=None),
                "current": "track" not in active,
            },
            *(
                {
                    "label": track.name,
                    "colour": track.colour,
                    "query": _query(active, track=track),
                    "current": active.get("track") == track,
                }
                for track in tracks
            ),
        ],
        "filter_chips": [
            {
                "label": name.capitalize(),
                "value": _value_label(name, active[name]),
                "query": _query(active, **{name: None}),
            }
            for name in FILTER_NAMES
            if name in active
        ],
    }


def agenda_page_context(edition, query):
    """The agenda page's context and HTTP status for the visitor's filters."""
    sessions = public_sessions(edition)  # one read of what is public, for the form and list
    form = AgendaFilterForm(edition, query, sessions=sessions)
    view = chosen_view(query)
    limit = settings.AGENDA_ALL_DAYS_LIMIT
    if not form.is_valid():
        listing = agenda_context(edition, sessions=sessions, all_days_limit=limit)
        return {
            "filter_form": form,
            **filter_links(edition, form.tracks.values(), {}, view, listing),
            **listing,
        }, 400
    selected = form.selected()
    active = {name: value for name, value in selected.items() if value is not None}
    listing = agenda_context(
        edition, sessions=sessions, all_days_limit=limit, part_from=part_from(query), **selected
    )
    return {
        "filter_form": form,
        "active_filters": active,
        **filter_links(edition, form.tracks.values(), active, view, listing),
        **listing,
    }, 200

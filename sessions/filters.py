"""The agenda's filters: plain GET parameters, so they work as links and without JavaScript."""

from datetime import date

from django import forms
from django.utils.formats import date_format

from .models import SessionKind
from .queries import agenda_context, edition_topics, edition_tracks


class AgendaFilterForm(forms.Form):
    day = forms.TypedChoiceField(required=False, coerce=date.fromisoformat, empty_value=None)
    track = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(required=False, choices=[("", "All kinds"), *SessionKind.choices])
    topic = forms.ChoiceField(required=False)

    def __init__(self, edition, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tracks = {track.slug: track for track in edition_tracks(edition)}
        self.topics = {topic.slug: topic for topic in edition_topics(edition)}
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
        }


def agenda_page_context(edition, query):
    """The agenda page's context and HTTP status for the visitor's filters."""
    form = AgendaFilterForm(edition, query)
    if not form.is_valid():
        return {"filter_form": form, **agenda_context(edition)}, 400
    selected = form.selected()
    active = {name: value for name, value in selected.items() if value is not None}
    return {
        "filter_form": form,
        "active_filters": active,
        **agenda_context(edition, **selected),
    }, 200

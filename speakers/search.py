"""The site search's page results: what each one is, sessions first.

Pages come from Wagtail's search in order of relevance; tracks (snippets with a page under
their edition's agenda) are searched beside them. The results are ordered by kind (sessions,
tracks, then every other page), then by relevance. Only the page of results shown is loaded
in full, with a constant number of queries whatever its length.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from conference.models import ConferencePage, ContentPage, HomePage
from sessions.models import AgendaPage, SessionPage, Track

from .models import SpeakersPage

# More hits than anyone reads; the order by kind needs every hit's kind before paginating.
MAX_HITS = 500

SESSION, TRACK, PAGE = "Session", "Track", "Page"
KIND_ORDER = {SESSION: 0, TRACK: 1}  # everything else after, as a page
PAGE_LABELS = {
    SessionPage: SESSION,
    ConferencePage: "Conference",
    AgendaPage: "Agenda",
    SpeakersPage: "Speakers",
    # Named by label: speakers never imports registrations (registrations imports speakers).
    "registrations.RegistrationPage": "Registration",
    HomePage: "Page",
    ContentPage: "Page",
}


@dataclass
class SearchResult:
    """One hit: a page, or a track (`page` is then its edition's agenda)."""

    label: str  # what it is, in words: Session, Track, Agenda, Page...
    rank: int  # place in the search's own order of relevance
    page_id: int | None = None
    track: Track | None = None
    page: Page | None = None  # the specific page, once loaded
    edition: ConferencePage | None = None  # a session's or a track's edition
    url: str = ""

    @property
    def title(self):
        return self.track.name if self.track else self.page.title

    @property
    def session(self):
        return self.page if self.label == SESSION else None

    @property
    def sort_key(self):
        return (KIND_ORDER.get(self.label, len(KIND_ORDER)), self.rank)


def search_pages(search_query, pages):
    """[SearchResult, ...] for the pages and tracks matching, by kind then relevance.

    `pages` are the pages the visitor may see. The results are not loaded yet: pass the
    slice to be shown to load_results().
    """
    content_types = _content_type_labels()
    results = [
        SearchResult(
            label=content_types.get(page.content_type_id, PAGE), rank=rank, page_id=page.pk
        )
        for rank, page in enumerate(pages.search(search_query)[:MAX_HITS])
    ]
    results += [
        SearchResult(label=TRACK, rank=rank, track=track, url=url)
        for rank, (track, url) in enumerate(_tracks_matching(search_query, pages))
    ]
    return sorted(results, key=lambda result: result.sort_key)


def load_results(results, request=None):
    """Load the pages of these results, sessions with their room, track and edition."""
    page_ids = [result.page_id for result in results if result.page_id]
    session_ids = [result.page_id for result in results if result.label == SESSION]
    other_ids = set(page_ids) - set(session_ids)
    loaded = {page.pk: page for page in Page.objects.filter(pk__in=other_ids).specific()}
    sessions = SessionPage.objects.filter(pk__in=session_ids).select_related("room", "track")
    loaded.update({session.pk: session for session in sessions})
    editions = _editions_of([loaded[pk] for pk in session_ids if pk in loaded])
    for result in results:
        if result.page_id:
            result.page = loaded.get(result.page_id)
            if result.page is not None:
                result.url = result.page.get_url(request)
                if result.label == SESSION:
                    result.edition = editions.get(_edition_path(result.page, editions))
    return [result for result in results if result.track or result.page is not None]


def _content_type_labels():
    models = {
        apps.get_model(model) if isinstance(model, str) else model: label
        for model, label in PAGE_LABELS.items()
    }
    types = ContentType.objects.get_for_models(*models)
    return {types[model].pk: label for model, label in models.items()}


def _tracks_matching(search_query, pages):
    """[(track, its page's URL), ...] of editions with a visible agenda, by relevance."""
    agendas = list(AgendaPage.objects.filter(pk__in=pages.values("pk")))
    if not agendas:
        return []
    parent_paths = {agenda.path[: -Page.steplen]: agenda for agenda in agendas}
    editions = ConferencePage.objects.filter(path__in=parent_paths)
    agenda_of = {edition.pk: parent_paths[edition.path] for edition in editions}
    if not agenda_of:
        return []
    tracks = Track.objects.filter(edition_id__in=agenda_of).select_related("edition")
    return [
        (track, agenda_of[track.edition_id].track_url(track))
        for track in get_search_backend().search(search_query, tracks)
    ]


def _editions_of(pages):
    """{path: edition} of the editions these pages are under, in one query."""
    ancestor_paths = {
        page.path[:length]
        for page in pages
        for length in range(Page.steplen, len(page.path), Page.steplen)
    }
    if not ancestor_paths:
        return {}
    return {
        edition.path: edition for edition in ConferencePage.objects.filter(path__in=ancestor_paths)
    }


def _edition_path(page, editions):
    return next((path for path in editions if page.path.startswith(path)), None)

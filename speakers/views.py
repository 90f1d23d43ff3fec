"""Site search. It lives here because the speakers app sees every kind of public content."""

from django.core.paginator import Paginator
from django.shortcuts import render

from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import parse_query_string

from conference.models import ConferencePage

from .models import Speaker, SpeakersPage
from .queries import edition_speakers
from .search import load_results, search_pages

MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()
    status = 200
    error = None
    page_results, speaker_results = None, []
    if len(query) > MAX_QUERY_LENGTH:
        error = f"Search for at most {MAX_QUERY_LENGTH} characters."
        status = 400
    elif query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        # Quotes make a phrase; anything else is plain words, never search-engine syntax.
        _, search_query = parse_query_string(query)
        # Sessions first, then tracks, then other pages; by relevance within each kind.
        page_results = Paginator(search_pages(search_query, pages), 20).get_page(
            request.GET.get("page")
        )
        page_results.object_list = load_results(page_results.object_list, request)
        speaker_results = _speakers_matching(search_query, pages)
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": page_results,
            "speaker_results": speaker_results,
            "error": error,
        },
        status=status,
    )


def _speakers_matching(search_query, pages):
    """[(speaker, their page URL), ...] for listed speakers of the site's editions."""
    matching_ids = {
        speaker.pk for speaker in get_search_backend().search(search_query, Speaker.objects.live())
    }
    results, seen = [], set()
    if not matching_ids:
        return results
    for speakers_page in SpeakersPage.objects.live().public().filter(pk__in=pages.values("pk")):
        edition = ConferencePage.for_page(speakers_page)
        for speaker in edition_speakers(edition):
            if speaker.pk in matching_ids and speaker.pk not in seen:
                seen.add(speaker.pk)
                results.append((speaker, speakers_page.speaker_url(speaker)))
    return results

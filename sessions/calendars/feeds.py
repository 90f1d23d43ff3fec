"""Calendar feeds: every list of sessions as a subscribable and downloadable .ics file.

Public and cacheable: the same URL gives every subscriber the same bytes, built once per
generation of the programme (see feed_cache).
"""

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.db.models import QuerySet
from django.http import Http404, HttpResponseBadRequest
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.formats import date_format
from django.utils.http import http_date
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from conference.models import ConferencePage
from sessions.models import SessionSpeaker, Track
from sessions.queries import filter_sessions, public_sessions

from ..fragments import listed_sessions, pieces
from .feed_cache import cached_feed
from .ical import calendar_of_events, session_event
from .responses import CalendarResponse

MAX_SELECTION = 100
SELECTION_PATTERN = re.compile(r"\d{1,10}(,\d{1,10})*")
FEED_MAX_AGE = 300


@dataclass(frozen=True)
class Feed:
    edition_id: int
    feed_id: str
    filename: str
    name: str
    description: str
    page_url: str
    sessions: QuerySet
    # Other VEVENTs of a personal feed (an attendee's 1:1 meetings).
    more_events: tuple = ()


class BadSelection(ValueError):
    """A personal selection that cannot be read; its message says why."""


def parse_selection(text: str) -> list[int]:
    """Session ids from "12,15,20": each at most once, at most MAX_SELECTION of them."""
    if not SELECTION_PATTERN.fullmatch(text):
        raise BadSelection("A selection is a list of session numbers separated by commas.")
    ids = sorted({int(part) for part in text.split(",")})
    if len(ids) > MAX_SELECTION:
        raise BadSelection(f"A selection holds at most {MAX_SELECTION} sessions.")
    return ids


def _edition(edition_id):
    edition = ConferencePage.objects.live().public().filter(pk=edition_id).first()
    if edition is None:
        raise Http404("No such edition.")
    return edition


def _page_url(request, page):
    return page.get_full_url(request) if page else ""


def _feed(edition, key, title, description, page_url, sessions):
    return Feed(
        edition_id=edition.pk,
        feed_id=f"edition-{edition.pk}-{key}",
        filename=f"{slugify(edition.title)}-{key}.ics",
        name=f"{edition.title}: {title}" if title else edition.title,
        description=description,
        page_url=page_url,
        sessions=sessions,
    )


def agenda_feed(request, edition):
    return _feed(
        edition,
        "agenda",
        "",
        f"The whole agenda of {edition.title}.",
        _page_url(request, edition.section("agenda.AgendaPage")),
        public_sessions(edition),
    )


def track_feed(request, edition, track_id):
    track = Track.objects.filter(edition=edition, pk=track_id).first()
    if track is None:
        raise Http404("No such track in this edition.")
    agenda = edition.section("agenda.AgendaPage")
    return _feed(
        edition,
        f"track-{track.slug}",
        track.name,
        f"The {track.name} track of {edition.title}.",
        _page_url(request, agenda) + agenda.reverse_subpage("track", args=[track.slug])
        if agenda
        else "",
        filter_sessions(public_sessions(edition), edition=edition, track=track),
    )


def day_feed(request, edition, day_text):
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        raise Http404("Give the day as YYYY-MM-DD.") from None
    if day not in edition.days:
        raise Http404("That day is not a day of this edition.")
    label = date_format(day, "l j F Y")
    agenda = edition.section("agenda.AgendaPage")
    return _feed(
        edition,
        f"day-{day.isoformat()}",
        label,
        f"The sessions of {edition.title} on {label}.",
        _page_url(request, agenda) + f"?day={day.isoformat()}" if agenda else "",
        filter_sessions(public_sessions(edition), edition=edition, day=day),
    )


def speaker_feed(request, edition, speaker_id):
    sessions = public_sessions(edition).filter(session_speakers__speaker_id=speaker_id)
    link = (
        SessionSpeaker.objects.filter(
            speaker_id=speaker_id, speaker__live=True, session__in=sessions
        )
        .select_related("speaker")
        .first()
    )
    if link is None:
        raise Http404("This speaker has no published session in this edition.")
    speakers_page = edition.section("speakers.SpeakersPage")
    return _feed(
        edition,
        f"speaker-{link.speaker.slug}",
        link.speaker.name,
        f"The sessions of {link.speaker.name} at {edition.title}.",
        _page_url(request, speakers_page)
        + speakers_page.reverse_subpage("speaker", args=[link.speaker.slug])
        if speakers_page
        else "",
        sessions,
    )


def session_feed(request, edition, session_id):
    sessions = public_sessions(edition).filter(pk=session_id)
    session = sessions.first()
    if session is None:
        raise Http404("No such session in this edition.")
    return _feed(
        edition,
        f"session-{session.pk}",
        session.title,
        f"{session.title}, at {edition.title}.",
        session.get_full_url(request),
        sessions,
    )


def selection_feed(request, edition, ids):
    sessions = public_sessions(edition).filter(pk__in=ids)
    found = set(sessions.values_list("pk", flat=True))
    missing = [str(session_id) for session_id in ids if session_id not in found]
    if missing:
        raise Http404(f"These sessions are not in this edition's agenda: {', '.join(missing)}.")
    key = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:12]
    return _feed(
        edition,
        f"selection-{key}",
        "My agenda",
        f"{len(ids)} chosen sessions of {edition.title}.",
        _page_url(request, edition.section("agenda.AgendaPage")),
        sessions,
    )


def personal_feed(request, edition, key, sessions, more_events=()):
    """An attendee's own sessions, and `more_events` (their meetings): private, so served by
    serve_private_feed."""
    feed = _feed(
        edition,
        f"personal-{key}",
        "My sessions",
        f"The sessions I chose at {edition.title}.",
        _page_url(request, edition.section("agenda.AgendaPage")),
        sessions,
    )
    return replace(feed, more_events=tuple(more_events))


def _build(request, feed: Feed):
    listed = listed_sessions(feed.sessions)

    def build_events(pks):
        return {
            session.pk: session_event(session, session.get_full_url(request)).to_ical()
            for session in feed.sessions.filter(pk__in=pks)
        }

    events = pieces("vevent", request, feed.edition_id, listed, lambda session: "", build_events)
    body = calendar_of_events(
        feed_id=feed.feed_id,
        name=feed.name,
        description=feed.description,
        url=feed.page_url,
        events=[events[session.pk] for session in listed if session.pk in events],
        more_events=feed.more_events,
    )
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return {"body": body, "etag": etag, "filename": feed.filename}


def _serve(request, edition_id, resolve):
    changed_at, entry = cached_feed(edition_id, request.path, lambda: _build(request, resolve()))
    response = get_conditional_response(
        request, etag=entry["etag"], last_modified=changed_at.timestamp()
    ) or CalendarResponse(
        entry["body"], filename=entry["filename"], download="download" in request.GET
    )
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(changed_at.timestamp())
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    return response


def serve_private_feed(request, feed: Feed):
    """A feed behind a secret address: built for each request, never kept in shared caches."""
    entry = _build(request, feed)
    response = get_conditional_response(request, etag=entry["etag"]) or CalendarResponse(
        entry["body"], filename=entry["filename"], download="download" in request.GET
    )
    response["ETag"] = entry["etag"]
    response["Cache-Control"] = f"private, max-age={FEED_MAX_AGE}"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _feed_view(make_feed):
    """A view serving the feed `make_feed(request, edition, **url_arguments)` describes."""

    @require_safe
    def view(request, edition_id, **url_arguments):
        return _serve(
            request, edition_id, lambda: make_feed(request, _edition(edition_id), **url_arguments)
        )

    return view


agenda_calendar = _feed_view(agenda_feed)
track_calendar = _feed_view(track_feed)
day_calendar = _feed_view(day_feed)
speaker_calendar = _feed_view(speaker_feed)
session_calendar = _feed_view(session_feed)


@require_safe
def selection_calendar(request, edition_id, selection):
    try:
        ids = parse_selection(selection)
    except BadSelection as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    return _serve(request, edition_id, lambda: selection_feed(request, _edition(edition_id), ids))


@dataclass(frozen=True)
class FeedLinks:
    """What a page shows to subscribe to or download its calendar."""

    title: str
    https: str
    webcal: str
    download: str
    google: str


def feed_links(request, url_name, *args, title):
    """Feed addresses on the host the visitor reached the page by."""
    return feed_links_for(request.build_absolute_uri(reverse(url_name, args=args)), title=title)


def feed_links_for(https, *, title):
    """Subscribe and download links for the feed at the absolute address `https`."""
    webcal = urlunsplit(("webcal", *urlsplit(https)[1:]))
    return FeedLinks(
        title=title,
        https=https,
        webcal=webcal,
        download=https + "?download",
        # Android has no webcal handler: Google Calendar subscribes from its own link.
        google="https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal}),
    )

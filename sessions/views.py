"""The agenda page's routes: the agenda, a track's landing page, the visitor's own calendar
and the changes to the programme (a page and an Atom feed)."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from conference import page_cache
from conference.timezones import utc_to_local

from .calendars.feeds import BadSelection, feed_links, parse_selection
from .filters import agenda_page_context, day_tabs, part_from, part_links
from .fragments import listed_sessions
from .models import Track
from .queries import (
    agenda_context,
    edition_context,
    group_by_day,
    now_and_next,
    now_and_next_changes_at,
    public_sessions,
    schedule_changes,
    session_context,
    with_public_sessions,
)
from .timetable import chosen_view, place_sessions, view_links

CHANGES_PER_PAGE = 50


def _render(agenda_page, request, context, template=None, status=200):
    context.setdefault("show_stars", True)
    context["my_calendar_url"] = agenda_page.my_calendar_url()
    response = agenda_page.render(request, template=template, context_overrides=context)
    response.status_code = status
    return response


def _add_now_and_next(request, context, edition):
    now = timezone.now()
    context.update(now_and_next(edition, context["days"], now))
    page_cache.changes_at(request, now_and_next_changes_at(edition, context["days"], now))


def agenda(agenda_page, request):
    edition = agenda_page.get_parent().specific
    context, status = agenda_page_context(edition, request.GET)
    _add_now_and_next(request, context, edition)
    active = context.get("active_filters", {})
    if set(active) == {"track"}:
        track = active["track"]
        feed = feed_links(
            request, "calendar-track", edition.pk, track.pk, title=f"{track.name} sessions"
        )
    elif set(active) == {"day"}:
        day = active["day"]
        feed = feed_links(
            request, "calendar-day", edition.pk, day.isoformat(), title=f"Sessions on {day:%A}"
        )
    else:
        feed = feed_links(request, "calendar-agenda", edition.pk, title=f"{edition.title} agenda")
        if active:
            context["calendar_note"] = (
                "This calendar holds the whole agenda: calendars follow one track or one day, "
                "not a combination of filters."
            )
    context["calendar_feed"] = feed
    context.update(changes_links(agenda_page, edition, request))
    view = chosen_view(request.GET)
    context.update(
        agenda_view=view,
        view_links=view_links(request.GET, view),
        timetables=place_sessions(context["days"], edition.time_zone),
    )
    context["has_timetable"] = any(context["timetables"].values())
    return _render(agenda_page, request, context, status=status)


def track(agenda_page, request, track_slug):
    edition = agenda_page.get_parent().specific
    found = Track.objects.filter(edition=edition, slug=track_slug).first()
    if found is None:
        raise Http404("No such track in this edition.")
    day = _edition_day(edition, request.GET.get("day"))
    listing = agenda_context(
        edition,
        all_days_limit=settings.AGENDA_ALL_DAYS_LIMIT,
        part_from=part_from(request.GET),
        track=found,
        day=day,
    )
    context = {
        "track": found,
        "calendar_feed": feed_links(
            request, "calendar-track", edition.pk, found.pk, title=f"{found.name} sessions"
        ),
        **listing,
    }
    if day or not listing["all_days_offered"]:  # day tabs, as the agenda's rule needs them
        active = {"day": day} if day else {}
        context.update(
            day_tabs=day_tabs(edition, active, listing), part_links=part_links(active, listing)
        )
    _add_now_and_next(request, context, edition)
    return _render(agenda_page, request, context, template="agenda/track_page.html")


def _edition_day(edition, value):
    """The day of the edition `value` names (2027-10-11), else None."""
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if day in edition.days else None


def my_calendar(agenda_page, request):
    """The sessions a visitor chose, with the feed that carries them.

    The choice arrives as ?session=12&session=15 from the "Build my calendar" form.
    Sessions no longer on the agenda are left out and named, so the browser forgets them.
    """
    edition = agenda_page.get_parent().specific
    context = {**edition_context(edition), "days": [], "chosen": [], "show_stars": False}
    raw = ",".join(request.GET.getlist("session"))
    if not raw:
        return _render(agenda_page, request, context, template="agenda/my_calendar.html")
    try:
        ids = parse_selection(raw)
    except BadSelection as error:
        context["error"] = str(error)
        return _render(agenda_page, request, context, "agenda/my_calendar.html", status=400)
    sessions = listed_sessions(public_sessions(edition).filter(pk__in=ids))
    found = [session.pk for session in sessions]
    context["dropped"] = [session_id for session_id in ids if session_id not in found]
    if not sessions:
        context["error"] = "None of the chosen sessions is on the agenda any more."
        return _render(agenda_page, request, context, "agenda/my_calendar.html", status=400)
    selection = ",".join(str(session_id) for session_id in sorted(found))
    context.update(
        chosen=found,
        days=group_by_day(sessions, edition.time_zone),
        calendar_feed=feed_links(
            request, "calendar-selection", edition.pk, selection, title="My agenda"
        ),
    )
    return _render(agenda_page, request, context, template="agenda/my_calendar.html")


@dataclass(frozen=True)
class ChangesListing:
    """What the changes page shows, for its title and description (conference/seo.py)."""

    title: str
    introduction: str


def changes_links(agenda_page, edition, request):
    """The changes page and its Atom feed, for the agenda and changes pages to link."""
    return {
        "changes_url": agenda_page.changes_url(),
        "changes_feed": {
            "url": request.build_absolute_uri(reverse("schedule-changes-feed", args=[edition.pk])),
            "title": "Changes to the programme (Atom)",
        },
    }


def changes(agenda_page, request):
    """The edition's schedule changes, newest first, by the day they were made."""
    edition = agenda_page.get_parent().specific
    paginator = Paginator(schedule_changes(edition), CHANGES_PER_PAGE)
    try:
        page_of_changes = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page of changes.") from None
    listed = with_public_sessions(edition, page_of_changes.object_list)
    zone = edition.time_zone
    context = {
        **edition_context(edition),
        "changes_listing": ChangesListing(
            title="Changes to the programme",
            introduction=f"Sessions of {edition.title} moved, cancelled, added or removed "
            "since the agenda was published, the newest first.",
        ),
        "changes_days": [
            (day, list(day_changes))
            for day, day_changes in groupby(
                listed, key=lambda change: utc_to_local(change.happened_at, zone).date()
            )
        ],
        "page_of_changes": page_of_changes,
        **changes_links(agenda_page, edition, request),
    }
    return _render(agenda_page, request, context, template="agenda/changes_page.html")


def session_page_context(session, request):
    context = session_context(session)
    context["my_calendar_url"] = context["agenda_page"].my_calendar_url()
    context["show_stars"] = True
    if session.pk is not None and context["edition"] is not None:
        context["calendar_feed"] = feed_links(
            request, "calendar-session", context["edition"].pk, session.pk, title=session.title
        )
    return context

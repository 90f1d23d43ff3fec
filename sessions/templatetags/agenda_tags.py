import re
from datetime import UTC
from urllib.parse import urlencode

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from sessions.calendars.ical import session_location
from sessions.fragments import pieces
from sessions.models import SessionPage
from sessions.queries import featured_tracks, keynote_speakers, with_what_is_shown

register = template.Library()


@register.inclusion_tag("agenda/includes/edition_highlights.html", takes_context=True)
def edition_highlights(context, edition):
    """The featured tracks and keynote speakers of an edition, for its front pages."""
    if edition.pk is None:  # the preview of an edition not yet saved
        return {}
    return {
        "request": context.get("request"),
        "edition": edition,
        "agenda_page": edition.section("agenda.AgendaPage"),
        "speakers_page": edition.section("speakers.SpeakersPage"),
        "tracks": featured_tracks(edition),
        "keynote_speakers": keynote_speakers(edition),
    }


@register.filter
def track_url(track, agenda_page):
    return agenda_page.track_url(track) if agenda_page else ""


def _utc_stamp(moment, separators=False):
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ" if separators else "%Y%m%dT%H%M%SZ")


@register.inclusion_tag("components/session_calendar_links.html", takes_context=True)
def session_calendar_links(context, session):
    """ "Add to Google Calendar" and "Add to Outlook" links that prefill the session."""
    url = session.get_full_url(context.get("request"))
    location = session_location(session)
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": session.title,
            "dates": f"{_utc_stamp(session.start)}/{_utc_stamp(session.end)}",
            "details": url,
            "location": location,
        }
    )
    outlook = "https://outlook.office.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": session.title,
            "startdt": _utc_stamp(session.start, separators=True),
            "enddt": _utc_stamp(session.end, separators=True),
            "body": url,
            "location": location,
        }
    )
    return {"session": session, "google_url": google, "outlook_url": outlook}


@register.simple_tag(takes_context=True)
def session_items(context, sessions, grid):
    """The <li>s of a day's ListedSessions (of the context's `days`), placed in the day's
    grid (`grid`, None for a list). The first call builds the pieces of all the days'
    sessions at once."""
    if any(session.piece is None for session in sessions):
        _build_listing_pieces(context)
    places = grid.places if grid else {}
    items = []
    for session in sessions:
        piece = session.piece
        if session.pk in places:
            row, column = places[session.pk]
            piece = piece.replace("<li", f'<li data-row="{row}" data-col="{column}"', 1)
        items.append(piece)
    return mark_safe("".join(items))  # rendered by session_item.html, which escapes


LINE_BREAK_AND_INDENTATION = re.compile(r"\s*\n\s*")


def without_indentation(html):
    """The template's line breaks and indentation as one line break: the same to a browser
    (no <pre> or <textarea> in a piece), and about 6% of the agenda's bytes less."""
    return LINE_BREAK_AND_INDENTATION.sub("\n", html).strip()


def _build_listing_pieces(context):
    listed = [session for _, sessions in context["days"] for session in sessions]
    edition, request = context["edition"], context["request"]
    show_stars = bool(context.get("show_stars"))
    now = {session.pk for session in context.get("now_sessions", ())}
    item = get_template("components/session_item.html")

    def build(pks):
        return {
            session.pk: without_indentation(
                item.render(
                    {
                        "session": session,
                        "edition": edition,
                        "speakers_page": context.get("speakers_page"),
                        "request": request,
                        "show_stars": show_stars,
                        "now_sessions": [session] if session.pk in now else [],
                    }
                )
            )
            # Listed moments ago as public: read in full without asking again, in any order.
            for session in with_what_is_shown(
                SessionPage.objects.filter(pk__in=pks), in_a_list=True
            ).order_by()
        }

    def variant(session):
        return f"stars={show_stars}:now={session.pk in now}"

    built = pieces("agenda-item", request, edition.pk, listed, variant, build)
    for session in listed:
        session.piece = built.get(session.pk, "")  # "": unpublished since it was listed

from datetime import UTC
from urllib.parse import urlencode

from django import template

from sessions.calendars.ical import session_location
from sessions.queries import featured_tracks, keynote_speakers

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

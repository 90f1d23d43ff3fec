from django import template

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

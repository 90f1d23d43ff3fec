"""schema.org data (JSON-LD) for search engines: an edition as an Event with its sessions as
sub-events, a session as an Event within it, a speaker as a Person.

Built here, never in templates, from the one public query, so that nothing unpublished can
leak into it. Registration availability comes from the edition's own child pages: any live
child with a `structured_data_offer(request)` method contributes an Offer, so this module
needs no import of the registration app.
"""

import json

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from conference.seo import (
    HERO_RENDITION,
    PORTRAIT_RENDITION,
    absolute_url,
    description_of,
    plain_summary,
    rendition_url,
    site_name,
)
from conference.timezones import local_day_bounds, utc_to_local

from .queries import public_sessions

SCHEMA = "https://schema.org/"
# What json.dumps leaves as is but an HTML parser reads inside <script>: escaped as
# Django's json_script does, so that no text can close the element or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data, nonce=None):
    """A <script type="application/ld+json"> element holding `data`, with the page's
    Content Security Policy nonce when there is one."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json"{}>{}</script>',
        format_html(' nonce="{}"', nonce) if nonce is not None else "",
        mark_safe(text.translate(_SCRIPT_ESCAPES)),  # nothing HTML could read is left
    )


def _local_iso(moment, edition):
    return utc_to_local(moment, edition.time_zone).isoformat()


def postal_address(venue):
    return {"@type": "PostalAddress", "streetAddress": ", ".join(venue.address_lines)}


def venue_place(venue, name=None):
    place = {"@type": "Place", "name": name or venue.name, "address": postal_address(venue)}
    if name is None and venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    if name is None and venue.website:
        place["url"] = venue.website
    return place


def session_place(session, edition):
    if session.room is not None:
        return venue_place(session.room.venue, name=session.room.name)
    if edition.venue is not None:
        return venue_place(edition.venue)
    return None


def organization(organisation):
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["url"] = organisation.website
    return data


def person(speaker, *, request, speakers_page=None, with_image=False):
    data = {"@type": "Person", "name": speaker.name}
    if speaker.job_title:
        data["jobTitle"] = speaker.job_title
    if speaker.organisation is not None:
        data["worksFor"] = organization(speaker.organisation)
    if speakers_page is not None:
        data["url"] = absolute_url(request, speakers_page.speaker_url(speaker))
    if with_image and speaker.photo is not None:
        data["image"] = rendition_url(request, speaker.photo, PORTRAIT_RENDITION)
    return data


def speaker_person(speaker, *, request, speakers_page):
    """A speaker's own page: the Person with their portrait, bio and profile links."""
    data = person(speaker, request=request, speakers_page=speakers_page, with_image=True)
    if speaker.short_bio:
        data["description"] = speaker.short_bio
    same_as = [link.value["url"] for link in speaker.links]
    if same_as:
        data["sameAs"] = same_as
    return data


def _status(session):
    return SCHEMA + ("EventCancelled" if session.is_cancelled else "EventScheduled")


def _session_event(session, *, request, edition, speakers_page, speaker_links, with_images):
    data = {
        "@type": "Event",
        "name": session.title,
        "startDate": _local_iso(session.start, edition),
        "endDate": _local_iso(session.end, edition),
        "url": session.get_full_url(request),
        "eventStatus": _status(session),
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
    }
    place = session_place(session, edition)
    if place is not None:
        data["location"] = place
    performers = [
        person(link.speaker, request=request, speakers_page=speakers_page, with_image=with_images)
        for link in speaker_links
    ]
    if performers:
        data["performer"] = performers
    return data


def organizer(request):
    """The organiser: the site itself, as the edition has no organiser of its own."""
    return {
        "@type": "Organization",
        "name": site_name(request),
        "url": absolute_url(request, "/"),
    }


def _offers(edition, request):
    offers = []
    for child in edition.live_children:
        make_offer = getattr(child, "structured_data_offer", None)
        offer = make_offer(request) if make_offer is not None else None
        if offer:
            offers.append(offer)
    return offers


def _edition_times(edition, scheduled):
    if scheduled:
        return min(s.start for s in scheduled), max(s.end for s in scheduled)
    return (
        local_day_bounds(edition.start_date, edition.time_zone)[0],
        local_day_bounds(edition.end_date, edition.time_zone)[1],
    )


def edition_event(edition, *, request):
    """The edition as an Event, its public sessions as sub-events (three queries in all)."""
    speakers_page = edition.section("speakers.SpeakersPage")
    sessions = list(public_sessions(edition))
    scheduled = [session for session in sessions if not session.is_cancelled]
    start, end = _edition_times(edition, scheduled)
    data = {
        "@type": "Event",
        "name": edition.title,
        "description": description_of(edition),
        "url": edition.get_full_url(request),
        "startDate": _local_iso(start, edition),
        "endDate": _local_iso(end, edition),
        "eventStatus": SCHEMA + "EventScheduled",
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "organizer": organizer(request),
    }
    if edition.venue is not None:
        data["location"] = venue_place(edition.venue)
    if edition.hero_image_id:
        data["image"] = [rendition_url(request, edition.hero_image, HERO_RENDITION)]
    offers = _offers(edition, request)
    if offers:
        data["offers"] = offers[0] if len(offers) == 1 else offers
    performers, seen = [], set()
    for session in scheduled:
        for link in session.session_speakers.all():
            if link.speaker.pk not in seen:
                seen.add(link.speaker.pk)
                performers.append(
                    person(link.speaker, request=request, speakers_page=speakers_page)
                )
    if performers:
        data["performer"] = performers
    if sessions:
        data["subEvent"] = [
            _session_event(
                session,
                request=request,
                edition=edition,
                speakers_page=speakers_page,
                speaker_links=session.session_speakers.all(),
                with_images=False,
            )
            for session in sessions
        ]
    return data


def session_event(session, *, request, edition, speakers_page, speaker_links):
    """A session page's Event, part of its edition. `speaker_links` are the page's own
    (photos and renditions prefetched), so that the page reads them once."""
    data = _session_event(
        session,
        request=request,
        edition=edition,
        speakers_page=speakers_page,
        speaker_links=speaker_links,
        with_images=True,
    )
    # Who may attend first (Chatham House Rule, closed), then what the session is about.
    description = plain_summary(
        f"<p>{escape(session.access_statement)}</p>{session.abstract}", limit=1000
    )
    if description:
        data["description"] = description
    if edition.hero_image_id:
        data["image"] = [rendition_url(request, edition.hero_image, HERO_RENDITION)]
    data["superEvent"] = {
        "@type": "Event",
        "name": edition.title,
        "url": edition.get_full_url(request),
    }
    return data

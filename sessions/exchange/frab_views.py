"""The published programme as frab schedule.xml and schedule.json, next to the calendar feeds.

Public and cacheable like the feeds: built once per feed-cache generation, with ETag and
Last-Modified honoured (304), so apps that poll the schedule cost next to nothing.
"""

import hashlib

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date
from django.views.decorators.http import require_safe

from conference.models import ConferencePage
from sessions.calendars.feed_cache import cached_feed, last_modified
from sessions.calendars.feeds import FEED_MAX_AGE
from sessions.queries import public_sessions

from .frab import build_schedule, to_json, to_xml

FORMATS = {
    "xml": (to_xml, "application/xml; charset=utf-8"),
    "json": (to_json, "application/json"),
}


def _build(request, edition_id, extension):
    edition = get_object_or_404(ConferencePage.objects.live().public(), pk=edition_id)
    write, content_type = FORMATS[extension]
    schedule = build_schedule(
        edition=edition,
        sessions=public_sessions(edition),
        version=last_modified(edition.pk).strftime("%Y-%m-%d %H:%M:%S"),
        edition_url=edition.get_full_url(request),
        session_url=lambda session: session.get_full_url(request),
    )
    body = write(schedule)
    return {
        "body": body,
        "etag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        "content_type": content_type,
        "filename": f"{edition.slug}-schedule.{extension}",
    }


def _schedule_view(extension):
    @require_safe
    def view(request, edition_id):
        changed_at, entry = cached_feed(
            edition_id, request.path, lambda: _build(request, edition_id, extension)
        )
        response = get_conditional_response(
            request, etag=entry["etag"], last_modified=changed_at.timestamp()
        )
        if response is None:
            response = HttpResponse(entry["body"], content_type=entry["content_type"])
            response["Content-Disposition"] = content_disposition_header(False, entry["filename"])
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(changed_at.timestamp())
        response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
        return response

    return view


schedule_xml = _schedule_view("xml")
schedule_json = _schedule_view("json")

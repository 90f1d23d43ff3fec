"""Requests the site refuses before any view sees them, and a friendly 503 while the database
does not answer (PostgreSQL restarting, a failover).

Every write runs in a transaction, so a request cut off by the database has changed nothing;
the visitor is asked to try again shortly. Connections are checked before reuse
(CONN_HEALTH_CHECKS), so the next request after the database is back connects afresh: no
restart needed."""

import logging

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG or not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning(
            "The database does not answer: 503 for %s %s (%s)",
            request.method,
            request.path,
            exception,
        )
        # Rendered without the request: no context processor may ask the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        # Neither the page cache nor a CDN may keep it once the database is back.
        add_never_cache_headers(response)
        # Logged above, once: Django need not log the 503 again.
        response._has_been_logged = True
        return response


class RejectNullCharactersMiddleware:
    """A NUL character can be neither stored in nor looked up by PostgreSQL text: an address
    or query parameter holding one is a bad request (the site's 400), whichever view it was
    for. Forms refuse NUL in what they are sent (Django's fields do)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        parameters = (text for key, values in request.GET.lists() for text in (key, *values))
        if "\x00" in request.path or any("\x00" in text for text in parameters):
            raise BadRequest("A NUL character in the address")
        return self.get_response(request)

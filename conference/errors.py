"""The site's own error pages: 400, 403 (CSRF failures too), 404 and 500.

Django's default 400 and 500 views check the CSRF token first, which reads the request's form
data: a request whose form data cannot be read (a charset other than UTF-8) fails again there,
and the visitor gets the web server's bare 500 without the security headers. These views never
read the request's data. The 400, 403 and 404 pages are in the site's design; if that design
cannot be drawn (it reads the navigation from the database), the same words come in the plain
page that needs nothing but the stylesheet, as the 500 page always does.
"""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

PAGES = {
    400: (
        "Bad request",
        "The site could not read what your browser sent. If you were sending a form, go back, "
        "reload the page and send it again.",
    ),
    403: (
        "Not allowed",
        "You may not open this page, or the form you sent had expired. If you were sending a "
        "form, go back, reload the page and send it again.",
    ),
    404: (
        "Page not found",
        "We could not find that page. It may have moved, or the address may be mistyped.",
    ),
    500: (
        "Something went wrong",
        "The page could not be shown because of a problem on our side. We have been told "
        "about it. Please try again in a few minutes.",
    ),
}
# The last resort, if even the plain page cannot be drawn.
BARE = (
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{title} | IWT '
    "Conference</title></head><body><main><h1>{title}</h1><p>{text}</p>"
    '<p><a href="/">Go to the home page</a></p></main></body></html>'
)


def _plain(status):
    title, text = PAGES[status]
    try:
        body = render_to_string("errors/plain.html", {"title": title, "text": text})
    except Exception:
        logger.exception("The plain %s page could not be drawn", status)
        body = BARE.format(title=title, text=text)
    return HttpResponse(body, status=status)


def _designed(request, status):
    title, text = PAGES[status]
    try:
        body = render_to_string(
            "errors/designed.html", {"title": title, "text": text, "status": status}, request
        )
    except Exception:
        logger.exception("The %s page could not be drawn in the site's design", status)
        return _plain(status)
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    return _designed(request, 400)


def permission_denied(request, exception=None):
    return _designed(request, 403)


def csrf_failure(request, reason=""):
    return _designed(request, 403)


def page_not_found(request, exception=None):
    return _designed(request, 404)


def server_error(request):
    return _plain(500)

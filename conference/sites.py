"""Which Wagtail site a request is for, chosen among the sites kept in the shared cache, with
its home page kept too: Wagtail reads both from the database for every request (the site,
then the home page as its own type).

`KeptSiteMiddleware` answers `Site.find_for_request` for a page before its view asks (Wagtail
keeps the answer on the request as `_wagtail_site`). The sites are kept until the site's tag
changes (a site saved or deleted); a home page until it or a page right below it is
published (its own tag) or it is unpublished, moved or renamed (the site's).
"""

from contextlib import suppress

from django.db import InterfaceError, OperationalError
from django.http.request import split_domain_port

from wagtail.models import Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
)
from wagtail.views import serve as wagtail_serve

from . import page_cache


def _match(site, hostname, port):
    """get_site_for_hostname's ranking of a site for a hostname and port (lower is better).
    The port as the request gives it, a string; compared as the database compares it."""
    if site.hostname == hostname and str(site.port) == str(port):
        return MATCH_HOSTNAME_PORT
    if site.hostname == hostname and site.is_default_site:
        return MATCH_HOSTNAME_DEFAULT
    return MATCH_DEFAULT if site.is_default_site else MATCH_HOSTNAME


def site_for(sites, hostname, port):
    """The site Wagtail's get_site_for_hostname chooses among `sites` (in Site's default
    order), or None where it finds none: the site of this hostname and port; else of this
    hostname if it is the default; else the one other site of this hostname, if there is
    exactly one, else the default."""
    candidates = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site),
        key=lambda site: _match(site, hostname, port),
    )
    if not candidates:
        return None
    best = _match(candidates[0], hostname, port)
    if len(candidates) == 1 or best in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return candidates[0]
    if best == MATCH_DEFAULT:
        return candidates[len(candidates) == 2]
    return None


def find_for_request(request):
    """Site.find_for_request, from the kept sites and home page (no query once kept)."""
    hostname = split_domain_port(request._get_raw_host())[0]  # unchecked, as Wagtail does
    sites = page_cache.cached_by_tags(
        "sites", [page_cache.SITE], lambda: list(Site.objects.select_related("root_page"))
    )
    site = site_for(sites, hostname, request.get_port())
    if site is not None:  # its home page as it now is, as its own type
        site.root_page = page_cache.cached_by_tags(
            f"site-root:{site.root_page_id}",
            [page_cache.SITE, f"page:{site.root_page_id}"],
            lambda: site.root_page.specific,
        )
    return site


class KeptSiteMiddleware:
    """For the pages Wagtail serves (its `serve` view): the site and home page, kept. Other
    views (the health checks, the admin, feeds) ask Wagtail if they need a site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve and not hasattr(request, "_wagtail_site"):
            # Without a database the view asks again: its error gets the outage's answer.
            with suppress(InterfaceError, OperationalError):
                request._wagtail_site = find_for_request(request)

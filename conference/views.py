"""robots.txt: crawl the public site, not the admin, search results or private links."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from wagtail.models import Page

from .seo import absolute_url, site_for

# Personal calendar feeds (config/urls.py): each address is a secret of its owner.
PERSONAL_CALENDARS = "/calendar/personal/"
# The routes of a registration page that carry a secret in their address. The page type is
# named, not imported: nothing outside the registration app imports it.
REGISTRATION_PAGE_TYPE = {
    "content_type__app_label": "registrations",
    "content_type__model": "registrationpage",
}
PRIVATE_REGISTRATION_ROUTES = ("confirm/", "manage/")


def _registration_paths(request):
    site = site_for(request)
    pages = Page.objects.live().filter(**REGISTRATION_PAGE_TYPE)
    if site is not None:
        pages = pages.in_site(site)
    paths = []
    for page in pages.order_by("path"):
        url_parts = page.get_url_parts(request)
        if url_parts is not None:
            paths += [url_parts[2] + route for route in PRIVATE_REGISTRATION_ROUTES]
    return paths


@require_safe
def robots_txt(request):
    disallowed = [
        reverse("wagtailadmin_home"),
        reverse("admin:index"),
        reverse("search"),
        PERSONAL_CALENDARS,
        *_registration_paths(request),
    ]
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed),
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

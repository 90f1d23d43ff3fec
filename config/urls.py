import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from conference.page_cache import shows_site
from conference.views import robots_txt
from config.health import healthz, healthz_deep
from speakers.views import search

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/deep", healthz_deep, name="healthz-deep"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", require_safe(search), name="search"),
    path("sitemap.xml", shows_site(require_safe(sitemap)), name="sitemap"),
    path("robots.txt", shows_site(robots_txt), name="robots_txt"),
    path("calendar/personal/", include("registrations.urls")),
    path("delegates/", include("registrations.delegate_urls")),
    path("calendar/", include("sessions.urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded images served by Django itself: in development, and in production only when
    # DJANGO_SERVE_MEDIA=true (a demo, or a small site with no web server in front). Their
    # file names change whenever the image or the rendition changes, so browsers may keep them.
    from django.views.decorators.cache import cache_control
    from django.views.static import serve

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{re.escape(media_prefix)}(?P<path>.*)$",
            cache_control(public=True, max_age=30 * 24 * 60 * 60)(serve),
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]

# The site's own error pages, which never read the request's data (conference/errors.py).
handler400 = "conference.errors.bad_request"
handler403 = "conference.errors.permission_denied"
handler404 = "conference.errors.page_not_found"
handler500 = "conference.errors.server_error"

"""The shared cache of what anonymous visitors get: public pages and feeds.

A response is kept only when its view said what it shows, as tags: `site` (navigation,
settings: on every page) and `edition:<id>` for each edition whose content it shows. An
entry remembers the version each of its tags had when it was built. Publishing or changing
something starts a new version of the tags it affects (`invalidate`), in the same shared
cache as the entries, so every app server stops serving what was built before, at once,
and other editions' entries stay. Nothing has to find and delete entries.

Never kept: requests that carry a session or messages cookie (signed-in organisers, a
message to show), responses that set a cookie (a form's CSRF token), that are private or
`no-store`, or whose view tagged nothing. So no personal content is ever shared.

Content that changes with the clock (what is on now, a registration window opening) tells
the cache when it will change (`changes_at`); the entry lasts no longer than that.
"""

import hashlib
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils import timezone
from django.utils.cache import get_conditional_response, get_max_age, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.text import compress_string

SITE = "site"
ANY_PAGE = "any-page"
NANOSECONDS = 1_000_000_000
LATEST_CHANGE_KEY = "page-cache:latest-change"
# Headers that the layers outside this one, or the replay, set on each response themselves.
HEADERS_NOT_KEPT = {
    "content-length",
    "content-security-policy",
    "content-security-policy-report-only",
}
# What a 304 repeats of the response it stands for.
NOT_MODIFIED_HEADERS = {"cache-control", "etag", "expires", "last-modified", "vary"}
VARY_ALLOWED = {"cookie", "accept-encoding"}


EDITION_TAG_PREFIX = "edition:"


def edition_tag(edition_id) -> str:
    return f"{EDITION_TAG_PREFIX}{edition_id}"


def _tag_key(tag):
    return f"page-cache:tag:{tag}"


def tag_versions(tags) -> dict[str, int]:
    """The current version of each tag; a tag never seen before starts one now."""
    found = cache.get_many([_tag_key(tag) for tag in tags])
    versions = {}
    for tag in tags:
        version = found.get(_tag_key(tag))
        if version is None:
            cache.add(_tag_key(tag), time.time_ns(), timeout=None)
            version = cache.get(_tag_key(tag)) or 0
        versions[tag] = version
    return versions


def invalidate(*tags):
    """Start a new version of each tag: entries built with an older one are never served.

    Inside a transaction, once more when it commits: a page built in between, from what
    the database held before the commit, is not kept under the new version.
    A version is the time it started, at least a second after any version before it, so
    that the newest of a page's tags can serve as its Last-Modified date (HTTP dates have
    whole seconds)."""
    if not tags:
        return
    if getattr(_batch, "tags", None) is not None:
        _batch.tags.update(tags)
        return
    _start_new_versions(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _start_new_versions(tags))


_batch = threading.local()


@contextmanager
def invalidations_batched():
    """Many changes in a row (a programme import publishing hundreds of sessions): each tag
    they touch gets one new version, at the end, instead of one per change."""
    if getattr(_batch, "tags", None) is not None:
        yield  # already batched further out
        return
    _batch.tags = set()
    try:
        yield
    finally:
        tags, _batch.tags = _batch.tags, None
        invalidate(*tags)


def _start_new_versions(tags):
    version = max(time.time_ns(), (cache.get(LATEST_CHANGE_KEY) or 0) + NANOSECONDS)
    cache.set_many({_tag_key(tag): version for tag in tags}, timeout=None)
    cache.set(LATEST_CHANGE_KEY, version, timeout=None)


def last_changed(versions: dict[str, int]) -> datetime:
    """When anything tags with these versions stand for last changed, to the second."""
    newest = max(versions.values(), default=0)
    return datetime.fromtimestamp(newest // NANOSECONDS, tz=UTC)


def view_restrictions_changed(**kwargs):
    """A page made private (or public again): it and the pages below it, and links to them
    anywhere, change for everyone (connected in apps.py)."""
    invalidate(SITE)


def depends_on(request, *tags):
    """Say that the response to `request` shows what these tags stand for."""
    if not hasattr(request, "page_cache_tags"):
        request.page_cache_tags = {SITE}
    request.page_cache_tags.update(tags)


def changes_at(request, moment):
    """Say that the response to `request` will be out of date at `moment`."""
    if moment is None or moment <= timezone.now():
        return
    current = getattr(request, "page_cache_expires", None)
    if current is None or moment < current:
        request.page_cache_expires = moment


def shows_edition(view):
    """Tag the responses of a view with the edition its `edition_id` argument names."""

    @wraps(view)
    def tagged_view(request, *args, **kwargs):
        depends_on(request, edition_tag(kwargs["edition_id"]))
        return view(request, *args, **kwargs)

    return tagged_view


def shows_site(view):
    """Tag the responses of a view with the site as a whole: any page, any edition."""

    @wraps(view)
    def tagged_view(request, *args, **kwargs):
        from .models import ConferencePage

        editions = ConferencePage.objects.values_list("pk", flat=True)
        depends_on(request, ANY_PAGE, *(edition_tag(pk) for pk in editions))
        return view(request, *args, **kwargs)

    return tagged_view


def page_tags(page, request=None) -> set[str]:
    """What a page shows: itself and, inside an edition, that edition (an agenda lists its
    sessions, the edition's front page its sections and partners).

    With the request that serves the page, the edition it was routed through is taken, without
    a query (ConferencePage.for_page_served)."""
    from .models import ConferencePage

    tags = {f"page:{page.pk}"}
    if request is not None:
        edition = ConferencePage.for_page_served(page, request)
        edition_id = edition.pk if edition is not None else None
    else:
        edition_id = (
            ConferencePage.objects.ancestor_of(page, inclusive=True).values_list("pk", flat=True)
        ).first()
    if edition_id is not None:
        tags.add(edition_tag(edition_id))
    return tags


FRAGMENT_SECONDS = 24 * 60 * 60


def cached_by_tags(key, tags, build):
    """What `build()` reads from the database (what every page shows, such as the navigation),
    kept in the shared cache until one of `tags` takes a new version.

    The versions are read before building, so that a change made meanwhile is never kept
    under the version after it. `build()` returns something the cache can pickle."""
    entry_key = f"page-cache:fragment:{key}"
    found = cache.get_many([entry_key, *(_tag_key(tag) for tag in tags)])
    if all(_tag_key(tag) in found for tag in tags):
        versions = {tag: found[_tag_key(tag)] for tag in tags}
    else:
        versions = tag_versions(tags)
    entry = found.get(entry_key)
    if entry is not None and entry["tags"] == versions:
        return entry["value"]
    value = build()
    cache.set(entry_key, {"tags": versions, "value": value}, timeout=FRAGMENT_SECONDS)
    return value


def edition_tags_of(pages) -> set[str]:
    """The tags of the editions holding these pages (a queryset of pages)."""
    from .models import ConferencePage

    paths = list(pages.values_list("path", flat=True))
    return {
        edition_tag(edition_id)
        for edition_id, edition_path in ConferencePage.objects.values_list("pk", "path")
        if any(path.startswith(edition_path) for path in paths)
    }


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs from the shared cache; keep what views tagged (see above).

    Sits inside the CSP middleware: a kept page's nonce is replaced by the request's own,
    so no two responses share one. Sits inside GZipMiddleware, which compresses hits too,
    except those of entries without a nonce (feeds): the same for every visitor, they are
    compressed once, when kept, and served compressed to clients that accept gzip, as
    GZipMiddleware would have (its random padding is then one per entry, not per response:
    it guards secrets in a page, and a shared entry holds none).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_share(request):
            return self.get_response(request)
        key = self._key(request)
        entry = cache.get(key)
        if entry is not None and tag_versions(entry["tags"]) == entry["tags"]:
            return self._replay(request, entry)
        latest_change_before = cache.get(LATEST_CHANGE_KEY)
        response = self.get_response(request)
        tags = getattr(request, "page_cache_tags", None)
        timeout = self._timeout(request, response)
        if tags and timeout > 0 and self._may_keep(response):
            versions = tag_versions(tags)
            # A change while the page was built may have missed it: keep nothing then.
            if cache.get(LATEST_CHANGE_KEY) == latest_change_before:
                cache.set(key, self._entry(request, response, versions), timeout=timeout)
        if tags:
            response["X-Cache"] = "MISS"
        return response

    @staticmethod
    def _may_share(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
        )

    @staticmethod
    def _key(request):
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return "page-cache:page:" + hashlib.sha256(address.encode()).hexdigest()

    @staticmethod
    def _timeout(request, response):
        seconds = settings.PAGE_CACHE_SECONDS
        max_age = get_max_age(response)
        if max_age is not None:
            seconds = min(seconds, max_age)
        expires = getattr(request, "page_cache_expires", None)
        if expires is not None:
            seconds = min(seconds, int((expires - timezone.now()).total_seconds()))
        return seconds

    @staticmethod
    def _may_keep(response):
        cache_control = response.get("Cache-Control", "").lower()
        vary = {value.strip().lower() for value in response.get("Vary", "").split(",")}
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
            and vary - {""} <= VARY_ALLOWED
        )

    @staticmethod
    def _entry(request, response, versions):
        nonce = get_nonce(request)
        return {
            "tags": versions,
            "content": response.content,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in HEADERS_NOT_KEPT
            ],
            "nonce": str(nonce) if nonce else "",
            "gzipped": None if nonce else AnonymousPageCacheMiddleware._gzipped(response.content),
        }

    @staticmethod
    def _gzipped(content):
        if len(content) < 200:
            return None
        compressed = compress_string(content, max_random_bytes=GZipMiddleware.max_random_bytes)
        return compressed if len(compressed) < len(content) else None

    @staticmethod
    def _replay(request, entry):
        headers = {name.lower(): value for name, value in entry["headers"]}
        last_modified = headers.get("last-modified")
        response = get_conditional_response(
            request,
            etag=headers.get("etag"),
            last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        )
        gzipped = None
        if response is None:
            content = entry["content"]
            nonce = get_nonce(request)
            if entry["nonce"] and nonce is not None:
                content = content.replace(entry["nonce"].encode(), str(nonce).encode())
            elif re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
                gzipped = entry.get("gzipped")
                content = gzipped or content
            response = HttpResponse(content)
            response["Content-Length"] = len(content)
            kept = entry["headers"]
        else:
            kept = [item for item in entry["headers"] if item[0].lower() in NOT_MODIFIED_HEADERS]
        for name, value in kept:
            response[name] = value
        if gzipped:  # what GZipMiddleware, which leaves it alone now, would have added
            patch_vary_headers(response, ("Accept-Encoding",))
            etag = response.get("ETag")
            if etag and etag.startswith('"'):
                response["ETag"] = "W/" + etag
            response["Content-Encoding"] = "gzip"
        response["X-Cache"] = "HIT"
        return response

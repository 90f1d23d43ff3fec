"""The cache of built calendar feeds and schedule files.

Each built feed is kept under the version of what it shows: the page cache's tags `site`
and `edition:<id>` (conference/page_cache.py). Any publish, unpublish, move or edit of what
a feed shows starts a new version, so no stale feed is ever served, and the version's time
is the feed's Last-Modified.
"""

from datetime import datetime

from django.core.cache import cache

from conference.page_cache import SITE, edition_tag, last_changed, tag_versions

FEED_TIMEOUT = 60 * 60 * 24


def feed_tags(edition_id) -> list[str]:
    return [SITE, edition_tag(edition_id)]


def last_modified(edition_id) -> datetime:
    return last_changed(tag_versions(feed_tags(edition_id)))


def cached_feed(edition_id, path: str, build):
    """(last modified, entry) for a feed path; `build()` makes the entry when it is not cached."""
    versions = tag_versions(feed_tags(edition_id))
    key = "calendar-feeds:" + ":".join(str(versions[tag]) for tag in sorted(versions)) + path
    entry = cache.get(key)
    if entry is None:
        entry = build()
        cache.set(key, entry, timeout=FEED_TIMEOUT)
    return last_changed(versions), entry

"""The cache of built calendar feeds and the generation token that invalidates it.

Every built feed is cached under the current generation. Any publish, unpublish, move or
edit of what a feed shows starts a new generation, so no stale feed is ever served. The
generation is also the feeds' Last-Modified time, which is why each new one is at least a
second after the last: HTTP dates have whole seconds.
"""

import time
from datetime import UTC, datetime

from django.core.cache import cache

GENERATION_KEY = "calendar-feeds:generation"
FEED_TIMEOUT = 60 * 60 * 24
NANOSECONDS = 1_000_000_000


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY) or time.time_ns()
    return generation


def start_new_generation(**signal_kwargs):
    previous = cache.get(GENERATION_KEY) or 0
    cache.set(GENERATION_KEY, max(time.time_ns(), previous + NANOSECONDS), timeout=None)


def generation_time(generation: int) -> datetime:
    return datetime.fromtimestamp(generation // NANOSECONDS, tz=UTC)


def cached_feed(path: str, build):
    """(generation, entry) for a feed path; `build()` makes the entry when it is not cached."""
    generation = current_generation()
    key = f"calendar-feeds:{generation}:{path}"
    entry = cache.get(key)
    if entry is None:
        entry = build()
        cache.set(key, entry, timeout=FEED_TIMEOUT)
    return generation, entry

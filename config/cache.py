"""Redis as the cache, failing open: when Redis does not answer, the site serves uncached.

Reads answer as if the key were missing and writes do nothing; one warning is logged per
interval, not one per request. After a failure Redis is left alone for `retry_seconds`, so a
dead or hanging Redis costs each request nothing, and the short socket timeouts bound the
one request that finds it gone.

A write dropped during an outage may have been an invalidation (a page or feed that changed).
So when Redis answers again after dropping writes, this process empties the cache database
before using it: nothing cached before the outage can be served stale after it.

The health checks still report such a cache as unavailable (/healthz as "degraded",
/healthz/deep with a 503): its probe's write is dropped, so its read comes back empty.
"""

import logging
import threading
from time import monotonic
from urllib.parse import urlsplit

import redis

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

FAILURES = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}


def _without_password(url):
    """host:port/db, for the logs: a Redis URL may carry a password."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or 6379}{parts.path}" if parts.hostname else url


class _Link:
    """What this process knows about one Redis location, shared by its threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.retry_at = None  # set while Redis is taken to be down
        self.last_warning = None
        self.dropped_writes = 0


class FailOpenRedisCache(RedisCache):
    _links = {}
    _links_lock = threading.Lock()

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("retry_seconds", 5))
        self.warning_interval = float(options.pop("warning_interval", 60))
        super().__init__(server, {**params, "OPTIONS": {**DEFAULT_OPTIONS, **options}})
        self._location = ", ".join(_without_password(url) for url in self._servers)
        with self._links_lock:
            self._link = self._links.setdefault(self._location, _Link())

    @classmethod
    def forget_outages(cls):
        with cls._links_lock:
            cls._links.clear()

    def _call(self, operation, fallback, *, write=False):
        link = self._link
        recovering = link.retry_at is not None
        if recovering and monotonic() < link.retry_at:
            self._dropped(write)
            return fallback()
        try:
            emptied = self._empty_if_writes_were_dropped() if recovering else 0
            result = operation()
        except FAILURES as error:
            self._failed(error)
            self._dropped(write)
            return fallback()
        if recovering:
            with link.lock:
                link.retry_at = None
            logger.info(
                "Redis cache at %s answers again%s",
                self._location,
                f"; emptied it, since {emptied} writes were dropped meanwhile" if emptied else "",
            )
        return result

    def _dropped(self, write):
        if write:
            with self._link.lock:
                self._link.dropped_writes += 1

    def _empty_if_writes_were_dropped(self):
        """One of the writes dropped during the outage may have been an invalidation."""
        dropped = self._link.dropped_writes
        if dropped:
            self._cache.get_client(None, write=True).flushdb(asynchronous=True)
            with self._link.lock:
                self._link.dropped_writes -= dropped
        return dropped

    def _failed(self, error):
        link = self._link
        now = monotonic()
        with link.lock:
            link.retry_at = now + self.retry_seconds
            warn = link.last_warning is None or now - link.last_warning >= self.warning_interval
            if warn:
                link.last_warning = now
        if warn:
            logger.warning(
                "Redis cache at %s does not answer (%s): serving uncached; trying again "
                "every %g s",
                self._location,
                error,
                self.retry_seconds,
            )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            lambda: super(FailOpenRedisCache, self).add(key, value, timeout, version),
            lambda: False,
            write=True,
        )

    def get(self, key, default=None, version=None):
        return self._call(
            lambda: super(FailOpenRedisCache, self).get(key, default, version),
            lambda: default,
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(
            lambda: super(FailOpenRedisCache, self).set(key, value, timeout, version),
            lambda: None,
            write=True,
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            lambda: super(FailOpenRedisCache, self).touch(key, timeout, version),
            lambda: False,
            write=True,
        )

    def delete(self, key, version=None):
        return self._call(
            lambda: super(FailOpenRedisCache, self).delete(key, version),
            lambda: False,
            write=True,
        )

    def get_many(self, keys, version=None):
        return self._call(lambda: super(FailOpenRedisCache, self).get_many(keys, version), dict)

    def has_key(self, key, version=None):
        return self._call(
            lambda: super(FailOpenRedisCache, self).has_key(key, version), lambda: False
        )

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (the cache does not answer).")

        return self._call(
            lambda: super(FailOpenRedisCache, self).incr(key, delta, version),
            missing,
            write=True,
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._call(
            lambda: super(FailOpenRedisCache, self).set_many(data, timeout, version),
            lambda: list(data),
            write=True,
        )

    def delete_many(self, keys, version=None):
        self._call(
            lambda: super(FailOpenRedisCache, self).delete_many(keys, version),
            lambda: None,
            write=True,
        )

    def clear(self):
        return self._call(
            lambda: super(FailOpenRedisCache, self).clear(), lambda: False, write=True
        )

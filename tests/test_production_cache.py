"""The Redis cache fails open: with Redis gone the site serves uncached, never an error, and
a dead or hanging Redis does not hold requests up."""

import logging
import socket
import time
from unittest import mock

import pytest
import redis

from config.cache import FailOpenRedisCache

# Nothing listens on port 1: every connection is refused at once.
REFUSED = "redis://127.0.0.1:1/0"


def backend(location, **options):
    params = {"OPTIONS": {"retry_seconds": 30, **options}}
    return FailOpenRedisCache(location, params)


@pytest.fixture(autouse=True)
def _forget_outages():
    """Outages are remembered per process; each test starts with none."""
    FailOpenRedisCache.forget_outages()
    yield
    FailOpenRedisCache.forget_outages()


@pytest.fixture
def hanging_server():
    """A TCP port that accepts connections and never answers, like a Redis that hangs."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    server.close()


@pytest.fixture
def real_redis(local_redis_url):
    cache = backend(local_redis_url)
    cache.clear()
    yield cache
    cache.clear()


def test_fail_open_cache_reads_return_the_default_when_redis_refuses():
    cache = backend(REFUSED)
    assert cache.get("page", "default") == "default"
    assert cache.get_many(["page", "feed"]) == {}
    assert cache.has_key("page") is False
    assert cache.get_or_set("page", lambda: "built afresh") == "built afresh"


def test_fail_open_cache_writes_do_nothing_when_redis_refuses():
    cache = backend(REFUSED)
    cache.set("page", "html")
    assert cache.add("page", "html") is False
    assert cache.delete("page") is False
    assert cache.touch("page") is False
    assert sorted(cache.set_many({"page": 1, "feed": 2})) == ["feed", "page"]
    cache.delete_many(["page", "feed"])
    assert cache.clear() is False
    with pytest.raises(ValueError):
        cache.incr("attempts")


def test_fail_open_cache_async_reads_return_the_default_when_redis_refuses():
    import asyncio

    cache = backend(REFUSED)
    assert asyncio.run(cache.aget("page", "default")) == "default"


def test_fail_open_cache_warns_once_per_interval_when_redis_refuses(caplog):
    cache = backend(REFUSED, retry_seconds=0, warning_interval=60)
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        for _ in range(50):
            cache.get("page")
    warnings = [record for record in caplog.records if record.name == "config.cache"]
    assert len(warnings) == 1
    assert "127.0.0.1:1" in warnings[0].getMessage()
    assert "uncached" in warnings[0].getMessage()


def test_fail_open_cache_does_not_stall_when_redis_hangs(hanging_server):
    cache = backend(hanging_server, socket_timeout=0.2, socket_connect_timeout=0.2)
    started = time.monotonic()
    assert cache.get("page", "default") == "default"
    first = time.monotonic() - started
    started = time.monotonic()
    for _ in range(100):
        assert cache.get("page", "default") == "default"
        cache.set("page", "html")
    rest = time.monotonic() - started
    # One wait for the timeout; then Redis is left alone until retry_seconds have passed.
    assert first < 1.5
    assert rest < 0.5


def test_fail_open_cache_tries_redis_again_after_the_retry_interval():
    cache = backend(REFUSED, retry_seconds=30)
    with mock.patch.object(
        redis.Redis, "get", autospec=True, side_effect=redis.ConnectionError("refused")
    ) as get:
        cache.get("page")
        cache.get("page")
        assert get.call_count == 1
        with mock.patch("config.cache.monotonic", return_value=time.monotonic() + 31):
            cache.get("page")
        assert get.call_count == 2


def test_fail_open_cache_sets_short_socket_timeouts_by_default():
    cache = FailOpenRedisCache(REFUSED, {})
    pool_options = cache._cache._pool_options
    assert pool_options["socket_connect_timeout"] == 0.25
    assert pool_options["socket_timeout"] == 0.5


def test_fail_open_cache_stores_and_reads_from_a_real_redis(real_redis):
    real_redis.set("page", {"html": "<p>agenda</p>"}, timeout=30)
    assert real_redis.get("page") == {"html": "<p>agenda</p>"}
    assert real_redis.add("attempts", 0) is True
    assert real_redis.incr("attempts") == 1
    assert real_redis.delete("page") is True
    assert real_redis.get("page", "gone") == "gone"


def test_fail_open_cache_empties_redis_when_it_answers_after_dropping_writes(real_redis):
    """An invalidation dropped while Redis was away must not leave stale pages behind it."""
    real_redis.set("agenda-page", "the old agenda", timeout=None)
    outage = mock.patch.object(
        redis.Redis, "delete", autospec=True, side_effect=redis.ConnectionError("gone")
    )
    with outage:
        assert real_redis.delete("agenda-page") is False  # the edit's invalidation, lost
    with mock.patch("config.cache.monotonic", return_value=time.monotonic() + 31):
        assert real_redis.get("agenda-page", "miss") == "miss"
        real_redis.set("agenda-page", "the new agenda")
        assert real_redis.get("agenda-page") == "the new agenda"


def test_fail_open_cache_keeps_redis_contents_after_an_outage_of_reads_only(real_redis):
    real_redis.set("agenda-page", "the agenda", timeout=None)
    with mock.patch.object(
        redis.Redis, "get", autospec=True, side_effect=redis.TimeoutError("slow")
    ):
        assert real_redis.get("agenda-page", "miss") == "miss"
    with mock.patch("config.cache.monotonic", return_value=time.monotonic() + 31):
        assert real_redis.get("agenda-page") == "the agenda"

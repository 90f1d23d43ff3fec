"""The memory cache for the sessions' pieces (config/memory_cache.py) answers get_many as
Django's LocMemCache does, reading the entries under one lock."""

import pytest

from django.core.cache.backends.locmem import LocMemCache

from config.memory_cache import ManyAtOnceMemoryCache


@pytest.fixture(params=[LocMemCache, ManyAtOnceMemoryCache])
def cache(request):
    cache = request.param(
        f"memory-cache-test-{request.param.__name__}", {"OPTIONS": {"MAX_ENTRIES": 4}}
    )
    yield cache
    cache.clear()


def test_get_many_finds_what_is_kept_and_leaves_out_what_is_not(cache):
    cache.set_many({"a": "<li>A</li>", "b": b"BEGIN:VEVENT"}, timeout=60)
    cache.set("gone", "<li>expired</li>", timeout=-1)

    assert cache.get_many(["a", "missing", "gone", "b"]) == {
        "a": "<li>A</li>",
        "b": b"BEGIN:VEVENT",
    }


def test_entries_read_by_get_many_are_culled_last(cache):
    cache.set_many({key: key.upper() for key in ["a", "b", "c"]}, timeout=60)
    cache.get_many(["a"])
    cache.set_many({"d": "D", "e": "E"}, timeout=60)  # past MAX_ENTRIES: the least recent go

    assert cache.get("a") == "A"
    assert cache.get("b") is None


def test_each_read_is_a_copy(cache):
    cache.set("pieces", ["<li>A</li>"], timeout=60)
    cache.get_many(["pieces"])["pieces"].append("<li>changed</li>")

    assert cache.get_many(["pieces"]) == {"pieces": ["<li>A</li>"]}

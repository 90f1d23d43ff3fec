"""/healthz: what a load balancer asks before sending a server traffic; /healthz/deep: what
monitoring asks."""

import json
from unittest import mock

import pytest

from django.db import OperationalError, connections

from config.cache import FailOpenRedisCache

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens on port 1: every connection is refused at once.
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}
# The production cache: it serves pages uncached when Redis is gone, yet /healthz tells.
UNREACHABLE_FAIL_OPEN_REDIS = {
    "default": {**UNREACHABLE_REDIS["default"], "BACKEND": "config.cache.FailOpenRedisCache"}
}


def health(client, path="/healthz"):
    response = client.get(path)
    return response.status_code, json.loads(response.content), response


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/healthz/deep"])
def test_healthy_when_the_database_and_cache_answer(client, path):
    status, body, response = health(client, path)
    assert (status, body) == (200, {"status": "ok", "database": "ok", "cache": "ok"})
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/healthz/deep"])
def test_unavailable_when_the_database_does_not_answer(client, path):
    with mock.patch.object(
        connections["default"], "cursor", side_effect=OperationalError("connection refused")
    ):
        status, body, _ = health(client, path)
    assert (status, body) == (
        503,
        {"status": "unavailable", "database": "unavailable", "cache": "ok"},
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "caches", [UNREACHABLE_REDIS, UNREACHABLE_FAIL_OPEN_REDIS], ids=["redis", "fail-open"]
)
def test_a_cache_that_does_not_answer_degrades_the_server_but_fails_the_deep_check(
    client, settings, caches
):
    """The cache fails open and every server shares it: the load balancer keeps them all."""
    settings.CACHES = caches
    FailOpenRedisCache.forget_outages()
    assert health(client)[:2] == (
        200,
        {"status": "degraded", "database": "ok", "cache": "unavailable"},
    )
    assert health(client, "/healthz/deep")[:2] == (
        503,
        {"status": "unavailable", "database": "ok", "cache": "unavailable"},
    )


@pytest.mark.django_db
def test_healthy_when_the_fail_open_cache_reaches_redis(client, settings, local_redis_url):
    settings.CACHES = {
        "default": {"BACKEND": "config.cache.FailOpenRedisCache", "LOCATION": local_redis_url}
    }
    FailOpenRedisCache.forget_outages()
    status, body, _ = health(client)
    assert (status, body) == (200, {"status": "ok", "database": "ok", "cache": "ok"})


@pytest.mark.django_db
def test_health_answers_only_gets(client):
    assert client.post("/healthz").status_code == 405
    assert client.post("/healthz/deep").status_code == 405

"""Health checks, never cached, errors logged and never shown.

/healthz, for load balancers: 200 while this server can serve pages, which takes its
database; the cache fails open (config/cache.py), so a cache that does not answer makes the
server "degraded", not unavailable. A load balancer that dropped every server whose Redis
was down would drop them all, since they share it.

/healthz/deep, for monitoring: 200 only while every part answers, 503 naming what failed.
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)
PROBE_KEY = "healthz:probe"


def _database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_answers():
    cache.set(PROBE_KEY, "ok", timeout=10)
    return cache.get(PROBE_KEY) == "ok"


def _check(name, probe):
    try:
        return "ok" if probe() else "unavailable"
    except Exception:  # any failure of the part means "unavailable"; the log has the details
        logger.exception("Health check: the %s does not answer", name)
        return "unavailable"


def _parts():
    return {
        "database": _check("database", _database_answers),
        "cache": _check("cache", _cache_answers),
    }


@require_safe
@never_cache
def healthz(request):
    parts = _parts()
    if parts["database"] != "ok":
        return JsonResponse({"status": "unavailable", **parts}, status=503)
    status = "ok" if all(state == "ok" for state in parts.values()) else "degraded"
    return JsonResponse({"status": status, **parts})


@require_safe
@never_cache
def healthz_deep(request):
    parts = _parts()
    healthy = all(state == "ok" for state in parts.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **parts}, status=200 if healthy else 503
    )

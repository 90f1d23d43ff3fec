"""/healthz for load balancers and monitors: 200 while this server can reach its database and
its cache, 503 naming the part that failed otherwise. Errors are logged, never shown."""

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


@require_safe
@never_cache
def healthz(request):
    parts = {
        "database": _check("database", _database_answers),
        "cache": _check("cache", _cache_answers),
    }
    healthy = all(state == "ok" for state in parts.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **parts}, status=200 if healthy else 503
    )

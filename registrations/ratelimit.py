"""Fixed-window request counting in the cache, shared by every app server using it."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def allow(scope, identity):
    """Count one attempt by `identity` (an address, an e-mail) under `scope`; False once
    the limit set in REGISTRATION_RATE_LIMITS[scope] = (attempts, seconds) is passed."""
    limit, window = settings.REGISTRATION_RATE_LIMITS[scope]
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # Expired between add and incr: this is the window's first attempt.
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")

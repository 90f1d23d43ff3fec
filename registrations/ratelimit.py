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
    """The visitor's address. Behind TRUSTED_PROXY_COUNT reverse proxies, each of which
    appends the address it received from to X-Forwarded-For, the visitor's is that many
    places from the end; anything further left was written by the client and is not
    trusted."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")

"""Rate limits for the public forms, counted in the shared cache.

With REDIS_URL set the cache is Redis, so a limit holds across every process
and machine; the counter key expires with its window.
"""

# Kept rather than django-ratelimit (weighed for issue 13): the package would replace only RateLimit's
# thirty lines, not client_ip(), which axes and the privacy log share; some limits count a partner's
# link token rather than a request; and its checks refuse the per-process cache of development and tests.
import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The client's address.

    X-Forwarded-For is believed only for as many hops as there are proxies of
    our own in front (TRUSTED_PROXY_HOPS): a client can write anything in
    that header, so otherwise one visitor could claim a new address per
    request and walk past every limit.
    """
    hops = getattr(settings, "TRUSTED_PROXY_HOPS", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


class RateLimit:
    """At most `limit` hits per `window` seconds for one key (e.g. one IP) and scope."""

    def __init__(self, scope, limit, window):
        self.scope = scope
        self.limit = limit
        self.window = window

    def _key(self, identity):
        bucket = int(time.time() // self.window)
        digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
        return f"ratelimit:{self.scope}:{digest}:{bucket}"

    def hit(self, identity):
        """Count one attempt; True while the identity is within its limit."""
        key = self._key(identity)
        # add() is atomic: only the first hit of a window creates the counter.
        cache.add(key, 0, timeout=self.window + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=self.window + 5)
            count = 1
        return count <= self.limit

    def is_blocked(self, identity):
        return (cache.get(self._key(identity)) or 0) >= self.limit

    def hit_request(self, request):
        return self.hit(client_ip(request))

"""A small fixed-window rate limit per client address, kept in Django's cache: shared by every
worker and every server when the cache is Redis (REDIS_URL), per process otherwise. The address is
the visitor's behind TRUSTED_PROXY_COUNT reverse proxies (ess_site/clients.py)."""

import hashlib

from django.core.cache import cache

from ess_site.clients import client_ip


class RateLimit:
    def __init__(self, name, max_requests, window_seconds):
        self.name = name
        self.max_requests = max_requests
        self.window_seconds = window_seconds

    def _key(self, request):
        digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:24]
        return f"ratelimit:{self.name}:{digest}"

    def allow(self, request):
        """Count this request; False once the client has used up its window."""
        key = self._key(request)
        if cache.add(key, 1, self.window_seconds):
            return True
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, self.window_seconds)
            return True
        # None: the cache is down and swallowed the error (django-redis IGNORE_EXCEPTIONS); let it pass.
        return count is None or count <= self.max_requests

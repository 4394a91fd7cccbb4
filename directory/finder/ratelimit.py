"""A small fixed-window rate limit per client IP, kept in Django's cache (shared by every worker
when the cache is Redis in production)."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """REMOTE_ADDR, or, behind our own reverse proxy (RATELIMIT_TRUST_X_FORWARDED_FOR), the address
    that proxy appended last to X-Forwarded-For; anything before it is written by the client."""
    if getattr(settings, "RATELIMIT_TRUST_X_FORWARDED_FOR", False):
        forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "") or "inconnue"


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
        return count <= self.max_requests

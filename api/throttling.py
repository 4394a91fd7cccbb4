"""The API's rate limit: `API_RATE_LIMIT` requests per period and per client address.

The same client address as the site's other limits (directory/finder/ratelimit.py: REMOTE_ADDR,
or the last hop our own proxy appended). Counters live in Django's cache (Redis in production,
shared by every worker). Over the limit: 429 with Retry-After (api/problems.py words it).
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from directory.finder.ratelimit import client_ip


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api"
    cache_format = "ratelimit:api:%(ident)s"

    def get_rate(self):
        # Read per request (not at import like DRF's class attribute): tests and settings may change it.
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view):
        return self.cache_format % {"ident": client_ip(request)}

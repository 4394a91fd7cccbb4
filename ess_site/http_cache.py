"""What a shared cache may keep: `Cache-Control` on every response, and the anonymous forms that
need no CSRF token (so the pages that carry them can be cached).

- Anonymous GET/HEAD of a public page (200, 301, 404, 410): `public, max-age=<CACHE_MAX_AGE>,
  s-maxage=<CACHE_S_MAXAGE>`. Browsers keep it a minute; Varnish (tools/cache-proxy) keeps it
  until the content changes, when it is purged (ess_site/frontend_cache.py).
- Anything personal is `private, no-store`: a request carrying a session (logged-in editors,
  password-protected pages), previews, the admin, pages under a view restriction, responses that
  set a cookie, every answer to a POST (or any method but GET/HEAD), redirects and errors.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.cache import patch_cache_control

CACHEABLE_STATUSES = {200, 301, 404, 410}
PRIVATE = "private, no-store"
PRIVATE_PREFIXES = ("/admin/", "/django-admin/", "/documents/")


def mark_private(request):
    """Called by views and hooks for a response that depends on who asks (restricted pages...)."""
    request.ess_private = True


def is_anonymous_request(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def cache_control_for(request, response):
    if (
        request.method not in ("GET", "HEAD")
        or not is_anonymous_request(request)
        or getattr(request, "ess_private", False)
        or getattr(request, "is_preview", False)
        or request.path.startswith(PRIVATE_PREFIXES)
        or response.cookies
        or response.status_code not in CACHEABLE_STATUSES
    ):
        return PRIVATE
    existing = response.get("Cache-Control", "")
    if "private" in existing or "no-store" in existing or "no-cache" in existing:
        return PRIVATE
    if "max-age" in existing:
        # The view knows how fresh its answer must be (the API, exports, map points): keep its
        # lifetime; URLs that are not purged on change must not stay an hour in the shared cache.
        return existing
    return f"public, max-age={settings.CACHE_MAX_AGE}, s-maxage={settings.CACHE_S_MAXAGE}"


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        value = cache_control_for(request, response)
        if value == PRIVATE:
            if "Cache-Control" in response:
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
        else:
            response["Cache-Control"] = value
        return response


# Anonymous forms on cacheable pages: they keep their honeypot and rate limit, and need no token,
# so the page carries no visitor's token or cookie. A POST from another site's page is refused.
ANONYMOUS_FORM_PATHS = [
    re.compile(r"^/.+/[\w-]+/(signaler-une-erreur|mettre-a-jour)/$"),
    re.compile(r"^/.+/proposer/$"),
    re.compile(r"^/alertes/$"),
]


class AnonymousFormMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and any(pattern.match(request.path) for pattern in ANONYMOUS_FORM_PATHS):
            if _same_origin(request):
                request._dont_enforce_csrf_checks = True
        return None


def _same_origin(request):
    """No Origin header (old browsers, curl) or one naming this site; a cross-site form is refused
    by the CSRF middleware as before."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.get_host()

"""Which pages other sites may show in a frame: only the widgets (/integrer/...).

Every other route keeps the site-wide refusal (Content-Security-Policy frame-ancestors and
X-Frame-Options). A widget view opts in with `@embeddable`: its CSP says `frame-ancestors` with
the partners' origins (EMBED_ALLOWED_ORIGINS; any site when empty) and our own, and it sends no
X-Frame-Options (browsers that know CSP follow frame-ancestors; the old header cannot list origins).
"""

from functools import wraps

from csp.decorators import csp_replace
from django.conf import settings
from django.views.decorators.clickjacking import xframe_options_exempt


def frame_ancestors():
    origins = list(getattr(settings, "EMBED_ALLOWED_ORIGINS", []) or [])
    return ["'self'", *origins] if origins else ["*"]


def embeddable(view):
    """Let partners' pages frame this view (read at each request, so settings changes apply)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        framed = xframe_options_exempt(csp_replace({"frame-ancestors": frame_ancestors()})(view))
        return framed(request, *args, **kwargs)

    return wrapped

"""Site-wide middleware: a public form posted while the database is unreachable gets its text back
(503), the Content-Security-Policy (report-only on the admin) and the Permissions-Policy header."""

import logging

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# French labels of the public forms' fields, for the page that gives a failed post back.
FIELD_LABELS = {
    "message": "Votre message",
    "contact_name": "Votre nom",
    "contact_email": "Votre courriel",
    "name": "Nom",
    "email": "Courriel",
}
NOT_GIVEN_BACK = {"csrfmiddlewaretoken", "website"}  # the CSRF token and the robots' honeypot


def posted_fields(request):
    """[(name, label, value, multiline)] of what the visitor typed, to show it back."""
    fields = []
    for name in request.POST:
        if name in NOT_GIVEN_BACK:
            continue
        value = request.POST.get(name, "")[:10_000]
        fields.append((name, FIELD_LABELS.get(name, name.replace("_", " ")), value, "\n" in value or len(value) > 80))
    return fields


def form_kept_response(request, status=503):
    """The posted form again, filled in, with « réessayez dans un instant ». Needs no database: it is
    rendered without context processors (site settings and menus may be what failed)."""
    template = loader.get_template("503_formulaire.html")
    html = template.render({"action": request.path, "fields": posted_fields(request), "csrf_token": get_token(request)})
    response = HttpResponse(html, status=status)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """A public POST that fails on the database answers 503 with the visitor's text, never a bare 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError) or request.method != "POST":
            return None
        if request.path.startswith(settings.ADMIN_URL_PREFIXES):
            return None
        logger.error("Database unavailable for POST %s: %s", request.path, exception)
        return form_kept_response(request)


class PermissionsPolicyMiddleware:
    """Sets PERMISSIONS_POLICY (a dict feature -> allow list) on every response that has none yet.

    A view that needs a feature (the finder's « Autour de moi » needs geolocation) sets its own
    header, e.g. with `permissions_policy(geolocation="self")`; the view's header wins."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = format_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


def format_policy(policy):
    """{"geolocation": ["self"], "camera": []} -> 'camera=(), geolocation=(self)'."""
    parts = []
    for feature, allowed in sorted(policy.items()):
        origins = " ".join(origin if origin in ("self", "*") else f'"{origin}"' for origin in allowed)
        parts.append(f"{feature}=({origins})")
    return ", ".join(parts)


def permissions_policy(response, **features):
    """Set the Permissions-Policy of one response: the site-wide policy with `features` changed
    (a value is an allow list or one origin: "self")."""
    policy = dict(getattr(settings, "PERMISSIONS_POLICY", {}))
    for feature, allowed in features.items():
        policy[feature] = [allowed] if isinstance(allowed, str) else list(allowed)
    response["Permissions-Policy"] = format_policy(policy)
    return response


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, plus a report-only policy on the admin (excluded from the enforced one).

    View decorators (csp_replace, csp_update, csp_exempt) keep precedence: they set the response's
    own config, which this class leaves alone."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only and parts.config is None and request.path_info.startswith(settings.ADMIN_URL_PREFIXES):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY["DIRECTIVES"])
        return parts

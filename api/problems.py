"""Errors as RFC 9457 problem details (application/problem+json), with a French `detail`.

Every error the API answers goes through `exception_handler` (DRF's hook) or `problem_response`
(Django-level routes such as an unknown /api/v1/ path), so a client reads one shape everywhere.
"""

from django.http import JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"
DOCS_URL = "/api/#erreurs"

TITLES = {
    400: "Requête invalide",
    404: "Ressource introuvable",
    405: "Méthode non autorisée",
    406: "Format non disponible",
    429: "Trop de requêtes",
    500: "Erreur du serveur",
}
DETAILS = {
    404: "Cette adresse ne correspond à aucune ressource de l'API.",
    405: "L'API est en lecture seule\u00a0: seules les méthodes GET, HEAD et OPTIONS sont acceptées.",
    406: "Cette ressource n'est disponible qu'en JSON (application/json).",
}


class InvalidParameters(exceptions.ValidationError):
    """400 with the list of French messages (one per refused parameter)."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__(" ".join(self.messages))


def problem(status_code, detail, request=None, **extra):
    body = {
        "type": (request.build_absolute_uri(DOCS_URL) if request is not None else DOCS_URL),
        "title": TITLES.get(status_code, "Erreur"),
        "status": status_code,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.get_full_path()
    body.update(extra)
    return body


def exception_handler(exc, context):
    """DRF's handler (it sets Retry-After on 429), then the body rewritten as a problem."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    code = response.status_code
    extra = {}
    if isinstance(exc, InvalidParameters):
        detail = " ".join(exc.messages)
        extra["erreurs"] = exc.messages
    elif isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        detail = f"Limite de requêtes atteinte pour votre adresse\u00a0: réessayez dans {wait} seconde{'s' if wait > 1 else ''}."
    elif code in (405, 406) or (
        code in DETAILS and str(getattr(exc, "detail", "")) in ("", str(getattr(exc, "default_detail", "")))
    ):
        detail = DETAILS[code]  # DRF's generic message: ours says what to do
    else:
        detail = str(getattr(exc, "detail", "")) or TITLES.get(code, "Erreur")
    headers = {name: value for name, value in response.items() if name in ("Retry-After", "Allow")}
    return Response(
        problem(code, detail, request, **extra), status=code, headers=headers, content_type=PROBLEM_CONTENT_TYPE
    )


def problem_response(request, status_code, detail):
    response = JsonResponse(
        problem(status_code, detail, request), status=status_code, json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response


def not_found(request, *args, **kwargs):
    """Any path under /api/ that is no route: a problem, not the site's HTML 404 page."""
    return problem_response(request, status.HTTP_404_NOT_FOUND, DETAILS[404])

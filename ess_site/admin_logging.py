"""Keep Wagtail's autosave out of the « Bad Request » warnings.

Wagtail 8 autosaves the page and snippet edit forms every few seconds: the admin's JavaScript posts
the form with ``Accept: application/json`` and, while the form is incomplete (a required field still
empty), the view answers 400 with ``{"error_code": "validation_error"}``
(``wagtail.admin.views.generic.mixins.JsonPostResponseMixin.json_error_response``, called from the
page and snippet views' ``form_invalid``). Django then logs every such answer as « Bad Request » on the
``django.request`` logger, a line per pause in the editor's typing.

``AutosaveResponseMiddleware`` recognises exactly that answer and marks its request;
``SkipAutosaveValidationErrors`` (a filter on the handler) drops the warning for marked requests only.
Any other 400, including a JSON one with another error code (locked page, revision conflict), is
still logged.
"""

import json
import logging

AUTOSAVE_ATTRIBUTE = "_ess_autosave_validation_error"


def is_autosave_validation_error(request, response):
    if request.method != "POST" or response.status_code != 400:
        return False
    if response.headers.get("Content-Type") != "application/json" or request.accepts("text/html"):
        return False
    try:
        body = json.loads(response.content)
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("error_code") == "validation_error"


class AutosaveResponseMiddleware:
    """Marks the request whose answer is an autosave of an incomplete form (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_autosave_validation_error(request, response):
            setattr(request, AUTOSAVE_ATTRIBUTE, True)
        return response


class SkipAutosaveValidationErrors(logging.Filter):
    """Drops ``django.request``'s warning for an autosave of an incomplete form, and nothing else."""

    def filter(self, record):
        request = getattr(record, "request", None)
        return not (record.name == "django.request" and getattr(request, AUTOSAVE_ATTRIBUTE, False))

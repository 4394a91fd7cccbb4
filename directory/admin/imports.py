"""Import for editors: upload a file, read the dry-run report, confirm.

The uploaded file waits in the default storage between the two steps (its name in the session), so
the confirmed import runs on exactly the file that was checked.
"""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from directory.exchange.importers import FORMATS, ImportFileError, import_file
from ess_site.typography import french

SESSION_KEY = "directory_import"
REPORT_SESSION_KEY = "directory_import_report"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
FORMAT_CHOICES = [
    ("csv", "CSV (colonnes documentées)"),
    ("data-inclusion", "data·inclusion v1\u00a0: structures (JSON)"),
]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier", help_text="CSV en UTF-8 (séparateur , ou\u00a0;) ou JSON data·inclusion\u00a0; 5 Mo au plus."
    )
    file_format = forms.ChoiceField(label="Format", choices=FORMAT_CHOICES, initial="csv")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(french("Fichier trop volumineux : 5 Mo au plus."))
        return upload


def _check_permission(request):
    if not request.user.has_perm("directory.add_organisation"):
        raise PermissionDenied


def _stored_name(token):
    return f"directory-imports/{token}"


@require_http_methods(["GET", "POST"])
def import_upload(request):
    _check_permission(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        file_format = form.cleaned_data["file_format"]
        content = form.cleaned_data["file"].read()
        try:
            report = import_file(content, file_format=file_format, dry_run=True, user=request.user)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            token = uuid.uuid4().hex
            default_storage.save(_stored_name(token), ContentFile(content))
            previous = request.session.get(SESSION_KEY)
            if previous:
                default_storage.delete(_stored_name(previous["token"]))
            request.session[SESSION_KEY] = {"token": token, "format": file_format}
            _keep_report(request, report)
    return TemplateResponse(
        request,
        "directory/admin/import.html",
        {
            "form": form,
            "report": report,
            "issues": report.issues[:500] if report else [],
            "formats": FORMATS,
            "has_report": REPORT_SESSION_KEY in request.session,
        },
    )


@require_http_methods(["POST"])
def import_confirm(request):
    _check_permission(request)
    pending = request.session.pop(SESSION_KEY, None)
    if not pending or not default_storage.exists(_stored_name(pending["token"])):
        messages.error(request, french("Aucun import en attente : déposez à nouveau le fichier."))
        return redirect("directory_admin_import")
    name = _stored_name(pending["token"])
    with default_storage.open(name, "rb") as handle:
        content = handle.read()
    default_storage.delete(name)
    try:
        report = import_file(content, file_format=pending["format"], dry_run=False, user=request.user)
    except ImportFileError as error:
        messages.error(request, str(error))
        return redirect("directory_admin_import")
    _keep_report(request, report)
    messages.success(request, report.summary())
    return redirect("directory_admin_import")


def _report_name(token):
    return f"directory-imports/{token}-rapport.csv"


def _keep_report(request, report):
    """The latest report of this editor (simulation, then the import itself), for download as CSV."""
    token = uuid.uuid4().hex
    default_storage.save(_report_name(token), ContentFile(report.as_csv().encode("utf-8")))
    previous = request.session.get(REPORT_SESSION_KEY)
    if previous:
        default_storage.delete(_report_name(previous))
    request.session[REPORT_SESSION_KEY] = token


def import_report_csv(request):
    _check_permission(request)
    token = request.session.get(REPORT_SESSION_KEY)
    if not token or not default_storage.exists(_report_name(token)):
        raise Http404("Aucun rapport d'import.")
    with default_storage.open(_report_name(token), "rb") as handle:
        response = HttpResponse(handle.read(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="rapport-import-annuaire.csv"'
    return response

"""Import for editors: upload a file, say what its columns hold if we do not know them, read the
dry-run report, confirm.

The uploaded file waits in the default storage between the steps (its name and the chosen columns in
the session), so the confirmed import runs on exactly the file that was checked, and a file whose
headers are unknown is never asked for again. The columns are documented (and a CSV template
downloaded) from the same table the importer reads (directory/exchange/csv_format.py).
"""

import io
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

from directory.exchange import csv_format
from directory.exchange.importers import FORMATS, ImportFileError, import_file, needs_column_mapping, read_header
from ess_site.spreadsheet import SafeCsvWriter
from ess_site.typography import french

SESSION_KEY = "directory_import"
REPORT_SESSION_KEY = "directory_import_report"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
FORMAT_CHOICES = [
    ("csv", "CSV ou classeur XLSX (colonnes documentées)"),
    ("data-inclusion", "data·inclusion v1\u00a0: structures (JSON)"),
]
IGNORE = ""


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier",
        help_text=french(
            "CSV en UTF-8 (séparateur , ou\u00a0;), classeur XLSX ou JSON data·inclusion\u00a0; 5 Mo au plus."
        ),
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


def _render(request, form, report=None):
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


def _forget_pending(request):
    previous = request.session.pop(SESSION_KEY, None)
    if previous:
        default_storage.delete(_stored_name(previous["token"]))


def _pending_content(request):
    """(pending import, its file's bytes) or (None, None) when nothing waits."""
    pending = request.session.get(SESSION_KEY)
    if not pending or not default_storage.exists(_stored_name(pending["token"])):
        return None, None
    with default_storage.open(_stored_name(pending["token"]), "rb") as handle:
        return pending, handle.read()


@require_http_methods(["GET", "POST"])
def import_upload(request):
    _check_permission(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        file_format = form.cleaned_data["file_format"]
        content = form.cleaned_data["file"].read()
        _forget_pending(request)
        token = uuid.uuid4().hex
        default_storage.save(_stored_name(token), ContentFile(content))
        request.session[SESSION_KEY] = {"token": token, "format": file_format, "mapping": None}
        try:
            if file_format == "csv" and needs_column_mapping(*read_header(content)[:2]):
                return redirect("directory_admin_import_columns")
            report = import_file(content, file_format=file_format, dry_run=True, user=request.user)
        except ImportFileError as error:
            _forget_pending(request)
            form.add_error("file", str(error))
        else:
            _keep_report(request, report)
    return _render(request, form, report)


class ColumnsForm(forms.Form):
    """One choice per column of the file: which of our columns it holds, or « ignorer »."""

    def __init__(self, header, guessed, samples, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(IGNORE, "ignorer cette colonne")] + [
            (name, f"{name}\u00a0: {description}") for name, description, _ in csv_format.documented_columns()
        ]
        self.header = header
        for index, name in enumerate(header):
            example = " ; ".join(samples[index]) if samples[index] else "colonne vide"
            self.fields[f"colonne_{index}"] = forms.ChoiceField(
                label=french(f"Colonne « {name or f'n° {index + 1}'} »"),
                help_text=french(f"Exemples : {example}"),
                choices=choices,
                initial=guessed[index] or IGNORE,
                required=False,
            )

    def clean(self):
        mapping = [self.cleaned_data.get(f"colonne_{index}", IGNORE) for index in range(len(self.header))]
        chosen = [column for column in mapping if column]
        if "nom" not in chosen:
            raise forms.ValidationError(french("Indiquez quelle colonne contient le nom (« nom »)."))
        doubles = sorted({column for column in chosen if chosen.count(column) > 1})
        if doubles:
            raise forms.ValidationError(
                french("Une même colonne est choisie deux fois : " + ", ".join(f"« {c} »" for c in doubles) + ".")
            )
        self.cleaned_data["mapping"] = mapping
        return self.cleaned_data


@require_http_methods(["GET", "POST"])
def import_columns(request):
    """The column-mapping step: the file stays on the server, the editor says what each column holds,
    then the usual dry-run report."""
    _check_permission(request)
    pending, content = _pending_content(request)
    if pending is None or pending["format"] != "csv":
        messages.error(request, french("Aucun import en attente : déposez à nouveau le fichier."))
        return redirect("directory_admin_import")
    try:
        header, guessed, samples = read_header(content)
    except ImportFileError as error:
        _forget_pending(request)
        messages.error(request, str(error))
        return redirect("directory_admin_import")
    form = ColumnsForm(header, guessed, samples, request.POST or None)
    if request.method == "POST" and form.is_valid():
        mapping = form.cleaned_data["mapping"]
        try:
            report = import_file(content, file_format="csv", dry_run=True, user=request.user, mapping=mapping)
        except ImportFileError as error:
            form.add_error(None, str(error))
        else:
            request.session[SESSION_KEY] = {**pending, "mapping": mapping}
            _keep_report(request, report)
            return _render(request, ImportForm(initial={"file_format": "csv"}), report)
    return TemplateResponse(request, "directory/admin/import_columns.html", {"form": form})


@require_http_methods(["POST"])
def import_confirm(request):
    _check_permission(request)
    pending, content = _pending_content(request)
    _forget_pending(request)
    if pending is None:
        messages.error(request, french("Aucun import en attente : déposez à nouveau le fichier."))
        return redirect("directory_admin_import")
    try:
        report = import_file(
            content, file_format=pending["format"], dry_run=False, user=request.user, mapping=pending.get("mapping")
        )
    except ImportFileError as error:
        messages.error(request, str(error))
        return redirect("directory_admin_import")
    _keep_report(request, report)
    messages.success(request, report.summary())
    return redirect("directory_admin_import")


def import_template_csv(request):
    """An empty file with every import column, in order (UTF-8 with BOM, for spreadsheets)."""
    _check_permission(request)
    out = io.StringIO()
    SafeCsvWriter(out).writerow(csv_format.IMPORT_COLUMNS)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="modele-import-annuaire.csv"'
    return response


def import_columns_doc(request):
    """What each column holds and the other headers it is recognised under."""
    _check_permission(request)
    return TemplateResponse(
        request,
        "directory/admin/import_columns_doc.html",
        {"columns": csv_format.documented_columns(), "separator": csv_format.LIST_SEPARATOR},
    )


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

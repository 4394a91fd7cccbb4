"""Review of the changes organisations propose for their own entry: "Modération" compares them
field by field, accepts all or part (the entry is then "vérifiée" today) or rejects them with a
message mailed back to the entry's address."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from directory.finder import hours
from directory.finder.update_links import current_values, plain_to_rich
from directory.geo.location import refresh_location
from directory.geo.tasks import geocode_organisation
from directory.models import UPDATABLE_FIELDS, ChangeStatus, ProposedChange, SupportService
from directory.models.services import SHEET_FIELDS, apply_sheet_values, describe_sheet_values
from ess_site.mail import send_templated
from ess_site.public_url import absolute_url
from ess_site.typography import french

from .forms import ADDRESS_FIELDS

PERMISSION = "directory.change_proposedchange"
LABELS = dict(UPDATABLE_FIELDS)


def require_reviewer(request, permission=PERMISSION):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _display(name, value, services):
    """A field's value as the reviewer reads it (services by label, hours in French too)."""
    if name == "support_services":
        return ", ".join(services.get(slug, slug) for slug in value) or "—"
    if name == "service_sheets":
        lines = [
            f"{services.get(slug, slug)}\u00a0: {describe_sheet_values(values) or 'rien de décrit'}"
            for slug, values in sorted(value.items())
        ]
        return french("\n".join(lines)) or "—"
    if name == "opening_hours" and value:
        described = "\u00a0; ".join(hours.describe(value))
        return f"{described} ({value})" if described else value
    return value or "—"


def diff_rows(change):
    """[{name, label, previous, current, proposed, outdated}] for each field the organisation changed.
    `outdated`: the entry changed since the proposal was sent (an editor edited it meanwhile)."""
    services = dict(SupportService.objects.values_list("slug", "label"))
    now = current_values(change.organisation)
    rows = []
    for name in change.changed_fields:
        rows.append(
            {
                "name": name,
                "label": LABELS[name],
                "previous": _display(name, change.previous.get(name, ""), services),
                "proposed": _display(name, change.proposed[name], services),
                "outdated": now.get(name) != change.previous.get(name),
            }
        )
    return rows


class ReviewForm(forms.Form):
    fields_to_accept = forms.MultipleChoiceField(
        label="Champs à accepter", choices=UPDATABLE_FIELDS, required=False, widget=forms.CheckboxSelectMultiple
    )
    message = forms.CharField(
        label="Message à l'organisation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Envoyé à l'adresse de courriel de la fiche quand la modification est refusée, en tout ou en partie.",
    )


@transaction.atomic
def accept(change, fields, user, message=""):
    """Apply `fields` of the change to the entry, which becomes verified today."""
    organisation = change.organisation
    fields = [name for name in change.changed_fields if name in fields]
    for name in fields:
        value = change.proposed[name]
        if name == "support_services":
            organisation.set_services(SupportService.objects.filter(slug__in=value))
        elif name == "service_sheets":
            # The services the entry offers (its list may have been refused), described as proposed; a
            # service the proposal does not describe is « non renseigné ».
            sheets = list(organisation.service_sheets.all())
            for sheet in sheets:
                apply_sheet_values(sheet, value.get(sheet.service.slug, dict.fromkeys(SHEET_FIELDS, "")))
            organisation.service_sheets = sheets
        elif name == "description":
            organisation.description = plain_to_rich(value)
        else:
            setattr(organisation, name, value)
    refresh_location(organisation, address_changed=any(name in fields for name in ADDRESS_FIELDS), use_geocoder=False)
    organisation.last_verified = timezone.localdate()
    # Published as a revision by the reviewer (Wagtail's moderation of organisations): the history
    # shows who accepted what, and the accepted values are the entry's latest revision.
    organisation.save_revision(user=user, log_action=True).publish(user=user)
    if organisation.needs_geocoding:
        transaction.on_commit(lambda: geocode_organisation.enqueue(organisation.pk))
    partial = len(fields) < len(change.changed_fields)
    _close(change, ChangeStatus.PARTIAL if partial else ChangeStatus.ACCEPTED, user, message, fields)
    if partial:
        _mail_outcome(change)


@transaction.atomic
def reject(change, user, message):
    _close(change, ChangeStatus.REJECTED, user, message, [])
    _mail_outcome(change)


def _close(change, status, user, message, fields):
    change.close(status, user, message)
    change.accepted_fields = fields
    change.save()


def _mail_outcome(change):
    organisation = change.organisation
    if not organisation.email:
        return
    services = dict(SupportService.objects.values_list("slug", "label"))
    context = {
        "change": change,
        "organisation": organisation,
        "refused": [
            (LABELS[name], _display(name, change.proposed[name], services))
            for name in change.changed_fields
            if name not in change.accepted_fields
        ],
        "accepted": [LABELS[name] for name in change.accepted_fields],
        "page_url": absolute_url(organisation.get_absolute_url()),
    }
    subject = (
        f"Votre modification de la fiche «\u00a0{organisation.name}\u00a0» n'a pas été retenue"
        if change.status == ChangeStatus.REJECTED
        else f"Votre modification de la fiche «\u00a0{organisation.name}\u00a0» a été retenue en partie"
    )
    send_templated("directory/mail/change_outcome", context, [organisation.email], subject)


def change_list(request):
    require_reviewer(request)
    changes = ProposedChange.objects.select_related("organisation").order_by("status", "-created_at")
    status = request.GET.get("statut", ChangeStatus.PENDING)
    if status in ChangeStatus.values:
        changes = changes.filter(status=status)
    return TemplateResponse(
        request,
        "directory/admin/proposed_changes.html",
        {"changes": changes[:200], "status": status, "statuses": ChangeStatus.choices},
    )


def change_review(request, pk):
    require_reviewer(request)
    change = get_object_or_404(ProposedChange.objects.select_related("organisation"), pk=pk)
    rows = diff_rows(change)
    form = ReviewForm(request.POST or None, initial={"fields_to_accept": [row["name"] for row in rows]})
    if request.method == "POST" and change.status == ChangeStatus.PENDING and form.is_valid():
        message = form.cleaned_data["message"].strip()
        if "refuser" in request.POST:
            if not message:
                form.add_error("message", "Expliquez à l'organisation pourquoi la modification est refusée.")
            else:
                reject(change, request.user, message)
                messages.success(
                    request,
                    f"Modification de «\u00a0{change.organisation}\u00a0» refusée\u00a0; l'organisation est prévenue.",
                )
                return redirect("directory_admin_changes")
        else:
            chosen = form.cleaned_data["fields_to_accept"]
            if not chosen:
                form.add_error("fields_to_accept", "Cochez au moins un champ à accepter, ou refusez la modification.")
            elif len(chosen) < len(rows) and not message:
                form.add_error("message", "Dites à l'organisation pourquoi une partie n'est pas retenue.")
            else:
                accept(change, chosen, request.user, message)
                messages.success(
                    request,
                    f"Modification de «\u00a0{change.organisation}\u00a0» acceptée\u00a0; la fiche est vérifiée.",
                )
                return redirect("directory_admin_changes")
    return TemplateResponse(
        request,
        "directory/admin/proposed_change_review.html",
        {"change": change, "rows": rows, "form": form, "pending": change.status == ChangeStatus.PENDING},
    )

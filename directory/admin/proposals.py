"""Structures visitors propose (/annuaire/proposer/): "Modération" turns one into an organisation in
one step (a form prefilled from the proposal) or rejects it. The proposer, if they left an address,
hears the outcome; the address is then erased."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from directory.geo.location import refresh_location
from directory.geo.tasks import geocode_organisation
from directory.models import Organisation, ProposalStatus, StructureProposal
from ess_site.mail import send_templated
from ess_site.public_url import absolute_url

from .proposed_changes import require_reviewer

PERMISSION = "directory.change_structureproposal"

ORGANISATION_FIELDS = [
    "name",
    "kind",
    "short_description",
    "sectors",
    "address",
    "postcode",
    "city",
    "website",
    "email",
    "phone",
]


class NewOrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        widgets = {"sectors": forms.CheckboxSelectMultiple}

    def clean(self):
        data = super().clean()
        self.instance.clean()  # the model's tidying (phone in international form...)
        return data


class RejectForm(forms.Form):
    message = forms.CharField(
        label="Message à la personne qui a proposé",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Envoyé seulement si elle a laissé son courriel.",
    )


def initial_from(proposal):
    return {
        "name": proposal.name,
        "short_description": proposal.activity[:280],
        "sectors": [proposal.sector_id] if proposal.sector_id else [],
        "address": proposal.address,
        "postcode": proposal.postcode,
        "city": proposal.city or "Marseille",
        "website": proposal.website,
        "email": proposal.contact_email,
        "phone": proposal.phone,
    }


def _close(proposal, status, user, message="", organisation=None):
    proposal.close(status, user, message)
    proposal.organisation = organisation
    if proposal.proposer_email:
        context = {"proposal": proposal, "organisation": organisation}
        if organisation is not None:
            context["page_url"] = absolute_url(organisation.get_absolute_url())
        subject = (
            f"«\u00a0{proposal.name}\u00a0» est dans l'annuaire de l'ESS à Marseille"
            if organisation is not None
            else f"Votre proposition «\u00a0{proposal.name}\u00a0» n'a pas été retenue"
        )
        send_templated("directory/mail/proposal_outcome", context, [proposal.proposer_email], subject)
        proposal.proposer_email = ""  # used for nothing else: erased once the outcome is sent
    proposal.save()


@transaction.atomic
def create_organisation(proposal, form, user):
    organisation = form.save(commit=False)
    refresh_location(organisation, address_changed=True, use_geocoder=False)
    organisation.last_verified = timezone.localdate()
    organisation.save()
    form.save_m2m()
    organisation.save_revision(user=user, log_action=True).publish(user=user)  # history: who created it
    if organisation.needs_geocoding:
        transaction.on_commit(lambda: geocode_organisation.enqueue(organisation.pk))
    _close(proposal, ProposalStatus.ACCEPTED, user, organisation=organisation)
    return organisation


def proposal_list(request):
    require_reviewer(request, PERMISSION)
    status = request.GET.get("statut", ProposalStatus.PENDING)
    proposals = StructureProposal.objects.select_related("sector").order_by("-created_at")
    if status in ProposalStatus.values:
        proposals = proposals.filter(status=status)
    return TemplateResponse(
        request,
        "directory/admin/proposals.html",
        {"proposals": proposals[:200], "status": status, "statuses": ProposalStatus.choices},
    )


def proposal_review(request, pk):
    require_reviewer(request, PERMISSION)
    proposal = get_object_or_404(StructureProposal.objects.select_related("sector", "organisation"), pk=pk)
    pending = proposal.status == ProposalStatus.PENDING
    create_form = NewOrganisationForm(
        request.POST if "creer" in request.POST else None, initial=initial_from(proposal), prefix="fiche"
    )
    reject_form = RejectForm(request.POST if "refuser" in request.POST else None)
    if request.method == "POST" and pending:
        if "creer" in request.POST and create_form.is_valid():
            organisation = create_organisation(proposal, create_form, request.user)
            messages.success(request, f"«\u00a0{organisation.name}\u00a0» est ajoutée à l'annuaire.")
            return redirect("directory_admin_proposals")
        if "refuser" in request.POST and reject_form.is_valid():
            _close(proposal, ProposalStatus.REJECTED, request.user, reject_form.cleaned_data["message"].strip())
            messages.success(request, f"Proposition «\u00a0{proposal.name}\u00a0» refusée.")
            return redirect("directory_admin_proposals")
    return TemplateResponse(
        request,
        "directory/admin/proposal_review.html",
        {"proposal": proposal, "create_form": create_form, "reject_form": reject_form, "pending": pending},
    )

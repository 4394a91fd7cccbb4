"""The organisations' admin: Wagtail's snippet views, for their drafts, moderation and history.

wagtail-modeladmin (which keeps the taxonomies) saves the object itself on every edit and knows
nothing of draft state: a "Rédaction" change would go live at once. Snippet views save a revision,
publish only with the "publish" permission ("Modération"), run the moderation workflow, lock
while it runs, and show the history with comparisons. The URLs stay under
/admin/directory/organisation/ (docs/architecture.md).
"""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from directory.models import Organisation
from ess_site.workflow_messages import ReportedWorkflowActionMixin

from .forms import OrganisationForm, PointPreviewPanel
from .opening_hours import OpeningHoursWidget

VERIFICATION_CHOICES = [("ancienne", "Non vérifiée depuis 12 mois"), ("recente", "Vérifiée depuis moins de 12 mois")]


def checkboxes(name):
    """A list of terms to tick, not a multiple select to Ctrl+click (issue 14)."""
    return FieldPanel(name, widget=forms.CheckboxSelectMultiple)


SERVICE_SHEET_PANELS = [
    FieldPanel("service"),
    FieldPanel("audience_details"),
    FieldPanel("access_conditions"),
    FieldRowPanel([FieldPanel("cost"), FieldPanel("cost_details")]),
    checkboxes("mobilisation"),
    FieldPanel("mobilisation_details"),
    FieldPanel("mobilisation_url"),
    checkboxes("reception"),
    FieldPanel("area"),
    checkboxes("arrondissements"),
]


class OrganisationFilterSet(WagtailFilterSet):
    verification = django_filters.ChoiceFilter(
        label="Vérification", choices=VERIFICATION_CHOICES, method="filter_verification"
    )

    class Meta:
        model = Organisation
        fields = ["to_verify", "kind", "legal_form", "sectors", "arrondissement", "live", "needs_geocoding"]

    def filter_verification(self, queryset, name, value):
        if value == "ancienne":
            return queryset.not_verified_since(12)
        if value == "recente":
            return queryset.filter(last_verified__gte=timezone.localdate() - datetime.timedelta(days=365))
        return queryset


# Messages written for this noun (Wagtail's generic ones read « Le/la organisation … créé(e) »).
MESSAGES = {
    ("create", ""): "L'organisation «\u00a0{}\u00a0» a été créée.",
    ("edit", ""): "L'organisation «\u00a0{}\u00a0» a été enregistrée.",
    ("create", "publish"): "L'organisation «\u00a0{}\u00a0» a été créée et publiée.",
    ("edit", "publish"): "L'organisation «\u00a0{}\u00a0» a été enregistrée et publiée.",
    ("create", "scheduled"): "L'organisation «\u00a0{}\u00a0» a été créée\u00a0; sa publication est programmée.",
    ("edit", "scheduled"): "L'organisation «\u00a0{}\u00a0» a été enregistrée\u00a0; sa publication est programmée.",
    ("create", "submit"): "L'organisation «\u00a0{}\u00a0» a été créée et envoyée à la modération.",
    ("edit", "submit"): "L'organisation «\u00a0{}\u00a0» a été envoyée à la modération.",
    ("edit", "restart-workflow"): "La relecture de l'organisation «\u00a0{}\u00a0» a repris.",
    ("edit", "cancel-workflow"): "La relecture de l'organisation «\u00a0{}\u00a0» a été annulée.",
}


class FrenchMessages:
    def get_success_message(self, instance=None):
        organisation = instance or self.object
        action = getattr(self, "action", "") or ""
        if action == "publish" and organisation.go_live_at and organisation.go_live_at > timezone.now():
            action = "scheduled"
        view = "create" if self.view_name == "create" else "edit"
        message = MESSAGES.get((view, action), MESSAGES[(view, "")])
        return message.format(organisation)


class OrganisationCreateView(FrenchMessages, snippet_views.CreateView):
    pass


class OrganisationEditView(FrenchMessages, snippet_views.EditView):
    pass


class OrganisationDeleteView(snippet_views.DeleteView):
    def get_success_message(self):
        return f"L'organisation «\u00a0{self.object}\u00a0» a été supprimée."


class OrganisationWorkflowActionView(ReportedWorkflowActionMixin, snippet_views.WorkflowActionView):
    """The dashboard's approve / request changes, followed by a message saying what it did."""


class OrganisationViewSet(SnippetViewSet):
    edit_template_name = "directory/admin/organisation_edit.html"
    create_template_name = "directory/admin/organisation_create.html"
    model = Organisation
    workflow_action_view_class = OrganisationWorkflowActionView
    add_view_class = OrganisationCreateView
    edit_view_class = OrganisationEditView
    delete_view_class = OrganisationDeleteView
    base_url_path = "directory/organisation"
    menu_label = "Organisations"
    icon = "group"
    add_to_admin_menu = False  # listed in the "Annuaire" menu (wagtail_hooks.py)
    list_display = [
        "name",
        "kind",
        Column("arrondissement", label="arrondissement", accessor="arrondissement_label"),
        BooleanColumn("live", label="publiée"),
        "last_verified",
        BooleanColumn("to_verify", label="à vérifier"),
    ]
    filterset_class = OrganisationFilterSet
    search_fields = ["name", "siret", "rna", "postcode", "city", "source_id"]
    # Editors look organisations up by identifiers (SIRET, RNA, source id) that the site search does
    # not index: the list searches the database, not the search backend (which refused these fields).
    search_backend_name = None
    list_per_page = 50
    inspect_view_enabled = True
    list_export = [
        "name",
        "slug",
        "kind",
        "legal_form",
        "siret",
        "rna",
        "website",
        "email",
        "phone",
        "address",
        "postcode",
        "city",
        "arrondissement",
        "latitude",
        "longitude",
        "location_source",
        "needs_geocoding",
        "opening_hours",
        "wheelchair",
        "live",
        "last_verified",
        "source",
        "source_id",
    ]
    inspect_view_fields = [name for name in list_export if name != "slug"] + [
        "raw_name",
        "naf_code",
        "short_description",
        "geocoding_score",
        "acceslibre_url",
        "created_at",
        "updated_at",
    ]
    export_filename = "annuaire-organisations"
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("raw_name", read_only=True),
                    FieldPanel("slug"),
                    FieldPanel("short_description"),
                    FieldPanel("description"),
                    FieldPanel("logo"),
                    FieldRowPanel([FieldPanel("siret"), FieldPanel("rna")]),
                    MultiFieldPanel(
                        [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone"), FieldPanel("social_links")],
                        heading="Contacts",
                    ),
                ],
                heading="Identité",
            ),
            ObjectList(
                [
                    FieldPanel("kind"),
                    FieldPanel("legal_form"),
                    checkboxes("sectors"),
                    checkboxes("labels"),
                    FieldRowPanel([FieldPanel("naf_code"), FieldPanel("source_thematiques")]),
                ],
                heading="Activité",
            ),
            ObjectList(
                [
                    # The sheets say which services are offered: `support_services` is derived from them.
                    InlinePanel(
                        "service_sheets",
                        heading="Services d'accompagnement",
                        label="fiche service",
                        panels=SERVICE_SHEET_PANELS,
                    ),
                    checkboxes("project_stages"),
                    checkboxes("statuses_supported"),
                    checkboxes("audiences"),
                ],
                heading="Accompagnement",
            ),
            ObjectList(
                [
                    FieldPanel("address"),
                    FieldPanel("address_complement"),
                    FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    PointPreviewPanel(heading="Aperçu du point"),
                ],
                heading="Localisation",
            ),
            ObjectList(
                [
                    FieldPanel(
                        "opening_hours",
                        widget=OpeningHoursWidget,
                        help_text="Pour chaque jour : fermé, des plages horaires ou sur rendez-vous. "
                        "Le site les enregistre au format OpenStreetMap, lisible par d'autres services.",
                    ),
                    FieldPanel("wheelchair"),
                    FieldPanel("acceslibre_url"),
                ],
                heading="Horaires et accessibilité",
            ),
            ObjectList(
                [
                    FieldPanel("last_verified"),
                    FieldPanel("to_verify"),
                    FieldRowPanel([FieldPanel("source"), FieldPanel("source_id")]),
                ],
                heading="Publication",
            ),
        ],
        base_form_class=OrganisationForm,
    )

    def get_queryset(self, request):
        # The list shows real organisations; synthetic benchmark data stays out of editors' way.
        return Organisation.objects.filter(synthetic=False)

"""Admin of visitors' correction requests: the moderator reads the request beside the entry's current
values, opens the entry's public page or its edit form, fixes it, then marks the request "traitée"
with a note (who closed it and when are kept)."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from directory.finder.update_links import current_values
from directory.models import UPDATABLE_FIELDS, CorrectionRequest, CorrectionStatus, SupportService

from .proposed_changes import _display

ORGANISATION_EDIT_URL = "wagtailsnippets_directory_organisation:edit"


def organisation_links(organisation):
    """[(French label, URL)]: the entry's edit form, and its public page when it is published."""
    if organisation is None:
        return []
    links = [("Modifier la fiche", reverse(ORGANISATION_EDIT_URL, args=[organisation.pk]))]
    if organisation.live and not organisation.synthetic:
        links.append(("Voir la page publique", organisation.get_absolute_url()))
    return links


def current_rows(organisation):
    """[(label, value)] of the entry as it is now, for the fields a visitor usually corrects."""
    services = dict(SupportService.objects.values_list("slug", "label"))
    values = current_values(organisation)
    return [(label, _display(name, values[name], services)) for name, label in UPDATABLE_FIELDS]


class OrganisationColumn(Column):
    """The organisation named by the request, with links to its edit form and its public page."""

    def get_value(self, instance):
        links = organisation_links(instance.organisation)
        if not links:
            return format_html("{} <em>(fiche supprimée)</em>", instance.organisation_name)
        return format_html(
            "{}<br>{}",
            instance.organisation_name,
            format_html(
                " · ".join(['<a href="{}">{}</a>'] * len(links)),
                *[part for label, url in links for part in (url, label)],
            ),
        )


class CorrectionContextPanel(Panel):
    """The request beside the organisation's current values, and the links to fix the entry."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "directory/admin/correction_context_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            correction = self.instance
            organisation = correction.organisation
            context.update(
                {
                    "correction": correction,
                    "organisation": organisation,
                    "links": organisation_links(organisation),
                    "rows": current_rows(organisation) if organisation else [],
                }
            )
            return context


class CorrectionEditView(snippet_views.EditView):
    def save_instance(self):
        correction = self.form.instance
        if correction.status == CorrectionStatus.DONE and correction.handled_by_id is None:
            correction.handled_by = self.request.user
        return super().save_instance()

    def get_success_message(self):
        if self.object.status == CorrectionStatus.DONE:
            return f"Le signalement sur «\u00a0{self.object.organisation_name}\u00a0» est marqué comme traité."
        return f"Le signalement sur «\u00a0{self.object.organisation_name}\u00a0» a été enregistré\u00a0; il reste à traiter."


class CorrectionRequestViewSet(SnippetViewSet):
    model = CorrectionRequest
    edit_view_class = CorrectionEditView
    edit_template_name = "directory/admin/correction_edit.html"
    menu_label = "Signalements d'erreur"
    icon = "warning"
    add_to_admin_menu = True
    menu_order = 210
    list_display = [
        "__str__",
        OrganisationColumn("organisation_name", label="Organisation"),
        "status",
        Column("created_at", label="Reçue le"),
        "contact_email",
    ]
    list_filter = ["status"]
    search_fields = ["organisation_name", "message"]
    ordering = ["status", "-created_at"]
    list_per_page = 50
    inspect_view_enabled = True
    panels = [
        CorrectionContextPanel(heading="Demande et fiche actuelle"),
        FieldPanel("contact_name", read_only=True),
        FieldPanel("contact_email", read_only=True),
        FieldPanel(
            "status",
            help_text="«\u00a0Traitée\u00a0» une fois la fiche corrigée (ou la demande écartée)\u00a0: la date et votre nom sont notés.",
        ),
        FieldPanel(
            "editor_note",
            help_text="Ce qui a été corrigé, ou pourquoi rien ne l'a été. Visible de la rédaction seulement.",
        ),
    ]

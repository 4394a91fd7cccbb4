"""The "Annuaire" menu of the Wagtail admin: organisations, taxonomies, the import tool, the review of
contributions; the dashboard's "à traiter" panel."""

from django.urls import path, reverse
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .admin import imports, proposals, proposed_changes
from .admin.corrections import CorrectionRequestViewSet
from .admin.organisations import OrganisationViewSet
from .classification import CLASSIFY_LOG_ACTION
from .exchange.importers import IMPORT_LOG_ACTION
from .models import (
    Acronym,
    Audience,
    ChangeStatus,
    ClassificationRule,
    Label,
    Organisation,
    ProposalStatus,
    ProposedChange,
    Sector,
    StructureProposal,
    SupportService,
    SynonymGroup,
)

# Organisations: snippet views (drafts, moderation, history; see admin/organisations.py), listed
# first in the "Annuaire" menu; the taxonomies stay in wagtail-modeladmin.
organisation_viewset = OrganisationViewSet()
register_snippet(organisation_viewset)


class TermAdmin(ModelAdmin):
    list_display = ("label", "slug")
    search_fields = ("label", "slug")
    menu_icon = "tag"


class SectorAdmin(TermAdmin):
    model = Sector
    menu_label = "Filières"


class SupportServiceAdmin(TermAdmin):
    model = SupportService
    menu_label = "Services d'accompagnement"
    menu_icon = "help"


class AudienceAdmin(TermAdmin):
    model = Audience
    menu_label = "Publics"


class LabelAdmin(TermAdmin):
    model = Label
    menu_label = "Labels et réseaux"
    list_display = ("label", "slug", "di_reseau_porteur")


class DirectoryGroup(ModelAdminGroup):
    menu_label = "Annuaire"
    menu_icon = "site"
    menu_order = 250
    items = (SectorAdmin, SupportServiceAdmin, AudienceAdmin, LabelAdmin)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.insert(
            0,
            OrganisationsMenuItem(
                "Organisations", reverse(organisation_viewset.get_url_name("list")), icon_name="group", order=0
            ),
        )
        items.append(
            ReviewMenuItem("Modifications proposées", reverse("directory_admin_changes"), icon_name="edit", order=90)
        )
        items.append(
            ReviewMenuItem(
                "Structures proposées",
                reverse("directory_admin_proposals"),
                icon_name="plus",
                order=91,
                permission=proposals.PERMISSION,
            )
        )
        items.append(
            ImportMenuItem("Importer un fichier", reverse("directory_admin_import"), icon_name="upload", order=100)
        )
        items.append(
            ReviewMenuItem(
                "Synonymes de recherche",
                reverse("wagtailsnippets_directory_synonymgroup:list"),
                icon_name="search",
                order=110,
                permission="directory.change_synonymgroup",
            )
        )
        items.append(
            ReviewMenuItem(
                "Sigles et graphies",
                reverse("wagtailsnippets_directory_acronym:list"),
                icon_name="title",
                order=111,
                permission="directory.change_acronym",
            )
        )
        items.append(
            ReviewMenuItem(
                "Règles de classement",
                reverse("wagtailsnippets_directory_classificationrule:list"),
                icon_name="list-ul",
                order=112,
                permission="directory.change_classificationrule",
            )
        )
        return items


class OrganisationsMenuItem(MenuItem):
    def is_shown(self, request):
        return organisation_viewset.permission_policy.user_has_any_permission(
            request.user, ["add", "change", "delete", "view"]
        )


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("directory.add_organisation")


class ReviewMenuItem(MenuItem):
    """Shown to whoever has its permission (reviewing proposals by default)."""

    def __init__(self, *args, permission=proposed_changes.PERMISSION, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


modeladmin_register(DirectoryGroup)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("annuaire/import/", imports.import_upload, name="directory_admin_import"),
        path("annuaire/import/confirmer/", imports.import_confirm, name="directory_admin_import_confirm"),
        path("annuaire/import/rapport.csv", imports.import_report_csv, name="directory_admin_import_report"),
        path("annuaire/import/colonnes/", imports.import_columns, name="directory_admin_import_columns"),
        path("annuaire/import/colonnes-documentees/", imports.import_columns_doc, name="directory_admin_import_doc"),
        path("annuaire/import/modele.csv", imports.import_template_csv, name="directory_admin_import_template"),
        path("annuaire/modifications/", proposed_changes.change_list, name="directory_admin_changes"),
        path("annuaire/modifications/<int:pk>/", proposed_changes.change_review, name="directory_admin_change_review"),
        path("annuaire/propositions/", proposals.proposal_list, name="directory_admin_proposals"),
        path("annuaire/propositions/<int:pk>/", proposals.proposal_review, name="directory_admin_proposal_review"),
        # wagtail-modeladmin's address for a new organisation, kept for bookmarks.
        path("directory/organisation/create/", RedirectView.as_view(url="/admin/directory/organisation/add/")),
    ]


# Visitors' correction requests: a snippet listing (filters by status) under its own menu item.
register_snippet(CorrectionRequestViewSet)


class SynonymGroupCreateView(snippet_views.CreateView):
    """« Ajouter un groupe de synonymes » from a search that found nothing: its words come prefilled."""

    def get_initial(self):
        initial = super().get_initial()
        terms = " ".join(self.request.GET.get("terms", "").split())[:200]
        if terms:
            initial["terms"] = terms + ", "
        return initial


class SynonymGroupViewSet(SnippetViewSet):
    """Annuaire > Synonymes de recherche: the words the finder and the site search treat as one."""

    model = SynonymGroup
    add_view_class = SynonymGroupCreateView
    icon = "search"
    menu_label = "Synonymes de recherche"
    menu_name = "synonymes-recherche"
    add_to_admin_menu = False
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]


register_snippet(SynonymGroupViewSet)


class AcronymViewSet(SnippetViewSet):
    """Annuaire > Sigles et graphies: acronyms kept in capitals in imported names, explained in pages
    (`<abbr>`) and in the public glossary (/glossaire/)."""

    model = Acronym
    icon = "title"
    menu_label = "Sigles et graphies"
    add_to_admin_menu = False
    list_display = ["term", "expansion"]
    search_fields = ["term", "expansion"]


class ClassificationRuleViewSet(SnippetViewSet):
    """Annuaire > Règles de classement: label, NAF code or thématique → filière (docs/annuaire-donnees.md)."""

    model = ClassificationRule
    icon = "list-ul"
    menu_label = "Règles de classement"
    add_to_admin_menu = False
    list_display = ["criterion", "value", "sector", "note"]
    list_filter = ["criterion", "sector"]
    search_fields = ["value", "note"]


register_snippet(AcronymViewSet)
register_snippet(ClassificationRuleViewSet)


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    @actions.register_action(IMPORT_LOG_ACTION)
    class ImportedFromAFile(LogFormatter):
        label = "Import d'un fichier"

        def format_message(self, log_entry):
            if log_entry.data.get("created"):
                return "Créée par un import de fichier"
            fields = ", ".join(log_entry.data.get("fields", []))
            return f"Mise à jour par un import de fichier ({fields})" if fields else "Import de fichier"

    @actions.register_action(CLASSIFY_LOG_ACTION)
    class ClassifiedByTheRules(LogFormatter):
        label = "Règles de classement et mise en forme du nom (classify_directory)"


class DirectoryFlowPanel(Component):
    """The dashboard's view of what organisations and visitors sent, each count linking to its list."""

    name = "directory_flow"
    template_name = "directory/admin/flow_panel.html"
    order = 60

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows}


def directory_flow_rows(user):
    """[(French label, count, URL)] of what waits for the editors, for what this user may handle."""
    rows = []
    if user.has_perm(proposed_changes.PERMISSION):
        rows.append(
            (
                "Modifications proposées par les organisations, en attente",
                ProposedChange.objects.filter(status=ChangeStatus.PENDING).count(),
                reverse("directory_admin_changes"),
            )
        )
    if user.has_perm(proposals.PERMISSION):
        rows.append(
            (
                "Structures proposées par les visiteurs, en attente",
                StructureProposal.objects.filter(status=ProposalStatus.PENDING).count(),
                reverse("directory_admin_proposals"),
            )
        )
    if user.has_perm("directory.change_organisation"):
        rows.append(
            (
                "Fiches à vérifier (rappels de fraîcheur sans réponse)",
                Organisation.objects.filter(to_verify=True, synthetic=False).count(),
                reverse(organisation_viewset.get_url_name("list")) + "?to_verify=true",
            )
        )
    return rows


@hooks.register("construct_homepage_panels")
def add_directory_flow(request, panels):
    rows = directory_flow_rows(request.user)
    if rows:
        panels.append(DirectoryFlowPanel(rows))

"""The "Annuaire" menu of the Wagtail admin: organisations, taxonomies and the import tool."""

from django.urls import path, reverse
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .admin import imports
from .admin.corrections import CorrectionRequestViewSet
from .admin.organisations import OrganisationViewSet
from .exchange.importers import IMPORT_LOG_ACTION
from .models import Audience, Label, Sector, SupportService, SynonymGroup

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
            ImportMenuItem("Importer un fichier", reverse("directory_admin_import"), icon_name="upload", order=100)
        )
        items.append(
            PermissionMenuItem(
                "Synonymes de recherche",
                reverse("wagtailsnippets_directory_synonymgroup:list"),
                icon_name="search",
                order=110,
                permission="directory.change_synonymgroup",
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


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
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
        # wagtail-modeladmin's address for a new organisation, kept for bookmarks.
        path("directory/organisation/create/", RedirectView.as_view(url="/admin/directory/organisation/add/")),
    ]


# Visitors' correction requests: a snippet listing (filters by status) under its own menu item.
register_snippet(CorrectionRequestViewSet)


class SynonymGroupViewSet(SnippetViewSet):
    """Annuaire > Synonymes de recherche: the words the finder and the site search treat as one."""

    model = SynonymGroup
    icon = "search"
    menu_label = "Synonymes de recherche"
    menu_name = "synonymes-recherche"
    add_to_admin_menu = False
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]


register_snippet(SynonymGroupViewSet)


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

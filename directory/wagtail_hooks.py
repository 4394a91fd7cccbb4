"""The "Annuaire" menu of the Wagtail admin: organisations, taxonomies and the import tool."""

import datetime

from django.contrib.admin import SimpleListFilter
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .admin import imports
from .admin.corrections import CorrectionRequestViewSet
from .admin.forms import OrganisationForm, PointPreviewPanel, location_summary
from .models import Audience, Label, Organisation, Sector, SupportService, SynonymGroup


class NotVerifiedFilter(SimpleListFilter):
    title = "vérification"
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [("ancienne", "Non vérifiée depuis 12 mois"), ("recente", "Vérifiée depuis moins de 12 mois")]

    def queryset(self, request, queryset):
        if self.value() == "ancienne":
            return queryset.not_verified_since(12)
        if self.value() == "recente":
            limit = timezone.localdate() - datetime.timedelta(days=365)
            return queryset.filter(last_verified__gte=limit)
        return queryset


class OrganisationAdmin(ModelAdmin):
    model = Organisation
    menu_label = "Organisations"
    menu_icon = "group"
    list_display = ("name", "kind", "arrondissement_column", "published", "last_verified")
    list_filter = ("kind", "legal_form", "sectors", "arrondissement", "published", "needs_geocoding", NotVerifiedFilter)
    search_fields = ("name", "siret", "rna", "postcode", "city", "source_id")
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "kind",
        "legal_form",
        "short_description",
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
        "geocoding_score",
        "needs_geocoding",
        "opening_hours",
        "wheelchair",
        "acceslibre_url",
        "published",
        "last_verified",
        "source",
        "source_id",
        "created_at",
        "updated_at",
    ]
    list_export = (
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
        "published",
        "last_verified",
        "source",
        "source_id",
    )
    export_filename = "annuaire-organisations"
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
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
                [FieldPanel("kind"), FieldPanel("legal_form"), FieldPanel("sectors"), FieldPanel("labels")],
                heading="Activité",
            ),
            ObjectList(
                [FieldPanel("support_services"), FieldPanel("project_stages"), FieldPanel("audiences")],
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
                [FieldPanel("opening_hours"), FieldPanel("wheelchair"), FieldPanel("acceslibre_url")],
                heading="Horaires et accessibilité",
            ),
            ObjectList(
                [
                    FieldPanel("published"),
                    FieldPanel("last_verified"),
                    FieldRowPanel([FieldPanel("source"), FieldPanel("source_id")]),
                ],
                heading="Publication",
            ),
        ],
        base_form_class=OrganisationForm,
    )

    def arrondissement_column(self, obj):
        return obj.get_arrondissement_display() if obj.arrondissement else "—"

    arrondissement_column.short_description = "arrondissement"
    arrondissement_column.admin_order_field = "arrondissement"

    def location(self, obj):
        return location_summary(obj)

    def get_queryset(self, request):
        # The list shows real organisations; synthetic benchmark data stays out of editors' way.
        return super().get_queryset(request).filter(synthetic=False)


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
    items = (OrganisationAdmin, SectorAdmin, SupportServiceAdmin, AudienceAdmin, LabelAdmin)

    def get_submenu_items(self):
        items = super().get_submenu_items()
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

"""What other apps may ask of the directory app."""

from django.db.models import Max

from ess_site.visibility import visible_to_public

from .exchange.csv_format import COLUMNS
from .matcher import match
from .models import Organisation
from .models.pages import DirectoryPage, directory_url

__all__ = [
    "directory_url",
    "open_data_exports",
    "organisations_added_between",
    "site_sections",
    "support_matcher_context",
]

DATA_INCLUSION_SCHEMA_URL = "https://github.com/gip-inclusion/data-inclusion-schema"


def open_data_exports():
    """The directory's open-data exports for the « Données ouvertes » page: title, URL, format, schema,
    and when the data last changed (the latest change of a published organisation)."""
    updated = Organisation.objects.public().aggregate(last=Max("updated_at"))["last"]
    columns = [(name, description) for name, _field, description in COLUMNS]
    return [
        {
            "title": "Annuaire des structures de l'ESS (CSV)",
            "url": "/annuaire/export.csv",
            "format": "CSV (UTF-8, séparateur virgule)",
            "schema": "Une ligne par organisation publiée\u00a0; colonnes ci-dessous (le même fichier se réimporte tel quel).",
            "columns": columns,
            "updated": updated,
        },
        {
            "title": "Annuaire des structures de l'ESS (GeoJSON)",
            "url": "/annuaire/export.geojson",
            "format": "GeoJSON (RFC 7946)",
            "schema": "Un point par organisation localisée, coordonnées [longitude, latitude] en WGS 84\u00a0; "
            "propriétés identiques aux colonnes du CSV.",
            "updated": updated,
        },
        {
            "title": "Structures au format data·inclusion",
            "url": "/annuaire/export/data-inclusion/structures.json",
            "format": "JSON",
            "schema": "Schéma national data·inclusion, version 1 (structures)",
            "schema_url": DATA_INCLUSION_SCHEMA_URL,
            "updated": updated,
        },
        {
            "title": "Services d'accompagnement au format data·inclusion",
            "url": "/annuaire/export/data-inclusion/services.json",
            "format": "JSON",
            "schema": "Schéma national data·inclusion, version 1 (services)\u00a0: un service par service "
            "d'accompagnement proposé",
            "schema_url": DATA_INCLUSION_SCHEMA_URL,
            "updated": updated,
        },
    ]


def support_matcher_context(request):
    """Template context for the support matcher shown on the project holder's guide."""
    return {
        "matcher_template": "directory/includes/support_matcher.html",
        "matcher": match(request.GET),
        "directory_url": directory_url(),
    }


def site_sections():
    """The directory's views that are not pages (the map, the whole list A to Z), for the sitemap and
    the site search."""
    return [section for page in visible_to_public(DirectoryPage.objects.all()) for section in page.sections()]


def organisations_added_between(since, until, arrondissements=(), sector_ids=()):
    """Public organisations added to the directory in [since, until), optionally in these
    arrondissements or sectors (the alerts' digest)."""
    organisations = Organisation.objects.public().filter(created_at__gte=since, created_at__lt=until)
    if arrondissements:
        organisations = organisations.filter(arrondissement__in=arrondissements)
    if sector_ids:
        organisations = organisations.filter(sectors__in=sector_ids).distinct()
    return organisations.order_by("name").only("name", "slug", "short_description", "arrondissement", "postcode")

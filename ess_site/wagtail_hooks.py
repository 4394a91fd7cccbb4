"""Admin: the dashboard tells editors what the site settings still lack (legal notice, contact) and
whether demonstration content is on."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from .models import SiteSettings


def settings_warnings(site_settings):
    """French sentences, one per thing editors should fix in the site settings."""
    warnings = []
    missing = site_settings.missing_legal_fields()
    if missing:
        warnings.append(
            "Mentions légales incomplètes : "
            + ", ".join(missing)
            + ". Ces informations ne s'affichent pas tant qu'elles ne sont pas renseignées."
        )
    if not site_settings.has_contact_means:
        warnings.append(
            "Aucun moyen de joindre le service ESS de la Ville (courriel, téléphone ou lien de prise de "
            "rendez-vous) : le pied de page, le guide et l'annuaire n'en affichent aucun."
        )
    if site_settings.demo_content:
        warnings.append(
            "Le contenu de démonstration est affiché : un bandeau le signale sur chaque page publique. "
            "Décochez « contenu de démonstration » une fois les exemples remplacés."
        )
    return warnings


class SiteSettingsWarningsPanel(Component):
    name = "site_settings_warnings"
    template_name = "ess_site/admin/settings_warnings.html"
    order = 50

    def __init__(self, site, warnings):
        self.site = site
        self.warnings = warnings

    def get_context_data(self, parent_context):
        return {
            "warnings": self.warnings,
            "settings_url": reverse("wagtailsettings:edit", args=["ess_site", "sitesettings", self.site.pk]),
        }


@hooks.register("construct_homepage_panels")
def add_settings_warnings(request, panels):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    warnings = settings_warnings(SiteSettings.for_site(site))
    if warnings:
        panels.append(SiteSettingsWarningsPanel(site, warnings))

"""Admin: the dashboard tells editors what the site settings still lack (legal notice, contact),
whether demonstration content is on, and which outgoing mail is stuck or failed."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from . import mail_queue
from .models import SiteSettings


def settings_warnings(site_settings):
    """French sentences, one per thing editors should fix in the site settings."""
    warnings = []
    missing = site_settings.missing_legal_fields()
    if missing:
        warnings.append(
            "Mentions légales incomplètes\u00a0: "
            + ", ".join(missing)
            + ". Ces informations ne s'affichent pas tant qu'elles ne sont pas renseignées."
        )
    if not site_settings.has_contact_means:
        warnings.append(
            "Aucun moyen de joindre le service ESS de la Ville (courriel, téléphone ou lien de prise de "
            "rendez-vous)\u00a0: le pied de page, le guide et l'annuaire n'en affichent aucun."
        )
    if site_settings.demo_content:
        warnings.append(
            "Le contenu de démonstration est affiché\u00a0: un bandeau le signale sur chaque page publique. "
            "Décochez «\u00a0contenu de démonstration\u00a0» une fois les exemples remplacés."
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


class MailQueuePanel(Component):
    name = "mail_queue"
    template_name = "ess_site/admin/mail_queue_panel.html"
    order = 55

    def __init__(self, unsent, failed):
        self.unsent, self.failed = unsent, failed

    def get_context_data(self, parent_context):
        return {"unsent": self.unsent, "failed": self.failed, "url": reverse("ess_site_mail_queue")}


@hooks.register("construct_homepage_panels")
def add_mail_queue(request, panels):
    if mail_queue.may_see(request.user):
        panels.append(MailQueuePanel(mail_queue.unsent().count(), mail_queue.failed().count()))


@hooks.register("register_admin_urls")
def register_mail_queue_url():
    return [path("courriels/", mail_queue.mail_queue, name="ess_site_mail_queue")]


@hooks.register("register_admin_viewset")
def register_reporting_page_viewset():
    # The dashboard's approve / request-changes buttons then say what they did (workflow_messages.py).
    from .workflow_messages import ReportingPageViewSet

    return ReportingPageViewSet()

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from .site_cache import cached_site_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Site-wide facts editors keep up to date: contact, the accessibility plans."""

    contact_name = models.CharField(
        "service à contacter",
        max_length=200,
        default="Ville de Marseille — Direction de l'Économie, du Tourisme, de l'Emploi, "
        "du Commerce et de l'Enseignement Supérieur",
    )
    contact_email = models.EmailField("adresse électronique de contact", blank=True)
    contact_phone = models.CharField("téléphone de contact", max_length=30, blank=True)
    contact_address = models.TextField("adresse postale", blank=True)
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="page de contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The conformity status is not a setting: it is computed from the audit (ess_site/accessibility.py).
    accessibility_schema_url = models.URLField(
        "schéma pluriannuel de mise en accessibilité (lien)",
        blank=True,
        help_text="Document de la Ville, cité par la déclaration d'accessibilité.",
    )
    accessibility_action_plan_url = models.URLField(
        "plan d'actions de l'année en cours (lien)",
        blank=True,
        help_text="Cité par la déclaration d'accessibilité avec le schéma pluriannuel.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
                FieldPanel("contact_page"),
            ],
            heading="Contact",
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_schema_url"), FieldPanel("accessibility_action_plan_url")],
            heading="Accessibilité",
        ),
    ]

    # The footer links to the contact page: loaded with the settings, cached with them.
    select_related = ["contact_page"]

    class Meta:
        verbose_name = "paramètres du site"

    @classmethod
    def for_request(cls, request):
        """Public pages read the cached copy; the admin's edit view calls for_site() and always
        edits the row as stored (a stale copy must never be saved over a newer one)."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            site_settings = cached_site_setting(cls, site, cls.for_site) if site else cls.for_site(site)
            site_settings._request = request  # as Wagtail does: page URLs resolved for this request
            setattr(request, attr_name, site_settings)
        return getattr(request, attr_name)

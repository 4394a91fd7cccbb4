from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from .site_cache import cached_site_setting


class AccessibilityStatus(models.TextChoices):
    FULL = "totalement", "totalement conforme"
    PARTIAL = "partiellement", "partiellement conforme"
    NONE = "non", "non conforme"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Site-wide facts editors keep up to date: contact, accessibility status."""

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
    accessibility_status = models.CharField(
        "état de conformité (RGAA 4.1)",
        max_length=20,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.PARTIAL,
        help_text="Affiché en pied de page : « Accessibilité : … ». À mettre à jour après chaque audit.",
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
        FieldPanel("accessibility_status"),
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

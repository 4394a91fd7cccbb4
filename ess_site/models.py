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
    contact_appointment_url = models.URLField(
        "lien de prise de rendez-vous",
        blank=True,
        help_text="Formulaire ou agenda en ligne où les porteurs de projet réservent un rendez-vous.",
    )
    contact_website = models.URLField(
        "page web du service",
        blank=True,
        help_text="Une page publique du service (site de la Ville, par exemple).",
    )
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
            [
                FieldPanel("legal_publisher"),
                FieldPanel("legal_publisher_address"),
                FieldPanel("legal_publisher_phone"),
                FieldPanel("legal_director"),
                FieldPanel("legal_host_name"),
                FieldPanel("legal_host_address"),
                FieldPanel("legal_host_contact"),
            ],
            heading="Mentions légales",
            help_text="Affichées sur la page «\u00a0Mentions légales\u00a0». Un champ vide n'est pas affiché, "
            "et le tableau de bord de l'administration signale ce qui manque.",
        ),
        FieldPanel("demo_content"),
        MultiFieldPanel(
            [FieldPanel("accessibility_schema_url"), FieldPanel("accessibility_action_plan_url")],
            heading="Accessibilité",
        ),
    ]

    legal_publisher = models.CharField(
        "éditeur du site", max_length=200, blank=True, help_text="Ex.\u00a0: Ville de Marseille."
    )
    legal_publisher_address = models.TextField("adresse de l'éditeur", blank=True)
    legal_publisher_phone = models.CharField("téléphone de l'éditeur", max_length=30, blank=True)
    legal_director = models.CharField(
        "directeur ou directrice de la publication", max_length=200, blank=True, help_text="Nom et fonction."
    )
    legal_host_name = models.CharField("hébergeur", max_length=200, blank=True, help_text="Raison sociale.")
    legal_host_address = models.TextField("adresse de l'hébergeur", blank=True)
    legal_host_contact = models.CharField(
        "contact de l'hébergeur", max_length=200, blank=True, help_text="Téléphone ou adresse web de l'hébergeur."
    )

    demo_content = models.BooleanField(
        "contenu de démonstration",
        default=False,
        help_text="Coché\u00a0: un bandeau prévient sur chaque page publique que le site contient des exemples, "
        "et chaque contenu d'exemple porte la mention «\u00a0exemple\u00a0». Décochez-le une fois les exemples "
        "remplacés par de vrais contenus.",
    )

    # The footer links to the contact page: loaded with the settings, cached with them.
    select_related = ["contact_page"]

    class Meta:
        verbose_name = "paramètres du site"

    LEGAL_FIELDS = (
        "legal_publisher",
        "legal_publisher_address",
        "legal_publisher_phone",
        "legal_director",
        "legal_host_name",
        "legal_host_address",
        "legal_host_contact",
    )

    @property
    def has_contact_means(self):
        """Whether visitors can reach the City's ESS contact: an e-mail, a phone or an appointment link."""
        return bool(self.contact_email or self.contact_phone or self.contact_appointment_url)

    def missing_legal_fields(self):
        """Labels of the legal notice's fields editors have not filled in yet."""
        return [str(self._meta.get_field(name).verbose_name) for name in self.LEGAL_FIELDS if not getattr(self, name)]

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

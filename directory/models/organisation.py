"""An organisation of the directory: identity, what it is, where, when and how, bookkeeping."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from directory import validators
from ess_site.rich_text import clean_rich_text
from geography import ARRONDISSEMENT_CHOICES

from . import slugs
from .choices import IntendedStatus, Kind, LegalForm, LocationSource, ProjectStage, Wheelchair
from .fields import MultipleChoiceListField, WebAddressField
from .search_text import name_words_expression, search_text_expression, search_words_expression
from .taxonomies import Audience, Label, Sector, SupportService

DESCRIPTION_FEATURES = ["bold", "italic", "link", "ul", "ol"]

# The directory entry of the City's ESS contact (made by the demo from the programme's text): its page
# shows how to reach the service as editors set it in the site settings.
CITY_CONTACT_SOURCE = ("programme-ess-2023", "ville-de-marseille-ess")
# The `source` of the open-data sample the demo imports (directory/data/README.md): real structures,
# marked as demonstration data while the site shows demonstration content.
DEMO_SAMPLE_SOURCE = "anct-mednum-hubdusud-2023"
# The demo's former sample (SIAE of 2019, set aside: its licence could not be established): databases
# that loaded it keep those rows marked and attributed.
FORMER_DEMO_SAMPLE_SOURCE = "asp-siae-2019"
# How a page names the source and date of reused data (the Licence Ouverte and, without a licence,
# CRPA L322-1 ask for both): directory/data/README.md gives the provenance of each.
SOURCE_ATTRIBUTIONS = {
    DEMO_SAMPLE_SOURCE: (
        "ANCT, Cartographie nationale des lieux de médiation numérique, données du Hub du Sud "
        "du 17 mai 2023, sous Licence Ouverte 2.0"
    ),
    FORMER_DEMO_SAMPLE_SOURCE: "liste des SIAE conventionnées à Marseille (export de l'ASP), juillet 2019",
}


def freshness_limit(today=None):
    """Entries last verified (or created) before this day are stale (DIRECTORY_FRESHNESS_MONTHS)."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=round(settings.DIRECTORY_FRESHNESS_MONTHS * 30.44))


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """What visitors and open-data reusers see: published (live), never synthetic."""
        return self.filter(live=True, synthetic=False)

    def located(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def stale(self, today=None):
        """Entries last verified, or never verified and created, before the freshness limit."""
        limit = freshness_limit(today)
        return self.filter(
            models.Q(last_verified__lt=limit) | models.Q(last_verified__isnull=True, created_at__date__lt=limit)
        )

    def not_verified_since(self, months=12):
        limit = timezone.localdate() - datetime.timedelta(days=round(months * 30.44))
        return self.filter(models.Q(last_verified__isnull=True) | models.Q(last_verified__lt=limit))


class Organisation(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """Edited like pages: changes are saved as revisions (drafts), publishing needs the "publish"
    permission (group "Modération"), and the moderation workflow applies (home/migrations/0002).
    Many-to-many fields are parental so that drafts carry them."""

    # Identity
    name = models.CharField("nom", max_length=200)
    raw_name = models.CharField(
        "nom dans la source",
        max_length=200,
        blank=True,
        help_text="Le nom tel que l'a écrit le registre ou la saisie en capitales, avant sa mise en forme.",
    )
    slug = models.SlugField("identifiant d'adresse", max_length=220, unique=True, blank=True)
    short_description = models.CharField("présentation courte", max_length=280, blank=True)
    description = RichTextField("description", blank=True, features=DESCRIPTION_FEATURES)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name="logo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    siret = models.CharField(
        "SIRET", max_length=14, blank=True, validators=[validators.validate_siret], help_text="14 chiffres."
    )
    rna = models.CharField(
        "numéro RNA",
        max_length=10,
        blank=True,
        validators=[validators.validate_rna],
        help_text="W suivi de 9 chiffres.",
    )
    website = WebAddressField("site web", max_length=300, blank=True)
    email = models.EmailField("courriel", blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True, validators=[validators.validate_phone])
    social_links = models.TextField(
        "réseaux sociaux",
        blank=True,
        validators=[validators.LinesOfUrlsValidator()],
        help_text="Une adresse par ligne.",
    )

    # What it is
    kind = models.CharField("type", max_length=30, choices=Kind.choices, default=Kind.ESS_ACTOR)
    legal_form = models.CharField("forme juridique", max_length=30, choices=LegalForm.choices, blank=True)
    sectors = ParentalManyToManyField(Sector, verbose_name="filières", blank=True, related_name="organisations")
    labels = ParentalManyToManyField(Label, verbose_name="labels et réseaux", blank=True, related_name="organisations")
    # What the source says, kept so that the filière rules can be run again (directory/classification.py).
    naf_code = models.CharField("code NAF / APE", max_length=6, blank=True, help_text="Par exemple\u00a0: 88.99B.")
    source_thematiques = models.TextField(
        "thématiques data·inclusion de la source", blank=True, help_text="Codes séparés par |."
    )

    # For project holders
    support_services = ParentalManyToManyField(
        SupportService, verbose_name="services d'accompagnement", blank=True, related_name="organisations"
    )
    project_stages = MultipleChoiceListField("étapes de projet accompagnées", item_choices=ProjectStage.choices)
    audiences = ParentalManyToManyField(Audience, verbose_name="publics", blank=True, related_name="organisations")
    statuses_supported = MultipleChoiceListField(
        "statuts accompagnés en priorité",
        item_choices=IntendedStatus.choices,
        help_text="Le guide présente d'abord cette structure à qui envisage ce statut (une union de coopératives "
        "pour une coopérative). Laissez vide si elle accompagne tous les statuts.",
    )

    # Where
    address = models.CharField("adresse", max_length=255, blank=True, help_text="Numéro et voie.")
    address_complement = models.CharField("complément d'adresse", max_length=255, blank=True)
    postcode = models.CharField("code postal", max_length=5, blank=True, validators=[validators.validate_postcode])
    city = models.CharField("commune", max_length=100, blank=True, default="Marseille")
    arrondissement = models.PositiveSmallIntegerField(
        "arrondissement",
        null=True,
        blank=True,
        choices=ARRONDISSEMENT_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(16)],
        help_text="Calculé depuis le point, sinon depuis le code postal\u00a0; vide hors de Marseille.",
    )
    latitude = models.FloatField(
        "latitude", null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        "longitude", null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    location_source = models.CharField(
        "origine du point", max_length=20, choices=LocationSource.choices, blank=True, default=LocationSource.NONE
    )
    geocoding_score = models.FloatField("score du géocodage", null=True, blank=True)
    needs_geocoding = models.BooleanField(
        "à géocoder", default=False, help_text="Le point est approximatif\u00a0: le géocodage sera retenté."
    )

    # When and how
    opening_hours = models.CharField(
        "horaires d'ouverture",
        max_length=255,
        blank=True,
        validators=[validators.validate_opening_hours],
        help_text="Format OpenStreetMap, par exemple\u00a0: Mo-Fr 09:00-12:30,14:00-17:30; PH off",
    )
    wheelchair = models.CharField(
        "accès en fauteuil roulant", max_length=10, choices=Wheelchair.choices, default=Wheelchair.UNKNOWN
    )
    acceslibre_url = WebAddressField(
        "fiche Acceslibre", max_length=300, blank=True, validators=[validators.validate_acceslibre_url]
    )

    # Bookkeeping
    # Published or not: DraftStateMixin's `live` (see `published` below), changed by publishing.
    last_verified = models.DateField("dernière vérification", null=True, blank=True)
    to_verify = models.BooleanField(
        "à vérifier",
        default=False,
        help_text="Deux rappels de fraîcheur sont restés sans réponse\u00a0: la rédaction vérifie la fiche elle-même.",
    )
    source = models.CharField("source", max_length=60, blank=True, help_text="Producteur de la donnée importée.")
    source_id = models.CharField("identifiant dans la source", max_length=120, blank=True)
    synthetic = models.BooleanField(
        "fictive",
        default=False,
        editable=False,
        help_text="Donnée générée pour les tests de charge\u00a0; jamais exportée.",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    # Folded name and texts for the public finder's search, computed by the database (search_text.py);
    # no page shows them (SEARCH_COLUMNS).
    search_text = models.GeneratedField(
        expression=search_text_expression(),
        output_field=models.TextField(),
        db_persist=True,
        verbose_name="texte de recherche",
    )
    # Their words between spaces, for word-start matching and relevance without regular expressions.
    name_words = models.GeneratedField(
        expression=name_words_expression(),
        output_field=models.TextField(),
        db_persist=True,
        verbose_name="mots du nom",
    )
    search_words = models.GeneratedField(
        expression=search_words_expression(),
        output_field=models.TextField(),
        db_persist=True,
        verbose_name="mots recherchés",
    )

    objects = OrganisationQuerySet.as_manager()
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="organisation")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="organisation",
        for_concrete_model=False,
    )

    search_fields = [
        index.SearchField("name", boost=5),
        index.AutocompleteField("name"),
        index.SearchField("short_description", boost=2),
        index.SearchField("description"),
        index.SearchField("city"),
        # Places people type: "13003", a street (the finder reads a bare postcode as « près de »).
        index.SearchField("postcode"),
        index.SearchField("address"),
        index.RelatedFields("sectors", [index.SearchField("label")]),
        index.RelatedFields("support_services", [index.SearchField("label")]),
        # "SIAE : atelier et chantier d'insertion (ACI)", "Agrément ESUS": acronyms people type.
        index.RelatedFields("labels", [index.SearchField("label")]),
        index.FilterField("kind"),
        index.FilterField("legal_form"),
        index.FilterField("arrondissement"),
        index.FilterField("live"),
        index.FilterField("synthetic"),
    ]

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~models.Q(source_id=""),
                name="directory_organisation_unique_source_id",
            )
        ]
        indexes = [
            models.Index(fields=["live", "synthetic"], name="directory_org_public_idx"),
            models.Index(fields=["latitude", "longitude"], name="directory_org_point_idx"),
            models.Index(fields=["siret"], name="directory_org_siret_idx"),
            models.Index(fields=["arrondissement"], name="directory_org_arr_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        if self.to_verify and self.last_verified and not self.possibly_outdated:
            self.to_verify = False  # verified again: no longer waits for the editors
        # Whatever wrote it (editor, import, script), the description holds only what the editor allows.
        self.description = clean_rich_text(self.description, DESCRIPTION_FEATURES)
        self._sync_services()
        super().save(*args, **kwargs)

    def _sync_services(self):
        """Keep `support_services` (what the finder filters on) and the service sheets one truth.

        Sheets edited (admin form, revision published): the services are the sheets' services.
        Only the list of services written (imports, update form, scripts): sheets follow it, a new
        service gets a sheet with nothing described, a service removed loses its sheet."""
        in_memory = getattr(self, "_cluster_related_objects", {})
        if "service_sheets" in in_memory:
            self.support_services = list(
                {sheet.service.pk: sheet.service for sheet in self.service_sheets.all()}.values()
            )
        elif "support_services" in in_memory:
            self.set_services(self.support_services.all())

    def set_services(self, services):
        """Offer exactly these services (SupportService objects): existing sheets are kept as they are."""
        from .services import ServiceSheet

        services = list(dict.fromkeys(services))
        current = {sheet.service_id: sheet for sheet in self.service_sheets.all()}
        self.service_sheets = [current.get(service.pk) or ServiceSheet(service=service) for service in services]
        self.support_services = services

    @property
    def revisions(self):
        return self._revisions

    @property
    def published(self):
        """The directory's word for Wagtail's `live` (imports' « publiee » column)."""
        return self.live

    @published.setter
    def published(self, value):
        self.live = value

    @property
    def is_public(self):
        """Shown to visitors: live (published by "Modération") and not synthetic, as `objects.public()`."""
        return self.live and not self.synthetic

    @property
    def is_example(self):
        """Loaded by the demo from an open-data sample: marked while the site shows demonstration
        content (`{% example_mark %}`, as the demo's events)."""
        return self.source in (DEMO_SAMPLE_SOURCE, FORMER_DEMO_SAMPLE_SOURCE)

    example_label = "donnée de démonstration"

    @property
    def source_attribution(self):
        return SOURCE_ATTRIBUTIONS.get(self.source, "")

    def get_absolute_url(self):
        # pages.py imports this module (the sitemap lists organisations): the page is looked up late.
        from .pages import directory_url

        return f"{directory_url()}{self.slug}/"

    @property
    def freshness_date(self):
        """The day the entry was last known true: verified, else created."""
        return self.last_verified or (timezone.localdate(self.created_at) if self.created_at else timezone.localdate())

    @property
    def possibly_outdated(self):
        """Not verified for DIRECTORY_FRESHNESS_MONTHS: the page says « informations peut-être anciennes »."""
        return self.freshness_date < freshness_limit()

    @property
    def is_city_contact(self):
        return (self.source, self.source_id) == CITY_CONTACT_SOURCE

    @property
    def is_located(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def arrondissement_label(self):
        return dict(ARRONDISSEMENT_CHOICES).get(self.arrondissement, "")

    def clean_fields(self, exclude=None):
        # Editors and files write "732 829 320 00074" or "w133012345": tidy before the length checks.
        if self.siret:
            self.siret = validators.compact_siret(self.siret)
        if self.rna:
            self.rna = self.rna.strip().upper()
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "slug" not in (exclude or ()) and slugs.is_reserved(self.slug):
            # /annuaire/carte/ is the map: an organisation there could never be reached.
            message = slugs.RESERVED_SLUG_MESSAGE.format(slug=self.slug, suggestion=self.unique_slug(self.slug))
            errors.setdefault("slug", []).append(message)
        if errors:
            raise ValidationError(errors)

    def clean(self):
        super().clean()
        errors = {}
        if self.siret:
            self.siret = validators.compact_siret(self.siret)
        if self.rna:
            self.rna = self.rna.strip().upper()
        if self.phone:
            try:
                self.phone = validators.normalise_phone(self.phone)
            except ValidationError:
                pass  # the field's own validator reports it
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = ["Indiquez la latitude et la longitude, ou aucune des deux."]
        if errors:
            raise ValidationError(errors)

    def unique_slug(self, text=None):
        """A free slug from `text` (the name): unique, never a directory sub-path (models/slugs.py)."""
        others = Organisation.objects.exclude(pk=self.pk)
        return slugs.free_slug(text or self.name, lambda slug: others.filter(slug=slug).exists())

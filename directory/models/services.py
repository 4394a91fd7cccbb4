"""Service sheets: how one organisation offers one support service, like Dora's « fiches service »
and data·inclusion's Service (who it is for, conditions, cost, how to ask for it, area covered).

The sheets are the source of truth for what an organisation offers. `Organisation.support_services`
(what the finder, its facets, the API filters and the search index read) is derived from them when
the organisation is saved; writers that only know a list of services (CSV imports, the update
form's checkboxes) get one sheet per service with nothing described (« non renseigné »).
"""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from geography import ARRONDISSEMENT_CHOICES

from .fields import MultipleChoiceListField, WebAddressField

# INSEE codes of Marseille and of its arrondissements municipaux (data·inclusion's zone_eligibilite).
MARSEILLE_INSEE = "13055"


def arrondissement_insee(number):
    return f"132{int(number):02d}"


class Cost(models.TextChoices):
    """Never assumed: « non renseigné » until someone who knows says otherwise."""

    UNKNOWN = "", "Non renseigné"
    FREE = "gratuit", "Gratuit"
    PAID = "payant", "Payant"
    QUOTE = "sur-devis", "Sur devis"


class Mobilisation(models.TextChoices):
    """How a person asks for the service (« mobiliser le service »)."""

    PHONE = "telephone", "Par téléphone"
    EMAIL = "courriel", "Par courriel"
    FORM = "formulaire", "Par un formulaire en ligne"
    WALK_IN = "sur-place", "Sur place, sans rendez-vous"
    APPOINTMENT = "rendez-vous", "Sur rendez-vous"
    REFERRAL = "orientation", "Sur orientation par un professionnel"


class Reception(models.TextChoices):
    ON_SITE = "en-presentiel", "En présentiel"
    REMOTE = "a-distance", "À distance"


class Area(models.TextChoices):
    UNKNOWN = "", "Non renseignée"
    CITY = "ville", "Toute la ville"
    ARRONDISSEMENTS = "arrondissements", "Certains arrondissements"


ARRONDISSEMENT_CODES = [(str(number), label) for number, label in ARRONDISSEMENT_CHOICES]

# data·inclusion v1 modes_mobilisation for ours (a form or an online appointment is a link).
DI_MOBILISATION = {
    Mobilisation.PHONE: "telephoner",
    Mobilisation.EMAIL: "envoyer-un-courriel",
    Mobilisation.FORM: "utiliser-lien-mobilisation",
    Mobilisation.WALK_IN: "se-presenter",
}


class ServiceSheet(Orderable):
    """One support service as one organisation offers it. Edited inline in the organisation's form,
    so drafts, revisions and moderation carry it."""

    organisation = ParentalKey("directory.Organisation", on_delete=models.CASCADE, related_name="service_sheets")
    service = models.ForeignKey(
        "directory.SupportService", verbose_name="service", on_delete=models.PROTECT, related_name="sheets"
    )
    audience_details = models.TextField(
        "pour qui", blank=True, help_text="Les personnes ou structures à qui le service s'adresse."
    )
    access_conditions = models.TextField("conditions d'accès", blank=True)
    cost = models.CharField(
        "coût",
        max_length=20,
        choices=Cost.choices,
        default=Cost.UNKNOWN,
        blank=True,
        help_text="Laissez «\u00a0Non renseigné\u00a0» tant que la structure ne l'a pas dit.",
    )
    cost_details = models.CharField("précisions sur le coût", max_length=255, blank=True)
    mobilisation = MultipleChoiceListField("mobiliser le service", item_choices=Mobilisation.choices)
    mobilisation_details = models.TextField(
        "précisions pour mobiliser le service", blank=True, help_text="Numéro, jours, pièces à apporter…"
    )
    mobilisation_url = WebAddressField(
        "lien pour mobiliser le service", max_length=300, blank=True, help_text="Formulaire ou prise de rendez-vous."
    )
    reception = MultipleChoiceListField("modes d'accueil", item_choices=Reception.choices)
    area = models.CharField("zone couverte", max_length=20, choices=Area.choices, default=Area.UNKNOWN, blank=True)
    arrondissements = MultipleChoiceListField("arrondissements couverts", item_choices=ARRONDISSEMENT_CODES)

    class Meta(Orderable.Meta):
        verbose_name = "fiche service"
        verbose_name_plural = "fiches services"

    def __str__(self):
        return str(self.service) if self.service_id else "Fiche service"

    def clean(self):
        super().clean()
        if self.area == Area.ARRONDISSEMENTS and not self.arrondissements:
            raise ValidationError(
                {"arrondissements": "Cochez au moins un arrondissement, ou choisissez une autre zone."}
            )
        if self.area != Area.ARRONDISSEMENTS:
            self.arrondissements = []

    @property
    def is_described(self):
        return any(
            (
                self.audience_details,
                self.access_conditions,
                self.cost,
                self.mobilisation,
                self.mobilisation_details,
                self.mobilisation_url,
                self.area,
            )
        )

    @property
    def arrondissement_numbers(self):
        return sorted(int(code) for code in self.arrondissements or [] if str(code).isdigit())

    def covers(self, arrondissement):
        """Whether the sheet says it serves this arrondissement (None: unknown area)."""
        if self.area == Area.CITY:
            return True
        if self.area == Area.ARRONDISSEMENTS:
            return arrondissement in self.arrondissement_numbers
        return None

    @property
    def area_label(self):
        if self.area == Area.ARRONDISSEMENTS:
            labels = dict(ARRONDISSEMENT_CHOICES)
            return ", ".join(labels[number] for number in self.arrondissement_numbers if number in labels)
        return self.get_area_display() if self.area else ""

    @property
    def mobilisation_labels(self):
        labels = dict(Mobilisation.choices)
        return [labels[code] for code in self.mobilisation or [] if code in labels]

    @property
    def reception_labels(self):
        labels = dict(Reception.choices)
        return [labels[code] for code in self.reception or [] if code in labels]


def sync_sheets_with_services(organisation_model, sheet_model, organisation_ids=None):
    """After a bulk write of `support_services` (imports, generated data, the migration that brought
    sheets): one sheet with nothing described per service offered without one; sheets of services
    no longer offered are deleted. Takes the models so that a migration can pass its historical ones."""
    through = organisation_model.support_services.through
    offered = through.objects.all()
    sheets = sheet_model.objects.all()
    if organisation_ids is not None:
        offered = offered.filter(organisation_id__in=organisation_ids)
        sheets = sheets.filter(organisation_id__in=organisation_ids)
    wanted = set(offered.values_list("organisation_id", "supportservice_id"))
    existing = {(org, service): pk for pk, org, service in sheets.values_list("pk", "organisation_id", "service_id")}
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        sheet_model.objects.filter(pk__in=stale).delete()
    missing = sorted(wanted - existing.keys())
    sheet_model.objects.bulk_create(
        [
            sheet_model(organisation_id=org, service_id=service, sort_order=order)
            for order, (org, service) in enumerate(missing)
        ],
        batch_size=2000,
    )
    return len(missing), len(stale)


# What an organisation may describe itself through its update link (#16), in the form's order.
SHEET_FIELDS = (
    "audience_details",
    "access_conditions",
    "cost",
    "cost_details",
    "mobilisation",
    "mobilisation_details",
    "area",
    "arrondissements",
)
_LIST_FIELDS = {"mobilisation", "arrondissements"}


def sheet_values(sheet):
    """A sheet's self-describable fields as plain JSON (the update form's and the review's shape)."""
    return {
        name: sorted(getattr(sheet, name) or [], key=str) if name in _LIST_FIELDS else getattr(sheet, name) or ""
        for name in SHEET_FIELDS
    }


def described_values(values_by_slug):
    """{slug: values} without the sheets that describe nothing (absent means « non renseigné »)."""
    return {slug: values for slug, values in values_by_slug.items() if any(values.values())}


def apply_sheet_values(sheet, values):
    for name in SHEET_FIELDS:
        if name in values:
            setattr(sheet, name, (values[name] or []) if name in _LIST_FIELDS else values[name])
    if sheet.area != Area.ARRONDISSEMENTS:
        sheet.arrondissements = []


def describe_sheet_values(values):
    """One line a reviewer reads: « coût : Gratuit ; mobiliser : Par téléphone ; … » (filled fields only)."""
    sheet = ServiceSheet()
    apply_sheet_values(sheet, values)
    parts = [
        ("pour qui", sheet.audience_details),
        ("conditions", sheet.access_conditions),
        ("coût", sheet.get_cost_display() + (f" ({sheet.cost_details})" if sheet.cost_details else "")),
        ("mobiliser", ", ".join(sheet.mobilisation_labels)),
        ("précisions", sheet.mobilisation_details),
        ("zone", sheet.area_label),
    ]
    return " ; ".join(f"{label} : {value}" for label, value in parts if value)

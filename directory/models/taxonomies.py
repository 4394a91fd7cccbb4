"""The lists editors extend: sectors (filières), support services, audiences, labels and networks.

Small models with a slug and a French label. Where data·inclusion has a matching value, the row
carries it, so the open-data export needs no hard-coded mapping.
"""

from django.db import models
from django.utils.text import slugify


class Term(models.Model):
    """A taxonomy entry: a French label and its slug (used in URLs, filters and exports)."""

    label = models.CharField("libellé", max_length=120, unique=True)
    slug = models.SlugField(
        "identifiant", max_length=120, unique=True, help_text="Utilisé dans les adresses et les exports."
    )

    class Meta:
        abstract = True
        ordering = ["label"]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.label)[:120]
        super().save(*args, **kwargs)


class Sector(Term):
    class Meta(Term.Meta):
        verbose_name = "filière"
        verbose_name_plural = "filières"


class SupportService(Term):
    """A kind of support offered to project holders; exported as a data·inclusion Service."""

    description = models.TextField(
        "description", blank=True, help_text="Reprise dans l'export data·inclusion des services."
    )
    di_thematiques = models.JSONField(
        "thématiques data·inclusion", default=list, blank=True, help_text="Codes du référentiel data·inclusion v1."
    )
    di_types = models.JSONField("types de service data·inclusion", default=list, blank=True)
    di_frais = models.JSONField("frais data·inclusion", default=list, blank=True)
    city_lever = models.BooleanField(
        "levier de la Ville",
        default=False,
        help_text="Le programme ESS confie ce besoin à la Ville (locaux et foncier, commande publique, ingénierie "
        "de projet) : le guide oriente vers le service ESS de la Ville, en plus des structures qui le proposent.",
    )

    class Meta(Term.Meta):
        verbose_name = "service d'accompagnement"
        verbose_name_plural = "services d'accompagnement"


class Audience(Term):
    di_public = models.CharField("public data·inclusion", max_length=80, blank=True)

    class Meta(Term.Meta):
        verbose_name = "public"
        verbose_name_plural = "publics"


class Label(Term):
    """A label, an approval or a network (ESUS, SIAE, France Active...)."""

    di_reseau_porteur = models.CharField("réseau porteur data·inclusion", max_length=80, blank=True)

    class Meta(Term.Meta):
        verbose_name = "label ou réseau"
        verbose_name_plural = "labels et réseaux"

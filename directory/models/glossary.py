"""What editors keep about words: acronyms and spellings (with their expansion, for the glossary and
`<abbr>`), and the rules that give filières from what a source knows about an organisation."""

import re
import time

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.admin.panels import FieldPanel

from .search_text import fold
from .taxonomies import Label, Sector


class Acronym(models.Model):
    """A word written one way: an acronym kept in capitals (« ADPEI », « SCOP ») or a spelling the
    name normaliser cannot guess (« Économie », « McDonald »). With an expansion, it is explained in
    pages (`<abbr title>`) and listed in the public glossary."""

    term = models.CharField(
        "sigle ou graphie",
        max_length=40,
        unique=True,
        help_text=(
            "Écrit comme il doit apparaître («\u00a0URSCOP\u00a0», «\u00a0Économie\u00a0»). Les noms importés en capitales "
            "gardent cette graphie\u00a0; majuscules et accents n'ont pas d'importance pour la reconnaître."
        ),
    )
    expansion = models.CharField(
        "signification",
        max_length=200,
        blank=True,
        help_text="Forme développée, sans majuscule initiale («\u00a0atelier et chantier d'insertion\u00a0»)\u00a0: "
        "affichée au survol du sigle et dans le glossaire. Vide\u00a0: une simple graphie, hors glossaire.",
    )
    definition = models.TextField("définition pour le glossaire", blank=True)

    panels = [FieldPanel("term"), FieldPanel("expansion"), FieldPanel("definition")]

    class Meta:
        verbose_name = "sigle ou graphie"
        verbose_name_plural = "sigles et graphies"
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} ({self.expansion})" if self.expansion else self.term

    @property
    def anchor(self):
        """The glossary entry's fragment identifier."""
        return "sigle-" + re.sub(r"[^a-z0-9]+", "-", fold(self.term)).strip("-")

    def clean(self):
        super().clean()
        self.term = " ".join((self.term or "").split())
        if self.term and not re.fullmatch(r"[^\W\d_][\w'’.-]*", self.term):
            raise ValidationError({"term": "Un seul mot (lettres, chiffres, trait d'union, apostrophe)."})


class RuleCriterion(models.TextChoices):
    LABEL = "label", "Label ou réseau (type de SIAE…)"
    NAF = "naf", "Code NAF / APE"
    THEMATIQUE = "thematique", "Thématique data·inclusion"


def compact_naf(code):
    """« 88.99B », « 8899 b » → « 8899B »: NAF codes compared without dots or spaces."""
    return re.sub(r"[\s.]", "", code or "").upper()


class ClassificationRule(models.Model):
    """« What the source says → this filière », applied on import and by `manage.py classify_directory`."""

    criterion = models.CharField("critère", max_length=20, choices=RuleCriterion.choices)
    value = models.CharField(
        "valeur",
        max_length=120,
        help_text=(
            "Label\u00a0: son identifiant (siae-aci). Code NAF\u00a0: une division (88), un groupe (88.9) ou une "
            "sous-classe (88.99B)\u00a0: tout code qui commence ainsi correspond. Thématique\u00a0: un code du "
            "référentiel data·inclusion (mobilite) ou une sous-thématique (mobilite--preparer-un-permis)."
        ),
    )
    sector = models.ForeignKey(
        Sector, verbose_name="filière donnée", on_delete=models.CASCADE, related_name="classification_rules"
    )
    note = models.CharField("note pour les éditeurs", max_length=255, blank=True)

    panels = [FieldPanel("criterion"), FieldPanel("value"), FieldPanel("sector"), FieldPanel("note")]

    class Meta:
        verbose_name = "règle de classement"
        verbose_name_plural = "règles de classement (filières)"
        ordering = ["criterion", "value"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "value", "sector"], name="directory_rule_unique"),
        ]

    def __str__(self):
        return f"{self.get_criterion_display()} «\u00a0{self.value}\u00a0» → {self.sector}"

    def clean(self):
        super().clean()
        self.value = (self.value or "").strip()
        if self.criterion == RuleCriterion.NAF:
            self.value = compact_naf(self.value)
            if not re.fullmatch(r"\d{2}(\d{1,2}[A-Z]?)?", self.value):
                raise ValidationError(
                    {"value": "Un code NAF\u00a0: 2 à 4 chiffres, suivis éventuellement d'une lettre."}
                )
        elif self.criterion == RuleCriterion.LABEL:
            if not Label.objects.filter(slug=self.value).exists():
                raise ValidationError({"value": "Aucun label ou réseau n'a cet identifiant."})
        elif self.criterion == RuleCriterion.THEMATIQUE:
            self.value = self.value.lower()


ACRONYMS_CACHE_KEY = "directory:acronyms:v1"
# Cards call this once each: a process keeps the list a minute before asking the shared cache again.
_LOCAL = {"until": 0.0, "entries": None}
LOCAL_SECONDS = 60


def explained_acronyms():
    """[(term, expansion, anchor)] of the acronyms with an expansion (cached; cleared on every change)."""
    now = time.monotonic()
    if _LOCAL["entries"] is not None and now < _LOCAL["until"]:
        return _LOCAL["entries"]
    entries = cache.get(ACRONYMS_CACHE_KEY)
    if entries is None:
        entries = [
            (acronym.term, acronym.expansion, acronym.anchor) for acronym in Acronym.objects.exclude(expansion="")
        ]
        cache.set(ACRONYMS_CACHE_KEY, entries, 3600)
    _LOCAL.update(until=now + LOCAL_SECONDS, entries=entries)
    return entries


@receiver([post_save, post_delete], sender=Acronym)
def forget_acronyms(**kwargs):
    _LOCAL.update(until=0.0, entries=None)
    cache.delete(ACRONYMS_CACHE_KEY)

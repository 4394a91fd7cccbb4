"""The words people type: groups of equivalent terms editors maintain (« recyclerie, ressourcerie,
réemploi »). The finder and the site search look for any term of a group when one is typed
(directory/synonyms.py)."""

import re

from django.db import models
from wagtail.admin.panels import FieldPanel

SEPARATORS = re.compile(r"[,;\n]+")


class SynonymGroup(models.Model):
    terms = models.TextField(
        "termes équivalents",
        help_text=(
            "Des mots ou expressions qui veulent dire la même chose pour une recherche, séparés par des "
            "virgules ou un par ligne. Exemple\u00a0: recyclerie, ressourcerie, réemploi. Accents, majuscules "
            "et pluriels n'ont pas d'importance."
        ),
    )
    note = models.CharField("note pour les éditeurs", max_length=255, blank=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        verbose_name = "groupe de synonymes"
        verbose_name_plural = "synonymes de recherche"
        ordering = ["pk"]

    def __str__(self):
        return ", ".join(self.term_list())

    def term_list(self):
        return [" ".join(term.split()) for term in SEPARATORS.split(self.terms or "") if term.strip()]

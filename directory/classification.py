"""Filières from what a source knows (labels such as the SIAE kinds, NAF/APE code, data·inclusion
thématiques), by the rules editors keep in Annuaire > Règles de classement; and the step the importer
runs on each row (display name, filières). `manage.py classify_directory` runs them on existing rows.

Rules only add filières: one that an editor set by hand is never taken away by them.
"""

from collections import defaultdict

from directory.models import ClassificationRule, Label, RuleCriterion, compact_naf
from directory.names import normalise_name, spellings

# The history's entry for a change made by `manage.py classify_directory`.
CLASSIFY_LOG_ACTION = "directory.classify"


def thematique_codes(text):
    return [code.strip().lower() for code in (text or "").replace(",", "|").split("|") if code.strip()]


class Classifier:
    """The rules, loaded once (three small queries), answering « which filières for this row? »."""

    def __init__(self):
        self.by_label = defaultdict(set)
        self.naf, self.thematiques = [], []
        rules = list(ClassificationRule.objects.values_list("criterion", "value", "sector_id"))
        label_slugs = {value for criterion, value, _ in rules if criterion == RuleCriterion.LABEL}
        label_pks = dict(Label.objects.filter(slug__in=label_slugs).values_list("slug", "pk"))
        for criterion, value, sector in rules:
            if criterion == RuleCriterion.LABEL and value in label_pks:
                self.by_label[label_pks[value]].add(sector)
            elif criterion == RuleCriterion.NAF:
                self.naf.append((compact_naf(value), sector))
            elif criterion == RuleCriterion.THEMATIQUE:
                self.thematiques.append((value.strip().lower(), sector))

    def sectors_for(self, label_pks, naf_code, thematiques):
        """The filières (pks) the rules give to a row with these labels, NAF code and thématiques."""
        sectors = set()
        for label in label_pks:
            sectors |= self.by_label.get(label, set())
        naf = compact_naf(naf_code)
        if naf:
            sectors |= {sector for prefix, sector in self.naf if naf.startswith(prefix)}
        for code in thematique_codes(thematiques):
            sectors |= {sector for value, sector in self.thematiques if code == value or code.startswith(value + "--")}
        return sectors


class ImportStep:
    """What the importer does to each row after reading it: the display name, then the filières."""

    def __init__(self):
        self.known = spellings()
        self.classifier = Classifier()

    def apply(self, organisation, m2m, current_m2m):
        """`m2m`: the relations the row changes ({name: pks}); returned with the filières the rules add."""
        normalise_name(organisation, self.known)
        labels = m2m.get("labels", current_m2m.get("labels", set()))
        sectors = m2m.get("sectors", current_m2m.get("sectors", set()))
        given = self.classifier.sectors_for(labels, organisation.naf_code, organisation.source_thematiques)
        if given - set(sectors):
            m2m["sectors"] = set(sectors) | given
        return m2m


def import_step(upserter):
    """The step of this import (rules and spellings read once per import, not once per row)."""
    if not hasattr(upserter, "directory_import_step"):
        upserter.directory_import_step = ImportStep()
    return upserter.directory_import_step

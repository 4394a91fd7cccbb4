"""Run the filière rules and the name normaliser on the organisations already in the directory."""

from django.core.management.base import BaseCommand
from django.db import transaction

from directory.classification import CLASSIFY_LOG_ACTION, Classifier
from directory.exchange.importers import reindex
from directory.models import Organisation, Sector
from directory.names import display_name, spellings
from ess_site.typography import french


class Command(BaseCommand):
    help = (
        "Applique les règles de classement (filières) et la mise en forme des noms en capitales aux "
        "organisations existantes. Les filières choisies par la rédaction ne sont jamais retirées, sauf "
        "avec --remplacer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Affiche ce qui changerait, sans rien enregistrer.")
        parser.add_argument("--sans-noms", action="store_true", help="Ne met pas les noms en forme.")
        parser.add_argument(
            "--remplacer",
            action="store_true",
            help="Quand les règles donnent des filières, elles remplacent celles de la fiche (retraits compris).",
        )

    def handle(self, *args, dry_run=False, sans_noms=False, remplacer=False, **options):
        classifier, known = Classifier(), spellings()
        labels = dict(Sector.objects.values_list("pk", "label"))
        examined = classified = renamed = removed = drafts = 0
        changed_pks = []
        rows = Organisation.objects.filter(synthetic=False).prefetch_related("labels", "sectors").order_by("pk")
        for organisation in rows.iterator(chunk_size=500):
            examined += 1
            plan = Plan(classifier, known, organisation, replace=remplacer, names=not sans_noms)
            if not plan.changes:
                continue
            classified += bool(plan.added or plan.removed)
            removed += bool(plan.removed)
            renamed += bool(plan.name)
            if dry_run or options["verbosity"] >= 2:
                self.stdout.write(french(f"« {organisation.name} » : {plan.describe(labels)}"))
            if not dry_run:
                drafts += apply_plan(plan, classifier, known)
                changed_pks.append(organisation.pk)
        if changed_pks:
            reindex(changed_pks)
        prefix = "Simulation, rien n'est enregistré. " if dry_run else ""
        self.stdout.write(
            french(
                f"{prefix}Organisations examinées : {examined} ; filières ajoutées ou changées : {classified} "
                f"(dont {removed} avec des retraits) ; noms mis en forme : {renamed} ; "
                f"brouillons mis à jour pour la modération : {drafts}."
            )
        )


class Plan:
    """What the rules change on one organisation (as stored in its row)."""

    def __init__(self, classifier, known, organisation, replace=False, names=True):
        self.organisation, self.replace, self.names = organisation, replace, names
        self.current = {sector.pk for sector in organisation.sectors.all()}
        self.target = target_sectors(classifier, organisation, self.current, replace)
        self.added, self.removed = self.target - self.current, self.current - self.target
        readable = display_name(organisation.name, known) if names else organisation.name
        self.name = readable if readable != organisation.name else None
        self.changes = bool(self.added or self.removed or self.name)

    def describe(self, labels):
        parts = [f"+ {labels[pk]}" for pk in sorted(self.added)] + [f"− {labels[pk]}" for pk in sorted(self.removed)]
        if self.name:
            parts.append(f"nom → « {self.name} »")
        return ", ".join(parts)


def target_sectors(classifier, organisation, current, replace):
    given = classifier.sectors_for(
        {label.pk for label in organisation.labels.all()}, organisation.naf_code, organisation.source_thematiques
    )
    return set(given) if replace and given else current | given


def _change(organisation, sectors, name):
    organisation.sectors = list(Sector.objects.filter(pk__in=sectors))
    if name:
        organisation.raw_name, organisation.name = organisation.name, name


def apply_plan(plan, classifier, known):
    """Write the change the way editors' changes go: a published organisation without a pending draft
    gets a new revision, published at once (history shows it); one with a draft waiting for
    "Modération" (or never published) has its row updated and the draft carries the change too, so that
    publishing the draft keeps it. Returns 1 when a draft was updated."""
    organisation = plan.organisation
    with transaction.atomic():
        _change(organisation, plan.target, plan.name)
        if organisation.live and not organisation.has_unpublished_changes:
            organisation.save()
            revision = organisation.save_revision(log_action=CLASSIFY_LOG_ACTION, clean=False)
            revision.publish(log_action=False)
            return 0
        organisation.save()
        draft = organisation.get_latest_revision_as_object() if organisation.latest_revision_id else None
        if draft is None:
            return 0
        draft_plan = Plan(classifier, known, draft, replace=plan.replace, names=plan.names)
        if draft_plan.changes:
            _change(draft, draft_plan.target, draft_plan.name)
            draft.save_revision(log_action=CLASSIFY_LOG_ACTION, clean=False)
        return 1

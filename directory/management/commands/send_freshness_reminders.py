from django.core.management.base import BaseCommand

from directory.finder import freshness
from ess_site.scheduled import enqueue, now_argument


class Command(BaseCommand):
    help = (
        "Envoie les rappels «\u00a0Votre fiche est-elle à jour\u00a0?\u00a0» aux fiches non vérifiées depuis "
        "DIRECTORY_FRESHNESS_MONTHS mois, le second rappel, et signale «\u00a0à vérifier\u00a0» les fiches restées sans réponse. "
        "À lancer chaque jour\u00a0; le travail est une tâche (le worker l'exécute en production)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui serait envoyé, sans rien envoyer ni mettre en file."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            steps = freshness.report(freshness.plan())
        else:
            steps = enqueue(self, freshness.send_reminders, now_argument())
            if steps is None:
                return
        prefix = "[simulation] " if dry_run else ""
        for description, _action in steps:
            self.stdout.write(prefix + description)
        counts = {
            action: sum(1 for _description, done in steps if done == action)
            for action in ("rappel", "relance", "a-verifier")
        }
        verb = "seraient envoyés" if dry_run else "envoyés"
        self.stdout.write(
            f"{prefix}Premiers rappels {verb}\u00a0: {counts['rappel']}\u00a0; seconds rappels\u00a0: {counts['relance']}\u00a0; "
            f"fiches signalées «\u00a0à vérifier\u00a0»\u00a0: {counts['a-verifier']}."
        )

from django.core.management.base import BaseCommand

from alerts.purge import purge, purge_task
from ess_site.scheduled import enqueue, now_argument


class Command(BaseCommand):
    help = (
        "Efface les données personnelles au-delà des durées annoncées sur la page «\u00a0Données personnelles\u00a0»\u00a0: "
        "abonnements non confirmés, abonnements inactifs, courriels des propositions restées sans réponse. "
        "Le travail est une tâche (le worker l'exécute en production)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui serait effacé, sans rien effacer ni mettre en file."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = purge(dry_run=True) if dry_run else enqueue(self, purge_task, now_argument())
        if counts is None:
            return
        prefix = "[simulation] " if dry_run else ""
        for label, count in counts.items():
            self.stdout.write(f"{prefix}{label} {'à effacer' if dry_run else 'effacés'}\u00a0: {count}")

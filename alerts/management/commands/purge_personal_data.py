from django.core.management.base import BaseCommand

from alerts.purge import purge


class Command(BaseCommand):
    help = (
        "Efface les données personnelles au-delà des durées annoncées sur la page « Données personnelles » : "
        "abonnements non confirmés, abonnements inactifs, courriels des propositions restées sans réponse."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Affiche ce qui serait effacé, sans rien effacer.")

    def handle(self, *args, dry_run=False, **options):
        prefix = "[simulation] " if dry_run else ""
        for label, count in purge(dry_run=dry_run).items():
            self.stdout.write(f"{prefix}{label} {'à effacer' if dry_run else 'effacés'} : {count}")

from django.core.management.base import BaseCommand

from alerts.digest import report, send_digests, send_digests_task
from ess_site.scheduled import enqueue, now_argument


class Command(BaseCommand):
    help = (
        "Envoie la lettre hebdomadaire des alertes (seulement aux abonnés pour qui il y a du nouveau). "
        "Le travail est une tâche (le worker l'exécute en production)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui serait envoyé, sans rien envoyer ni mettre en file."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            sent = report(send_digests(dry_run=True))
        else:
            sent = enqueue(self, send_digests_task, now_argument())
            if sent is None:
                return
        prefix = "[simulation] " if dry_run else ""
        for email, events, structures in sent:
            self.stdout.write(f"{prefix}{email}\u00a0: {events} rendez-vous, {structures} structure(s)")
        self.stdout.write(f"{prefix}Lettres {'qui seraient envoyées' if dry_run else 'envoyées'}\u00a0: {len(sent)}.")

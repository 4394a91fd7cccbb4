from django.core.management.base import BaseCommand

from alerts.digest import send_digests


class Command(BaseCommand):
    help = "Envoie la lettre hebdomadaire des alertes (seulement aux abonnés pour qui il y a du nouveau)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Affiche ce qui serait envoyé, sans rien envoyer.")

    def handle(self, *args, dry_run=False, **options):
        sent = send_digests(dry_run=dry_run)
        prefix = "[simulation] " if dry_run else ""
        for subscription, events, structures in sent:
            self.stdout.write(
                f"{prefix}{subscription.email} : {len(events)} rendez-vous, {len(structures)} structure(s)"
            )
        self.stdout.write(f"{prefix}Lettres {'qui seraient envoyées' if dry_run else 'envoyées'} : {len(sent)}.")

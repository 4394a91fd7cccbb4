from django.core.management.base import BaseCommand

from search import querylog


class Command(BaseCommand):
    help = "Écrit en base les recherches des visiteurs comptées dans le cache (à lancer toutes les 5 minutes)."

    def handle(self, *args, **options):
        written = querylog.flush()
        self.stdout.write(f"Recherches enregistrées\u00a0: {written}.")

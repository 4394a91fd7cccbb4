from django.core.management.base import BaseCommand

from directory.geo.location import geocode_and_save
from directory.models import Organisation


class Command(BaseCommand):
    help = "Retente le géocodage des organisations marquées «\u00a0à géocoder\u00a0» (service d'adresses national)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=0, help="Nombre maximal d'organisations à traiter.")

    def handle(self, *args, limit=0, **options):
        pending = Organisation.objects.filter(needs_geocoding=True, synthetic=False).order_by("pk")
        if limit:
            pending = pending[:limit]
        located = still_pending = 0
        for organisation in pending.iterator():
            if geocode_and_save(organisation, force=True):
                located += 1
            else:
                still_pending += 1
        self.stdout.write(f"Géocodées\u00a0: {located}\u00a0; toujours à géocoder\u00a0: {still_pending}.")

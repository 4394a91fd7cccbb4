from django.core.management.base import BaseCommand

from directory.geo.location import apply_geocoding
from directory.models import Organisation
from geography import find_arrondissement


class Command(BaseCommand):
    help = "Retente le géocodage des organisations marquées « à géocoder » (service d'adresses national)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=0, help="Nombre maximal d'organisations à traiter.")

    def handle(self, *args, limit=0, **options):
        pending = Organisation.objects.filter(needs_geocoding=True, synthetic=False).order_by("pk")
        if limit:
            pending = pending[:limit]
        located = still_pending = 0
        for organisation in pending.iterator():
            if apply_geocoding(organisation, force=True):
                located += 1
            else:
                still_pending += 1
            organisation.arrondissement = find_arrondissement(
                organisation.latitude, organisation.longitude, organisation.postcode
            )
            organisation.save(
                update_fields=[
                    "latitude",
                    "longitude",
                    "location_source",
                    "geocoding_score",
                    "needs_geocoding",
                    "postcode",
                    "arrondissement",
                    "updated_at",
                ]
            )
        self.stdout.write(f"Géocodées : {located} ; toujours à géocoder : {still_pending}.")

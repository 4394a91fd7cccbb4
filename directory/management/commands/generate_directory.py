import random

from django.core.management.base import BaseCommand, CommandError

import geography
from directory.exchange.importers import reindex
from directory.models import (
    Kind,
    LegalForm,
    LocationSource,
    Organisation,
    ProjectStage,
    Sector,
    ServiceSheet,
    SupportService,
    sync_sheets_with_services,
)

SOURCE = "synthetique"


def random_point_in(area, rng):
    min_lon, min_lat, max_lon, max_lat = area.bbox
    for _ in range(200):
        lat, lon = rng.uniform(min_lat, max_lat), rng.uniform(min_lon, max_lon)
        if geography.arrondissement_at(lat, lon) == area.number:
            return round(lat, 6), round(lon, 6)
    return area.reference_point


class Command(BaseCommand):
    help = (
        "Crée des organisations fictives réparties sur les 16 arrondissements, pour les mesures de performance. "
        "Elles sont marquées «\u00a0fictives\u00a0»\u00a0: jamais exportées ni listées dans l'administration."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="Nombre d'organisations à créer.")
        parser.add_argument("--seed", type=int, default=13, help="Graine du générateur (résultats reproductibles).")
        parser.add_argument("--delete", action="store_true", help="Supprime d'abord les organisations fictives.")

    def handle(self, *args, count, seed, delete, **options):
        if count < 0:
            raise CommandError("--count doit être positif.")
        if delete:
            deleted, _ = Organisation.objects.filter(synthetic=True).delete()
            self.stdout.write(f"{deleted} ligne(s) fictive(s) supprimée(s).")
        rng = random.Random(seed)
        start = Organisation.objects.filter(synthetic=True).count()
        areas = geography.arrondissements()
        sectors = list(Sector.objects.values_list("pk", flat=True))
        services = list(SupportService.objects.values_list("pk", flat=True))
        stages = [value for value, _ in ProjectStage.choices]
        batch = []
        created = 0
        for n in range(start + 1, start + count + 1):
            area = areas[n % len(areas)]
            lat, lon = random_point_in(area, rng)
            kind = rng.choice([Kind.ESS_ACTOR, Kind.ESS_ACTOR, Kind.SUPPORT, Kind.THIRD_PLACE])
            organisation = Organisation(
                name=f"Organisation fictive n° {n}",
                slug=f"organisation-fictive-{n}",
                kind=kind,
                legal_form=rng.choice(LegalForm.values),
                short_description="Donnée fictive générée pour les mesures de performance.",
                postcode=area.postcode,
                city="Marseille",
                arrondissement=area.number,
                latitude=lat,
                longitude=lon,
                location_source=LocationSource.MANUAL,
                opening_hours=rng.choice(["", "Mo-Fr 09:00-17:00", "Tu-Sa 10:00-12:30,14:00-18:00; PH off"]),
                project_stages=rng.sample(stages, 2) if kind == Kind.SUPPORT else [],
                source=SOURCE,
                source_id=f"fictive-{n}",
                synthetic=True,
            )
            batch.append(
                (
                    organisation,
                    rng.sample(sectors, min(2, len(sectors))),
                    rng.sample(services, min(2, len(services))) if kind == Kind.SUPPORT else [],
                )
            )
            if len(batch) >= 1000:
                created += self.flush(batch)
                batch = []
        created += self.flush(batch)
        self.stdout.write(f"{created} organisation(s) fictive(s) créée(s).")

    def flush(self, batch):
        if not batch:
            return 0
        objects = Organisation.objects.bulk_create([o for o, _, _ in batch])
        Organisation.sectors.through.objects.bulk_create(
            [Organisation.sectors.through(organisation_id=o.pk, sector_id=s) for o, ss, _ in batch for s in ss]
        )
        Organisation.support_services.through.objects.bulk_create(
            [
                Organisation.support_services.through(organisation_id=o.pk, supportservice_id=s)
                for o, _, ss in batch
                for s in ss
            ]
        )
        sync_sheets_with_services(Organisation, ServiceSheet, [o.pk for o in objects])
        reindex([o.pk for o in objects])
        return len(objects)

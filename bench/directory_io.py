"""Directory I/O benchmark: importing 10 000 CSV rows, exporting 10 000 organisations, the admin list.

Run from the project root: `.venv/bin/python bench/directory_io.py [--rows 10000]`
(DATABASE_URL selects PostgreSQL). Prints figures; asserts nothing.
"""

import argparse
import csv
import io
import random
import time
import tracemalloc

from harness import setup_django, throwaway_database

setup_django()


def make_csv(rows, seed=7):
    """A realistic import file: addresses, postcodes over the 16 arrondissements, some points, taxonomies."""
    import geography as geo

    rng = random.Random(seed)
    areas = geo.arrondissements()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        [
            "nom",
            "type",
            "forme_juridique",
            "adresse",
            "code_postal",
            "commune",
            "latitude",
            "longitude",
            "filieres",
            "services",
            "horaires",
            "telephone",
            "source",
            "id_source",
        ]
    )
    for n in range(rows):
        area = areas[n % 16]
        lat, lon = area.reference_point
        located = n % 2 == 0
        writer.writerow(
            [
                f"Association bench {n}",
                rng.choice(["acteur-ess", "structure-accompagnement", "tiers-lieu"]),
                rng.choice(["association", "scop", "scic"]),
                f"{n % 200 + 1} rue du Banc d'essai",
                area.postcode,
                "Marseille",
                f"{lat + rng.uniform(-0.002, 0.002):.6f}" if located else "",
                f"{lon + rng.uniform(-0.002, 0.002):.6f}" if located else "",
                rng.choice(["alimentation", "insertion|habitat", "numerique"]),
                rng.choice(["", "formation", "financement|mise-en-reseau"]),
                rng.choice(["", "Mo-Fr 09:00-17:00"]),
                f"04 91 {n % 100:02d} {n // 100 % 100:02d} 00",
                "bench",
                str(n),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def timed_import(content, dry_run=False):
    from directory.exchange.importers import import_file

    tracemalloc.start()
    start = time.perf_counter()
    report = import_file(content, dry_run=dry_run)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return report, seconds, peak


def timed_export(client, url):
    start = time.perf_counter()
    response = client.get(url)
    size = sum(len(chunk) for chunk in response.streaming_content)
    return time.perf_counter() - start, size, response.status_code


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()

    with throwaway_database() as connection:
        from django.contrib.auth.models import Group, User
        from django.db import reset_queries
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from directory.models import Organisation

        content = make_csv(args.rows)
        print(f"Directory I/O — {connection.vendor}, {args.rows} rows ({len(content) / 1e6:.1f} MB CSV)")

        report, seconds, peak = timed_import(content, dry_run=True)
        print(f"import (dry run)    {seconds:8.2f} s   peak {peak / 1e6:6.1f} MB   {report.summary()}")
        report, seconds, peak = timed_import(content)
        print(f"import (first)      {seconds:8.2f} s   peak {peak / 1e6:6.1f} MB   {report.summary()}")
        report, seconds, peak = timed_import(content)
        print(f"import (again)      {seconds:8.2f} s   peak {peak / 1e6:6.1f} MB   {report.summary()}")

        client = Client()
        for url in (
            "/annuaire/export.csv",
            "/annuaire/export.geojson",
            "/annuaire/export/data-inclusion/structures.json",
            "/annuaire/export/data-inclusion/services.json",
            "/annuaire/export.csv?arrondissement=1&type=acteur-ess",
        ):
            seconds, size, status = timed_export(client, url)
            print(f"export {url[:48]:48} {status} {seconds:7.2f} s  {size / 1e6:7.2f} MB")

        editor = User.objects.create_user("bench-redaction", "b@example.org", "x")
        editor.groups.add(Group.objects.get(name="Rédaction"))
        client.force_login(editor)
        for url in (
            "/admin/directory/organisation/",
            "/admin/directory/organisation/?kind=tiers-lieu&arrondissement=5",
            "/admin/directory/organisation/?q=bench+42",
        ):
            client.get(url)
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                seconds = time.perf_counter() - start
            print(f"admin {url[:60]:60} {response.status_code} {seconds * 1000:7.0f} ms  {len(queries)} queries")
        print(f"organisations in the database: {Organisation.objects.count()}")


if __name__ == "__main__":
    main()

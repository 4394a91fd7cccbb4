"""Directory I/O benchmark: importing 10 000 CSV rows, exporting 10 000 organisations, the admin list.

Run from the project root: `.venv/bin/python bench/directory_io.py [--rows 10000]`
(DATABASE_URL selects PostgreSQL). Prints figures; asserts nothing.
"""

import argparse
import cProfile
import csv
import io
import os
import pstats
import random
import time
import tracemalloc
from pathlib import Path

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


def database_cpu_seconds():
    """CPU seconds used so far by this connection's PostgreSQL backend (a local server), else None."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_import(content, dry_run=False, profile=False, memory=False):
    """The import's report, its wall seconds, peak memory and CPU seconds (this process, and the
    database's backend): on a shared machine the CPU figures do not depend on the load.
    `profile` prints where the time goes (cProfile; the seconds then include its overhead);
    `memory` measures the peak (tracemalloc, which makes the import several times slower)."""
    from directory.exchange.importers import import_file

    profiler = cProfile.Profile() if profile else None
    database_before = database_cpu_seconds()
    if memory:
        tracemalloc.start()
    start, cpu_start = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    report = import_file(content, dry_run=dry_run)
    if profiler:
        profiler.disable()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    peak = 0
    if memory:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    database_after = database_cpu_seconds()
    cpu_text = f"cpu {cpu:6.2f} s"
    if database_before is not None and database_after is not None:
        cpu_text += f" + db {database_after - database_before:5.2f} s"
    return report, seconds, peak, cpu_text


def timed_export(client, url):
    start = time.perf_counter()
    response = client.get(url)
    size = sum(len(chunk) for chunk in response.streaming_content)
    return time.perf_counter() - start, size, response.status_code


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true", help="profile the first import (cProfile)")
    parser.add_argument("--memory", action="store_true", help="peak memory (tracemalloc: slows the imports)")
    parser.add_argument("--imports-only", action="store_true", help="skip the exports and the admin list")
    args = parser.parse_args()

    with throwaway_database() as connection:
        from django.contrib.auth.models import Group, User
        from django.db import reset_queries
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from directory.models import Organisation

        content = make_csv(args.rows)
        print(f"Directory I/O — {connection.vendor}, {args.rows} rows ({len(content) / 1e6:.1f} MB CSV)")

        print(f"load average: {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} CPU")
        for label, options in (
            ("import (dry run)", {"dry_run": True}),
            ("import (first)", {"profile": args.profile}),
            ("import (again)", {}),
        ):
            report, seconds, peak, cpu_text = timed_import(content, memory=args.memory, **options)
            memory_text = f"   peak {peak / 1e6:6.1f} MB" if args.memory else ""
            print(f"{label:19} {seconds:8.2f} s   {cpu_text}{memory_text}   {report.summary()}")
        from wagtail.search.backends import get_search_backend

        found = get_search_backend().search("bench", Organisation)  # the index answers for what was imported
        print(f"searchable: {len(found[:20])} of the first 20 answers to « bench »")
        if args.imports_only:
            return

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

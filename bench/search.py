"""Server time of the site search and its suggestions, with 10 000 organisations and 500 pages.

    DATABASE_URL=postgres://... .venv/bin/python bench/search.py [--count 10000] [--pages 500] [--repeat 30]

    OPENSEARCH_URL=http://127.0.0.1:9250 ELASTICSEARCH_URL=http://127.0.0.1:9251 DATABASE_URL=... python bench/search.py

Measures /recherche/?q= and /recherche/suggestions/?q= for five typical queries on the database
backend, then on each engine whose URL is set (OPENSEARCH_URL, ELASTICSEARCH_URL; both may be set,
unlike for the site), each in its own `bench_` indexes, deleted afterwards, and prints them side by
side. Start the engines with tools/search-engine/run (SEARCH_ENGINE=opensearch|elasticsearch).
The generated organisations are flagged synthetic, which search never shows: in this throwaway
database they are turned into ordinary ones and reindexed.
"""

import argparse
import os
import random
import sys
import time
from urllib.parse import quote

from harness import (
    STEADY_STATE_SQL,
    each_engine,
    engines_from_env,
    measure_get,
    print_details,
    print_rows,
    setup_django,
    throwaway_database,
)

# This script's folder comes first on sys.path, and its sibling bench/events.py would shadow PyPI's
# `events`, which opensearch-py imports: search the folder last (harness is imported already).
BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [path for path in sys.path if os.path.abspath(path or ".") != BENCH_DIR] + [BENCH_DIR]

QUERIES = ["coopérative", "insertion", "réemploi", "accompagnement création", "alimentation durable"]
SUGGESTIONS = ["coop", "inser", "orga", "acc", "alim"]

WORDS = [
    "coopérative",
    "insertion",
    "réemploi",
    "accompagnement",
    "création",
    "alimentation",
    "durable",
    "quartier",
    "solidaire",
    "financement",
    "formation",
    "tiers-lieu",
    "mobilité",
    "habitat",
    "culture",
    "numérique",
    "santé",
    "association",
    "entreprise",
    "emploi",
    "jeunesse",
    "économie",
    "circulaire",
    "transition",
    "maritime",
]


def add_pages(count):
    from home.models import ContentPage, HomePage

    home = HomePage.objects.get()
    rng = random.Random(7)
    for number in range(count):
        words = rng.sample(WORDS, 6)
        home.add_child(
            instance=ContentPage(
                title=f"{words[0].capitalize()} et {words[1]} : fiche {number}",
                slug=f"bench-page-{number}",
                intro=f"Une page sur {words[2]}, {words[3]} et {words[4]} à Marseille ({words[5]}).",
            )
        )


def measure_backend(client, label, repeat):
    rows = []
    for query in QUERIES:
        row = measure_get(client, f"/recherche/?q={quote(query)}", repeat)
        row["url"] = f"{label} search: {query}"
        rows.append(row)
    for query in SUGGESTIONS:
        row = measure_get(client, f"/recherche/suggestions/?q={quote(query)}", repeat)
        row["url"] = f"{label} suggest: {query}"
        rows.append(row)
    return rows


def print_side_by_side(title, columns):
    """One line per URL, median / p95 (ms) for each backend."""
    labels = list(columns)
    print(f"\n{title}: median / p95 in ms")
    print(f"{'query':34}" + "".join(f"{label:>22}" for label in labels))
    for index, row in enumerate(columns[labels[0]]):
        query = row["url"].split(" ", 1)[1]
        cells = [columns[label][index] for label in labels]
        print(f"{query[:34]:34}" + "".join(f"{cell['median_ms']:>12.1f} / {cell['p95_ms']:<7.1f}" for cell in cells))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from search.backends import database_backend

    engines = engines_from_env(os.environ)
    settings.WAGTAILSEARCH_BACKENDS = {"default": database_backend()}

    with throwaway_database() as connection:
        devnull = open(os.devnull, "w")
        started = time.perf_counter()
        call_command("load_demo_content", stdout=devnull)
        call_command("generate_directory", count=args.count, stdout=devnull)
        add_pages(args.pages)
        from directory.models import Organisation

        Organisation.objects.filter(synthetic=True).update(synthetic=False)
        call_command("update_index", stdout=devnull)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(STEADY_STATE_SQL)  # as autovacuum would after a bulk load (harness.py)
        print(
            f"{Organisation.objects.public().count()} public organisations, {args.pages} extra pages, "
            f"set up in {time.perf_counter() - started:.0f} s"
        )
        client = Client()
        columns = {"database": measure_backend(client, "database", args.repeat)}

        for label, _backend in each_engine(engines):
            columns[label] = measure_backend(client, label, args.repeat)

        print_side_by_side(f"Site search, {args.repeat} requests each", columns)
        rows = [row for backend_rows in columns.values() for row in backend_rows]
        print_rows(f"Site search, {args.repeat} requests each", rows)
        print_details(rows)


if __name__ == "__main__":
    main()

"""Server time of the site search and its suggestions, with 10 000 organisations and 500 pages.

    DATABASE_URL=postgres://... .venv/bin/python bench/search.py [--count 10000] [--pages 500] [--repeat 30]

Measures /recherche/?q= and /recherche/suggestions/?q= for five typical queries on the database
backend, then, when OPENSEARCH_URL (or ELASTICSEARCH_URL) is set, on the engine too (its own
`bench_` indexes, deleted afterwards). The generated organisations are flagged synthetic, which
search never shows: in this throwaway database they are turned into ordinary ones and reindexed.
"""

import argparse
import os
import random
import time
from urllib.parse import quote

from harness import measure_get, print_details, print_rows, setup_django, throwaway_database

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

    from search.backends import database_backend, search_backends_from_env

    engine_backends = search_backends_from_env(os.environ)
    database_only = {"default": database_backend()}
    settings.WAGTAILSEARCH_BACKENDS = database_only

    with throwaway_database():
        devnull = open(os.devnull, "w")
        started = time.perf_counter()
        call_command("load_demo_content", stdout=devnull)
        call_command("generate_directory", count=args.count, stdout=devnull)
        add_pages(args.pages)
        from directory.models import Organisation

        Organisation.objects.filter(synthetic=True).update(synthetic=False)
        call_command("update_index", stdout=devnull)
        print(
            f"{Organisation.objects.public().count()} public organisations, {args.pages} extra pages, "
            f"set up in {time.perf_counter() - started:.0f} s"
        )
        client = Client()
        rows = measure_backend(client, "database", args.repeat)

        if "URLS" in engine_backends["default"]:
            engine = dict(engine_backends["default"], INDEX_PREFIX="bench_", ATOMIC_REBUILD=False)
            settings.WAGTAILSEARCH_BACKENDS = {"default": engine, "database": database_backend()}
            started = time.perf_counter()
            call_command("update_index", backend_name="default", stdout=devnull)
            print(f"engine index built in {time.perf_counter() - started:.0f} s ({engine['BACKEND']})")
            try:
                rows += measure_backend(client, "engine", args.repeat)
            finally:
                from wagtail.search.backends import get_search_backend

                from search.testing import run_index_names

                backend = get_search_backend()
                for name in run_index_names(backend):
                    backend.es.indices.delete(index=name)

        print_rows(f"Site search, {args.repeat} requests each", rows)
        print_details(rows)


if __name__ == "__main__":
    main()

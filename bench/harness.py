"""Shared bench harness: a throwaway database, in-process requests, and figures printed plainly.

Run from the project root: `.venv/bin/python bench/<script>.py` (DATABASE_URL selects PostgreSQL).
"""

import logging
import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/http.py is named like the standard library's `http`: this folder goes after the standard
# library on the path, so `import http` (urllib, Django) finds the standard module; the scripts
# here are still found, last.
_BENCH = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _BENCH] + [str(_BENCH)]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ess_site.settings.test")


def setup_django():
    import django

    django.setup()


@contextmanager
def throwaway_database():
    """A fresh, migrated database (Django's test database) destroyed afterwards."""
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


# What autovacuum does after a bulk load (PostgreSQL 13+ vacuums after inserts too): statistics for
# the planner, and the visibility map and hint bits that a freshly written table lacks. Without it
# the first figures measure the load, not the site.
STEADY_STATE_SQL = "VACUUM ANALYZE"


@contextmanager
def synthetic_directory(count):
    """A throwaway database with the demo site and `count` generated organisations, flipped to real
    ones (synthetic rows are never served), vacuumed and analysed as autovacuum would after a bulk load."""
    from django.core.management import call_command

    with throwaway_database() as connection:
        call_command("load_demo_content", stdout=open(os.devnull, "w"))
        call_command("generate_directory", count=count, stdout=open(os.devnull, "w"))
        from directory.models import Organisation

        Organisation.objects.filter(synthetic=True).update(synthetic=False)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(STEADY_STATE_SQL)
        print(f"{Organisation.objects.public().count()} published organisations")
        yield connection


def measure_urls(urls, repeat):
    """{label: URL or (URL, headers)} measured with measure_get, one row each."""
    from django.test import Client

    client = Client()
    rows = []
    for label, target in urls.items():
        url, headers = target if isinstance(target, tuple) else (target, None)
        row = measure_get(client, url, repeat, headers=headers)
        row["url"] = f"{label}: {url}"
        rows.append(row)
    return rows


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure_get(client, url, repeat=100, warmup=3, headers=None):
    """Median and p95 server time (ms), SQL queries and bytes of one GET, in-process (bytes as sent:
    compressed when `headers` accept it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        client.get(url, headers=headers)
    timings, cpu_timings = [], []
    for _ in range(repeat):
        start, cpu_start = time.perf_counter(), time.process_time()
        response = client.get(url, headers=headers)
        timings.append((time.perf_counter() - start) * 1000)
        cpu_timings.append((time.process_time() - cpu_start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return {
        "url": url,
        "status": response.status_code,
        "median_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 0.95),
        # This process's CPU time: on a shared machine it moves less with the load than the clock
        # (the database's own time is not in it on PostgreSQL).
        "cpu_median_ms": statistics.median(cpu_timings),
        "queries": len(queries),
        "bytes": len(response.content),
    }


def print_rows(title, rows):
    from django.db import connection

    print(
        f"\n{title} — {connection.vendor}, {len(rows)} URL(s), load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPU"
    )
    print(f"{'url':45} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>7} {'queries':>8} {'bytes':>8}")
    for row in rows:
        print(
            f"{row['url'][:45]:45} {row['status']:>6} {row['median_ms']:>10.1f} {row['p95_ms']:>8.1f} "
            f"{row['cpu_median_ms']:>7.1f} {row['queries']:>8} {row['bytes']:>8}"
        )


def print_details(rows):
    """Each row again with its whole URL, for notes and comparisons."""
    for row in rows:
        print(
            f"{row['url']}\n    median {row['median_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms, "
            f"cpu median {row['cpu_median_ms']:.1f} ms, "
            f"{row['queries']} queries, {row['bytes']} bytes, status {row['status']}"
        )


ENGINES = [("OpenSearch", "OPENSEARCH_URL"), ("Elasticsearch", "ELASTICSEARCH_URL")]


class FallbackCounter(logging.Handler):
    """Counts the search logger's "answering from the database" warnings: figures measured while an
    engine fell back to the database would not be the engine's."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        if "unavailable" in record.getMessage():
            self.count += 1


def engines_from_env(environ):
    """(label, backend config) for each engine whose URL is set."""
    from search.backends import search_backends_from_env

    shared = {key: value for key, value in environ.items() if key.startswith("SEARCH_")}
    engines = []
    for label, variable in ENGINES:
        if (environ.get(variable) or "").strip():
            config = search_backends_from_env({**shared, variable: environ[variable]})["default"]
            engines.append((label, dict(config, INDEX_PREFIX="bench_", ATOMIC_REBUILD=False)))
    return engines


def engine_version(backend):
    """The engine's version, from `_cat/nodes` (tools/search-engine's Elasticsearch has no `GET /`: a module)."""
    nodes = backend.es.cat.nodes(h="version", format="json")
    return nodes[0]["version"] if nodes else "?"


def each_engine(engines):
    """For each (label, config) of engines_from_env: the engine made the default backend (the database
    one kept as fallback), its `bench_` indexes built, then (label, backend) yielded to measure, the
    indexes deleted after; a warning when the engine fell back to the database meanwhile."""
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from search.backends import database_backend
    from search.fallback import forget_engine_failures
    from search.testing import run_index_names

    fallbacks = FallbackCounter()
    logging.getLogger("search").addHandler(fallbacks)
    devnull = open(os.devnull, "w")
    for label, engine in engines:
        settings.WAGTAILSEARCH_BACKENDS = {"default": engine, "database": database_backend()}
        forget_engine_failures()
        backend = get_search_backend()
        started = time.perf_counter()
        call_command("update_index", backend_name="default", stdout=devnull)
        version = engine_version(backend)
        print(f"{label} {version} index built in {time.perf_counter() - started:.0f} s ({engine['BACKEND']})")
        fallbacks.count = 0
        try:
            yield label, backend
        finally:
            for name in run_index_names(backend):
                backend.es.indices.delete(index=name)
        if fallbacks.count:
            print(f"WARNING: {label} fell back to the database {fallbacks.count} time(s): its figures are not its own")

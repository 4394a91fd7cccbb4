"""Server time, SQL queries and bytes of the directory finder with 10 000 published organisations.

    .venv/bin/python bench/directory.py [--count 10000] [--repeat 200]
    DATABASE_URL=postgres://... .venv/bin/python bench/directory.py

Synthetic organisations (`generate_directory`) are never listed to visitors; in this throwaway
database they are flipped to real ones so the finder has 10 000 rows to search.
Budget (issue 4), PostgreSQL, "all together": median <= 60 ms, p95 <= 150 ms.
"""

import argparse
import statistics
import time

from harness import measure_urls, percentile, print_details, print_rows, setup_django, synthetic_directory

URLS = {
    "q alone (every row matches)": "/annuaire/?q=performance",
    "q alone (a sector's label)": "/annuaire/?q=alimentation",
    "2 facets": "/annuaire/?type=acteur-ess&filiere=alimentation",
    "pres-de + rayon": "/annuaire/?pres-de=13005&rayon=2",
    "all together": "/annuaire/?q=alimentation&type=acteur-ess&filiere=alimentation&pres-de=13005&rayon=2",
    "all together, open now, sorted by name": "/annuaire/?q=fictive&type=acteur-ess&forme=association&pres-de=13005&rayon=3&ouvert=1&tri=nom",
    "last page": "/annuaire/?page=500",
    "map page": "/annuaire/carte/?pres-de=13005&rayon=2",
    "map points (all)": "/annuaire/carte/points/",
    "map points (all, gzip)": ("/annuaire/carte/points/", {"accept-encoding": "gzip"}),
    "organisation page": "/annuaire/organisation-fictive-5000/",
}


MAP_POINT_QUERIES = {
    "all": "",
    "a sector": "?filiere=alimentation",
    "an arrondissement": "?arrondissement=5",
    "near a place": "?pres-de=13005&rayon=2",
}


def measure_map_points(repeat):
    """The points as visitors get them: from the shared cache, and computed again after a change
    (each import or publication changes the directory's version; the first request then pays)."""
    from django.test import Client

    from directory.finder.vocabulary import forget_vocabulary

    client = Client()
    print(f"\nMap points, {repeat} requests each (gzip)")
    print(
        f"{'query':20} {'cached median':>14} {'cached p95':>11} {'after a change: median':>23} {'p95':>8} {'bytes':>9}"
    )
    for label, query in MAP_POINT_QUERIES.items():
        url = f"/annuaire/carte/points/{query}"
        cold, warm = [], []
        for _ in range(max(repeat // 10, 5)):
            forget_vocabulary()
            start = time.perf_counter()
            response = client.get(url, headers={"accept-encoding": "gzip"})
            cold.append((time.perf_counter() - start) * 1000)
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.get(url, headers={"accept-encoding": "gzip"})
            warm.append((time.perf_counter() - start) * 1000)
        print(
            f"{label:20} {statistics.median(warm):>11.1f} ms {percentile(warm, 0.95):>8.1f} ms "
            f"{statistics.median(cold):>20.1f} ms {percentile(cold, 0.95):>5.1f} ms {len(response.content):>9}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    setup_django()

    with synthetic_directory(args.count):
        rows = measure_urls(URLS, args.repeat)
        print_rows(f"Directory finder, {args.repeat} requests each", rows)
        print_details(rows)
        measure_map_points(args.repeat)


if __name__ == "__main__":
    main()

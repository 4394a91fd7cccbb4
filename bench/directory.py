"""Server time, SQL queries and bytes of the directory finder with 10 000 published organisations.

    .venv/bin/python bench/directory.py [--count 10000] [--repeat 200]
    DATABASE_URL=postgres://... .venv/bin/python bench/directory.py

Synthetic organisations (`generate_directory`) are never listed to visitors; in this throwaway
database they are flipped to real ones so the finder has 10 000 rows to search.
Budget (issue 4), PostgreSQL, "all together": median <= 60 ms, p95 <= 150 ms.
"""

import argparse

from harness import measure_urls, print_details, print_rows, setup_django, synthetic_directory

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


if __name__ == "__main__":
    main()

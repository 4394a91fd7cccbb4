"""Server time, SQL queries and payload of the public API with 10 000 published organisations.

    .venv/bin/python bench/api.py [--count 10000] [--repeat 200]
    DATABASE_URL=postgres://... .venv/bin/python bench/api.py

Synthetic organisations (`generate_directory`) are never served; in this throwaway database they
are flipped to real ones so the API has 10 000 rows to search (as bench/directory.py does).
Budget (issue 17), PostgreSQL, /api/v1/organisations/?pres-de=13003&rayon=2:
median <= 60 ms, p95 <= 150 ms, <= 12 SQL queries.
"""

import argparse

from harness import measure_urls, print_details, print_rows, setup_django, synthetic_directory

URLS = {
    "budget: near 13003, 2 km": "/api/v1/organisations/?pres-de=13003&rayon=2",
    "near 13003, 2 km, 100 per page": "/api/v1/organisations/?pres-de=13003&rayon=2&taille=100",
    "fields trimmed": "/api/v1/organisations/?pres-de=13003&rayon=2&fields=nom,latitude,longitude,distance",
    "every organisation, page 200": "/api/v1/organisations/?page=200",
    "facets + text": "/api/v1/organisations/?q=alimentation&type=acteur-ess&filiere=alimentation",
    "one organisation": "/api/v1/organisations/organisation-fictive-5000/",
    "services": "/api/v1/services/?pres-de=13003&rayon=2",
    "evenements": "/api/v1/evenements/",
    "actualites": "/api/v1/actualites/",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    settings.API_RATE_LIMIT = "1000000/min"  # the bench is one client sending thousands of requests
    with synthetic_directory(args.count):
        rows = measure_urls(URLS, args.repeat)
        print_rows(f"Public API, {args.repeat} requests each", rows)
        print_details(rows)


if __name__ == "__main__":
    main()

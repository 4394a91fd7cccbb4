"""Server time and SQL queries of the editorial pages (home, roadmap), demo content loaded.

.venv/bin/python bench/pages.py [--repeat 100]
"""

import argparse

from harness import measure_get, print_rows, setup_django, throwaway_database

URLS = ["/", "/feuille-de-route/", "/etre-accompagne/", "/plan-du-site/"]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command
    from django.test import Client

    with throwaway_database():
        call_command("load_demo_content", stdout=open("/dev/null", "w"))
        client = Client()
        print_rows(
            f"Editorial pages, {args.repeat} requests each", [measure_get(client, url, args.repeat) for url in URLS]
        )


if __name__ == "__main__":
    main()

"""Agenda with 500 events (200 recurring): server time and SQL queries of /agenda/ and /agenda/permanences/,
and the time `refresh_event_occurrences` takes to rebuild their dates.

    .venv/bin/python bench/events.py [--events 500] [--recurring 200] [--repeat 100]
    DATABASE_URL=postgres://ess@127.0.0.1:55432/evt .venv/bin/python bench/events.py
"""

import argparse
import random
import statistics
import time

from harness import measure_get, print_rows, setup_django, throwaway_database


def build_agenda(total, recurring):
    """`total` live events under /agenda/ (the first `recurring` repeat), spread over 40 structures."""
    from datetime import time as clock
    from datetime import timedelta

    from django.utils import timezone

    from agenda.models import Audience, EventIndexPage, EventPage, EventType
    from agenda.recurrence import Kind
    from directory.models import Kind as OrganisationKind
    from directory.models import Organisation

    rng = random.Random(5)
    index = EventIndexPage.objects.get()
    structures = [
        Organisation.objects.create(
            name=f"Structure de bench {n}", kind=OrganisationKind.SUPPORT, arrondissement=n % 16 + 1, synthetic=True
        )
        for n in range(40)
    ]
    today = timezone.localdate()
    kinds = [Kind.WEEKLY, Kind.MONTHLY_NTH, Kind.MONTHLY_LAST]
    for number in range(total):
        repeats = number < recurring
        start = today + timedelta(days=rng.randint(-60, 200 if not repeats else 20))
        kind = kinds[number % 3] if repeats else Kind.NONE
        if kind == Kind.MONTHLY_NTH and (start.day - 1) // 7 >= 4:
            start -= timedelta(days=7)
        while kind == Kind.MONTHLY_LAST and (start + timedelta(days=7)).month == start.month:
            start += timedelta(days=7)
        hour = rng.choice([9, 10, 14, 18])
        index.add_child(
            instance=EventPage(
                title=f"Événement de bench {number}",
                slug=f"bench-{number}",
                intro="Rendez-vous synthétique.",
                event_type=EventType.PERMANENCE if repeats else rng.choice(EventType.values),
                start_date=start,
                start_time=clock(hour),
                end_time=clock(hour + 2),
                recurrence=kind,
                place=rng.choice(structures),
                organiser=rng.choice(structures),
                audience=rng.choice(Audience.values),
                is_free=rng.random() < 0.8,
                price="5 €",
                live=True,
            )
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--recurring", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command
    from django.test import Client

    from agenda.models import Occurrence

    with throwaway_database():
        call_command("load_demo_content", stdout=open("/dev/null", "w"))
        build_agenda(args.events, args.recurring)
        refresh_times = []
        for _ in range(5):
            start = time.perf_counter()
            call_command("refresh_event_occurrences", stdout=open("/dev/null", "w"))
            refresh_times.append(time.perf_counter() - start)
        print(
            f"\nrefresh_event_occurrences: {args.events} events ({args.recurring} recurring) -> "
            f"{Occurrence.objects.count()} dates; median {statistics.median(refresh_times):.2f} s, "
            f"max {max(refresh_times):.2f} s over {len(refresh_times)} runs"
        )
        client = Client()
        from django.utils import timezone

        today = timezone.localdate()
        urls = [
            "/agenda/",
            "/agenda/permanences/",
            "/agenda/?type=permanence&arrondissement=3&page=2",
            f"/agenda/calendrier/{today.year}/{today.month:02d}/",
            "/agenda/agenda.ics",
        ]
        rows = [measure_get(client, url, args.repeat) for url in urls]
        print_rows(f"Agenda, {args.events} events ({args.recurring} recurring), {args.repeat} requests each", rows)


if __name__ == "__main__":
    main()

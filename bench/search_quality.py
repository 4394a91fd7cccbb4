"""Search quality (not a test): 50 judged queries of the kinds people type, on each backend.

    .venv/bin/python bench/search_quality.py                                   # SQLite
    DATABASE_URL=postgres://... .venv/bin/python bench/search_quality.py       # PostgreSQL
    DATABASE_URL=postgres://... OPENSEARCH_URL=http://127.0.0.1:9250 .venv/bin/python bench/search_quality.py

A throwaway database gets the demo content (`load_demo_content`) and the 42 fictitious insertion
structures of bench/data/siae-fixture.csv (imported through `import_directory`). Each query below
names what a person would expect (fragments of organisation names; `page:` fragments of page titles).
For /recherche/, /annuaire/ and the suggestions, side by side for the database backend and each
engine whose URL is set, it prints:

- zero: the share of judged queries that return nothing;
- p@3: precision of the first three results, capped (relevant among the first min(3, expected)
  results, divided by min(3, expected)): 1.0 when the top 3 are all expected ones;
- the median and p95 latency (ms, in-process, `--repeat` requests per query).

A query judges an endpoint only if it expects something that endpoint can show (the finder shows
organisations only). Budget (issue 15): zero < 0.10 and p@3 >= 0.8. `--details` lists each query.
"""

import argparse
import os
import statistics
import time
from pathlib import Path

from harness import each_engine, engines_from_env, percentile, setup_django, throwaway_database

FIXTURE = Path(__file__).resolve().parent / "data" / "siae-fixture.csv"
SIAE = ["(ACI)", "(EI)", "(ETTI)", "(AI)"]
REEMPLOI = [
    "RECUP MEDITERRANEE",
    "FRIPE ET COUTURE",
    "NUMERIQUE INCLUSIF",
    "MENUISERIE REEMPLOI",
    "DEMENAGEMENT SOLIDAIRE",
    "TEXTILE RECYCLAGE",
    "ELECTROMENAGER",
    "LIVRES ET SAVOIRS",
    "TRI DES DECHETS",
]

# (kind of query, query, what a person expects)
JUDGED = [
    ("accents", "epicerie", ["EPICERIE DU QUARTIER"]),
    ("accents", "reemploi", REEMPLOI),
    ("accents", "economie sociale et solidaire", ["page:Qu'est-ce que l'ESS", "CRESS", "page:Feuille de route"]),
    ("accents", "tetes de l'art", ["Les Têtes de l'Art"]),
    ("accents", "maraichage", ["JARDINS DU LITTORAL", "MARAICHAGE URBAIN"]),
    ("accents", "apres m", ["L'Après M"]),
    ("plurals", "coopératives", ["URSCOP", "page:Qu'est-ce que l'ESS"]),
    ("plurals", "chantiers d'insertion", ["(ACI)"]),
    ("plurals", "vélos", ["CYCLES ET MOBILITE", "REPARATION VELOS SUD"]),
    ("plurals", "jardins", ["JARDINS DU LITTORAL", "JARDIN DES CROTTES", "MARAICHAGE URBAIN"]),
    ("plurals", "friperies", ["FRIPE ET COUTURE"]),
    ("plurals", "boulangeries", ["BOULANGERIE SOLIDAIRE"]),
    ("typos", "insertoin", SIAE + ["Régie de quartier"]),
    ("typos", "resourcerie", REEMPLOI),
    ("typos", "coperative", ["URSCOP", "page:Qu'est-ce que l'ESS"]),
    ("typos", "menuserie", ["MENUISERIE REEMPLOI"]),
    ("typos", "blanchiserie", ["BLANCHISSERIE"]),
    ("typos", "accompagnemnt", ["France Active", "page:Être accompagné"]),
    ("hyphens", "tiers-lieu", ["page:Feuille de route"]),
    ("hyphens", "Noailles Belsunce", ["Régie de quartier Noailles-Belsunce"]),
    ("hyphens", "inter made", ["Inter-Made"]),
    ("hyphens", "seconde-main", ["RECUP MEDITERRANEE"]),
    ("acronyms", "SIAE", SIAE + ["Régie de quartier"]),
    ("acronyms", "ACI", ["(ACI)"]),
    ("acronyms", "ETTI", ["(ETTI)"]),
    ("acronyms", "CRESS", ["CRESS"]),
    ("acronyms", "SCOP", ["URSCOP"]),
    ("acronyms", "RTES", ["RTES"]),
    ("acronyms", "ESS", ["page:Qu'est-ce que l'ESS", "page:Feuille de route", "CRESS", "Ville de Marseille"]),
    ("synonyms", "recyclerie", REEMPLOI),
    ("synonyms", "épicerie sociale", ["EPICERIE DU QUARTIER"]),
    ("synonyms", "société coopérative", ["URSCOP"]),
    ("synonyms", "friperie", ["FRIPE ET COUTURE"]),
    ("synonyms", "travail temporaire", ["(ETTI)"]),
    ("needs", "trouver un emploi", SIAE),
    ("needs", "financer mon projet", ["France Active"]),
    ("needs", "créer une association", ["page:Être accompagné", "France Active"]),
    ("needs", "réparer mon vélo", ["CYCLES ET MOBILITE", "REPARATION VELOS SUD"]),
    ("needs", "aide à domicile", ["AIDE A DOMICILE", "SERVICES PROXIMITE"]),
    ("needs", "restauration solidaire", ["RESTAURATION SOLIDAIRE", "L'Après M", "CUISINE PARTAGEE"]),
    ("needs", "donner des vêtements", ["TEXTILE RECYCLAGE", "FRIPE ET COUTURE"]),
    ("places", "13003", ["BATI SOLIDAIRE", "EPICERIE DU QUARTIER", "COUTURE ET RETOUCHE"]),
    (
        "places",
        "insertion 13015",
        ["RECUP MEDITERRANEE", "TRAVAIL TEMPORAIRE NORD", "PROPRETE URBAINE", "JARDIN DES CROTTES"],
    ),
    ("places", "Belsunce", ["Régie de quartier Noailles-Belsunce"]),
    ("places", "Noailles", ["Régie de quartier Noailles-Belsunce"]),
    ("places", "13014", ["FRIPE ET COUTURE", "MENUISERIE REEMPLOI", "ELECTROMENAGER", "TRAVAUX PUBLICS"]),
    ("partial names", "france active", ["France Active"]),
    ("partial names", "urscop", ["URSCOP"]),
    ("partial names", "marseille solutions", ["Marseille Solutions"]),
    ("partial names", "recup", ["RECUP MEDITERRANEE"]),
]
assert len(JUDGED) == 50


def fold(text):
    from directory.models.search_text import fold as fold_text

    return fold_text(text).lower()


def relevant(title, kind, expected):
    """Whether a result (title, "organisation" or "page") is one the query expects."""
    for fragment in expected:
        wanted_kind = "page" if fragment.startswith("page:") else "organisation"
        if kind == wanted_kind and fold(fragment.removeprefix("page:")) in fold(title):
            return True
    return False


def precision_at_3(ranked, expected):
    """ranked: [(title, kind)]; expected fragments may match several results (« (ACI) »)."""
    if not ranked:
        return 0.0
    wanted = min(3, max(len(expected), 1))
    if any(fragment.startswith("(") for fragment in expected):
        wanted = 3  # a kind of structure: dozens are expected
    return sum(relevant(title, kind, expected) for title, kind in ranked[:wanted]) / wanted


def site_search(client, query):
    response = client.get("/recherche/", {"q": query}, HTTP_USER_AGENT="bench")
    groups = response.context["groups"] if response.context and "groups" in response.context else []
    promoted = [(p.page.title, "page") for p in (response.context or {}).get("promotions") or [] if p.page]
    by_kind = {"organisation": [], "page": []}
    for group in groups:
        kind = "organisation" if group["source"].key == "organisations" else "page"
        by_kind[kind] += [(hit.title, kind) for hit in group.get("hits") or []]
    return promoted, by_kind, sum(group["count"] for group in groups) + len(promoted)


def ranked_site_results(promoted, by_kind, expected):
    """The results a person reads for what they expect: the groups of the kinds expected, interleaved."""
    kinds = {"page" if fragment.startswith("page:") else "organisation" for fragment in expected}
    lists = [by_kind[kind] for kind in ("organisation", "page") if kind in kinds]
    ranked = list(promoted)
    for rank in range(max((len(items) for items in lists), default=0)):
        ranked += [items[rank] for items in lists if rank < len(items)]
    return ranked


def finder(client, query):
    import re
    from html import unescape

    html = client.get("/annuaire/", {"q": query}).content.decode()
    names = re.findall(r'<h3 class="org-card__title"><a href="[^"]+">([^<]+)</a>', html)
    return [(unescape(name), "organisation") for name in names]


def suggestions(client, query):
    payload = client.get("/recherche/suggestions/", {"q": query}).json()
    return [
        (result["title"], "organisation" if result["type"] == "organisations" else "page")
        for result in payload["results"]
    ]


def timed(function, client, query, repeat):
    timings, answer = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        answer = function(client, query)
        timings.append((time.perf_counter() - started) * 1000)
    return answer, timings


def evaluate(client, repeat):
    """{endpoint: {"zero": [...], "p3": [...], "ms": [...], "rows": [...]}} for the current backend."""
    endpoints = {
        name: {"zero": [], "p3": [], "ms": [], "rows": []} for name in ("recherche", "annuaire", "suggestions")
    }
    for kind, query, expected in JUDGED:
        (promoted, by_kind, total), ms = timed(site_search, client, query, repeat)
        ranked = ranked_site_results(promoted, by_kind, expected)
        record(endpoints["recherche"], kind, query, ranked, total, expected, ms)

        organisations = [fragment for fragment in expected if not fragment.startswith("page:")]
        if organisations:
            found, ms = timed(finder, client, query, repeat)
            record(endpoints["annuaire"], kind, query, found, len(found), organisations, ms)

        found, ms = timed(suggestions, client, query, repeat)
        record(endpoints["suggestions"], kind, query, found, len(found), expected, ms)
    return endpoints


def record(endpoint, kind, query, ranked, total, expected, ms):
    p3 = precision_at_3(ranked, expected)
    endpoint["zero"].append(total == 0)
    endpoint["p3"].append(p3)
    endpoint["ms"] += ms
    endpoint["rows"].append((kind, query, total, p3, [title for title, _ in ranked[:3]]))


def summary(endpoint):
    count = len(endpoint["zero"])
    return {
        "judged": count,
        "zero": sum(endpoint["zero"]) / count,
        "p3": sum(endpoint["p3"]) / count,
        "median": statistics.median(endpoint["ms"]),
        "p95": percentile(endpoint["ms"], 0.95),
    }


def print_side_by_side(columns):
    labels = list(columns)
    print("\nzero = share of judged queries with no result (budget < 0.10); p@3 = precision@3 (budget >= 0.8)")
    print(f"{'endpoint':24}" + "".join(f"{label:>38}" for label in labels))
    for endpoint in ("recherche", "annuaire", "suggestions"):
        cells = []
        for label in labels:
            s = summary(columns[label][endpoint])
            cells.append(f"{s['zero']:.2f} / {s['p3']:.2f} / {s['median']:.0f} / {s['p95']:.0f} ms (n={s['judged']})")
        print(f"{'/' + endpoint + '/':24}" + "".join(f"{cell:>38}" for cell in cells))
    print(f"{'':24}" + "".join(f"{'zero / p@3 / median / p95':>38}" for _ in labels))


def print_details(label, endpoints):
    for name, endpoint in endpoints.items():
        print(f"\n{label} /{name}/: kind | query | results | p@3 | first three")
        for kind, query, total, p3, titles in endpoint["rows"]:
            mark = "ZERO " if not total else ("low  " if p3 < 0.67 else "     ")
            print(f"{mark}{kind:14} {query[:30]:30} {total:>4} {p3:.2f}  {' | '.join(t[:40] for t in titles)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="requests per query and endpoint (latency)")
    parser.add_argument("--details", action="store_true", help="each query's results")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from search.backends import database_backend

    engines = engines_from_env(os.environ)
    settings.WAGTAILSEARCH_BACKENDS = {"default": database_backend()}
    settings.ALLOWED_HOSTS = ["*"]

    with throwaway_database() as connection:
        devnull = open(os.devnull, "w")
        call_command("load_demo_content", stdout=devnull)
        call_command("import_directory", str(FIXTURE), stdout=devnull)
        call_command("update_index", stdout=devnull)
        from directory.models import Organisation

        print(f"{Organisation.objects.public().count()} public organisations (demo + fixture), {connection.vendor}")
        client = Client()
        database_label = "SQLite" if connection.vendor == "sqlite" else "PostgreSQL"
        columns = {database_label: evaluate(client, args.repeat)}
        print_side_by_side(columns)  # kept if an engine fails below

        for label, _backend in each_engine(engines):
            columns[f"{database_label}+{label}"] = evaluate(client, args.repeat)

        if args.details:
            for label, endpoints in columns.items():
                print_details(label, endpoints)
        print_side_by_side(columns)


if __name__ == "__main__":
    main()

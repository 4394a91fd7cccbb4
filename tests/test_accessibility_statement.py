"""The accessibility statement and the footer's mention, computed from the RGAA audit file."""

from html import unescape

import pytest
from django.conf import settings
from wagtail.models import Site

from ess_site.accessibility import CRITERIA_COUNT, AuditFileError, conformity, current_audit, parse_audit
from ess_site.models import SiteSettings


def audit_text(statuses, pages=("P01", "P02"), date="2026-01-15"):
    """An audit file: `statuses` maps criterion numbers to one status per page; the others are NA."""
    head = [
        "# Audit",
        f"- **Date de l'audit** : {date}",
        "- **Réalisé par** : une équipe d'essai",
        "- **Environnement de test** : Chromium 999 d'essai",
        "- **Outils** : axe-core",
        "- **Technologies utilisées** : HTML5",
        "",
        "| Code | Page | Adresse |",
        "|---|---|---|",
    ]
    head += [f"| {code} | Page {code} | `/page-{code.lower()}/` |" for code in pages]
    head += ["", "| Critère | Intitulé | " + " | ".join(pages) + " |"]
    numbers = [line.split("|")[1].strip() for line in _real_rows()]
    rows = [
        f"| {n} | Intitulé du critère {n} | " + " | ".join(statuses.get(n, ["NA"] * len(pages))) + " |" for n in numbers
    ]
    return "\n".join(head + rows) + "\n"


def _real_rows():
    with open(settings.ACCESSIBILITY_AUDIT_FILE, encoding="utf-8") as audit_file:
        return [line for line in audit_file if line[:2] == "| " and line[2].isdigit() and "." in line.split("|")[1]]


@pytest.fixture
def audit_file(tmp_path, settings):
    def write(text):
        path = tmp_path / "audit.md"
        path.write_text(text, encoding="utf-8")
        settings.ACCESSIBILITY_AUDIT_FILE = str(path)
        return path

    return write


def test_the_projects_audit_file_reads_with_106_criteria_and_its_sample():
    audit = current_audit()
    assert audit is not None, "docs/accessibilite-audit.md introuvable"
    assert len(audit.criteria) == CRITERIA_COUNT
    urls = [url for _code, _title, url in audit.pages]
    # The pages RGAA requires in a sample, and one of each kind of page.
    for required in ("/", "/mentions-legales/", "/accessibilite/", "/plan-du-site/", "/annuaire/carte/", "/agenda/"):
        assert required in urls, required
    assert any(url.startswith("/recherche/") for url in urls)
    assert all(set(criterion.by_page.values()) <= {"C", "NC", "NA"} for criterion in audit.criteria)


@pytest.mark.parametrize(
    "statuses, status, rate",
    [
        ({"1.1": ["C", "C"], "3.2": ["C", "NA"]}, "totalement conforme", "100"),
        ({"1.1": ["C", "NC"], "3.2": ["C", "NA"]}, "partiellement conforme", "50"),  # NC on one page is enough
        ({"1.1": ["C", "NC"], "3.2": ["NC", "NA"], "6.1": ["C", "C"]}, "non conforme", "33.33"),
        ({}, "non conforme", None),  # nothing applicable: no rate
    ],
)
def test_status_and_rate_follow_the_rgaa_method(statuses, status, rate):
    result = conformity(parse_audit(audit_text(statuses)))
    assert result.status == status
    assert (format(result.rate.normalize(), "f") if result.rate is not None else None) == rate


def test_a_broken_audit_file_is_refused():
    with pytest.raises(AuditFileError):
        parse_audit(audit_text({}).replace("| 13.12 |", "| 13.99 |").replace("| 13.11 |", "| 13.99 |"))
    with pytest.raises(AuditFileError):
        parse_audit(audit_text({"1.1": ["C"]}))  # one status for two pages


def test_without_an_audit_the_site_is_declared_non_conforme(client, demo_site, settings, tmp_path):
    settings.ACCESSIBILITY_AUDIT_FILE = str(tmp_path / "absent.md")
    html = unescape(client.get("/accessibilite/").content.decode())
    assert '<strong id="etat-de-conformite">non conforme</strong>' in html
    assert "Aucun audit de conformité n'a encore été réalisé" in html
    assert "Accessibilité\u00a0: non conforme" in html


def test_the_statement_shows_what_the_audit_says(client, demo_site, audit_file):
    audit_file(audit_text({"1.1": ["C", "C"], "6.1": ["C", "NC"], "3.2": ["C", "C"]}))
    html = unescape(client.get("/accessibilite/").content.decode())
    assert '<strong id="etat-de-conformite">partiellement conforme</strong>' in html
    assert "66,67\u00a0%" in html and "2 critères conformes" in html and "1 critère non conforme" in html
    assert "103 critères non applicables" in html
    # Non-accessible contents: the failing criterion, with the pages where it fails.
    assert "Critère 6.1\u00a0: Intitulé du critère 6.1 (pages\u00a0: Page P02)" in html
    assert "Chromium 999 d'essai" in html and "une équipe d'essai" in html and "15 janvier 2026" in html
    assert '<a href="/page-p01/">Page P01</a>' in html and '<a href="/page-p02/">Page P02</a>' in html
    # The footer follows the same status, on every page.
    assert "Accessibilité\u00a0: partiellement conforme" in unescape(client.get("/").content.decode())


def test_contact_recourse_and_plans_come_from_the_site_settings(client, demo_site):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.contact_email = "ess@example.org"
    site_settings.accessibility_schema_url = "https://example.org/schema-pluriannuel.pdf"
    site_settings.accessibility_action_plan_url = "https://example.org/plan-2026.pdf"
    site_settings.save()
    html = unescape(client.get("/accessibilite/").content.decode())
    assert '<a href="mailto:ess@example.org">ess@example.org</a>' in html
    assert (
        '<a href="https://example.org/schema-pluriannuel.pdf">schéma pluriannuel de mise en accessibilité</a>' in html
    )
    assert "<a href=\"https://example.org/plan-2026.pdf\">plan d'actions de l'année en cours</a>" in html
    assert "Défenseur des droits" in html and "Libre réponse 71120" in html


def test_derogations_and_exempt_contents_are_editable_blocks(client, demo_site):
    from home.models import AccessibilityPage

    page = AccessibilityPage.objects.get()
    html = unescape(client.get("/accessibilite/").content.decode())
    assert "Aucune dérogation n'est invoquée." in html
    assert "tuiles cartographiques OpenStreetMap" in html  # the demo's exempt content
    page.derogations = [("paragraph", "<p>Une dérogation d'essai.</p>")]
    page.save_revision().publish()
    html = unescape(client.get("/accessibilite/").content.decode())
    assert "Une dérogation d'essai." in html and "Aucune dérogation n'est invoquée." not in html

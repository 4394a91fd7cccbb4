"""Acronyms explained (issue 15) in a real browser: an imported SIAE's page says what « ACI » means
(`<abbr title>`), links the glossary, and both pages pass axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _EXTRA_SETUP

pytestmark = pytest.mark.browser

PAGES = {}


def _imported_siae():
    from directory.exchange.importers import import_file
    from directory.models import Organisation

    if not Organisation.objects.filter(source="siae-navigateur").exists():
        rows = "nom,labels,code_naf,code_postal,commune,source,id_source\nACTA VISTA EXEMPLE,siae-aci,88.99B,13002,Marseille,siae-navigateur,1\n"
        import_file(rows.encode())
    PAGES["siae"] = Organisation.objects.get(source="siae-navigateur").get_absolute_url()


_EXTRA_SETUP.append(_imported_siae)


def test_an_imported_siae_page_explains_its_acronyms_and_leads_to_the_glossary(page, site_url, axe_audit):
    page.goto(site_url + PAGES["siae"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Acta Vista Exemple")
    aci = page.locator("abbr", has_text="ACI").first
    expect(aci).to_have_attribute("title", "atelier et chantier d'insertion")
    expect(page.get_by_role("link", name="Insertion par l'activité économique")).to_be_visible()
    axe_audit(page)

    page.get_by_role("link", name="Le glossaire de l'annuaire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Glossaire des sigles")
    expect(page.locator("#sigle-etti")).to_have_text("ETTI")
    axe_audit(page)

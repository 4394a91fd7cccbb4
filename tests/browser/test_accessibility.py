"""The RGAA audit's sample in a real browser (docs/accessibilite-audit.md): forms and their errors,
keyboard journeys, zoom and text spacing, axe and the W3C validator on every page of the sample."""

import os
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FIELD_CHECK = """(input) => {
  const ids = (input.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
  const described = ids.map((id) => document.getElementById(id));
  const wrapper = input.closest(".form-field");
  return {
    invalid: input.getAttribute("aria-invalid"),
    missing: ids.filter((id, i) => !described[i]),
    texts: described.filter(Boolean).map((el) => el.textContent.trim()),
    nearby: described.filter(Boolean).every((el) => wrapper && wrapper.contains(el)),
    before: described.filter(Boolean).every((el) => el.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_FOLLOWING),
  };
}"""


def check_error(page, field_id, label, message):
    """RGAA 11.10: the error is by its field, referenced by it, and summarised at the top of the form."""
    field = page.locator(f"#{field_id}")
    state = field.evaluate(FIELD_CHECK)
    assert state["invalid"] == "true", f"« {label} » n'est pas signalé invalide (aria-invalid)"
    assert not state["missing"], f"aria-describedby de « {label} » vise des id absents : {state['missing']}"
    assert any(message in text for text in state["texts"]), f"l'erreur n'est pas liée à « {label} » : {state}"
    assert state["nearby"], f"l'erreur n'est pas à côté du champ « {label} »"
    form = field.locator("xpath=ancestor::form")
    summary = form.locator(".error-summary")
    expect(summary).to_be_visible()
    assert summary.evaluate(
        "(s) => { const f = s.closest('form'); const first = f.querySelector('input:not([type=hidden]), select, textarea'); "
        "return !!first && !!(s.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING); }"
    ), "le récapitulatif n'est pas en haut du formulaire"
    link = summary.get_by_role("link", name=f"{label}")
    expect(link).to_contain_text(message)
    link.click()
    assert page.evaluate("document.activeElement.id") == field_id


def test_an_unknown_place_in_the_finder_is_reported_at_its_field(page, site_url):
    page.goto(site_url + "/annuaire/?pres-de=Atlantide")
    check_error(page, "finder-near", "Près de", "Adresse introuvable")
    assert "Lieu non reconnu" in page.locator("#finder-status").inner_text()
    # The constraint is stated before the input, and referenced by it.
    assert "code postal" in page.locator("#finder-near").evaluate(FIELD_CHECK)["texts"][0]
    assert page.locator("#finder-near").evaluate(FIELD_CHECK)["before"]


def test_an_unknown_place_in_the_guide_is_reported_at_its_field(page, site_url):
    page.goto(site_url + "/etre-accompagne/?ou=Paris")
    check_error(page, "matcher-place", "Où ?", "Lieu non reconnu")


def test_an_end_date_before_the_start_is_reported_at_its_field(page, site_url):
    page.goto(site_url + "/agenda/?du=2030-05-10&au=2030-05-01")
    check_error(page, "filtre-au", "Au", "La date de fin est avant la date de début")


def test_agenda_dates_are_grouped_as_a_period_with_their_constraints(page, site_url):
    """RGAA 11.5 and 11.10: « Du » and « Au » belong to one group, « Période », each says what it accepts."""
    page.goto(site_url + "/agenda/")
    period = page.get_by_role("group", name="Période")
    expect(period.get_by_label("Du", exact=True)).to_have_attribute("type", "date")
    expect(period.get_by_label("Au", exact=True)).to_have_attribute("type", "date")
    au = page.locator("#filtre-au").evaluate(FIELD_CHECK)
    assert au["before"] and any("un an au plus" in text for text in au["texts"])


def test_the_correction_form_states_its_minimum_and_reports_errors_at_the_fields(page, site_url):
    page.goto(site_url + "/annuaire/cress-chambre-regionale-de-leconomie-sociale-et-solidaire/")
    message = page.locator("textarea[name=message]")
    state = message.evaluate(FIELD_CHECK)
    assert state["before"] and any("10 caractères au moins" in text for text in state["texts"])
    # RGAA 11.13: the visitor's name can be filled in by the browser.
    expect(page.get_by_label("Votre nom (facultatif)")).to_have_attribute("autocomplete", "name")
    message.fill("Court")
    page.get_by_label("Votre courriel (facultatif, pour vous répondre)").fill("pas-un-courriel")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer le signalement").click()
    field_id = page.locator("textarea[name=message]").get_attribute("id")
    check_error(page, field_id, "Qu'est-ce qui est inexact ou manquant ?", "10 caractères au moins")
    email_id = page.locator("input[name=contact_email]").get_attribute("id")
    check_error(page, email_id, "Votre courriel (facultatif, pour vous répondre)", "adresse de courriel valide")


SIZE = r"\d+(,\d)?\s(octets|ko|Mo)"


def test_every_file_link_states_its_format_and_size_visibly(page, site_url):
    """RGAA 13.3: CSV, GeoJSON and iCal links say what they download and how big it is, for everyone."""
    page.goto(site_url + "/annuaire/")
    for file_format in ("CSV", "GeoJSON"):
        link = page.get_by_role(
            "link", name=re.compile(r"^Télécharger ces résultats.* \(" + file_format + ", environ " + SIZE)
        )
        expect(link).to_be_visible()
        assert re.search(file_format + ", environ " + SIZE, link.inner_text()), (
            "le format ou la taille n'est pas visible"
        )
    page.goto(site_url + "/agenda/")
    feed = page.get_by_role("link", name=re.compile(r"flux iCal, environ " + SIZE))
    expect(feed).to_be_visible()

    page.goto(site_url + "/agenda/permanence-interlocuteur-ess-ville/")
    link = page.get_by_role("link", name=re.compile(r"^Ajouter à mon agenda \(fichier iCal, " + SIZE + r"\)$"))
    expect(link).to_be_visible()
    assert "iCal" in link.inner_text() and re.search(SIZE, link.inner_text())
    with page.expect_download() as download_info:
        link.click()
    stated = int(re.search(r"(\d+)\s(octets|ko)", link.inner_text()).group(1))
    size = os.path.getsize(download_info.value.path())
    assert stated == (size if size < 1000 else -(-size // 1000)), f"taille annoncée {stated}, fichier de {size} octets"


@pytest.mark.parametrize(
    "path, query",
    [
        ("/agenda/permanences/", "permanences"),
        ("/agenda/calendrier/", "calendrier"),
        ("/annuaire/carte/", "carte"),
        ("/agenda/archives/", "archives"),
    ],
)
def test_every_view_is_in_the_sitemap_and_found_by_the_site_search(page, site_url, path, query):
    """RGAA 12.1 and 12.3: two ways to each page, the sitemap and the search among them."""
    page.goto(site_url + "/plan-du-site/")
    sitemap = page.get_by_role("navigation", name="Plan du site")
    link = sitemap.locator(f'a[href="{path}"]')
    expect(link).to_have_count(1)
    with page.expect_navigation():
        link.click()
    assert page.url.startswith(site_url + path.rstrip("/"))

    page.goto(site_url + "/recherche/?q=" + query)
    result = page.locator(f'.search-result a[href="{path}"]')
    expect(result).to_have_count(1)


def test_organisation_pages_are_reached_from_the_sitemap(page, site_url):
    page.goto(site_url + "/plan-du-site/")
    page.get_by_role("navigation", name="Plan du site").get_by_role("link", name="Toutes les organisations, de A à Z").click()
    page.wait_for_url("**/annuaire/?tri=nom")
    first = page.locator(".org-card__title a").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)

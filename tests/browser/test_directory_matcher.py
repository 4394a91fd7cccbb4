"""The support matcher and the service sheets in a real browser, on a phone and a desktop: answered
by clicking, readable without horizontal scrolling, no axe violation. (Query bounds: the guide's in
tests/test_directory_matcher.py, the organisation page's in tests/test_directory_organisation_page.py.)"""

import pytest

VIEWPORTS = [{"width": 360, "height": 740}, {"width": 1280, "height": 900}]


@pytest.fixture(params=VIEWPORTS, ids=["360", "1280"])
def sized_page(browser, request):
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport=request.param)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_project_holder_in_difficulty_finds_the_cash_relay_and_the_city(sized_page, site_url, axe_audit):
    page = sized_page
    page.goto(site_url + "/etre-accompagne/")
    form = page.locator("form.matcher__form")
    form.get_by_label("Difficulté").check()
    form.get_by_label("Financement").check()
    form.get_by_label("Hébergement et locaux").check()
    form.get_by_label("Association", exact=True).check()
    form.get_by_role("button", name="Voir les structures qui correspondent").click()
    page.wait_for_load_state("load")

    first = page.locator(".matcher .org-card").first
    assert first.locator(".org-card__title").inner_text() == "France Active Provence-Alpes-Côte d'Azur"
    assert "Répond à 1 de vos 2 besoins" in first.inner_text().replace("\u00a0", " ")
    sheet = first.locator("details.service-sheet")
    sheet.locator("summary").click()
    assert sheet.get_by_text("relais de trésorerie pour le monde associatif").is_visible()
    assert "Non renseigné" in sheet.inner_text()  # its cost: the programme does not say

    city = page.locator("#matcher-ville")
    assert city.is_visible()
    assert "Hébergement et locaux" in city.inner_text()
    no_horizontal_scroll(page)
    axe_audit(page)


def test_the_organisation_page_shows_its_service_sheets(sized_page, site_url, axe_audit):
    page = sized_page
    page.goto(site_url + "/annuaire/france-active-provence-alpes-cote-dazur/")
    services = page.locator("section.service-sheets")
    assert services.get_by_role("heading", name="Services proposés").is_visible()
    financing = services.locator("article", has=page.get_by_role("heading", name="Financement"))
    text = financing.inner_text()
    assert "relais de trésorerie pour le monde associatif" in text
    assert "Coût" in text and "Non renseigné" in text
    no_horizontal_scroll(page)
    axe_audit(page)

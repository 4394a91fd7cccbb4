"""The directory finder in a real browser: near me, facets that keep focus, the map by keyboard, axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _EXTRA_SETUP

pytestmark = pytest.mark.browser


def _finder_organisations():
    from directory.models import Organisation
    from tests.helpers.directory import make_finder_directory

    if not Organisation.objects.filter(name="Atelier vélo du Merlan").exists():
        make_finder_directory()


_EXTRA_SETUP.append(_finder_organisations)


def test_autour_de_moi_sorts_by_distance_from_the_browsers_position(browser, site_url):
    from tests.helpers.directory import point

    lat, lon = point("13014")
    context = browser.new_context(
        locale="fr-FR",
        timezone_id="Europe/Paris",
        geolocation={"latitude": lat, "longitude": lon},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(site_url + "/annuaire/")
        button = page.get_by_role("button", name="Autour de moi")
        assert button.is_visible()  # an enhancement: only shown when the browser can do it
        with page.expect_navigation():
            button.click()
        assert "lat=" in page.url and "tri=distance" in page.url
        titles = page.locator(".org-card__title").all_inner_texts()
        assert titles[0] == "Coopérative L'Épicerie du Canet"
        assert titles[1] == "Recyclerie des Arnavaux"
        assert "à 120\u00a0m" in page.locator(".org-card").first.inner_text()
        assert page.locator("#finder-sort").input_value() == "distance"
    finally:
        context.close()


def test_a_facet_toggles_in_place_and_keeps_the_focus(page, site_url):
    page.goto(site_url + "/annuaire/")
    before = page.locator("#finder-status").inner_text()
    checkbox = page.locator("#f-filiere-alimentation")
    checkbox.focus()
    page.keyboard.press("Space")
    page.wait_for_url("**filiere=alimentation**")
    expect(page.locator("#finder-status")).not_to_have_text(before)
    assert page.evaluate("document.activeElement.id") == "f-filiere-alimentation"
    assert page.locator("#f-filiere-alimentation").is_checked()
    titles = page.locator(".org-card__title").all_inner_texts()
    assert "Coopérative L'Épicerie du Canet" in titles and "Atelier vélo du Merlan" not in titles
    status = page.locator("#finder-status").inner_text()
    assert (
        status == f"{len(titles)} organisation{'s' if len(titles) > 1 else ''} trouvée{'s' if len(titles) > 1 else ''}."
    )
    # And back: unchecking restores the full list, focus still on the checkbox.
    page.keyboard.press("Space")
    expect(page).not_to_have_url(re.compile("filiere=alimentation"))
    expect(page.locator("#finder-status")).to_have_text(before)
    assert page.evaluate("document.activeElement.id") == "f-filiere-alimentation"


def test_the_list_works_without_javascript(browser, site_url):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "/annuaire/")
        page.locator("#f-filiere-mobilite").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Appliquer les filtres").click()
        assert page.locator(".org-card__title").all_inner_texts() == ["Atelier vélo du Merlan"]
    finally:
        context.close()


def test_the_map_shows_markers_and_opens_a_popup_by_keyboard(page, site_url):
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error"
            and "127.0.0.1:9" not in message.text
            and "ERR_CONNECTION_REFUSED" not in message.text
            else None
        ),
    )
    page.goto(site_url + "/annuaire/carte/?q=velo")
    marker = page.locator(".map-marker-wrapper")
    marker.first.wait_for()
    assert marker.count() == 1
    assert page.locator("[data-map-status]").inner_text() == "1 organisation sur la carte."
    marker.first.focus()
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup a", has_text="Atelier vélo du Merlan")
    link.wait_for()
    assert page.evaluate("document.activeElement.textContent") == "Atelier vélo du Merlan"
    assert link.get_attribute("href").startswith("/annuaire/atelier-velo-du-merlan")
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors


def test_the_map_clusters_many_markers(page, site_url):
    page.goto(site_url + "/annuaire/carte/")
    page.locator(".map-marker-wrapper, .map-cluster-wrapper").first.wait_for()
    total = int(page.locator("[data-map]").get_attribute("data-count"))
    assert total >= 8
    assert page.locator(".map-list-link, a", has_text="Voir les résultats en liste").first.is_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/annuaire/",
        "/annuaire/?q=coop&pres-de=13014&rayon=5&type=acteur-ess",
        "/annuaire/?q=introuvable",
        "/annuaire/carte/",
        "/annuaire/cooperative-lepicerie-du-canet/",
        "/etre-accompagne/?etape=creation&besoin=financement&ou=13014",
    ],
)
def test_axe_finds_no_violation(page, site_url, axe_audit, path):
    response = page.goto(site_url + path)
    assert response.status == 200
    if "carte" in path:
        page.locator(".map-marker-wrapper, .map-cluster-wrapper").first.wait_for()
    axe_audit(page)

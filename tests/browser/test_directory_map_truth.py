"""The map in a real browser, on a phone and a desktop: approximate points look approximate (and say
so), what the map leaves out is counted and listed under it; axe finds nothing (#15)."""

import pytest

from tests.browser.conftest import _EXTRA_SETUP

pytestmark = pytest.mark.browser
QUERY = "/annuaire/carte/?q=zephyr"


def _map_truth_organisations():
    from directory.models import Organisation
    from tests.helpers.directory import make_approximate_organisation, make_organisation

    if Organisation.objects.filter(name__startswith="Zéphyr").exists():
        return
    # In the 12e, away from the points other browser tests sort by distance (13014, 13008).
    make_organisation("Zéphyr, atelier au point précis", "13012", north_m=300)
    make_approximate_organisation("Zéphyr, recyclerie au point approximatif", "13003")
    for letter in "AB":
        Organisation.objects.create(name=f"Zéphyr, coopérative sans adresse {letter}")


_EXTRA_SETUP.append(_map_truth_organisations)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_map_says_what_is_approximate_and_lists_what_it_leaves_out(browser, site_url, axe_audit, width):
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_url + QUERY)
        page.locator(".map-marker-wrapper").nth(1).wait_for()
        assert page.locator(".map-marker-wrapper").count() == 2
        approximate = page.locator(".map-marker--approximate")
        assert approximate.count() == 1
        hidden = page.locator(".map-marker-wrapper", has=approximate).locator(".visually-hidden").inner_text()
        assert hidden.startswith("Zéphyr, recyclerie au point approximatif, position approximative")
        legend = page.locator(".map-legend")
        assert legend.is_visible() and "position approximative" in legend.inner_text()
        # The legend's approximate sample looks like the approximate marker (hollow, dashed).
        styles = page.evaluate(
            """() => [".map-marker--approximate", ".map-legend__marker--approximate", ".map-legend__marker:not(.map-legend__marker--approximate)"]
                .map(s => getComputedStyle(document.querySelector(s)).borderTopStyle)"""
        )
        assert styles == ["dashed", "dashed", "solid"]

        count = page.locator(".map-unlocated__count")
        assert count.inner_text() == "2\u00a0structures sans adresse précise, absentes de la carte\u00a0: voir la liste"
        count.get_by_role("link", name="voir la liste").click()
        page.wait_for_url("**#sans-adresse-precise")
        heading = page.locator("#sans-adresse-precise")
        assert heading.is_visible() and heading.evaluate("h => h.getBoundingClientRect().top") < 800
        listed = page.locator(".map-unlocated__list a")
        assert listed.all_inner_texts() == ["Zéphyr, coopérative sans adresse A", "Zéphyr, coopérative sans adresse B"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        axe_audit(page)

        # Open the approximate marker's bubble from the keyboard: it says so in words too.
        page.locator(".map-marker-wrapper", has=approximate).focus()
        page.keyboard.press("Enter")
        bubble = page.locator(".leaflet-popup")
        bubble.wait_for()
        assert "Position approximative" in bubble.inner_text()
    finally:
        context.close()

"""The directory finder in a real browser: near me, facets that keep focus, the map by keyboard, axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _EXTRA_SETUP

pytestmark = pytest.mark.browser


def _finder_organisations():
    from directory.models import Organisation
    from tests.helpers.directory import make_finder_directory, make_organisation

    if not Organisation.objects.filter(name="Atelier vélo du Merlan").exists():
        make_finder_directory()
        # Enough for a second page of results, far in the south (13008), away from the other tests.
        for n in range(1, 21):
            make_organisation(f"Structure exemple du 8e n° {n}", "13008", north_m=n * 40)


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


@pytest.mark.parametrize("path", ["/annuaire/", "/annuaire/carte/"])
@pytest.mark.parametrize("link", ["Aller au contenu", "Aller au menu", "Aller à la recherche"])
def test_skip_links_move_the_focus_without_reloading_the_page(page, site_url, path, link):
    """RGAA 7.4 and 12.7: a skip link only changes the fragment; the finder must not reload for it."""
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    page.evaluate("window.__notReloaded = true")
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.textContent.trim()") != link:
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert page.evaluate("window.__notReloaded === true"), f"« {link} » a rechargé la page"
    page.keyboard.press("Tab")
    assert not page.evaluate("!!document.activeElement.closest('.skip-links')"), (
        "le focus est revenu aux liens d'évitement"
    )


def test_back_and_forward_still_restore_a_list_shown_in_place(page, site_url):
    page.goto(site_url + "/annuaire/")
    page.locator("#f-filiere-alimentation").check()
    page.wait_for_url("**filiere=alimentation**")
    page.go_back()
    expect(page.locator("#f-filiere-alimentation")).not_to_be_checked()
    assert "filiere" not in page.url


def test_page_numbers_are_named_page_n(page, site_url):
    """RGAA 6.1: a link named "2" says nothing out of context."""
    page.goto(site_url + "/annuaire/")
    nav = page.get_by_role("navigation", name="Pagination des résultats")
    expect(nav.get_by_role("link", name="Page 2", exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="Page suivante", exact=True)).to_be_visible()
    assert nav.get_by_role("link", name="2", exact=True).count() == 0
    nav.get_by_role("link", name="Page 2", exact=True).click()
    page.wait_for_url("**page=2**")
    nav = page.get_by_role("navigation", name="Pagination des résultats")
    expect(nav.get_by_role("link", name="Page précédente", exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="Page 1", exact=True)).to_be_visible()


def _active(page):
    return page.evaluate(
        "(() => { const el = document.activeElement; return el === document.body ? 'body' : (el.className || el.tagName) + ''; })()"
    )


def _open_map(page, site_url, query=""):
    page.goto(site_url + "/annuaire/carte/" + query)
    page.locator("[data-map][data-count]").wait_for(state="attached")
    page.locator(".map-marker-wrapper, .map-cluster-wrapper").first.wait_for()
    # fitBounds animates: wait until the icons stop moving (a slow machine may take a while).
    previous = None
    for _ in range(40):
        boxes = page.evaluate(
            "[...document.querySelectorAll('.leaflet-marker-pane [role=button]')].map(el => el.getBoundingClientRect().x)"
        )
        if boxes == previous and not page.locator(".leaflet-zoom-anim").count():
            return
        previous = boxes
        page.wait_for_timeout(250)


def test_space_opens_a_marker_and_closing_the_bubble_gives_the_focus_back(page, site_url):
    """RGAA 7.1, 7.3, 12.8: Space activates a role=button marker; Escape or « Fermer la bulle » go back to it."""
    _open_map(page, site_url, "?q=velo")
    marker = page.locator(".map-marker-wrapper").first
    marker.focus()
    scroll = page.evaluate("window.scrollY")
    page.keyboard.press("Space")
    expect(page.locator(".leaflet-popup")).to_have_count(1)
    assert page.evaluate("window.scrollY") == scroll, "Espace a fait défiler la page"
    assert page.evaluate("document.activeElement.textContent") == "Atelier vélo du Merlan"

    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    assert marker.evaluate("el => el === document.activeElement"), f"focus sur {_active(page)} après Échap"

    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup")).to_have_count(1)
    page.keyboard.press("Tab")
    close = page.get_by_role("button", name="Fermer la bulle")
    assert close.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    assert marker.evaluate("el => el === document.activeElement"), (
        f"focus sur {_active(page)} après « Fermer la bulle »"
    )

    page.keyboard.press("Space")
    expect(page.locator(".leaflet-popup")).to_have_count(1)
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # « Fermer la bulle » by Space too
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    assert marker.evaluate("el => el === document.activeElement")


def test_tab_from_a_bubble_goes_on_to_the_next_marker(page, site_url):
    _open_map(page, site_url)
    icons = ".leaflet-marker-pane [role=button]"
    markers = page.locator(".leaflet-marker-pane .map-marker-wrapper")
    while markers.count() < 2 or page.locator(icons).count() < 3:  # open clusters until markers show
        page.locator(".map-cluster-wrapper").first.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(800)
    opener = markers.first
    opener_index = opener.evaluate(f"el => [...document.querySelectorAll('{icons}')].indexOf(el)")
    total = page.locator(icons).count()
    opener.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup")).to_have_count(1)
    page.keyboard.press("Tab")  # the bubble's close button
    page.keyboard.press("Tab")
    if opener_index + 1 < total:
        index = page.evaluate(f"[...document.querySelectorAll('{icons}')].indexOf(document.activeElement)")
        assert index == opener_index + 1, f"Tab depuis la bulle mène à {_active(page)}, pas au repère suivant"
    else:
        assert page.evaluate("!!document.activeElement.closest('.leaflet-control-zoom')")
    page.keyboard.press("Shift+Tab")
    assert opener.evaluate("el => el === document.activeElement"), "Maj+Tab ne revient pas au repère précédent"


def test_space_activates_clusters_and_zoom_controls(page, site_url):
    _open_map(page, site_url)
    cluster = page.locator(".map-cluster-wrapper").first
    scroll = page.evaluate("window.scrollY")
    if cluster.count():
        cluster.focus()
        page.keyboard.press("Space")
        page.wait_for_timeout(1000)
        assert page.evaluate("window.scrollY") == scroll
        assert page.evaluate("!!document.activeElement.closest('.leaflet-marker-pane')"), (
            f"focus sur {_active(page)} après l'ouverture d'un groupe"
        )
    zoom_in = page.get_by_role("button", name="Zoom avant")
    before = page.locator(".leaflet-marker-pane [role=button]").first.bounding_box()
    zoom_in.focus()
    page.keyboard.press("Space")
    page.wait_for_timeout(800)
    assert page.evaluate("window.scrollY") == scroll, "Espace a fait défiler la page"
    after = page.locator(".leaflet-marker-pane [role=button]").first.bounding_box()
    assert before != after, "Espace sur « Zoom avant » n'a pas zoomé"

"""Editorial pages in a real browser: accessibility audit, skip link, small screens."""

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/feuille-de-route/",
    "/qu-est-ce-que-l-ess/",
    "/mentions-legales/",
    "/accessibilite/",
    "/plan-du-site/",
    "/etre-accompagne/",
    "/donnees-ouvertes/",
]


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(page, site_url, axe_audit, path):
    response = page.goto(site_url + path)
    assert response.status == 200
    axe_audit(page)


@pytest.mark.parametrize("path", ["/", "/feuille-de-route/"])
def test_skip_link_moves_focus_to_the_main_content(page, site_url, path):
    page.goto(site_url + path)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-links a").first
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_at_360_px(browser, site_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    page.goto(site_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0, f"{path} déborde de {overflow} px à 360 px de large"


def test_menu_collapses_behind_a_button_on_phones(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    page.goto(site_url + "/")
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("link", name="Feuille de route ESS 2023-2030").first.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#main-nav-list").get_by_role("link", name="Feuille de route ESS 2023-2030").is_visible()
    context.close()


def test_no_console_errors_and_no_third_party_requests(page, site_url):
    errors, foreign = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda req: foreign.append(req.url) if not req.url.startswith(site_url) else None)
    page.goto(site_url + "/feuille-de-route/")
    page.wait_for_load_state("networkidle")
    assert errors == []
    assert foreign == []

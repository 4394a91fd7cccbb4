"""News in a real browser: accessibility of the list and of an article, filters by keyboard."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path", ["/actualites/", "/actualites/partenariat-france-active/", "/actualites/?categorie=quartiers"]
)
def test_axe_finds_no_violation_on_news(page, site_url, axe_audit, path):
    response = page.goto(site_url + path)
    assert response.status == 200
    axe_audit(page)


def test_a_category_filter_is_a_link_reachable_by_keyboard(page, site_url):
    page.goto(site_url + "/actualites/")
    link = page.get_by_role("link", name="Quartiers")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/actualites/?categorie=quartiers")
    assert page.get_by_role("link", name="Quartiers").get_attribute("aria-current") == "page"
    assert page.get_by_role(
        "heading", name="La Régie de quartier Noailles-Belsunce, une réponse au chômage dans l'hypercentre"
    ).is_visible()


def test_news_list_does_not_scroll_sideways_on_phones(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    page.goto(site_url + "/actualites/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0

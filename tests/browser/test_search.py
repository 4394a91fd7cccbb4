"""Site search in a real browser: the suggestions combobox by keyboard, without JavaScript, and axe."""

import pytest

from tests.browser.conftest import _EXTRA_SETUP

pytestmark = pytest.mark.browser

ORGANISATIONS = ["Coopérative Lumière du Panier", "Coopérative Vélo de la Belle de Mai", "Coopérative Pain et Partage"]


def add_search_organisations():
    from directory.models import Organisation

    for name in ORGANISATIONS:
        Organisation.objects.get_or_create(
            name=name, defaults={"short_description": "Une coopérative marseillaise.", "arrondissement": 3}
        )


_EXTRA_SETUP.append(add_search_organisations)


def target_url(title):
    from directory.models import Organisation

    organisation = Organisation.objects.filter(name=title).first()
    if organisation:
        return f"/annuaire/{organisation.slug}/"
    from wagtail.models import Page

    return Page.objects.get(title=title).url


def open_suggestions(page, site_url, path="/", text="coopérative"):
    page.goto(site_url + path)
    search_input = page.locator("#site-search-q")
    search_input.fill("")
    search_input.press_sequentially(text, delay=20)
    listbox = page.locator("#" + search_input.get_attribute("aria-controls"))
    listbox.wait_for(state="visible")
    assert listbox.get_attribute("role") == "listbox" and listbox.get_attribute("aria-label") == "Suggestions"
    return search_input, listbox


def test_suggestions_combobox_works_with_the_keyboard(page, site_url):
    search_input, listbox = open_suggestions(page, site_url)

    assert search_input.get_attribute("role") == "combobox"
    assert search_input.get_attribute("aria-expanded") == "true"
    assert search_input.get_attribute("aria-controls") == listbox.get_attribute("id")
    options = listbox.get_by_role("option")
    titles = options.all_inner_texts()
    assert any("Coopérative Lumière du Panier" in title for title in titles)
    assert 1 <= len(titles) <= 10

    search_input.press("ArrowDown")
    first = options.nth(0)
    assert first.get_attribute("aria-selected") == "true"
    assert search_input.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert search_input.evaluate("el => el === document.activeElement")  # focus stays in the input

    search_input.press("ArrowDown")
    assert options.nth(1).get_attribute("aria-selected") == "true"
    assert first.get_attribute("aria-selected") == "false"
    search_input.press("ArrowUp")
    assert first.get_attribute("aria-selected") == "true"

    search_input.press("Escape")
    assert listbox.is_hidden()
    assert search_input.get_attribute("aria-expanded") == "false"
    assert search_input.get_attribute("aria-activedescendant") is None
    assert search_input.input_value() == "coopérative"  # first Escape only closes the list

    search_input.press("ArrowDown")  # reopens
    assert listbox.is_visible()
    search_input.press("ArrowDown")
    target_title = options.nth(0).locator(".search-suggest__title").inner_text()
    with page.expect_navigation():
        search_input.press("Enter")
    assert page.url == site_url + target_url(target_title)


def test_enter_without_a_chosen_suggestion_submits_the_search(page, site_url):
    search_input, _listbox = open_suggestions(page, site_url)
    with page.expect_navigation():
        search_input.press("Enter")
    assert "/recherche/?q=coop%C3%A9rative" in page.url
    assert page.get_by_role("heading", name="Organisations").is_visible()


def test_search_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(site_url + "/")
    page.locator("#site-search-q").fill("coopérative vélo")
    page.get_by_role("button", name="Rechercher").first.click()
    page.wait_for_load_state()
    assert "/recherche/" in page.url
    assert page.get_by_role("link", name="Coopérative Vélo de la Belle de Mai").is_visible()
    assert page.locator("#site-search-q").get_attribute("role") is None  # no combobox without JS
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/recherche/?q=coop%C3%A9rative",
        "/recherche/?q=xylophone",
        "/recherche/",
        "/recherche/?q=coop%C3%A9rative&type=organisations",
    ],
)
def test_results_and_empty_pages_have_no_axe_violation(page, site_url, axe_audit, path):
    response = page.goto(site_url + path)
    assert response.status == 200
    axe_audit(page)


def test_open_suggestions_have_no_axe_violation(page, site_url, axe_audit):
    search_input, _listbox = open_suggestions(page, site_url, path="/recherche/?q=coop%C3%A9rative")
    search_input.press("ArrowDown")
    axe_audit(page)


def test_no_console_errors_nor_csp_violations_while_suggesting(page, site_url):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    search_input, _listbox = open_suggestions(page, site_url)
    search_input.press("ArrowDown")
    assert errors == []


def test_a_suggestion_opens_on_click_and_a_press_moved_away_opens_nothing(page, site_url):
    """RGAA 13.11: pressing the pointer on a suggestion does nothing until it is released over it."""
    search_input, listbox = open_suggestions(page, site_url)
    option = listbox.get_by_role("option").first
    box = option.bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.wait_for_timeout(300)
    assert page.url == site_url + "/", "la suggestion s'est ouverte à l'appui, avant le relâchement"
    page.mouse.move(box["x"] + 5, box["y"] - 200)  # away from the list, then released
    page.mouse.up()
    page.wait_for_timeout(300)
    assert page.url == site_url + "/"
    assert search_input.evaluate("el => el === document.activeElement")

    search_input.fill("")
    search_input.press_sequentially("coopérative", delay=20)
    listbox.wait_for(state="visible")
    option = listbox.get_by_role("option").first
    title = option.locator(".search-suggest__title").inner_text()
    with page.expect_navigation():
        option.click()
    assert page.url == site_url + target_url(title)

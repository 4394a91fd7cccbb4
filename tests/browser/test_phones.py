"""Phones and keyboards (issue 14): at 360 px the search box and the results come before the filters,
which wait behind « Filtrer (n) »; contacts come before the correction form; skip links, the Escape
key of the menu, the date fields' focus, the agenda's two lists (events, then each permanence once)."""

import re

import pytest
from playwright.sync_api import expect

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
WIDTHS = {"360": PHONE, "1280": DESKTOP}


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_(viewport, url):
        context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(url)
        return page

    yield open_
    for context in contexts:
        context.close()


def top(locator):
    box = locator.bounding_box()
    assert box, "élément invisible"
    return box["y"]


def first_organisation_url(page):
    return page.locator(".org-card__title a").first.get_attribute("href")


def test_finder_on_a_phone_shows_the_search_then_the_results_filters_behind_a_button(open_page, site_url, axe_audit):
    page = open_page(PHONE, site_url + "/annuaire/")
    toggle = page.get_by_role("button", name="Filtrer (0)")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#finder-facets")).to_be_hidden()
    search = page.get_by_label("Que cherchez-vous ?")
    first_result = page.locator(".org-card").first
    # The first result is less than a screen below the search box, before the (closed) filters.
    assert top(first_result) - top(search) < PHONE["height"]
    assert top(toggle) < top(first_result)
    axe_audit(page)

    # Opened, the filters stay open on the next page of the visit (a filter applied reloads it).
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    facets = page.locator("#finder-facets")
    expect(facets).to_be_visible()
    axe_audit(page)
    facets.locator("input[type=checkbox]").first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Appliquer les filtres").click()
    toggle = page.get_by_role("button", name="Filtrer (1)")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#finder-facets")).to_be_visible()
    # Closed, they stay closed.
    toggle.click()
    page.reload()
    expect(page.locator("#finder-facets")).to_be_hidden()
    expect(page.get_by_role("button", name="Filtrer (1)")).to_have_attribute("aria-expanded", "false")


def test_finder_on_a_wide_screen_shows_the_filters_beside_the_results(open_page, site_url, axe_audit):
    page = open_page(DESKTOP, site_url + "/annuaire/")
    expect(page.locator("[data-filter-toggle]")).to_be_hidden()
    facets = page.locator("#finder-facets")
    expect(facets).to_be_visible()
    assert facets.bounding_box()["x"] < page.locator(".org-card").first.bounding_box()["x"]
    axe_audit(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_search_without_results_says_so_once_and_offers_no_dead_ends(open_page, site_url, axe_audit, width):
    page = open_page(WIDTHS[width], site_url + "/annuaire/?q=zzqxwvyy")
    text = page.locator("main").inner_text()
    assert len(re.findall(r"[Aa]ucune organisation ne correspond", text)) == 1, text
    assert "Aucun filtre disponible" not in text
    expect(page.get_by_role("button", name="Appliquer les filtres")).to_have_count(0)
    expect(page.locator("[data-filter-toggle]")).to_have_count(0)
    expect(page.get_by_role("link", name="Voir les résultats sur une carte")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Télécharger ces résultats"))).to_have_count(0)
    expect(page.get_by_role("link", name="Voir tout l'annuaire")).to_be_visible()
    axe_audit(page)


def test_organisation_page_on_a_phone_shows_the_contacts_before_the_correction_form(open_page, site_url, axe_audit):
    listing = open_page(DESKTOP, site_url + "/annuaire/")
    url = site_url + first_organisation_url(listing)
    page = open_page(PHONE, url)
    main = page.get_by_role("main")
    contacts = main.get_by_role("heading", name="Contact", exact=True)
    hours = main.get_by_role("heading", name="Horaires", exact=True)
    address = main.get_by_role("heading", name="Adresse", exact=True)
    correction = main.get_by_role("heading", name="Signaler une erreur")
    assert top(address) < top(hours) < top(contacts) < top(correction)
    axe_audit(page)
    # On a wide screen the contacts sit beside the page's text, the form under it.
    page = open_page(DESKTOP, url)
    contacts = page.get_by_role("main").get_by_role("heading", name="Contact", exact=True)
    correction = page.get_by_role("main").get_by_role("heading", name="Signaler une erreur")
    assert contacts.bounding_box()["x"] > correction.bounding_box()["x"] + 300
    axe_audit(page)


@pytest.mark.parametrize("path, target", [("/annuaire/", ".org-card__title a"), ("/agenda/", ".agenda-item__title a")])
@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_reaches_the_first_result_in_a_few_presses(open_page, site_url, path, target, width):
    page = open_page(WIDTHS[width], site_url + path)
    presses = 0
    for _ in range(5):
        page.keyboard.press("Tab")
        presses += 1
        if page.evaluate("document.activeElement.textContent.trim()") == "Aller aux résultats":
            break
    else:
        raise AssertionError("pas de lien « Aller aux résultats »")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    presses += 2
    assert page.evaluate(f"document.activeElement === document.querySelector('{target}')")
    assert presses <= 5


def test_escape_closes_the_phone_menu_and_gives_the_focus_back(open_page, site_url):
    page = open_page(PHONE, site_url + "/")
    menu = page.get_by_role("button", name="Menu")
    links = page.locator("#main-nav-list")
    expect(links).to_be_hidden()
    menu.click()
    expect(links).to_be_visible()
    links.get_by_role("link").first.focus()
    page.keyboard.press("Escape")
    expect(links).to_be_hidden()
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")


def test_agenda_on_a_phone_shows_the_results_before_the_filters(open_page, site_url, axe_audit):
    page = open_page(PHONE, site_url + "/agenda/")
    toggle = page.get_by_role("button", name="Filtrer (0)")
    expect(toggle).to_be_visible()
    expect(page.get_by_label("Type")).to_be_hidden()
    first = page.locator(".agenda-item").first
    assert top(first) - top(toggle) < PHONE["height"] / 2
    axe_audit(page)
    toggle.click()
    expect(page.get_by_label("Type")).to_be_visible()
    # The checkboxes sit beside their labels, on the same line.
    for name in ("Gratuit uniquement", "En ligne"):
        box = page.get_by_role("checkbox", name=name).bounding_box()
        label = page.locator("label", has_text=name).bounding_box()
        assert box["x"] + box["width"] <= label["x"], name
        middle = box["y"] + box["height"] / 2
        assert label["y"] <= middle <= label["y"] + label["height"], name
    axe_audit(page)
    page.get_by_label("Type").select_option("permanence")
    with page.expect_navigation():
        page.get_by_role("button", name="Filtrer", exact=True).click()
    expect(page.get_by_role("button", name="Filtrer (1)")).to_have_attribute("aria-expanded", "true")


def test_the_calendar_button_of_a_date_field_shows_the_focus(open_page, site_url):
    page = open_page(DESKTOP, site_url + "/agenda/")
    page.get_by_label("Du").focus()
    # The day, the month, the year, then the calendar button: each stop is outlined.
    stops = []
    for _ in range(5):
        state = page.evaluate("[document.activeElement.id, getComputedStyle(document.activeElement).outlineStyle]")
        stops.append(state)
        page.keyboard.press("Tab")
    inside = [style for element, style in stops if element == "filtre-du"]
    assert len(inside) >= 4, stops
    assert "none" not in inside, stops


@pytest.mark.parametrize("width", WIDTHS)
def test_agenda_lists_events_then_each_permanence_once(open_page, site_url, axe_audit, width):
    page = open_page(WIDTHS[width], site_url + "/agenda/")
    events = page.get_by_role("region", name=re.compile(r"^Événements \(\d+\)$"))
    permanences = page.get_by_role("region", name=re.compile(r"^Permanences \(\d+\)$"))
    expect(events).to_be_visible()
    expect(permanences).to_be_visible()
    count = int(re.search(r"\((\d+)\)", permanences.get_by_role("heading", level=2).inner_text()).group(1))
    titles = permanences.locator(".agenda-item__title").all_inner_texts()
    assert count and len(titles) == min(count, 10) and len(set(titles)) == len(titles)
    assert all(text.startswith("Chaque ") for text in permanences.locator(".agenda-item__time").all_inner_texts())
    assert permanences.get_by_text(re.compile(r"^Prochaine date\s: ")).count() == len(titles)
    # No permanence among the events.
    assert not {t.strip() for t in titles} & {
        t.strip() for t in events.locator(".agenda-item__title").all_inner_texts()
    }
    axe_audit(page)


def test_home_page_lists_each_event_once(open_page, site_url, axe_audit):
    page = open_page(PHONE, site_url + "/")
    section = page.get_by_role("region", name="Prochains rendez-vous")
    titles = section.locator(".card__title").all_inner_texts()
    assert titles and len(set(titles)) == len(titles)
    axe_audit(page)

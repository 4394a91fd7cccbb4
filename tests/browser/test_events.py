"""Agenda in a real browser: accessibility of every view, keyboard use of the month grid, filters."""

import re
from datetime import date

import pytest

pytestmark = pytest.mark.browser

TODAY = date.today()
THIS_MONTH = f"/agenda/calendrier/{TODAY.year}/{TODAY.month:02d}/"
AGENDA_PAGES = [
    "/agenda/",
    "/agenda/permanences/",
    THIS_MONTH,
    "/agenda/permanence-information-france-active/",
    "/agenda/archives/",
    "/agenda/?type=concert&du=hier",
]


@pytest.mark.parametrize("path", AGENDA_PAGES)
def test_axe_finds_no_violation_on_the_agenda(page, site_url, axe_audit, path):
    response = page.goto(site_url + path)
    assert response.status == 200
    axe_audit(page)


def test_month_view_is_usable_with_the_keyboard(page, site_url):
    page.goto(site_url + THIS_MONTH)
    table = page.get_by_role("table")
    assert table.locator("caption").is_visible()
    assert table.get_by_role("columnheader").count() == 7
    # Tab from the top of the page reaches the month navigation, then the events of the grid, in reading order.
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "(() => { const el = document.activeElement; return [el.getAttribute('rel') || '', !!el.closest('table'), getComputedStyle(el).outlineStyle]; })()"
            )
        )
        if reached[-1][1]:
            break
    assert any(rel == "next" for rel, _, _ in reached), "le lien « mois suivant » n'est pas atteint au clavier"
    assert reached[-1][1], "aucun rendez-vous de la grille n'est atteint au clavier"
    assert reached[-1][2] != "none", "le focus n'est pas visible"
    # Enter on the focused event opens it.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/agenda/" in page.url and "/calendrier/" not in page.url
    # Back in the grid, "next month" works from the keyboard.
    page.goto(site_url + THIS_MONTH)
    page.locator('a[rel="next"]').focus()
    page.keyboard.press("Enter")
    following = date(TODAY.year + TODAY.month // 12, TODAY.month % 12 + 1, 1)
    page.wait_for_url(f"**/agenda/calendrier/{following.year}/{following.month:02d}/")


def test_filtering_the_agenda_with_the_form(page, site_url):
    page.goto(site_url + "/agenda/")
    page.get_by_label("Type").select_option("permanence")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**/agenda/?*type=permanence*")
    titles = page.locator(".agenda-item__title").all_inner_texts()
    assert titles and all("Permanence" in title for title in titles)


def test_event_page_offers_the_calendar_file(page, site_url):
    page.goto(site_url + "/agenda/permanence-interlocuteur-ess-ville/")
    link = page.get_by_role("link", name=re.compile(r"^Ajouter à mon agenda \(fichier iCal, \d+\s(octets|ko)\)$"))
    assert link.get_attribute("href") == "/agenda/permanence-interlocuteur-ess-ville/ics/"


@pytest.mark.parametrize("path", ["/agenda/", THIS_MONTH, "/agenda/permanences/"])
def test_agenda_does_not_scroll_sideways_on_phones(browser, site_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    page.goto(site_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0

"""The demonstration banner and « exemple » marks in a real browser: visible, readable, accessible."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/agenda/permanences/", "/agenda/permanence-information-france-active/"])
def test_demo_banner_and_example_marks_pass_axe(page, site_url, axe_audit, path):
    response = page.goto(site_url + path)
    assert response.status == 200
    banner = page.get_by_role("region", name="Site de démonstration")
    assert banner.is_visible()
    assert "Site de démonstration." in banner.inner_text()
    marks = page.locator(".example-mark")
    assert marks.count() >= 1 and marks.first.is_visible()
    axe_audit(page)


def test_open_data_page_lists_every_export_with_its_licence(page, site_url, axe_audit):
    page.goto(site_url + "/donnees-ouvertes/")
    headings = page.locator("section.open-data h2").all_inner_texts()
    assert len(headings) == 7
    assert page.get_by_text("Licence Ouverte / Open Licence version 2.0 (Etalab)").count() >= 7
    page.get_by_text("Colonnes du fichier CSV").click()
    assert page.get_by_role("rowheader", name="identifiant").is_visible()
    axe_audit(page)


def test_footer_and_directory_link_to_open_data(page, site_url):
    page.goto(site_url + "/annuaire/")
    assert (
        page.get_by_role("link", name="Données ouvertes : tous les formats").get_attribute("href")
        == "/donnees-ouvertes/"
    )
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name="Données ouvertes").click()
    page.wait_for_url("**/donnees-ouvertes/")

"""The directory import in a real browser: a partner's file with a column we do not know goes through
the column-mapping step (the file is not asked again), then the dry-run report; the documented
columns page; axe on each (#15)."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 360, "height": 740}])
def test_an_unknown_column_is_mapped_then_checked(admin_page, site_url, axe_audit, viewport, tmp_path):
    page = admin_page(viewport)
    page.goto(site_url + "/admin/annuaire/import/")
    page.get_by_role("link", name="Colonnes du fichier d'import").click()
    page.wait_for_url("**/colonnes-documentees/")
    assert page.locator("tr", has_text="code_postal").locator("code", has_text="post_code").count() == 1
    axe_audit(page)

    page.goto(site_url + "/admin/annuaire/import/")
    partner = tmp_path / "partenaire.csv"
    partner.write_text("Libellé,post_code,Réf. interne\nAtelier témoin de l'import,13014,A-17\n", encoding="utf-8")
    page.locator('input[type="file"]').set_input_files(str(partner))
    with page.expect_navigation():
        page.get_by_role("button", name="Vérifier le fichier").click()
    assert page.url.endswith("/admin/annuaire/import/colonnes/")
    assert page.get_by_label("Colonne « Libellé »").input_value() == ""
    assert page.get_by_label("Colonne « post_code »").input_value() == "code_postal"
    axe_audit(page)
    page.get_by_label("Colonne « Libellé »").select_option("nom")
    page.get_by_label("Colonne « Réf. interne »").select_option("id_source")
    with page.expect_navigation():
        page.get_by_role("button", name="Vérifier le fichier avec ces colonnes").click()
    report = page.locator("#import-report-title").locator("xpath=..")
    assert "Créées\u00a0: 1" in report.inner_text()
    assert page.get_by_role("button", name="Confirmer l'import").is_visible()
    axe_audit(page)

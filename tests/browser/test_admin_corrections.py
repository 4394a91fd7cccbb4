"""A correction request as a moderator meets it in the admin: the request beside the entry's current
values, links to the entry, closed with a note; axe finds nothing on the form or the listing."""

import pytest
from playwright.sync_api import expect

from . import conftest


def _create_correction():
    from directory.models import CorrectionRequest, Organisation

    organisation = Organisation.objects.filter(live=True, synthetic=False).order_by("pk").first()
    CorrectionRequest.objects.create(
        organisation=organisation,
        organisation_name=organisation.name,
        message="Navigateur : les horaires du samedi ont changé.",
    )


conftest._EXTRA_SETUP.append(_create_correction)


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 360, "height": 740}])
def test_a_moderator_reads_the_request_beside_the_entry_and_closes_it(admin_page, site_url, axe_audit, viewport):
    from directory.models import CorrectionRequest

    correction = CorrectionRequest.objects.get(message__startswith="Navigateur :")
    page = admin_page(viewport)
    page.goto(site_url + "/admin/snippets/directory/correctionrequest/")
    row = page.locator("tr").filter(has_text=correction.organisation_name)
    expect(row.get_by_role("link", name="Modifier la fiche")).to_be_visible()
    expect(row.get_by_role("link", name="Voir la page publique")).to_have_attribute(
        "href", correction.organisation.get_absolute_url()
    )
    axe_audit(page)

    page.goto(site_url + f"/admin/snippets/directory/correctionrequest/edit/{correction.pk}/")
    context = page.locator(".directory-correction-context")
    expect(context.get_by_role("row", name="Demande")).to_contain_text("les horaires du samedi ont changé")
    expect(context.get_by_role("row", name="Horaires d'ouverture (actuel)")).to_be_visible()
    expect(context.get_by_role("link", name="Modifier la fiche")).to_be_visible()
    axe_audit(page)

    page.get_by_role("combobox", name="Statut").select_option("traitee")
    page.get_by_role("textbox", name="Note de la rédaction").fill("Horaires du samedi corrigés.")
    page.get_by_role("button", name="Enregistrer").first.click()
    expect(page.get_by_text("est marqué comme traité")).to_be_visible()
    correction.refresh_from_db()
    assert correction.status == "traitee" and correction.editor_note == "Horaires du samedi corrigés."

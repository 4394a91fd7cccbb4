"""The organisation form's opening hours as an editor meets them (issue 14): Tuesday 9 h–12 h and
14 h–17 h, Thursday by appointment, set day by day; the stored value is valid OpenStreetMap and the
public page shows those hours; axe finds nothing on the form."""

import opening_hours
import pytest
from playwright.sync_api import expect

from . import conftest

NAME = "Navigateur : atelier des horaires"
WIDTHS = {"1280": {"width": 1280, "height": 900}, "360": {"width": 360, "height": 740}}


def _create_organisation():
    from directory.models import Organisation
    from tests.helpers.directory import make_organisation

    for width in WIDTHS:
        if not Organisation.objects.filter(name=f"{NAME} {width}").exists():
            make_organisation(f"{NAME} {width}", "13001", opening_hours="", live=True)


conftest._EXTRA_SETUP.append(_create_organisation)


def set_week(page):
    """Tuesday 9 h–12 h and 14 h–17 h, Thursday by appointment: the editor's choices, counted."""
    week = page.locator("[data-ess-hours]")
    steps = 0
    week.get_by_role("combobox", name="Mardi").select_option(label="Horaires")
    steps += 1
    for label, value in [
        ("Mardi, plage 1, de", "09:00"),
        ("Mardi, plage 1, à", "12:00"),
        ("Mardi, plage 2, de", "14:00"),
        ("Mardi, plage 2, à", "17:00"),
    ]:
        week.get_by_label(label, exact=True).fill(value)
        steps += 1
    week.get_by_role("combobox", name="Jeudi").select_option(label="Sur rendez-vous")
    steps += 1
    return steps


@pytest.mark.parametrize("width", WIDTHS)
def test_an_editor_sets_the_week_day_by_day_and_the_public_page_shows_it(admin_page, site_url, axe_audit, width):
    from directory.models import Organisation

    organisation = Organisation.objects.get(name=f"{NAME} {width}")
    page = admin_page(WIDTHS[width])
    page.goto(site_url + f"/admin/directory/organisation/edit/{organisation.pk}/")
    page.get_by_role("tab", name="Horaires et accessibilité").click()
    week = page.locator("[data-ess-hours]")
    # Day by day is the choice; the raw expression waits behind « Saisie avancée ».
    expect(week.get_by_role("radio", name="Jour par jour")).to_be_checked()
    expect(page.locator("#id_opening_hours")).to_be_hidden()
    # Ranges show only for days with « Horaires ».
    expect(week.get_by_label("Lundi, plage 1, de", exact=True)).to_be_hidden()
    axe_audit(page)

    assert set_week(page) == 6
    page.get_by_role("button", name="Plus d'actions").first.click()
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_text("a été enregistrée et publiée")).to_be_visible()

    stored = Organisation.objects.get(pk=organisation.pk).opening_hours
    assert stored == 'Tu 09:00-12:00,14:00-17:00; Th off "sur rendez-vous"'
    assert opening_hours.validate(stored)

    page.goto(site_url + organisation.get_absolute_url())
    hours = page.get_by_text("Le mardi de 9\u00a0h à 12\u00a0h et de 14\u00a0h à 17\u00a0h")
    expect(hours).to_be_visible()
    expect(page.get_by_text("Le jeudi sur rendez-vous")).to_be_visible()

    # Back in the form, the stored week is shown day by day; « Saisie avancée » shows the expression.
    page.goto(site_url + f"/admin/directory/organisation/edit/{organisation.pk}/")
    page.get_by_role("tab", name="Horaires et accessibilité").click()
    expect(week.get_by_role("combobox", name="Jeudi")).to_have_value("rendez-vous")
    expect(week.get_by_label("Mardi, plage 2, à", exact=True)).to_have_value("17:00")
    week.get_by_role("radio", name="Saisie avancée").check()
    expect(page.locator("#id_opening_hours")).to_have_value(stored)

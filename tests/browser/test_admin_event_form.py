"""The event form as an editor meets it (issue 14): the repetition choices name the actual day, the
next 5 dates show as the editor types, the help is printed once, the rest waits behind « avancé »."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

# Wagtail's toggle of the collapsed « Répétition, avancé » panel (named « Afficher/masquer la section »).
ADVANCED = 'button[data-panel-toggle][aria-describedby*="repetition_avance"]'
WIDTHS = {"1280": {"width": 1280, "height": 900}, "360": {"width": 360, "height": 740}}


def next_tuesday():
    today = timezone.localdate()
    return today + timedelta(days=(1 - today.weekday()) % 7 or 7)


@pytest.fixture
def event_form(admin_page, site_url):
    def open_(viewport):
        from agenda.models import EventIndexPage

        page = admin_page(viewport)
        page.goto(site_url + f"/admin/pages/add/events/eventpage/{EventIndexPage.objects.get().pk}/")
        return page

    return open_


@pytest.mark.parametrize("width", WIDTHS)
def test_a_weekly_permanence_in_one_choice_with_its_next_dates_live(event_form, axe_audit, width):
    page = event_form(WIDTHS[width])
    tuesday = next_tuesday()
    page.locator("#id_start_date").fill(tuesday.strftime("%d/%m/%Y"))
    page.locator("#id_start_time").fill("09:00")
    page.locator("#id_end_time").fill("12:00")
    page.keyboard.press("Escape")  # the time picker
    choice = page.locator("#id_recurrence")
    expect(choice.locator('option[value="hebdomadaire"]')).to_have_text("Chaque semaine, le mardi")
    rank = (tuesday.day - 1) // 7 + 1
    if rank <= 4:
        expect(choice.locator('option[value="mensuelle-rang"]')).to_have_text(
            f"Chaque mois, le {'1er' if rank == 1 else f'{rank}e'} mardi"
        )
    choice.select_option("hebdomadaire")
    preview = page.locator("[data-recurrence-preview] [role=status]")
    expect(preview.locator(".recurrence-preview__description")).to_have_text("Chaque mardi, de 9\u00a0h à 12\u00a0h")
    dates = preview.locator(".recurrence-preview__dates li")
    expect(dates).to_have_count(5)
    assert all(text.startswith("mardi ") for text in dates.all_inner_texts())
    # An end after three sessions: the preview follows.
    page.locator("#id_recurrence_count").fill("3")
    expect(dates).to_have_count(3)
    # The help is printed once; the interval and the custom rule wait behind « avancé ».
    expect(
        page.get_by_text(re.compile("^Une permanence qui revient régulièrement se saisit une seule fois"))
    ).to_have_count(1)
    expect(page.locator("#id_recurrence_rule")).to_be_hidden()
    # Wagtail's date picker stays open after its field; on a phone it used to lie over the toggle
    # (static/css/admin.css hides it once no field has focus): the editor taps the toggle at once.
    if width == "360":
        expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    page.locator(ADVANCED).click(no_wait_after=True, timeout=5_000)
    expect(page.locator("#id_recurrence_rule")).to_be_visible()
    expect(page.locator("#id_recurrence_interval")).to_be_visible()
    # The interval field is as wide as the form's other fields (it was squeezed into ~90 px).
    assert page.locator("#id_recurrence_interval").bounding_box()["width"] > 200
    axe_audit(page)


def test_a_rule_that_gives_no_date_is_explained_in_the_preview(event_form):
    page = event_form(WIDTHS["1280"])
    page.locator("#id_start_date").fill(next_tuesday().strftime("%d/%m/%Y"))
    page.locator(ADVANCED).click()
    page.locator("#id_recurrence").select_option("personnalisee")
    page.locator("#id_recurrence_rule").fill("FREQ=HOURLY")
    expect(page.locator(".recurrence-preview__error")).to_contain_text("La règle doit commencer par FREQ=")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_weekly_permanence_from_a_common_case_in_one_choice(event_form, axe_audit, width):
    page = event_form(WIDTHS[width])
    steps = 0
    page.get_by_label("Cas courant, en un choix").select_option(
        label="Chaque semaine, le mardi, de 9\u00a0h à 12\u00a0h"
    )
    steps += 1
    # The date of the first session, its times and the repetition are filled together (they took
    # four fields, two pickers and a choice: the issue counted 21 clicks for the whole permanence).
    tuesday = next_tuesday()
    expect(page.locator("#id_start_date")).to_have_value(tuesday.strftime("%d/%m/%Y"))
    expect(page.locator("#id_start_time")).to_have_value("09:00")
    expect(page.locator("#id_end_time")).to_have_value("12:00")
    expect(page.locator("#id_recurrence")).to_have_value("hebdomadaire")
    preview = page.locator("[data-recurrence-preview] [role=status]")
    expect(preview.locator(".recurrence-preview__description")).to_have_text("Chaque mardi, de 9\u00a0h à 12\u00a0h")
    dates = preview.locator(".recurrence-preview__dates li")
    expect(dates).to_have_count(5)
    assert all(text.startswith("mardi ") for text in dates.all_inner_texts())
    assert steps == 1
    axe_audit(page)


def test_the_second_tuesday_of_the_month_in_one_choice(event_form):
    page = event_form(WIDTHS["1280"])
    page.get_by_label("Cas courant, en un choix").select_option(label="Le 2e mardi du mois, de 14\u00a0h à 17\u00a0h")
    expect(page.locator("#id_recurrence")).to_have_value("mensuelle-rang")
    expect(page.locator("#id_start_time")).to_have_value("14:00")
    dates = page.locator("[data-recurrence-preview] [role=status] .recurrence-preview__dates li")
    expect(dates).to_have_count(5)
    for text in dates.all_inner_texts():
        day = int(text.split()[1].replace("er", ""))
        assert text.startswith("mardi ") and 8 <= day <= 14, text

"""Contributions in a real browser (issue 16): an organisation updates its entry from the link it received,
through an error and its correction, to the thanks; a visitor proposes a structure; axe on each step."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _EXTRA_SETUP

pytestmark = pytest.mark.browser

LINKS = {}


def _organisation_with_links():
    from directory.finder import update_links
    from directory.models import Organisation
    from tests.helpers.directory import make_organisation

    if Organisation.objects.filter(name="Atelier exemple à mettre à jour").exists():
        return
    organisation = make_organisation(
        "Atelier exemple à mettre à jour",
        "13002",
        email="atelier@example.org",
        opening_hours="Mo-Fr 09:00-17:00",
        services=["conseil-juridique"],
    )
    LINKS["walk"] = update_links.update_path(update_links.send_update_link(organisation))
    LINKS["page"] = organisation.get_absolute_url()


_EXTRA_SETUP.append(_organisation_with_links)


def test_the_update_link_offer_on_the_organisation_page(page, site_url, axe_audit):
    page.goto(site_url + LINKS["page"])
    section = page.locator(".organisation__update")
    expect(section).to_contain_text("uniquement à l'adresse de courriel déjà indiquée sur la fiche")
    axe_audit(page)
    with page.expect_navigation():
        section.get_by_role("button", name="Recevoir le lien par courriel").click()
    expect(page.locator("h1")).to_have_text("Un lien de mise à jour a été envoyé")
    assert "atelier@example.org" not in page.content()
    axe_audit(page)


def test_an_organisation_walks_its_update_form(page, site_url, axe_audit):
    from directory.models import ProposedChange

    page.goto(site_url + LINKS["walk"])
    expect(page.locator("h1")).to_have_text("Mettre à jour la fiche : Atelier exemple à mettre à jour")
    hours = page.get_by_label("Horaires d'ouverture")
    expect(hours).to_have_value("Du lundi au vendredi de 9\u00a0h à 17\u00a0h")
    axe_audit(page)

    hours.fill("du lundi au jeudi de 9 h à 12 h 30 et de 14 h à 17 h\nle vendredi de 9 h à midi")
    page.get_by_label("Code postal").fill("1300")
    page.get_by_label("Accompagnement à la création", exact=True).check()
    # It describes the service it adds: the service's group opens, its cost is chosen.
    page.locator("details.service-sheet summary", has_text="Accompagnement à la création").click()
    page.get_by_label("Coût (Accompagnement à la création)", exact=True).select_option("gratuit")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer les modifications").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("code postal de 5 chiffres")
    assert page.get_by_label("Horaires d'ouverture").input_value().startswith("du lundi au jeudi")  # kept
    axe_audit(page)

    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.name") == "postcode"
    page.keyboard.press("Control+A")
    page.keyboard.type("13002")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer les modifications").click()
    expect(page.locator("h1")).to_have_text("Merci, vos modifications sont bien arrivées")
    axe_audit(page)

    change = ProposedChange.objects.get(organisation__name="Atelier exemple à mettre à jour")
    assert change.proposed["opening_hours"] == "Mo-Th 09:00-12:30,14:00-17:00; Fr 09:00-12:00"
    assert change.changed_fields == ["opening_hours", "support_services", "service_sheets"]
    assert change.proposed["service_sheets"]["accompagnement-creation"]["cost"] == "gratuit"

    page.goto(site_url + LINKS["walk"])  # a link serves once
    expect(page.locator("h1")).to_have_text("Ce lien ne peut plus servir")
    axe_audit(page)


def test_a_visitor_proposes_a_structure(page, site_url, axe_audit):
    from directory.models import StructureProposal

    page.goto(site_url + "/annuaire/proposer/")
    axe_audit(page)
    page.get_by_label("Nom de la structure").fill("Épicerie exemple proposée")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer la proposition").click()
    expect(page.locator(".error-summary")).to_contain_text("Ce qu'elle fait")
    axe_audit(page)
    page.get_by_label("Ce qu'elle fait").fill("Épicerie solidaire et coopérative, produits locaux.")
    page.get_by_label("Je travaille avec elle (partenaire, réseau)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer la proposition").click()
    expect(page.locator("h1")).to_have_text("Merci, votre proposition est bien arrivée")
    axe_audit(page)
    assert StructureProposal.objects.filter(name="Épicerie exemple proposée").exists()


def test_the_alerts_form_and_its_errors(page, site_url, axe_audit):
    page.goto(site_url + "/alertes/")
    axe_audit(page)
    page.get_by_label("Votre courriel").fill("dominique@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="M'abonner").click()
    expect(page.locator(".error-summary")).to_contain_text("Choisissez au moins une alerte")
    axe_audit(page)
    page.get_by_label("Les nouvelles structures de l'annuaire").check()
    page.get_by_label("3e", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="M'abonner").click()
    expect(page.locator("h1")).to_have_text("Confirmez votre abonnement")
    axe_audit(page)

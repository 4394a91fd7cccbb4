"""Service sheets (like Dora's): each service an organisation offers is described (for whom,
conditions, cost, how to ask, area), edited in its admin form under moderation, shown on its page and
exported to data·inclusion; the services the finder filters on always follow the sheets."""

import json
from html import unescape

import pytest
from data_inclusion.schema import v1

from directory.exchange.importers import import_file
from directory.models import Organisation, ServiceSheet, SupportService
from tests.helpers.directory import admin_edit_data, make_organisation
from tests.helpers.users import member_of


def page_text(response):
    return unescape(response.content.decode()).replace("\u00a0", " ")


@pytest.fixture
def fabrique(demo_site):
    return make_organisation(
        "Fabrique coopérative du Panier",
        "13002",
        kind="structure-accompagnement",
        services=["financement", "formation"],
        short_description="Accompagne les projets coopératifs.",
    )


def sheet_form(organisation, sheets, **changes):
    """The admin form's POST for `organisation` with these sheets (dicts of field: value)."""
    data = admin_edit_data(
        organisation,
        **{
            "service_sheets-TOTAL_FORMS": str(len(sheets)),
            "service_sheets-INITIAL_FORMS": str(sum(1 for sheet in sheets if sheet.get("id"))),
        },
    )
    for n, sheet in enumerate(sheets):
        data.update(
            {f"service_sheets-{n}-ORDER": str(n + 1), f"service_sheets-{n}-DELETE": "", f"service_sheets-{n}-id": ""}
        )
        data.update({f"service_sheets-{n}-{name}": value for name, value in sheet.items()})
    data.update(changes)
    return data


def test_a_list_of_services_gets_undescribed_sheets_and_described_ones_keep_their_details(fabrique):
    sheets = {sheet.service.slug: sheet for sheet in fabrique.service_sheets.all()}
    assert set(sheets) == {"financement", "formation"}
    # Nothing is assumed: the cost stays « non renseigné » until someone says.
    assert all(sheet.cost == "" and sheet.get_cost_display() == "Non renseigné" for sheet in sheets.values())
    assert all(not sheet.is_described for sheet in sheets.values())

    sheets["financement"].cost = "gratuit"
    sheets["financement"].save()
    # An import or the update form writes only the list: « formation » goes, « financement » keeps its cost.
    fabrique.support_services.set(SupportService.objects.filter(slug__in=["financement", "conseil-juridique"]))
    fabrique.save()
    fabrique.refresh_from_db()
    after = {sheet.service.slug: sheet.cost for sheet in ServiceSheet.objects.filter(organisation=fabrique)}
    assert after == {"financement": "gratuit", "conseil-juridique": ""}


def test_an_import_gives_each_listed_service_a_sheet(demo_site, tmp_path):
    path = tmp_path / "annuaire.csv"
    path.write_text("nom;code_postal;services\nRessourcerie de la Joliette;13002;formation|financement\n")
    import_file(str(path))
    organisation = Organisation.objects.get(name="Ressourcerie de la Joliette")
    assert sorted(sheet.service.slug for sheet in organisation.service_sheets.all()) == ["financement", "formation"]
    assert sorted(organisation.support_services.values_list("slug", flat=True)) == ["financement", "formation"]


def test_moderation_publishes_sheets_from_the_admin_form_and_the_finder_follows(client, fabrique):
    redaction, moderation = member_of("Rédaction", "redaction"), member_of("Modération", "moderation")
    url = f"/admin/directory/organisation/edit/{fabrique.pk}/"
    legal = SupportService.objects.get(slug="conseil-juridique")
    sheet = {
        "id": "",
        "service": str(legal.pk),
        "audience_details": "Coopératives en création",
        "access_conditions": "Projet implanté à Marseille",
        "cost": "sur-devis",
        "cost_details": "",
        "mobilisation": ["rendez-vous", "orientation"],
        "mobilisation_details": "Le mardi matin",
        "mobilisation_url": "",
        "reception": ["en-presentiel"],
        "area": "arrondissements",
        "arrondissements": ["2", "3"],
    }
    # The two undescribed sheets are deleted in the form, the new one added.
    removed = [
        {"id": str(old.pk), "service": str(old.service_id), "DELETE": "1"} for old in fabrique.service_sheets.all()
    ]
    client.force_login(redaction)
    response = client.post(url, sheet_form(fabrique, [*removed, sheet]))
    assert response.status_code == 302, response.content.decode()[:3000]
    # A draft: the public entry still offers what it offered.
    assert sorted(fabrique.support_services.values_list("slug", flat=True)) == ["financement", "formation"]
    assert "Conseil juridique" not in page_text(client.get(fabrique.get_absolute_url()))

    client.force_login(moderation)
    response = client.post(url, sheet_form(fabrique, [*removed, sheet], **{"action-publish": "publish"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(fabrique.support_services.values_list("slug", flat=True)) == ["conseil-juridique"]
    published = ServiceSheet.objects.get(organisation=fabrique)
    assert published.mobilisation == ["rendez-vous", "orientation"] and published.arrondissements == ["2", "3"]

    client.logout()
    listed = page_text(client.get("/annuaire/", {"service": "conseil-juridique"}))
    assert "Fabrique coopérative du Panier" in listed
    page = page_text(client.get(fabrique.get_absolute_url()))
    assert "Services proposés" in page
    assert "Conditions d'accès" in page and "Projet implanté à Marseille" in page
    assert "Coût</dt><dd>Sur devis" in page
    assert "Sur rendez-vous, Sur orientation par un professionnel" in page and "Le mardi matin" in page
    assert "Zone couverte</dt><dd>2e, 3e" in page


def test_area_without_arrondissement_is_refused_in_french(client, fabrique):
    client.force_login(member_of("Modération", "moderation"))
    sheet = {"id": "", "service": str(SupportService.objects.get(slug="formation").pk), "area": "arrondissements"}
    response = client.post(f"/admin/directory/organisation/edit/{fabrique.pk}/", sheet_form(fabrique, [sheet]))
    assert response.status_code == 200
    assert "Cochez au moins un arrondissement" in unescape(response.content.decode())


def test_an_undescribed_sheet_says_non_renseigne_on_the_page(client, fabrique):
    page = page_text(client.get(fabrique.get_absolute_url()))
    assert page.count("Coût</dt><dd>Non renseigné") == 2
    assert "Zone couverte</dt><dd>Non renseignée" in page
    assert "Gratuit" not in page


@pytest.fixture
def described(fabrique):
    sheet = fabrique.service_sheets.get(service__slug="financement")
    sheet.cost, sheet.cost_details = "sur-devis", "selon le montant"
    sheet.access_conditions = "Association de plus d'un an"
    sheet.audience_details = "Associations"
    sheet.mobilisation = ["telephone", "formulaire", "orientation"]
    sheet.mobilisation_url = "https://example.org/demande"
    sheet.mobilisation_details = "Appelez le matin."
    sheet.reception = ["a-distance", "en-presentiel"]
    sheet.area, sheet.arrondissements = "arrondissements", ["2", "14"]
    sheet.save()
    return fabrique


def test_data_inclusion_services_export_fills_the_sheets_fields(client, described):
    response = client.get("/annuaire/export/data-inclusion/services.json")
    services = json.loads(b"".join(response.streaming_content))
    mine = {s["nom"]: s for s in services if s["structure_id"].endswith(described.slug)}
    assert set(mine) == {"Financement", "Formation"}
    financing = mine["Financement"]
    v1.Service.model_validate(financing)
    assert financing["frais"] == "payant" and financing["frais_precisions"] == "Sur devis; selon le montant"
    assert financing["conditions_acces"] == "Association de plus d'un an"
    assert financing["publics_precisions"] == "Associations"
    assert financing["modes_mobilisation"] == ["telephoner", "utiliser-lien-mobilisation"]
    assert financing["mobilisable_par"] == ["usagers", "professionnels"]
    assert financing["lien_mobilisation"] == "https://example.org/demande"
    assert financing["modes_accueil"] == ["a-distance", "en-presentiel"]
    assert financing["zone_eligibilite"] == ["13202", "13214"]
    # The undescribed one says nothing it does not know.
    training = mine["Formation"]
    assert training["frais"] is None and training["zone_eligibilite"] is None and training["modes_mobilisation"] is None


def test_api_services_carry_the_sheets(client, described):
    records = client.get("/api/v1/services/", {"q": "Fabrique coopérative"}).json()["results"]
    financing = next(r for r in records if r["service"]["slug"] == "financement")
    assert financing["frais"] == "payant" and financing["conditions_acces"] == "Association de plus d'un an"
    assert financing["zone_eligibilite"] == ["13202", "13214"]
    assert financing["mobilisation_precisions"] == "Appelez le matin."


def test_the_demo_states_only_what_the_programme_says(demo_site):
    france_active = Organisation.objects.get(source_id="france-active-paca")
    sheets = {sheet.service.slug: sheet for sheet in france_active.service_sheets.all()}
    assert "relais de trésorerie" in sheets["financement"].audience_details
    # Never a cost, a condition or a way to ask that the programme does not give.
    for sheet in ServiceSheet.objects.filter(organisation__source="programme-ess-2023"):
        assert (sheet.cost, sheet.access_conditions, sheet.mobilisation, sheet.area) == ("", "", [], "")

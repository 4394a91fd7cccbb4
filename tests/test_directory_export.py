"""Open-data exports: published, non-synthetic organisations, filters, schema validity, round trip."""

import csv
import io
import json

import pytest
from data_inclusion.schema import v1

from directory.exchange.importers import import_file
from directory.models import Label, Organisation, Sector, SupportService


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def directory(demo_site):
    located = Organisation.objects.create(
        name="Recyclerie du Panier",
        kind="acteur-ess",
        legal_form="association",
        siret="73282932000074",
        phone="+33491000000",
        email="contact@example.org",
        website="https://example.org",
        address="3 rue du Panier",
        postcode="13002",
        city="Marseille",
        arrondissement=2,
        latitude=43.2988,
        longitude=5.3671,
        location_source="saisie",
        opening_hours="Mo-Sa 10:00-18:00",
        project_stages=["idee"],
        short_description="Réemploi et ateliers de réparation au Panier.",
    )
    located.sectors.set(Sector.objects.filter(slug="economie-circulaire-reemploi"))
    located.labels.set(Label.objects.filter(slug__in=["france-active", "esus"]))
    located.support_services.set(SupportService.objects.filter(slug="formation"))
    located.save()  # parental many-to-many fields are written on save
    Organisation.objects.create(name="Brouillon non publié", live=False, postcode="13001")
    Organisation.objects.create(
        name="Organisation fictive", synthetic=True, postcode="13001", latitude=43.3, longitude=5.38
    )
    return located


def test_csv_export_lists_published_real_organisations(client, directory):
    response = client.get("/annuaire/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body(response))))
    names = {row["nom"] for row in rows}
    assert "Recyclerie du Panier" in names and "France Active Provence-Alpes-Côte d'Azur" in names
    assert "Brouillon non publié" not in names and "Organisation fictive" not in names
    panier = next(row for row in rows if row["nom"] == "Recyclerie du Panier")
    assert panier["telephone"] == "04 91 00 00 00"
    assert panier["labels"] == "esus|france-active"


def test_filters_apply_to_the_export(client, directory):
    rows = list(csv.DictReader(io.StringIO(body(client.get("/annuaire/export.csv?arrondissement=2")))))
    assert [row["nom"] for row in rows] == ["Recyclerie du Panier"]
    rows = list(csv.DictReader(io.StringIO(body(client.get("/annuaire/export.csv?type=structure-accompagnement")))))
    assert rows and all(row["type"] == "structure-accompagnement" for row in rows)
    near = list(csv.DictReader(io.StringIO(body(client.get("/annuaire/export.csv?lat=43.2990&lon=5.3670&rayon=0,5")))))
    assert [row["nom"] for row in near] == ["Recyclerie du Panier"]


@pytest.mark.parametrize(
    "query",
    [
        "type=banque",
        "arrondissement=17",
        "filiere=inconnue",
        "lat=abc&lon=5",
        "rayon=-3&lat=43.3&lon=5.4",
        "rayon=500&lat=43.3&lon=5.4",
        "code-postal=ABCDE",
    ],
)
def test_unknown_filter_values_answer_400_in_french(client, directory, query):
    response = client.get(f"/annuaire/export.geojson?{query}")
    assert response.status_code == 400
    assert response.content.decode().startswith("Export impossible")


def test_geojson_is_rfc7946(client, directory):
    response = client.get("/annuaire/export.geojson")
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(body(response))
    assert data["type"] == "FeatureCollection"
    names = [feature["properties"]["nom"] for feature in data["features"]]
    assert "Recyclerie du Panier" in names
    assert "L'Après M" not in names  # unlocated: listed in the CSV, not drawn
    feature = next(f for f in data["features"] if f["properties"]["nom"] == "Recyclerie du Panier")
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.3671, 43.2988]}  # longitude first


def test_data_inclusion_exports_validate_with_the_schema_package(client, directory):
    structures = json.loads(body(client.get("/annuaire/export/data-inclusion/structures.json")))
    assert len(structures) == Organisation.objects.public().count()
    for record in structures:
        v1.Structure.model_validate(record)
    panier = next(s for s in structures if s["nom"] == "Recyclerie du Panier")
    assert panier["reseaux_porteurs"] == ["france-active"]
    assert panier["code_insee"] == "13202"
    panier_slug = Organisation.objects.get(name="Recyclerie du Panier").slug
    assert panier["lien_source"] == f"https://ess.example.fr/annuaire/{panier_slug}/"  # SITE_URL

    services = json.loads(body(client.get("/annuaire/export/data-inclusion/services.json")))
    assert services
    for record in services:
        v1.Service.model_validate(record)
    structure_ids = {s["id"] for s in structures}
    assert all(service["structure_id"] in structure_ids for service in services)
    financing = next(
        s for s in services if s["structure_id"].endswith("france-active-paca") and s["nom"] == "Financement"
    )
    assert financing["type"] == "aide-financiere"
    assert financing["thematiques"]
    assert financing["lien_source"].startswith("https://ess.example.fr/annuaire/")


def _state():
    return sorted(
        (
            o.name,
            o.kind,
            o.siret,
            o.phone,
            o.latitude,
            o.longitude,
            o.location_source,
            o.opening_hours,
            o.updated_at,
            tuple(sorted(s.slug for s in o.sectors.all())),
            tuple(sorted(label.slug for label in o.labels.all())),
        )
        for o in Organisation.objects.prefetch_related("sectors", "labels")
    )


def test_importing_our_own_csv_export_changes_nothing(client, directory):
    exported = body(client.get("/annuaire/export.csv")).encode()
    before = _state()
    report = import_file(exported)
    assert (report.created, report.updated, report.skipped) == (0, 0, 0)
    assert report.unchanged == Organisation.objects.public().count()
    assert _state() == before


def test_importing_our_own_data_inclusion_export_changes_nothing(client, directory):
    exported = body(client.get("/annuaire/export/data-inclusion/structures.json")).encode()
    before = _state()
    report = import_file(exported, file_format="data-inclusion")
    assert (report.created, report.updated, report.skipped) == (0, 0, 0)
    assert _state() == before


def test_the_csv_export_carries_the_source_name_and_a_new_instance_gets_it_back(client, directory):
    """A register's name in capitals is shown as « Assoc. ADPEI »; the export keeps « ASSOC ADPEI » in
    `nom_source`, and importing that file elsewhere (an empty directory) restores both names."""
    adpei = Organisation.objects.create(
        name="Assoc. ADPEI", raw_name="ASSOC ADPEI", postcode="13003", city="Marseille", source="siae", source_id="7"
    )
    exported = body(client.get("/annuaire/export.csv"))
    row = next(row for row in csv.DictReader(io.StringIO(exported)) if row["identifiant"] == adpei.slug)
    assert (row["nom"], row["nom_source"]) == ("Assoc. ADPEI", "ASSOC ADPEI")
    panier = next(row for row in csv.DictReader(io.StringIO(exported)) if row["nom"] == "Recyclerie du Panier")
    assert panier["nom_source"] == ""  # a name written in mixed case has no other form

    Organisation.objects.all().delete()
    report = import_file(exported.encode())
    assert report.skipped == 0, report.errors
    restored = Organisation.objects.get(source="siae", source_id="7")
    assert (restored.name, restored.raw_name) == ("Assoc. ADPEI", "ASSOC ADPEI")


def test_an_imported_source_name_never_replaces_the_displayed_name(demo_site):
    rows = "nom,Nom d'origine,code_postal,source,id_source\nAtelier du Panier,ATELIER DU PANIER,13002,test,1\n"
    report = import_file(rows.encode())
    assert report.created == 1, report.errors
    organisation = Organisation.objects.get(source_id="1")
    assert (organisation.name, organisation.raw_name) == ("Atelier du Panier", "ATELIER DU PANIER")
    # A file without the column leaves the source name as it is.
    report = import_file(b"nom,code_postal,source,id_source\nAtelier du Panier,13002,test,1\n")
    assert report.unchanged == 1
    assert Organisation.objects.get(source_id="1").raw_name == "ATELIER DU PANIER"


def test_the_data_inclusion_schema_has_no_field_for_the_source_name(client, directory):
    """data·inclusion v1 structures have one name (`nom`): the export carries the displayed one and
    adds no field the schema does not define (docs/annuaire-donnees.md)."""
    Organisation.objects.create(name="Assoc. ADPEI", raw_name="ASSOC ADPEI", postcode="13003", city="Marseille")
    records = json.loads(body(client.get("/annuaire/export/data-inclusion/structures.json")))
    adpei = next(record for record in records if record["nom"] == "Assoc. ADPEI")
    assert set(adpei) <= set(v1.Structure.model_fields)
    assert "ASSOC ADPEI" not in json.dumps(records, ensure_ascii=False)

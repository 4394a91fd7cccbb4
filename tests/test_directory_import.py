"""Imports: idempotent upserts, per-row French reports, CSV dialects, data·inclusion structures."""

import io
import json

import pytest
from django.core.management import call_command

from directory.exchange.importers import ImportFileError, import_file
from directory.models import LocationSource, Organisation

HEADER = (
    "nom,type,forme_juridique,siret,telephone,adresse,code_postal,commune,filieres,horaires,etapes,source,id_source\n"
)
GOOD_ROWS = [
    "Recyclerie du Panier,acteur-ess,association,73282932000074,04 91 00 00 00,3 rue du Panier,13002,Marseille,economie-circulaire-reemploi,Mo-Sa 10:00-18:00,,test,1\n",
    "Coopérative des Docks,acteur-ess,scic,,,,13002,Marseille,maritime|alimentation,,,test,2\n",
    "Tiers-lieu de la Belle de Mai,tiers-lieu,,,,,13003,Marseille,culture-industries-creatives,,idee|creation,test,3\n",
]


def csv_bytes(rows, header=HEADER, delimiter=",", bom=False):
    text = header + "".join(rows)
    if delimiter != ",":
        text = text.replace(",", delimiter)
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def snapshot():
    return sorted(
        Organisation.objects.values_list(
            "name", "kind", "siret", "phone", "postcode", "latitude", "longitude", "arrondissement", "updated_at"
        )
    )


@pytest.mark.django_db
def test_importing_twice_gives_the_same_rows():
    first = import_file(csv_bytes(GOOD_ROWS))
    assert (first.created, first.updated, first.skipped) == (3, 0, 0)
    before = snapshot()
    second = import_file(csv_bytes(GOOD_ROWS))
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert snapshot() == before


@pytest.mark.django_db
def test_an_updated_row_is_updated_not_duplicated():
    import_file(csv_bytes(GOOD_ROWS))
    changed = [GOOD_ROWS[0].replace("Mo-Sa 10:00-18:00", "Tu-Sa 10:00-18:00")] + GOOD_ROWS[1:]
    report = import_file(csv_bytes(changed))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert Organisation.objects.get(source_id="1").opening_hours == "Tu-Sa 10:00-18:00"
    assert Organisation.objects.count() == 3


@pytest.mark.django_db
def test_rows_match_by_siret_when_there_is_no_source_id():
    import_file(csv_bytes(GOOD_ROWS[:1]))
    row = "Recyclerie du Panier (nouveau nom),acteur-ess,association,73282932000074,,3 rue du Panier,13002,Marseille,,,,,\n"
    report = import_file(csv_bytes([row]))
    assert report.updated == 1
    assert Organisation.objects.get().name == "Recyclerie du Panier (nouveau nom)"


@pytest.mark.django_db
def test_bad_rows_are_reported_with_their_line_and_the_good_ones_land():
    bad = [
        "Sans SIRET valide,acteur-ess,association,12345678901234,,,13001,Marseille,,,,test,10\n",
        "Horaires libres,acteur-ess,association,,,,13001,Marseille,,tous les jours,,test,11\n",
        ",acteur-ess,,,,,13001,Marseille,,,,test,12\n",
        "Type inconnu,banque,,,,,13001,Marseille,filiere-inexistante,,,test,13\n",
    ]
    report = import_file(csv_bytes(GOOD_ROWS[:1] + bad + GOOD_ROWS[1:]))
    assert (report.created, report.skipped) == (3, 4)
    messages = [str(issue).replace("\u00a0", " ") for issue in report.issues]
    assert any(m.startswith("Ligne 3, champ « siret »") and "clé de contrôle" in m for m in messages)
    assert any(m.startswith("Ligne 4, champ « horaires »") for m in messages)
    assert any(m.startswith("Ligne 5, champ « nom »") and "obligatoire" in m for m in messages)
    assert any(m.startswith("Ligne 6, champ « type »") for m in messages)
    assert any(m.startswith("Ligne 6, champ « filieres »") and "filiere-inexistante" in m for m in messages)
    assert Organisation.objects.count() == 3


@pytest.mark.django_db
def test_semicolons_and_a_byte_order_mark_are_understood():
    report = import_file(csv_bytes(GOOD_ROWS, delimiter=";", bom=True))
    assert (report.created, report.skipped) == (3, 0)
    assert Organisation.objects.filter(name="Coopérative des Docks", legal_form="scic").exists()


@pytest.mark.django_db
def test_rows_without_a_point_get_their_postcode_point_and_wait_for_geocoding():
    import_file(csv_bytes(GOOD_ROWS))
    with_address = Organisation.objects.get(source_id="1")
    assert with_address.location_source == LocationSource.POSTCODE
    assert with_address.needs_geocoding is True
    assert with_address.arrondissement == 2
    without_address = Organisation.objects.get(source_id="2")
    assert without_address.needs_geocoding is False


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    report = import_file(csv_bytes(GOOD_ROWS), dry_run=True)
    assert report.created == 3
    assert "Simulation" in report.summary()
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_refused_as_a_whole():
    with pytest.raises(ImportFileError, match="UTF-8"):
        import_file((HEADER + GOOD_ROWS[1]).encode("cp1252").replace(b"Coop\xc3", b"Coop") + "é".encode("cp1252"))


@pytest.mark.django_db
def test_the_command_reports_and_summarises(tmp_path):
    path = tmp_path / "annuaire.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS + ["Mauvais,acteur-ess,,,abc,,13001,Marseille,,,,test,9\n"]))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_directory", str(path), "--format", "csv", stdout=out, stderr=err)
    assert "Créées\u00a0: 3" in out.getvalue()
    assert "ignorées (erreurs)\u00a0: 1" in out.getvalue()
    assert "Ligne 5, champ « telephone »" in err.getvalue().replace("\u00a0", " ")


DI_STRUCTURES = [
    {
        "source": "dora",
        "id": "dora--abc",
        "nom": "Espace solidaire de Noailles",
        "date_maj": "2024-05-02",
        "description": "Accueil, orientation et ateliers numériques.",
        "siret": None,
        "commune": "Marseille",
        "code_postal": "13001",
        "adresse": "5 rue d'Aubagne",
        "latitude": 43.2955,
        "longitude": 5.3817,
        "telephone": "+33491000001",
        "courriel": "contact@example.org",
        "site_web": "https://example.org/",
        "horaires_accueil": "Mo-Fr 09:00-17:00",
        "reseaux_porteurs": ["france-active"],
    },
    {"source": "dora", "id": "dora--bad", "nom": "X", "date_maj": "2024-05-02", "code_postal": "1300"},
]


@pytest.mark.django_db
def test_data_inclusion_structures_are_imported_and_bad_ones_reported():
    report = import_file(json.dumps(DI_STRUCTURES).encode(), file_format="data-inclusion")
    assert (report.created, report.skipped) == (1, 1)
    organisation = Organisation.objects.get(source="dora", source_id="abc")
    assert organisation.arrondissement == 1
    assert organisation.location_source == LocationSource.IMPORT
    assert [label.slug for label in organisation.labels.all()] == ["france-active"]
    fields = {issue.field for issue in report.issues}
    assert {"nom", "code_postal"} <= fields
    assert all(issue.position == "enregistrement 2" for issue in report.issues)
    again = import_file(json.dumps(DI_STRUCTURES).encode(), file_format="data-inclusion")
    assert (again.created, again.unchanged) == (0, 1)


# ---------------------------------------------------------------------------------------------
# Imports never damage good data (issue 12, items 4-6)


def two_organisations():
    adpei = Organisation.objects.create(name="ASSOC ADPEI", slug="assoc-adpei", postcode="13001")
    other = Organisation.objects.create(name="Recyclerie du Panier", siret="73282932000074", postcode="13002")
    return adpei, other


@pytest.mark.django_db
def test_an_identifier_and_a_siret_of_two_different_organisations_refuse_the_row():
    adpei, other = two_organisations()
    header = "identifiant,nom,siret\n"
    report = import_file(csv_bytes(["assoc-adpei,ASSOC ADPEI (nom corrige),73282932000074\n"], header=header))
    assert (report.updated, report.skipped) == (0, 1)
    message = str(report.issues[0]).replace("\u00a0", " ")
    assert message.startswith("Ligne 2") and "ASSOC ADPEI" in message and "Recyclerie du Panier" in message
    adpei.refresh_from_db(), other.refresh_from_db()
    assert (adpei.name, adpei.siret) == ("ASSOC ADPEI", "")
    assert (other.name, other.siret) == ("Recyclerie du Panier", "73282932000074")


@pytest.mark.django_db
def test_a_source_id_and_a_siret_of_two_different_organisations_refuse_the_row():
    adpei, other = two_organisations()
    Organisation.objects.filter(pk=adpei.pk).update(source="test", source_id="adpei")
    header = "nom,siret,source,id_source\n"
    report = import_file(csv_bytes(["ADPEI,73282932000074,test,adpei\n"], header=header))
    assert report.skipped == 1 and "Recyclerie du Panier" in str(report.issues[0])
    assert Organisation.objects.get(pk=other.pk).name == "Recyclerie du Panier"


@pytest.mark.django_db
def test_a_blank_cell_changes_nothing_and_the_marker_clears():
    import_file(csv_bytes(["ACTA VISTA,acteur-ess,,,04 91 00 00 00,,13002,Marseille,,,,test,acta\n"]))
    before = Organisation.objects.get(source_id="acta")
    assert before.postcode == "13002" and before.latitude is not None and before.arrondissement == 2
    header = "nom,code_postal,site_web,source,id_source\n"
    report = import_file(csv_bytes(["ACTA VISTA,,,test,acta\n"], header=header))
    assert report.unchanged == 1, [str(issue) for issue in report.issues]
    after = Organisation.objects.get(source_id="acta")
    assert (after.postcode, after.latitude, after.longitude, after.arrondissement) == (
        before.postcode,
        before.latitude,
        before.longitude,
        before.arrondissement,
    )
    report = import_file(csv_bytes(["ACTA VISTA,-,,test,acta\n"], header="nom,telephone,site_web,source,id_source\n"))
    assert report.updated == 1
    assert Organisation.objects.get(source_id="acta").phone == ""


@pytest.mark.django_db
def test_the_report_lists_each_changed_field_old_and_new(tmp_path):
    import_file(csv_bytes(GOOD_ROWS))
    changed = [GOOD_ROWS[0].replace("Mo-Sa 10:00-18:00", "Tu-Sa 10:00-18:00").replace("13002", "13003")]
    report = import_file(csv_bytes(changed), dry_run=True)
    assert report.updated == 1
    fields = {(change.field, change.old, change.new) for change in report.changes}
    assert ("horaires", "Mo-Sa 10:00-18:00", "Tu-Sa 10:00-18:00") in fields
    assert ("code_postal", "13002", "13003") in fields
    assert {change.organisation for change in report.changes} == {"Recyclerie du Panier"}
    path = tmp_path / "annuaire.csv"
    path.write_bytes(csv_bytes(changed))
    out = io.StringIO()
    call_command("import_directory", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    text = out.getvalue().replace("\u00a0", " ")
    assert "Recyclerie du Panier" in text
    assert "horaires : Mo-Sa 10:00-18:00 → Tu-Sa 10:00-18:00" in text
    assert "code_postal : 13002 → 13003" in text

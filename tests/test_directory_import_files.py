"""Imports that take the files partners have: their headers, their spreadsheets, a mapping step for
the columns we do not know, the documented columns and a template (#15)."""

import csv
import datetime
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from directory.exchange import csv_format, spreadsheets
from directory.exchange.importers import ImportFileError, import_file
from directory.models import LocationSource, Organisation
from tests.helpers.commands import run_command
from tests.helpers.users import member_of

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parent.parent / "docs" / "annuaire-donnees.md"

# A partner's export: English headers, other spellings, a column we do not know.
PARTNER_CSV = (
    "Name,Post code,City,Address,lat,lng,SIRET,E-mail,Website,Phone,Internal ref\n"
    "Atelier du Canet,13014,Marseille,12 rue Exemple,43.3312,5.3861,,contact@example.org,https://example.org,"
    "04 91 00 00 00,A-17\n"
    "Recyclerie de la Belle de Mai,13003,Marseille,,,,,,,,A-18\n"
)


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def moderator(db):
    return member_of("Modération", "moderation")


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("name", "nom"),
        ("Raison sociale", "nom"),
        ("DÉNOMINATION", "nom"),
        ("post_code", "code_postal"),
        ("Code postal", "code_postal"),
        ("CP", "code_postal"),
        ("postcode", "code_postal"),
        ("Latitude", "latitude"),
        ("lon", "longitude"),
        ("long", "longitude"),
        ("Courriel", "courriel"),
        ("mail", "courriel"),
        ("Site internet", "site_web"),
        ("url", "site_web"),
        ("Téléphone", "telephone"),
        ("tel", "telephone"),
        ("adresse", "adresse"),
        ("Ville", "commune"),
        ("commune", "commune"),
        ("siret", "siret"),
    ],
)
def test_partner_headers_are_recognised_whatever_their_spelling(header, column):
    assert csv_format.column_for_header(header) == column


def test_an_english_headed_partner_file_imports_with_its_points():
    report = import_file(PARTNER_CSV.encode())
    assert (report.created, report.skipped) == (2, 0)
    assert report.warnings == ["Colonne ignorée (inconnue)\u00a0: «\u00a0Internal ref\u00a0»."]
    canet = Organisation.objects.get(name="Atelier du Canet")
    assert (canet.postcode, canet.arrondissement, canet.latitude) == ("13014", 14, 43.3312)
    assert canet.location_source == LocationSource.IMPORT and canet.email == "contact@example.org"
    belle = Organisation.objects.get(name="Recyclerie de la Belle de Mai")
    assert belle.location_source == LocationSource.POSTCODE  # no point in the file: its postcode's


def test_a_file_without_a_name_column_is_refused_in_french_naming_what_to_do():
    with pytest.raises(ImportFileError, match="colonne pour le nom"):
        import_file(b"Structure X,cp\nAtelier,13014\n")


def test_an_xlsx_file_imports_with_numbers_dates_and_formulas_as_values():
    content = xlsx_bytes(
        [
            ["Nom", "Code postal", "Téléphone", "Dernière vérification", "Latitude", "Longitude"],
            ["Atelier du Canet", 13014, 491000000, datetime.datetime(2025, 3, 4), 43.3312, "=5+0.3861"],
            [None, None, None, None, None, None],
            ["", 13003, None, None, None, None],
        ]
    )
    report = import_file(content)
    canet = Organisation.objects.get(name="Atelier du Canet")
    assert (canet.postcode, canet.last_verified) == ("13014", datetime.date(2025, 3, 4))
    assert canet.phone == "+33491000000"  # the spreadsheet's number lost its leading 0: given back
    # openpyxl writes no cached value for a formula: read as a value, it is empty (no point given).
    assert canet.location_source == LocationSource.POSTCODE
    assert report.created == 1
    assert [str(issue) for issue in report.issues] == [
        "Ligne 4, champ «\u00a0nom\u00a0»\u00a0: le nom est obligatoire."
    ]


def test_a_bad_row_keeps_its_line_number_in_csv_and_xlsx():
    rows = [["nom", "code_postal", "latitude"], ["Atelier", "13014", "43.3"], ["Fabrique", "13003", "nord"]]
    from_xlsx = import_file(xlsx_bytes(rows), dry_run=True)
    from_csv = import_file("\n".join(",".join(row) for row in rows).encode(), dry_run=True)
    for report in (from_xlsx, from_csv):
        assert [issue.position for issue in report.issues] == ["ligne 3"]
        assert "nombre attendu" in report.issues[0].message


def test_a_too_big_xlsx_is_refused_in_french(monkeypatch):
    content = xlsx_bytes([["nom"]] + [[f"Structure {n}"] for n in range(30)])
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 20)
    with pytest.raises(ImportFileError, match="Classeur trop volumineux\u00a0: 20 lignes au plus"):
        import_file(content)
    monkeypatch.setattr(spreadsheets, "MAX_UNCOMPRESSED_BYTES", 1000)
    with pytest.raises(ImportFileError, match="Classeur trop volumineux\u00a0: 0 Mo une fois décompressé"):
        import_file(content)
    assert not Organisation.objects.exists()


def test_a_damaged_xlsx_is_refused_in_french():
    with pytest.raises(ImportFileError, match="Le classeur XLSX est illisible"):
        import_file(b"PK\x03\x04 not really a workbook")


def test_the_command_reads_xlsx_and_takes_column_choices(tmp_path):
    path = tmp_path / "partenaire.xlsx"
    path.write_bytes(xlsx_bytes([["Structure X", "Ref"], ["Atelier du Canet", "A-17"]]))
    out = run_command("import_directory", str(path), "--colonne", "Structure X=nom", "--colonne", "Ref=id_source")
    assert "Créées\u00a0: 1" in out
    assert Organisation.objects.get(name="Atelier du Canet").source_id == "A-17"


def test_the_documented_columns_the_template_and_the_docs_come_from_one_table(client, moderator):
    client.force_login(moderator)
    import_page = client.get("/admin/annuaire/import/").content.decode()
    assert 'href="/admin/annuaire/import/colonnes-documentees/"' in import_page
    assert 'href="/admin/annuaire/import/modele.csv"' in import_page
    template = client.get("/admin/annuaire/import/modele.csv")
    assert template["Content-Type"].startswith("text/csv")
    assert next(csv.reader(io.StringIO(template.content.decode("utf-8-sig")))) == csv_format.IMPORT_COLUMNS
    doc_page = client.get("/admin/annuaire/import/colonnes-documentees/").content.decode()
    docs = DOCS.read_text()
    section = docs.split("## Colonnes du fichier d'import", 1)[1].split("\n## ", 1)[0]
    for name, _description, aliases in csv_format.documented_columns():
        assert f"<code>{name}</code>" in doc_page
        row = re.search(rf"^\| `{name}` \|.*$", section, re.MULTILINE)
        assert row, f"{name} missing from docs/annuaire-donnees.md"
        for alias in aliases:
            assert f"<code>{alias}</code>" in doc_page and f"`{alias}`" in row.group(0), (name, alias)


def test_an_unknown_column_goes_through_the_mapping_step_without_asking_for_the_file_again(
    client, moderator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(moderator)
    content = "Structure,Code postal,Référence interne,Commentaire\nAtelier du Canet,13014,A-17,à rappeler\n"
    upload = SimpleUploadedFile("partenaire.csv", content.encode())
    response = client.post("/admin/annuaire/import/", {"file": upload, "file_format": "csv"})
    assert response.status_code == 302 and response["Location"] == "/admin/annuaire/import/colonnes/"
    step = client.get(response["Location"]).content.decode()
    assert "Colonne «\u00a0Référence interne\u00a0»" in step and "A-17" in step  # the file's values, as examples
    assert 'value="code_postal" selected' in step  # known headers come preselected

    # The name must be chosen; the file stays on the server meanwhile.
    refused = client.post(
        "/admin/annuaire/import/colonnes/",
        {"colonne_0": "", "colonne_1": "code_postal", "colonne_2": "", "colonne_3": ""},
    ).content.decode()
    assert "Indiquez quelle colonne contient le nom" in refused
    report = client.post(
        "/admin/annuaire/import/colonnes/",
        {"colonne_0": "nom", "colonne_1": "code_postal", "colonne_2": "id_source", "colonne_3": ""},
    ).content.decode()
    assert "Résultat de la simulation" in report and "Créées\u00a0: 1" in report
    assert "Colonne ignorée\u00a0: «\u00a0Commentaire\u00a0»." in report
    assert not Organisation.objects.filter(name="Atelier du Canet").exists()
    client.post("/admin/annuaire/import/confirmer/")
    canet = Organisation.objects.get(name="Atelier du Canet")
    assert (canet.source_id, canet.arrondissement) == ("A-17", 14)
    assert not list(tmp_path.glob("directory-imports/*[!v]"))  # the pending file is gone (reports stay)


def test_an_xlsx_upload_with_known_headers_goes_straight_to_the_report(client, moderator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(moderator)
    upload = SimpleUploadedFile("partenaire.xlsx", xlsx_bytes([["name", "post_code"], ["Atelier du Canet", 13014]]))
    page = client.post("/admin/annuaire/import/", {"file": upload, "file_format": "csv"}).content.decode()
    assert "Créées\u00a0: 1" in page
    client.post("/admin/annuaire/import/confirmer/")
    assert Organisation.objects.filter(name="Atelier du Canet", postcode="13014").exists()

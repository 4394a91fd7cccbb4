"""The demo's open-data sample: real SIAE of Marseille, imported through the importer, marked as
demonstration data, found near « 13014 » and « 13003 », on the map (#15)."""

import csv
import html
import json
import re

import pytest

from directory import demo
from directory.models import DEMO_SAMPLE_SOURCE, LocationSource, Organisation
from tests.helpers.commands import run_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample_site(settings):
    settings.DIRECTORY_DEMO_SAMPLE = True
    run_command("load_demo_content")


def sample_rows():
    with open(demo.SAMPLE_PATH, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_sample_file_is_small_marseille_only_and_carries_no_personal_contact():
    rows = sample_rows()
    assert 30 <= len(rows) <= 60
    assert all(row["code_postal"].startswith("130") and row["siret"].isdigit() for row in rows)
    assert "telephone" not in rows[0] and "courriel" not in rows[0]
    assert len({row["siret"] for row in rows}) == len(rows)


def test_the_provenance_document_describes_the_file_that_is_shipped():
    # Replacing the CSV without rewriting its provenance (source, commit, licence status) fails here.
    readme = (demo.SAMPLE_PATH.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"## `{demo.SAMPLE_PATH.name}`", 1)[1].split("\n## ", 1)[0]
    assert f"{len(sample_rows())} structures" in section
    assert re.search(r"^\| Licence \| \S", section, re.MULTILINE)
    assert re.search(r"commit `[0-9a-f]{40}`", section)


def test_the_demo_imports_every_row_once_through_the_importer_without_inventing_a_point(sample_site):
    imported = Organisation.objects.filter(source=DEMO_SAMPLE_SOURCE)
    rows = {row["siret"]: row for row in sample_rows()}
    assert imported.count() == len(rows)
    for organisation in imported:
        row = rows[organisation.siret]
        # The register's name is kept as it was; the page shows it readably (« Acta Vista »).
        assert (organisation.raw_name, organisation.postcode) == (row["nom"], row["code_postal"])
        assert organisation.name != organisation.name.upper()
        assert organisation.phone == organisation.email == ""
        # No coordinates in the source: the postcode's reference point, said to be approximate.
        assert organisation.location_source == LocationSource.POSTCODE and organisation.needs_geocoding
    labels = set(imported.values_list("labels__slug", flat=True))
    assert {"siae-aci", "siae-ai", "siae-ei", "siae-etti"} <= labels


def test_the_sample_is_loaded_once_and_never_overwrites_editors(sample_site):
    organisation = Organisation.objects.get(source=DEMO_SAMPLE_SOURCE, raw_name="ACTA VISTA")
    organisation.name = "Acta Vista, chantiers d'insertion"
    organisation.save()
    assert demo.load_open_data_sample() == 0
    run_command("load_demo_content")
    assert Organisation.objects.get(pk=organisation.pk).name == "Acta Vista, chantiers d'insertion"
    assert Organisation.objects.filter(source=DEMO_SAMPLE_SOURCE).count() == len(sample_rows())


@pytest.mark.parametrize(("place", "nearby"), [("13014", "Insermode"), ("13003", "Hospitalite pour les Femmes")])
def test_a_postcode_within_a_few_km_finds_structures(client, sample_site, place, nearby):
    page = client.get("/annuaire/", {"pres-de": place, "rayon": "3"}).content.decode()
    assert nearby in page
    assert page.count('class="org-card__title"') >= 3


def test_the_map_is_populated_and_the_sample_is_marked_as_demonstration_data(client, sample_site):
    points = json.loads(client.get("/annuaire/carte/points/").content)
    assert points["count"] >= len(sample_rows())
    listing = client.get("/annuaire/", {"q": "ACTA VISTA"}).content.decode()
    assert '<span class="example-mark">donnée de démonstration</span>' in listing
    slug = Organisation.objects.get(raw_name="ACTA VISTA").slug
    page = client.get(f"/annuaire/{slug}/").content.decode()
    assert "donnée de démonstration" in page
    # Reused public data names its source and date (CRPA L322-1), whatever the demo setting.
    assert (
        "Source des données\u00a0: liste des SIAE conventionnées à Marseille (export de l'ASP), juillet 2019."
        in html.unescape(page)
    )

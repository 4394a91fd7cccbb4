"""The demo's open-data sample: real ESS structures of Marseille from the ANCT's lieux de médiation
numérique (Licence Ouverte 2.0), imported through the importer at the points the file gives, marked
as demonstration data and attributed, found near « 13014 » and « 13003 », on the map (#15)."""

import csv
import html
import json
import re

import pytest

from directory import demo
from directory.models import DEMO_SAMPLE_SOURCE, LocationSource, Organisation
from geography import distance_m, postcode_reference_point
from tests.helpers.commands import run_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample_site(settings):
    settings.DIRECTORY_DEMO_SAMPLE = True
    run_command("load_demo_content")


def sample_rows():
    with open(demo.SAMPLE_PATH, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_sample_file_is_small_marseille_only_placed_and_carries_no_personal_contact():
    rows = sample_rows()
    assert 15 <= len(rows) <= 60
    assert not {"telephone", "courriel", "courriels", "email"} & set(rows[0])
    assert len({row["id_source"] for row in rows}) == len(rows)
    for row in rows:
        assert re.fullmatch(r"130(0[1-9]|1[0-6])", row["code_postal"]), row
        # Each point lies near its postcode: a row whose point is elsewhere is left out of the sample.
        reference = postcode_reference_point(row["code_postal"])
        assert distance_m(float(row["latitude"]), float(row["longitude"]), *reference) < 4000, row["nom"]


def test_the_provenance_document_describes_the_file_that_is_shipped():
    # Replacing the CSV without rewriting its provenance (source, commit, licence) fails here.
    readme = (demo.SAMPLE_PATH.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"## `{demo.SAMPLE_PATH.name}`", 1)[1].split("\n## ", 1)[0]
    assert f"{len(sample_rows())} structures" in section
    assert re.search(r"^\| Licence \| \*\*Licence Ouverte 2\.0\*\*", section, re.MULTILINE)
    assert re.search(r"commit `[0-9a-f]{40}`", section)


def test_the_demo_imports_every_row_once_through_the_importer_at_the_files_points(sample_site):
    imported = Organisation.objects.filter(source=DEMO_SAMPLE_SOURCE)
    rows = {row["id_source"]: row for row in sample_rows()}
    assert imported.count() == len(rows)
    for organisation in imported:
        row = rows[organisation.source_id]
        assert organisation.postcode == row["code_postal"]
        assert organisation.phone == organisation.email == ""
        # The file's own point, not a reference point: shown as precise, nothing left to geocode.
        assert (organisation.latitude, organisation.longitude) == (float(row["latitude"]), float(row["longitude"]))
        assert organisation.location_source == LocationSource.IMPORT and not organisation.needs_geocoding
        assert organisation.arrondissement
    # A name written in capitals reads well, its acronym kept; the written one stays for matching.
    group = imported.filter(raw_name="GROUPE SOS SOLIDARITES").first()
    assert group.name == "Groupe SOS Solidarités"


def test_the_sample_is_loaded_once_and_never_overwrites_editors(sample_site):
    organisation = Organisation.objects.get(source=DEMO_SAMPLE_SOURCE, name="Ancrages")
    organisation.name = "Ancrages, mémoires des migrations"
    organisation.save()
    assert demo.load_open_data_sample() == 0
    run_command("load_demo_content")
    assert Organisation.objects.get(pk=organisation.pk).name == "Ancrages, mémoires des migrations"
    assert Organisation.objects.filter(source=DEMO_SAMPLE_SOURCE).count() == len(sample_rows())


@pytest.mark.parametrize(
    ("place", "nearby"), [("13014", "Association du Grand Canet"), ("13003", "Incubateur Belle De Mai")]
)
def test_a_postcode_within_a_few_km_finds_structures_at_their_distance(client, sample_site, place, nearby):
    page = html.unescape(client.get("/annuaire/", {"pres-de": place, "rayon": "3"}).content.decode())
    assert nearby in page
    assert page.count('class="org-card__title"') >= 3
    # Measured from the postcode's reference point: said as approximate, never « à 0 m ».
    assert f"dans le {int(place[-2:])}e arrondissement" in page
    assert "à 0 m" not in page


def test_the_map_is_populated_and_the_sample_is_marked_and_attributed(client, sample_site):
    points = json.loads(client.get("/annuaire/carte/points/").content)
    assert points["count"] >= len(sample_rows())
    listing = client.get("/annuaire/", {"q": "Ancrages"}).content.decode()
    assert '<span class="example-mark">donnée de démonstration</span>' in listing
    slug = Organisation.objects.get(source=DEMO_SAMPLE_SOURCE, name="Ancrages").slug
    page = html.unescape(client.get(f"/annuaire/{slug}/").content.decode())
    assert "donnée de démonstration" in page
    # The Licence Ouverte asks for the source and the date of its last update, whatever the demo setting.
    assert (
        "Source des données\u00a0: ANCT, Cartographie nationale des lieux de médiation numérique, "
        "données du Hub du Sud du 17 mai 2023, sous Licence Ouverte 2.0." in page
    )

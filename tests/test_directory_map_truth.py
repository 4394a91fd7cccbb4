"""The map tells the whole truth: what it cannot place is counted and listed under it, and points
that stand for an area (postcode or arrondissement reference points) are said to be approximate (#15)."""

import pytest
from django.core.cache import cache

from directory.models import LocationSource, Organisation
from tests.helpers.directory import make_approximate_organisation, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(demo_site):
    """On top of the demo (which leaves some programme structures unlocated): one precise point, one
    on its postcode's reference point, three without any point."""
    make_organisation("Atelier précis du Canet", "13014", north_m=150)  # placed by hand: precise
    make_approximate_organisation("Recyclerie approximative", "13003")
    for name in ("Coopérative sans adresse A", "Coopérative sans adresse B", "Coopérative sans adresse C"):
        Organisation.objects.create(name=name)
    Organisation.objects.create(name="Coopérative sans adresse non publiée", live=False)


def unlocated_public():
    return Organisation.objects.public().filter(latitude__isnull=True)


def test_the_map_counts_and_lists_what_it_leaves_out(client, mixed):
    expected = unlocated_public().count()
    assert expected >= 3
    page = client.get("/annuaire/carte/").content.decode()
    assert (
        f"{expected}\u00a0structures sans adresse précise, absentes de la carte&#160;: "
        '<a href="#sans-adresse-precise">voir la liste</a>' in page
    )
    listed = page.split('id="sans-adresse-precise"', 1)[1]
    for organisation in unlocated_public():
        assert f'<a href="/annuaire/{organisation.slug}/">' in listed
    assert "Coopérative sans adresse non publiée" not in page
    assert "Atelier précis du Canet</a></li>" not in listed


def test_the_count_follows_the_filters(client, mixed):
    page = client.get("/annuaire/carte/", {"q": "coopérative sans adresse"}).content.decode()
    assert "3\u00a0structures sans adresse précise" in page
    near = client.get("/annuaire/carte/", {"pres-de": "13014", "rayon": "2"}).content.decode()
    assert "sans adresse précise" not in near.split("finder-form")[0]  # no point: never « near » anything


def test_points_say_which_ones_are_approximate_and_the_legend_explains_it(client, mixed):
    points = {point[2]: point for point in client.get("/annuaire/carte/points/").json()["points"]}
    assert points["Recyclerie approximative"][5] == 1
    assert points["Atelier précis du Canet"][5] == 0
    page = client.get("/annuaire/carte/").content.decode()
    assert "position approximative (point de référence du code postal ou de l'arrondissement)" in page
    approximate = (
        Organisation.objects.public()
        .located()
        .filter(location_source__in=[LocationSource.POSTCODE, LocationSource.ARRONDISSEMENT])
        .count()
    )
    assert f"&#160;: {approximate} structure" in page


def test_the_unlocated_list_is_bounded(client, mixed, settings):
    Organisation.objects.bulk_create(
        [Organisation(name=f"Sans point {n:03d}", slug=f"sans-point-{n}") for n in range(60)]
    )
    cache.clear()
    page = client.get("/annuaire/carte/").content.decode()
    listed = page.split('id="sans-adresse-precise"', 1)[1].split("</ul>", 1)[0]
    assert listed.count("<li>") == 50
    more = unlocated_public().count() - 50
    assert f"… et {more} autres&#160;: " in page and "voir tous les résultats en liste" in page


def test_the_map_page_stays_within_its_query_budget(client, mixed, django_assert_max_num_queries):
    client.get("/annuaire/carte/")  # warm Wagtail's site cache, as in production
    with django_assert_max_num_queries(12):  # as the list: the two counts and the unlocated names fit
        assert client.get("/annuaire/carte/?q=coopérative").status_code == 200
    with django_assert_max_num_queries(8):  # Wagtail's routing (6) and the points
        assert client.get("/annuaire/carte/points/?q=coopérative").status_code == 200

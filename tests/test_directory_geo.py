"""Arrondissements from a point (point in polygon) or from a postcode, with the shipped reference data."""

import pytest

import geography as geo


def test_sixteen_arrondissements_are_shipped():
    numbers = [a.number for a in geo.arrondissements()]
    assert numbers == list(range(1, 17))


@pytest.mark.parametrize("number", range(1, 17))
def test_each_postcode_reference_point_falls_in_its_arrondissement(number):
    postcode = f"130{number:02d}"
    lat, lon = geo.postcode_reference_point(postcode)
    assert geo.arrondissement_at(lat, lon) == number
    assert geo.arrondissement_for_postcode(postcode) == number


def _interior_point(area):
    """A point well inside the polygon: the centroid of a small triangle fan, checked by sampling."""
    min_lon, min_lat, max_lon, max_lat = area.bbox
    steps = 25
    for i in range(1, steps):
        for j in range(1, steps):
            lat = min_lat + (max_lat - min_lat) * i / steps
            lon = min_lon + (max_lon - min_lon) * j / steps
            if geo._contains(area, lat, lon):
                return lat, lon
    raise AssertionError(f"no interior point found for {area.number}")


@pytest.mark.parametrize("number", range(1, 17))
def test_points_inside_each_polygon_get_its_number(number):
    area = geo.arrondissement_by_number(number)
    lat, lon = _interior_point(area)
    assert geo.arrondissement_at(lat, lon) == number
    assert geo.find_arrondissement(lat, lon, postcode="13100") == number  # the point wins over the postcode


def test_the_frioul_islands_belong_to_the_7th_though_missing_from_the_polygons():
    assert geo.arrondissement_at(43.2797, 5.2956) == 7


def test_outside_marseille_there_is_no_arrondissement():
    aix = (43.5297, 5.4474)
    assert geo.arrondissement_at(*aix) is None
    assert geo.find_arrondissement(*aix, postcode="13001") is None
    assert geo.find_arrondissement(None, None, postcode="13100") is None


def test_without_a_point_the_postcode_decides():
    assert geo.find_arrondissement(None, None, postcode="13013") == 13


def test_great_circle_distance_and_french_display():
    vieux_port, gare = (43.2951, 5.3744), (43.3027, 5.3806)
    distance = geo.distance_m(*vieux_port, *gare)
    assert 900 < distance < 1100
    assert geo.format_distance(850) == "à 850\u00a0m"
    assert geo.format_distance(1234) == "à 1,2\u00a0km"


def test_bounding_box_contains_the_circle():
    lat, lon = 43.2951, 5.3744
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(lat, lon, 1000)
    assert geo.distance_m(lat, lon, max_lat, lon) == pytest.approx(1000, rel=0.01)
    assert geo.distance_m(lat, lon, lat, max_lon) == pytest.approx(1000, rel=0.01)
    assert min_lat < lat < max_lat and min_lon < lon < max_lon


# The 111 quartiers ---------------------------------------------------------------------------------


def test_the_city_s_111_quartiers_are_shipped_in_all_16_arrondissements():
    quartiers = geo.quartiers()
    assert len(quartiers) == 111
    assert len({q.name for q in quartiers}) == 111
    assert {q.arrondissement for q in quartiers} == set(range(1, 17))


def test_each_quartier_point_falls_in_its_arrondissement_polygon():
    # Two independent sources (the City's quartiers, IGN's arrondissements) agree on every quartier.
    misplaced = [q.name for q in geo.quartiers() if geo.arrondissement_at(*q.point) != q.arrondissement]
    assert misplaced == []


@pytest.mark.parametrize(
    "typed, name, arrondissement",
    [
        ("Belle de Mai", "Belle-de-Mai", 3),
        ("la belle-de-mai", "Belle-de-Mai", 3),
        ("LA CABUCELLE", "La Cabucelle", 15),
        ("st barthelemy", "Saint-Barthélemy", 14),
        ("Saint-Barthélémy", "Saint-Barthélemy", 14),
        ("estaque", "L'Estaque", 16),
        ("L’Estaque, Marseille", "L'Estaque", 16),
        ("Noailles 13001", "Noailles", 1),
        ("hotel de ville", "Hôtel de Ville", 2),
    ],
)
def test_a_quartier_is_found_whatever_the_accents_case_hyphens_and_articles(typed, name, arrondissement):
    quartier = geo.find_quartier(typed)
    assert quartier is not None and (quartier.name, quartier.arrondissement) == (name, arrondissement)


@pytest.mark.parametrize("typed", ["Atlantide", "", "Marseille", "13003", "Belle"])
def test_what_is_not_a_quartier_is_not_guessed(typed):
    assert geo.find_quartier(typed) is None


def test_a_place_far_from_a_reference_point_reads_approximately():
    assert geo.format_approximate_distance(0, 3) == "dans le 3e arrondissement"
    assert geo.format_approximate_distance(0, 1) == "dans le 1er arrondissement"
    assert geo.format_approximate_distance(80) == "à environ 1\u00a0km"
    assert geo.format_approximate_distance(2_400) == "à environ 2\u00a0km"

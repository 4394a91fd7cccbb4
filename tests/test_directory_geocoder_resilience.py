"""A hung address service must not slow the site (issue 12, item 8): places known offline never reach
the network, public requests give up after GEOCODER_PUBLIC_TIMEOUT, and after one failure the circuit
stays open (no network call at all) for GEOCODER_BREAKER_SECONDS."""

import time

import pytest

from directory.geo import geocoder
from tests.helpers.servers import silent_server

STREET = "12 rue de la République"  # no postcode, no arrondissement: only the address service knows it


@pytest.fixture
def hung_service(settings):
    with silent_server() as server:
        settings.GEOCODER_URL = server.url
        settings.GEOCODER_TIMEOUT = 3  # editors' saves may wait; visitors may not
        yield server


def timed_get(client, params):
    start = time.perf_counter()
    response = client.get("/annuaire/", params)
    return response, time.perf_counter() - start


def test_a_hung_geocoder_costs_a_visitor_at_most_a_second_then_nothing(client, orgs, hung_service):
    _, baseline = timed_get(client, {"pres-de": "13001"})  # warm: templates, vocabulary, routing
    _, baseline = timed_get(client, {"pres-de": "13001"})
    response, elapsed = timed_get(client, {"pres-de": STREET})
    assert response.status_code == 200
    assert "Lieu introuvable" in response.content.decode()
    waited = elapsed - baseline
    assert waited < 1.2, f"the request waited {waited:.2f} s on the address service"
    assert hung_service.connections == 1

    # Circuit open: the next visitors do not touch the network at all.
    response, elapsed = timed_get(client, {"pres-de": "8 boulevard National"})
    assert response.status_code == 200
    assert hung_service.connections == 1
    assert elapsed - baseline < 0.5


def test_an_address_with_a_postcode_still_finds_its_place_while_the_service_hangs(client, orgs, hung_service):
    response, _ = timed_get(client, {"pres-de": "12 boulevard du Canet 13014 Marseille", "rayon": "2"})
    assert "Coopérative L'Épicerie du Canet" in response.content.decode().replace("&#x27;", "'")


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("13005", "13005"),
        ("5e", "13005"),
        ("1er arrondissement", "13001"),
        ("Marseille 13e", "13013"),
        ("marseille 16", "13016"),
        ("8ème arrondissement", "13008"),
    ],
)
def test_postcodes_and_arrondissements_are_answered_offline(hung_service, text, postcode):
    import geography

    place = geocoder.offline_place(text)
    assert place is not None
    assert (place.latitude, place.longitude) == geography.postcode_reference_point(postcode)
    assert hung_service.connections == 0


def test_the_offline_lookup_can_be_extended(hung_service):
    """A gazetteer (place names of the directory) adds its own resolver in front of the network."""

    def quarters(text):
        if text.lower() == "le panier":
            return geocoder.Place(43.2990, 5.3670, "Le Panier")
        return None

    geocoder.register_offline_resolver(quarters)
    try:
        place = geocoder.locate("Le Panier")
        assert place.label == "Le Panier"
        assert hung_service.connections == 0
    finally:
        geocoder.unregister_offline_resolver(quarters)


def test_public_answers_are_cached_and_failures_open_the_circuit(settings, hung_service):
    assert geocoder.locate(STREET) is None
    assert geocoder.locate("3 rue Paradis") is None
    assert hung_service.connections == 1
    assert geocoder.circuit_open()


def test_the_nightly_retry_ignores_an_open_circuit(settings, hung_service):
    geocoder.open_circuit()
    settings.GEOCODER_TIMEOUT = 0.3
    assert geocoder.geocode(STREET, force=True) is None
    assert hung_service.connections == 1

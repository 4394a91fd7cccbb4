"""The address-service client against local HTTP servers: one that answers like the national service,
one that hangs, one that errors. A save is never blocked: without a good answer the organisation
gets its postcode's reference point and is marked "à géocoder"."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache

import geography as geo
from directory.geo import geocoder
from directory.geo.location import refresh_location
from directory.models import LocationSource, Organisation
from tests.helpers.commands import run_command
from tests.helpers.directory import admin_add_data

# What the national service answers for a street of the 1st arrondissement.
CANEBIERE = {
    "lat": 43.29697,
    "lon": 5.37811,
    "label": "12 La Canebière 13001 Marseille",
    "postcode": "13001",
    "citycode": "13201",
}


def make_handler(mode):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            query = parse_qs(urlsplit(self.path).query).get("q", [""])[0]
            self.server.queries.append(query)
            if mode == "hang":
                time.sleep(3)
                return
            if mode == "error":
                self.send_response(502)
                self.end_headers()
                self.wfile.write(b"Bad gateway")
                return
            score = 0.2 if mode == "low" else 0.93
            body = {
                "type": "FeatureCollection",
                "version": "draft",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [CANEBIERE["lon"], CANEBIERE["lat"]]},
                        "properties": {
                            "label": CANEBIERE["label"],
                            "score": score,
                            "postcode": CANEBIERE["postcode"],
                            "citycode": CANEBIERE["citycode"],
                            "type": "housenumber",
                        },
                    }
                ],
                "query": query,
            }
            payload = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def address_service(settings):
    servers = []

    def start(mode="ok"):
        server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(mode))
        server.daemon_threads = True
        server.queries = []
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        settings.GEOCODER_URL = f"http://127.0.0.1:{server.server_address[1]}/search/"
        settings.GEOCODER_TIMEOUT = 0.5
        return server

    cache.clear()
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
    cache.clear()


def new_organisation():
    return Organisation(name="Atelier vélo solidaire", address="12 La Canebière", postcode="13001", city="Marseille")


@pytest.mark.django_db
def test_a_good_answer_places_the_organisation(address_service):
    address_service("ok")
    organisation = refresh_location(new_organisation())
    organisation.save()
    organisation.refresh_from_db()
    assert (organisation.latitude, organisation.longitude) == (CANEBIERE["lat"], CANEBIERE["lon"])
    assert organisation.location_source == LocationSource.GEOCODER
    assert organisation.geocoding_score == pytest.approx(0.93)
    assert organisation.needs_geocoding is False
    assert organisation.arrondissement == 1


@pytest.mark.django_db
def test_answers_are_cached(address_service):
    server = address_service("ok")
    assert geocoder.geocode("12 La Canebière 13001 Marseille") is not None
    assert geocoder.geocode("12 La Canebière 13001 Marseille") is not None
    assert len(server.queries) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["low", "error", "hang"])
def test_without_a_reliable_answer_the_postcode_point_stands_in(address_service, mode):
    address_service(mode)
    organisation = refresh_location(new_organisation())
    organisation.save()
    assert (organisation.latitude, organisation.longitude) == geo.postcode_reference_point("13001")
    assert organisation.location_source == LocationSource.POSTCODE
    assert organisation.needs_geocoding is True
    assert organisation.arrondissement == 1


@pytest.mark.django_db
def test_geocode_directory_retries_the_pending_ones(address_service):
    address_service("error")
    organisation = refresh_location(new_organisation())
    organisation.save()
    assert organisation.needs_geocoding
    address_service("ok")
    run_command("geocode_directory")
    organisation.refresh_from_db()
    assert organisation.needs_geocoding is False
    assert organisation.location_source == LocationSource.GEOCODER


@pytest.mark.django_db
def test_a_point_typed_by_hand_is_kept(address_service):
    server = address_service("ok")
    organisation = new_organisation()
    organisation.latitude, organisation.longitude = 43.3081, 5.3698
    refresh_location(organisation, address_changed=False, point_changed=True)
    assert organisation.location_source == LocationSource.MANUAL
    assert organisation.arrondissement == 2
    assert server.queries == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_admin_saves_at_once_and_the_worker_geocodes_afterwards(address_service, admin_client, settings):
    import io

    from django.core.management import call_command

    service = address_service("ok")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = admin_client.post(
        "/admin/directory/organisation/add/",
        admin_add_data(
            **{
                "name": "Atelier vélo solidaire",
                "address": "12 La Canebière",
                "postcode": "13001",
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation = Organisation.objects.get(name="Atelier vélo solidaire")
    assert organisation.live is True
    # The editor did not wait on the address service: the postcode's point stands in meanwhile.
    assert service.queries == [] and organisation.needs_geocoding is True
    assert organisation.location_source == LocationSource.POSTCODE
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO(), stderr=io.StringIO())
    organisation.refresh_from_db()
    assert len(service.queries) == 1 and organisation.needs_geocoding is False
    assert (organisation.latitude, organisation.longitude) == (CANEBIERE["lat"], CANEBIERE["lon"])
    assert organisation.location_source == LocationSource.GEOCODER

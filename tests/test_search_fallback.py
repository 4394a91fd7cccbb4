"""Backend choice from the environment, and the database fallback when the engine is down or silent.

The engine here is a closed port or a local socket that accepts connections and never answers:
no real engine is needed (tests/test_search_engine.py covers a real one).
"""

import logging
import socket
import threading

import pytest
from wagtail.search.backends import get_search_backend

from directory.models import Organisation
from search.backends import FRENCH_INDEX_SETTINGS, database_backend, isolated_for_tests, search_backends_from_env
from search.fallback import forget_engine_failures

ENGINE_BACKENDS = ["search.engines.elasticsearch9", "search.engines.opensearch3"]


def test_without_engine_variables_the_database_backend_answers():
    backends = search_backends_from_env({})
    assert backends == {"default": database_backend()}


def test_elasticsearch_url_selects_elasticsearch_9_with_french_analysis_and_the_database_fallback():
    backends = search_backends_from_env({"ELASTICSEARCH_URL": "https://user:secret@es.example:9243"})
    engine = backends["default"]
    assert engine["BACKEND"] == "search.engines.elasticsearch9"
    assert engine["URLS"] == ["https://user:secret@es.example:9243"]
    assert engine["TIMEOUT"] == 3.0 and engine["OPTIONS"]["max_retries"] == 0
    assert engine["FALLBACK_BACKEND"] == "database" and backends["database"] == database_backend()
    analysis = engine["INDEX_SETTINGS"]["settings"]["analysis"]
    assert analysis["analyzer"]["default"]["filter"][:2] == ["french_elision", "lowercase"]
    assert {"asciifolding", "french_stemmer"} <= set(analysis["analyzer"]["default"]["filter"])
    assert "french_elision" in analysis["analyzer"]["edgengram_analyzer"]["filter"]
    assert "l" in analysis["filter"]["french_elision"]["articles"]


def test_opensearch_url_selects_opensearch_3_and_the_timeout_can_be_set():
    backends = search_backends_from_env(
        {"OPENSEARCH_URL": "http://127.0.0.1:9250", "SEARCH_ENGINE_TIMEOUT": "1.5", "SEARCH_INDEX_PREFIX": "ville_"}
    )
    assert backends["default"]["BACKEND"] == "search.engines.opensearch3"
    assert backends["default"]["TIMEOUT"] == 1.5
    assert backends["default"]["INDEX_PREFIX"] == "ville_"
    assert backends["default"]["INDEX_SETTINGS"] is FRENCH_INDEX_SETTINGS


def test_test_runs_get_their_own_index_prefix():
    backends = isolated_for_tests(search_backends_from_env({"OPENSEARCH_URL": "http://127.0.0.1:9250"}), run_id=42)
    assert backends["default"]["INDEX_PREFIX"] == "test_42_"
    assert isolated_for_tests(search_backends_from_env({}), run_id=42) == search_backends_from_env({})


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SilentServer:
    """Accepts connections on a local port, reads what it is sent, never answers."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.sock.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.sock.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def silent_server():
    server = SilentServer()
    yield server
    server.close()


@pytest.fixture
def use_engine(settings):
    """Point the site at an engine URL with a short timeout; the database stays as the fallback."""

    def configure(backend, url, retry_after=300):
        engine = {
            **search_backends_from_env({"OPENSEARCH_URL": url})["default"],
            "BACKEND": backend,
            "TIMEOUT": 0.5,
            "RETRY_AFTER": retry_after,
            "INDEX_PREFIX": "test_fallback_",
        }
        settings.WAGTAILSEARCH_BACKENDS = {"default": engine, "database": database_backend()}
        forget_engine_failures()

    yield configure
    forget_engine_failures()


@pytest.fixture
def organisations(db):
    # Saved while the engine is down: Wagtail logs the failed engine write, the database index is updated.
    return [
        Organisation.objects.create(
            name="Garage solidaire de la Capelette", short_description="Réparation à prix doux."
        ),
        Organisation.objects.create(name="Garage associatif du Merlan"),
    ]


def titles(response):
    return [hit.title for group in response.context["groups"] for hit in group.get("hits", [])]


@pytest.mark.parametrize("backend", ENGINE_BACKENDS)
def test_closed_engine_port_answers_from_the_database_with_a_warning(
    client, use_engine, organisations, caplog, backend
):
    use_engine(backend, f"http://127.0.0.1:{closed_port()}")

    with caplog.at_level(logging.WARNING, logger="search"):
        response = client.get("/recherche/", {"q": "garage"})

    assert response.status_code == 200
    assert set(titles(response)) == {"Garage solidaire de la Capelette", "Garage associatif du Merlan"}
    assert any("answering from the 'database' backend" in record.getMessage() for record in caplog.records)
    suggestions = client.get("/recherche/suggestions/", {"q": "gara"})
    assert suggestions.status_code == 200
    assert {item["title"] for item in suggestions.json()["results"]} == {
        "Garage solidaire de la Capelette",
        "Garage associatif du Merlan",
    }


@pytest.mark.parametrize("backend", ENGINE_BACKENDS)
def test_engine_that_never_answers_times_out_and_is_then_left_alone(
    client, use_engine, organisations, silent_server, caplog, backend
):
    use_engine(backend, f"http://127.0.0.1:{silent_server.port}")

    with caplog.at_level(logging.WARNING, logger="search"):
        first = client.get("/recherche/", {"q": "garage", "type": "organisations"})
        asked = len(silent_server.connections)
        second = client.get("/recherche/", {"q": "capelette"})
        suggestions = client.get("/recherche/suggestions/", {"q": "merl"})

    assert first.status_code == second.status_code == suggestions.status_code == 200
    assert first.context["selected_count"] == 2
    assert "Garage solidaire de la Capelette" in titles(second)
    assert [item["title"] for item in suggestions.json()["results"]] == ["Garage associatif du Merlan"]
    assert asked >= 1
    # Visitors after the first failure don't wait for the timeout again.
    assert len(silent_server.connections) == asked
    warnings = [record for record in caplog.records if "unavailable" in record.getMessage()]
    assert len(warnings) == 1 and "Timeout" in warnings[0].getMessage()


@pytest.mark.parametrize("backend", ENGINE_BACKENDS)
def test_engine_is_asked_again_after_the_rest_period(client, use_engine, organisations, silent_server, backend):
    use_engine(backend, f"http://127.0.0.1:{silent_server.port}", retry_after=0)

    client.get("/recherche/suggestions/", {"q": "garage"})
    asked = len(silent_server.connections)
    response = client.get("/recherche/suggestions/", {"q": "garage"})

    assert response.status_code == 200 and len(response.json()["results"]) == 2
    assert len(silent_server.connections) > asked


def test_engine_backends_are_built_without_contacting_the_engine(use_engine):
    use_engine("search.engines.elasticsearch9", f"http://127.0.0.1:{closed_port()}")
    backend = get_search_backend()
    assert backend.fallback_backend_name == "database"
    assert backend.settings["settings"]["analysis"]["analyzer"]["default"]["tokenizer"] == "standard"

"""Search against a real engine: runs when OPENSEARCH_URL or ELASTICSEARCH_URL is set, skipped otherwise.

CI starts tools/search-engine with OpenSearch 2.19 and runs the whole suite with OPENSEARCH_URL set,
then with Elasticsearch 9.1 and runs these tests and the site-search ones again with
ELASTICSEARCH_URL set: the same tests show the same behaviour on both engines.
"""

import logging
import socket
import threading
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from directory.models import Kind, Organisation
from search.fallback import forget_engine_failures
from search.testing import engine_configured, run_index_names
from tests.helpers.commands import run_command
from tests.helpers.pages import add_page

pytestmark = [
    pytest.mark.search_engine,
    pytest.mark.skipif(not engine_configured(), reason="needs OPENSEARCH_URL or ELASTICSEARCH_URL (a real engine)"),
]


@pytest.fixture
def engine(caplog):
    """The engine backend; the test fails if any answer came from the database fallback instead."""
    backend = get_search_backend()
    with caplog.at_level(logging.WARNING, logger="search"):
        yield backend
    fallbacks = [record.getMessage() for record in caplog.records if "unavailable" in record.getMessage()]
    assert fallbacks == [], "the engine did not answer"


def analyze(backend, text, analyzer="default"):
    index = backend.get_index_for_model(Organisation).name
    if getattr(backend, "use_new_elasticsearch_api", False):
        answer = backend.es.indices.analyze(index=index, analyzer=analyzer, text=text)
    else:
        answer = backend.es.indices.analyze(index=index, body={"analyzer": analyzer, "text": text})
    return [token["token"] for token in answer["tokens"]]


def engine_search(query, queryset):
    return [str(item) for item in get_search_backend().search(query, queryset)]


def engine_autocomplete(query, queryset):
    return [str(item) for item in get_search_backend().autocomplete(query, queryset)]


def test_update_index_builds_this_runs_indexes_with_french_analysis(db, engine):
    run_command("update_index", backend_name="default")

    names = run_index_names(engine)
    assert any("directory_organisation" in name for name in names)
    assert any("wagtailcore_page" in name for name in names)
    assert all(name.startswith(settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"]) for name in names)
    # Article elided, stop word dropped, accents folded, plural and singular stemmed alike.
    assert analyze(engine, "L'Association des Coopératives") == analyze(engine, "associations cooperative")
    assert len(analyze(engine, "L'Association des Coopératives")) == 2
    assert analyze(engine, "d'économie", analyzer="french_autocomplete_search") == ["economie"]


def test_french_elision_stemming_and_accents(db, engine):
    Organisation.objects.create(name="L'Association des habitants de Noailles")
    Organisation.objects.create(name="Coopérative d'activités et d'emploi", short_description="Une CAE.")
    public = Organisation.objects.public()

    assert engine_search("associations", public) == ["L'Association des habitants de Noailles"]
    assert engine_search("l'association", public) == ["L'Association des habitants de Noailles"]
    assert engine_search("cooperatives", public) == ["Coopérative d'activités et d'emploi"]
    assert engine_search("ACTIVITE", public) == ["Coopérative d'activités et d'emploi"]
    assert engine_search("emplois", public) == ["Coopérative d'activités et d'emploi"]
    assert engine_search("coopératives", public) == ["Coopérative d'activités et d'emploi"]


def test_an_elided_article_in_the_query_is_ignored(db, engine):
    Organisation.objects.create(name="Chantier d'insertion des Crottes", short_description="Insertion par le réemploi.")
    Organisation.objects.create(name="Ressourcerie du Panier")
    public = Organisation.objects.public()

    assert engine_search("l'insertion", public) == ["Chantier d'insertion des Crottes"]
    assert engine_search("d'insertion", public) == ["Chantier d'insertion des Crottes"]
    assert engine_search("L'INSERTION", public) == ["Chantier d'insertion des Crottes"]


def test_the_name_outweighs_the_short_description_which_outweighs_the_description(db, engine):
    Organisation.objects.create(name="Atelier du Rouet", description="On y pratique le réemploi des meubles.")
    Organisation.objects.create(name="Recyclerie de Belsunce", short_description="Du réemploi au quotidien.")
    Organisation.objects.create(name="Réemploi solidaire de la Joliette")

    assert engine_search("réemploi", Organisation.objects.public()) == [
        "Réemploi solidaire de la Joliette",
        "Recyclerie de Belsunce",
        "Atelier du Rouet",
    ]


def test_partial_words_suggest_titles_even_after_an_elided_article(client, db, engine):
    Organisation.objects.create(name="L'Association des habitants de Noailles")
    Organisation.objects.create(name="Épicerie solidaire du Panier")

    assert engine_autocomplete("assoc", Organisation.objects.public()) == ["L'Association des habitants de Noailles"]
    assert engine_autocomplete("l'assoc", Organisation.objects.public()) == ["L'Association des habitants de Noailles"]
    assert engine_autocomplete("epic", Organisation.objects.public()) == ["Épicerie solidaire du Panier"]
    payload = client.get("/recherche/suggestions/", {"q": "assoc"}).json()
    assert [item["title"] for item in payload["results"]] == ["L'Association des habitants de Noailles"]


def test_organisations_filter_on_kind_and_arrondissement_in_the_engine(db, engine):
    Organisation.objects.create(name="Atelier vélo du 3e", kind=Kind.ESS_ACTOR, arrondissement=3)
    Organisation.objects.create(name="Atelier vélo du 13e", kind=Kind.ESS_ACTOR, arrondissement=13)
    Organisation.objects.create(name="Incubateur vélo", kind=Kind.SUPPORT, arrondissement=3)
    Organisation.objects.create(name="Atelier vélo fictif", arrondissement=3, synthetic=True)
    Organisation.objects.create(name="Atelier vélo dépublié", arrondissement=3, live=False)

    public = Organisation.objects.public()
    assert sorted(engine_search("vélo", public.filter(arrondissement=3))) == ["Atelier vélo du 3e", "Incubateur vélo"]
    assert engine_search("vélo", public.filter(arrondissement=3, kind=Kind.ESS_ACTOR)) == ["Atelier vélo du 3e"]
    assert len(engine_search("vélo", public)) == 3
    # Facets (Wagtail's terms aggregation on a filter field) count only the public set.
    assert get_search_backend().search("vélo", public).facet("kind") == {Kind.ESS_ACTOR: 2, Kind.SUPPORT: 1}


def test_site_search_through_the_engine_groups_types_and_puts_promotions_first(client, home, engine):
    Organisation.objects.create(name="Ressourcerie des Accoules")
    guide = add_page(home, "Les ressourceries à Marseille", intro="Déposer, réparer, acheter d'occasion.")
    SearchPromotion.objects.create(query=Query.get("ressourceries"), page=guide)

    response = client.get("/recherche/", {"q": "ressourceries"})

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        html.index("Nous vous recommandons")
        < html.index("Les ressourceries à Marseille")
        < html.index("Ressourcerie des Accoules")
    )
    groups = {group["source"].key: group for group in response.context["groups"]}
    assert groups["organisations"]["count"] == 1
    # The promoted page is shown once, as promoted: not again among the pages (where synonyms of
    # « ressourcerie », such as « réemploi », may find others).
    assert guide.pk not in [page.pk for page in groups["pages"]["results"]]


def test_a_group_is_counted_from_the_answer_that_brings_its_first_hits(client, db, engine, monkeypatch):
    for number in range(7):
        Organisation.objects.create(name=f"Jardin partagé {number}")

    def no_second_request(*args, **kwargs):
        raise AssertionError("the engine was asked to count again")

    monkeypatch.setattr(type(engine.es), "count", no_second_request)
    response = client.get("/recherche/", {"q": "jardin"})

    group = next(group for group in response.context["groups"] if group["source"].key == "organisations")
    assert (len(group["hits"]), group["count"]) == (5, 7)
    assert "Voir les 7 résultats de type" in response.content.decode()


def test_publish_unpublish_and_delete_update_the_engine(home, engine):
    pages = Page.objects.live().public()
    page = add_page(home, "Les tiers-lieux marseillais", publish=False)
    assert "Les tiers-lieux marseillais" not in engine_search("tiers-lieux", pages)

    page.save_revision().publish()
    assert "Les tiers-lieux marseillais" in engine_search("tiers-lieux", Page.objects.live().public())

    page.refresh_from_db()
    page.unpublish()
    assert "Les tiers-lieux marseillais" not in engine_search("tiers-lieux", Page.objects.live().public())

    page.delete()
    document_id = str(page.pk)
    index = engine.get_index_for_model(Page).name
    found = engine.search("tiers-lieux", Page.objects.all())
    assert document_id not in [str(item.pk) for item in found]
    assert index in run_index_names(engine) or any(name.startswith(index) for name in run_index_names(engine))

    organisation = Organisation.objects.create(name="Friche solidaire")
    assert engine_search("friche", Organisation.objects.public()) == ["Friche solidaire"]
    organisation.delete()
    assert engine_search("friche", Organisation.objects.public()) == []


class Relay:
    """A local TCP relay to the engine, which a test can shut like a crashed node."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.sockets = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                client, _address = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for source, destination in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, destination), daemon=True).start()

    @staticmethod
    def _pipe(source, destination):
        try:
            while data := source.recv(65536):
                destination.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, destination):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stop(self):
        self.server.close()
        for sock in self.sockets:
            try:
                sock.close()
            except OSError:
                pass


def test_engine_stopped_mid_run_the_site_answers_from_the_database(client, db, settings, caplog):
    engine_url = urlsplit(settings.WAGTAILSEARCH_BACKENDS["default"]["URLS"][0])
    relay = Relay(engine_url.hostname, engine_url.port)
    engine_config = dict(settings.WAGTAILSEARCH_BACKENDS["default"], URLS=[f"http://127.0.0.1:{relay.port}"])
    settings.WAGTAILSEARCH_BACKENDS = {**settings.WAGTAILSEARCH_BACKENDS, "default": engine_config}
    forget_engine_failures()
    try:
        Organisation.objects.create(name="Garage solidaire de la Capelette")
        with caplog.at_level(logging.WARNING, logger="search"):
            before = client.get("/recherche/", {"q": "garage"})
            assert not [record for record in caplog.records if "unavailable" in record.getMessage()]

            relay.stop()  # the engine goes away after indexing
            after = client.get("/recherche/", {"q": "garage"})
            suggestions = client.get("/recherche/suggestions/", {"q": "gara"})
    finally:
        relay.stop()
        forget_engine_failures()

    for response in (before, after):
        assert response.status_code == 200
        assert "Garage solidaire de la Capelette" in response.content.decode()
    assert suggestions.status_code == 200
    assert [item["title"] for item in suggestions.json()["results"]] == ["Garage solidaire de la Capelette"]
    assert any("answering from the 'database' backend" in record.getMessage() for record in caplog.records)


@pytest.fixture
def fresh_prefix(settings):
    """The engine with an index prefix of its own, whose indexes do not exist yet; deleted afterwards."""
    prefix = settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] + "fresh_"
    engine_config = dict(settings.WAGTAILSEARCH_BACKENDS["default"], INDEX_PREFIX=prefix)
    settings.WAGTAILSEARCH_BACKENDS = {**settings.WAGTAILSEARCH_BACKENDS, "default": engine_config}
    forget_engine_failures()
    yield prefix
    forget_engine_failures()
    backend = get_search_backend()
    for name in run_index_names(backend):
        backend.es.indices.delete(index=name, ignore_unavailable=True)


def test_missing_index_answers_from_the_database_until_update_index_builds_it(client, db, request, caplog):
    Organisation.objects.create(name="Garage solidaire de la Capelette")
    # Then the site is pointed at indexes that do not exist (a new cluster, a deleted index).
    fresh_prefix = request.getfixturevalue("fresh_prefix")
    backend = get_search_backend()
    assert run_index_names(backend) == []

    with caplog.at_level(logging.WARNING, logger="search"):
        response = client.get("/recherche/", {"q": "garage"})
    assert response.status_code == 200
    assert "Garage solidaire de la Capelette" in response.content.decode()
    assert any("answering from the 'database' backend" in record.getMessage() for record in caplog.records)

    # From scratch: update_index creates the indexes, with their mappings and French analysis.
    run_command("update_index", backend_name="default")
    forget_engine_failures()
    caplog.clear()
    names = run_index_names(backend)
    assert any(name.startswith(fresh_prefix + "directory_organisation") for name in names)
    with caplog.at_level(logging.WARNING, logger="search"):
        assert engine_search("garages", Organisation.objects.public()) == ["Garage solidaire de la Capelette"]
        assert engine_autocomplete("capel", Organisation.objects.public()) == ["Garage solidaire de la Capelette"]
    assert not [record for record in caplog.records if "unavailable" in record.getMessage()]

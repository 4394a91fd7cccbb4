"""Pytest fixtures that keep a real search engine consistent with each test's database.

Active only when the test settings name an engine (OPENSEARCH_URL or ELASTICSEARCH_URL): the
indexes of this test run (their own prefix, see search.backends.isolated_for_tests) are built
once, emptied after every test that wrote to them (the database is rolled back, the engine is not),
and deleted at the end. While tests share uncommitted data (the demo site, tests/helpers/demo_layer.py),
its documents are kept and put back after each test that wrote. Without an engine these fixtures do nothing, so the suite is not slowed.
"""

import os

import pytest
from django.conf import settings
from django.core.management import call_command
from pytest_django.fixtures import _get_databases_for_setup

from search.fallback import forget_deferred_writes, forget_engine_failures, take_written_indexes


def engine_configured():
    return "URLS" in settings.WAGTAILSEARCH_BACKENDS.get("default", {})


def engine_backend():
    # Late: the test settings import this module before Django's apps are ready.
    from wagtail.search.backends import get_search_backend

    return get_search_backend("default")


def run_index_names(backend):
    """Names of the indexes (and their atomic-rebuild copies) that belong to this test run."""
    found = backend.es.indices.get(index=backend.index_prefix + "*", ignore_unavailable=True, allow_no_indices=True)
    return sorted(found.keys())


def empty_indexes(backend, names):
    """Delete every document of these indexes, the same way on both engines.

    Documents are listed by a search and deleted in bulk: `_delete_by_query` belongs to the
    `reindex` module, which the Elasticsearch of tools/search-engine lacks (it is not published).
    """
    if not names:
        return
    es = backend.es
    index = ",".join(sorted(names))
    es.indices.refresh(index=index, ignore_unavailable=True)  # writes not yet searchable would survive
    while True:
        if getattr(backend, "use_new_elasticsearch_api", False):  # elasticsearch-py 8+: no `body`
            answer = es.search(index=index, query={"match_all": {}}, source=False, size=1000, ignore_unavailable=True)
        else:
            answer = es.search(
                index=index, body={"query": {"match_all": {}}, "_source": False, "size": 1000}, ignore_unavailable=True
            )
        hits = answer["hits"]["hits"]
        if not hits:
            return
        actions = [{"_op_type": "delete", "_index": hit["_index"], "_id": hit["_id"]} for hit in hits]
        backend.bulk(es, actions, refresh=True)


def index_documents(backend, names):
    """Every document of these indexes, as bulk "index" actions that put them back."""
    es = backend.es
    index = ",".join(sorted(names))
    es.indices.refresh(index=index, ignore_unavailable=True)
    if getattr(backend, "use_new_elasticsearch_api", False):
        answer = es.search(index=index, query={"match_all": {}}, size=BASELINE_MAX, ignore_unavailable=True)
    else:
        answer = es.search(
            index=index, body={"query": {"match_all": {}}, "size": BASELINE_MAX}, ignore_unavailable=True
        )
    hits = answer["hits"]["hits"]
    assert len(hits) < BASELINE_MAX, "too many documents to keep as the tests' starting point"
    return [
        {"_op_type": "index", "_index": hit["_index"], "_id": hit["_id"], "_source": hit["_source"]} for hit in hits
    ]


# Documents every test starts from while shared, uncommitted test data (tests/helpers/demo_layer.py)
# is in the database: put back after each test that wrote to the engine. Empty otherwise.
BASELINE_MAX = 10_000
_baseline = []


def keep_engine_baseline():
    """The database now holds data the following tests share: the engine's documents of it are kept."""
    if not engine_configured():
        return
    backend = engine_backend()
    if hasattr(backend, "send_deferred_writes"):
        backend.send_deferred_writes()
    _baseline[:] = index_documents(backend, run_index_names(backend))
    take_written_indexes()


def drop_engine_baseline():
    """That shared data was rolled back: its documents leave the engine."""
    if not engine_configured():
        return
    backend = engine_backend()
    forget_deferred_writes()
    take_written_indexes()
    if _baseline:
        empty_indexes(backend, run_index_names(backend))
    _baseline.clear()


def restore_engine_baseline(backend):
    if _baseline:
        backend.bulk(backend.es, list(_baseline), refresh=True)


@pytest.fixture(scope="session", autouse=True)
def search_engine_indexes(request):
    # pytest-django creates the test database only for sessions with a database test (a module run
    # alone, such as the slow-clients test, may have none): without one there is nothing to index.
    aliases, _ = _get_databases_for_setup(request.session.items)
    if not engine_configured() or "default" not in aliases:
        yield None
        return
    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    backend = engine_backend()
    with blocker.unblock():
        # Creates every index with its mappings and French analysis (engines would otherwise
        # create them on first write, with default analysis).
        call_command("update_index", backend_name="default", stdout=open(os.devnull, "w"))
    take_written_indexes()
    try:
        yield backend
    finally:
        for name in run_index_names(backend):
            backend.es.indices.delete(index=name, ignore_unavailable=True)


@pytest.fixture(autouse=True)
def search_engine_isolation(request, search_engine_indexes):
    yield
    forget_engine_failures()
    if search_engine_indexes is None or request.node.get_closest_marker("browser"):
        return  # browser tests share the session's demo content and only read it
    forget_deferred_writes()
    written = take_written_indexes()
    empty_indexes(search_engine_indexes, written)
    if written:
        restore_engine_baseline(search_engine_indexes)

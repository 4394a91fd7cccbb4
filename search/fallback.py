"""Answer from the database when the search engine is unreachable or too slow.

The engine backends (search/engines/opensearch3.py, elasticsearch9.py) mix these classes in. A
search runs lazily, when its results are read; if the engine then fails (connection refused,
timeout, missing index, bad answer), the same query is run against the database backend, which
the site keeps up to date alongside the engine. A warning is logged, and the engine is left alone
for RETRY_AFTER seconds so that visitors don't each wait for the timeout.

Writes keep Wagtail's behaviour: a failed write is logged and never breaks an editor's save;
`manage.py update_index` repairs the engine's index once it is back.
"""

import logging
import time

from modelsearch.backends import get_search_backend
from modelsearch.index import class_is_indexed

logger = logging.getLogger("search")

# Engine URLs -> time.monotonic() before which the engine is not asked again. Per process: backend
# instances are short-lived (Wagtail builds one per search).
_resting_until = {}

# Names of the engine indexes written to since the last call of `take_written_indexes()`; tests use
# it to empty the engine only after the tests that wrote to it.
_written_indexes = set()

# With DEFER_WRITES_UNTIL_READ (tests): single-document writes waiting for the next search, sent
# then in one bulk request followed by a refresh. Test suites save hundreds of pages and
# organisations and search few of them: one round trip per save would double their time.
_deferred_actions = []
_unrefreshed_indexes = set()


def take_written_indexes():
    names = set(_written_indexes)
    _written_indexes.clear()
    return names


def forget_deferred_writes():
    """Tests: the database was rolled back and the indexes emptied, nothing is left to send."""
    _deferred_actions.clear()
    _unrefreshed_indexes.clear()


def forget_engine_failures():
    _resting_until.clear()


class FallbackBackendMixin:
    """Mixed into an Elasticsearch/OpenSearch backend class (before it in the bases)."""

    #: Exceptions meaning "the engine could not answer"; set by each engine module.
    engine_errors = ()

    def __init__(self, params):
        params = dict(params)
        self.fallback_backend_name = params.pop("FALLBACK_BACKEND", None)
        self.retry_after = float(params.pop("RETRY_AFTER", 30))
        # Tests: writes visible to the next search (production relies on the 1 s refresh interval).
        self.defer_writes_until_read = bool(params.pop("DEFER_WRITES_UNTIL_READ", False))
        super().__init__(params)
        self.engine_key = repr(self.hosts)

    def engine_is_resting(self):
        until = _resting_until.get(self.engine_key)
        return until is not None and time.monotonic() < until

    def engine_failed(self, error):
        _resting_until[self.engine_key] = time.monotonic() + self.retry_after
        logger.warning(
            "Search engine %s unavailable (%s: %s); answering from the '%s' backend for %.0f s.",
            self.engine_key,
            type(error).__name__,
            error,
            self.fallback_backend_name,
            self.retry_after,
        )

    def engine_answered(self):
        _resting_until.pop(self.engine_key, None)

    def fallback_backend(self):
        return get_search_backend(self.fallback_backend_name)

    def send_deferred_writes(self):
        if _deferred_actions:
            actions = list(_deferred_actions)
            _deferred_actions.clear()
            self.bulk(self.es, actions)
        while _unrefreshed_indexes:
            self.es.indices.refresh(index=_unrefreshed_indexes.pop())


class FallbackResultsMixin:
    """Mixed into the engine backend's results class (before it in the bases)."""

    def _do_search(self):
        engine_search = super()._do_search
        # The engine's _do_search is a generator: it must run inside the try, hence list().
        return self._from_engine_or_database(lambda: list(engine_search()), list)

    def _do_count(self):
        return self._from_engine_or_database(super()._do_count, lambda results: results.count())

    def _from_engine_or_database(self, ask_engine, read_database_results):
        backend = self.backend
        if not backend.fallback_backend_name:
            if backend.defer_writes_until_read:
                backend.send_deferred_writes()
            return ask_engine()
        if not backend.engine_is_resting():
            try:
                if backend.defer_writes_until_read:
                    backend.send_deferred_writes()
                answer = ask_engine()
            except backend.engine_errors as error:
                backend.engine_failed(error)
            else:
                backend.engine_answered()
                return answer
        return read_database_results(self._database_results())

    def _database_results(self):
        compiler = self.query_compiler
        database = self.backend.fallback_backend()
        search = database.autocomplete if getattr(compiler, "is_autocomplete", False) else database.search
        results = search(
            compiler.query, compiler.queryset, fields=compiler.fields, order_by_relevance=compiler.order_by_relevance
        )
        if self._score_field:
            results = results.annotate_score(self._score_field)
        return results[self.start : self.stop]


class RecordingIndexMixin:
    """Mixed into the engine's index class: a record of writes, and DEFER_WRITES_UNTIL_READ."""

    def add_item(self, item):
        if not self.backend.defer_writes_until_read or not class_is_indexed(item.__class__):
            super().add_item(item)
        else:
            mapping = self.mapping_class(item.__class__)
            _deferred_actions.append(
                {
                    "_op_type": "index",
                    "_index": self.name,
                    "_id": mapping.get_document_id(item),
                    "_source": mapping.get_document(item),
                }
            )
        self._written()

    def add_items(self, model, items):
        super().add_items(model, items)
        self._written()

    def delete_item(self, item):
        if self.backend.defer_writes_until_read and class_is_indexed(item.__class__):
            # Deleted now, so a write still waiting for this document must not bring it back.
            document_id = self.mapping_class(item.__class__).get_document_id(item)
            _deferred_actions[:] = [
                action for action in _deferred_actions if (action["_index"], action["_id"]) != (self.name, document_id)
            ]
        super().delete_item(item)
        self._written()

    def _written(self):
        _written_indexes.add(self.name)
        if self.backend.defer_writes_until_read:
            _unrefreshed_indexes.add(self.name)

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

logger = logging.getLogger("search")

# Engine URLs -> time.monotonic() before which the engine is not asked again. Per process: backend
# instances are short-lived (Wagtail builds one per search).
_resting_until = {}

# Names of the engine indexes written to since the last call of `take_written_indexes()`; tests use
# it to empty the engine only after the tests that wrote to it.
_written_indexes = set()


def take_written_indexes():
    names = set(_written_indexes)
    _written_indexes.clear()
    return names


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
        # Tests read right after writing; production relies on the engine's refresh interval.
        self.refresh_after_write = bool(params.pop("REFRESH_AFTER_WRITE", False))
        super().__init__(params)
        self.engine_key = repr(self.hosts)

    def engine_is_resting(self):
        until = _resting_until.get(self.engine_key)
        return until is not None and time.monotonic() < until

    def engine_failed(self, error):
        _resting_until[self.engine_key] = time.monotonic() + self.retry_after
        logger.warning(
            "Search engine %s unavailable (%s: %s); answering from the '%s' backend for %.0f s.",
            self.engine_key, type(error).__name__, error, self.fallback_backend_name, self.retry_after,
        )

    def engine_answered(self):
        _resting_until.pop(self.engine_key, None)

    def fallback_backend(self):
        return get_search_backend(self.fallback_backend_name)


class FallbackResultsMixin:
    """Mixed into the engine backend's results class (before it in the bases)."""

    def _do_search(self):
        return self._from_engine_or_database(super()._do_search, list)

    def _do_count(self):
        return self._from_engine_or_database(super()._do_count, lambda results: results.count())

    def _from_engine_or_database(self, ask_engine, read_database_results):
        backend = self.backend
        if not backend.fallback_backend_name:
            return ask_engine()
        if not backend.engine_is_resting():
            try:
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
    """Mixed into the engine's index class: optional refresh after each write, and a record of writes."""

    def add_item(self, item):
        super().add_item(item)
        self._written()

    def add_items(self, model, items):
        super().add_items(model, items)
        self._written()

    def delete_item(self, item):
        super().delete_item(item)
        self._written()

    def _written(self):
        _written_indexes.add(self.name)
        if self.backend.refresh_after_write:
            self.refresh()

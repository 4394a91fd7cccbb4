"""French analysis and the database fallback on top of one of Wagtail's engine backends.

Elasticsearch 9 and OpenSearch 3 backends have the same class layout in modelsearch; one function
derives ours from either, so both engines behave alike.
"""

from search.counting import EngineCountedResultsMixin
from search.fallback import FallbackBackendMixin, FallbackResultsMixin, RecordingIndexMixin


def french_backend(backend, mapping, index, search_compiler, autocomplete_compiler, results, engine_errors):
    """Our backend class over the engine's own classes; `engine_errors` are what the fallback catches."""

    class FrenchMapping(mapping):
        # What visitors type into autocomplete loses its elided article too: "l'assoc" -> "assoc".
        edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "french_autocomplete_search"}

    class FrenchIndex(RecordingIndexMixin, index):
        pass

    class FrenchSearchQueryCompiler(search_compiler):
        mapping_class = FrenchMapping

    class FrenchAutocompleteQueryCompiler(autocomplete_compiler):
        mapping_class = FrenchMapping
        is_autocomplete = True

    class FallbackSearchResults(FallbackResultsMixin, EngineCountedResultsMixin, results):
        pass

    class FrenchBackend(FallbackBackendMixin, backend):
        mapping_class = FrenchMapping
        index_class = FrenchIndex
        query_compiler_class = FrenchSearchQueryCompiler
        autocomplete_query_compiler_class = FrenchAutocompleteQueryCompiler
        results_class = FallbackSearchResults

    FrenchBackend.engine_errors = tuple(engine_errors)
    return FrenchBackend

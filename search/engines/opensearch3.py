"""OpenSearch (opensearch-py 3) with French analysis and the database fallback.

Wagtail's `opensearch3` backend, not `opensearch2`: the latter calls opensearch-py 3 positionally.
"""

from modelsearch.backends.opensearch3 import (
    OpenSearch3AutocompleteQueryCompiler,
    OpenSearch3Index,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchQueryCompiler,
    OpenSearch3SearchResults,
)
from opensearchpy.exceptions import OpenSearchException

from search.fallback import FallbackBackendMixin, FallbackResultsMixin, RecordingIndexMixin


class FrenchMapping(OpenSearch3Mapping):
    # What visitors type into autocomplete loses its elided article too: "l'assoc" -> "assoc".
    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "french_autocomplete_search"}


class FrenchIndex(RecordingIndexMixin, OpenSearch3Index):
    pass


class FrenchSearchQueryCompiler(OpenSearch3SearchQueryCompiler):
    mapping_class = FrenchMapping


class FrenchAutocompleteQueryCompiler(OpenSearch3AutocompleteQueryCompiler):
    mapping_class = FrenchMapping
    is_autocomplete = True


class FallbackSearchResults(FallbackResultsMixin, OpenSearch3SearchResults):
    pass


class FrenchOpenSearchBackend(FallbackBackendMixin, OpenSearch3SearchBackend):
    mapping_class = FrenchMapping
    index_class = FrenchIndex
    query_compiler_class = FrenchSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchAutocompleteQueryCompiler
    results_class = FallbackSearchResults
    engine_errors = (OpenSearchException,)


SearchBackend = FrenchOpenSearchBackend

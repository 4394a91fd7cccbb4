"""Elasticsearch 9 with French analysis and the database fallback."""

from elastic_transport import TransportError
from elasticsearch import ApiError
from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Index,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
    Elasticsearch9SearchResults,
)

from search.fallback import FallbackBackendMixin, FallbackResultsMixin, RecordingIndexMixin


class FrenchMapping(Elasticsearch9Mapping):
    # What visitors type into autocomplete loses its elided article too: "l'assoc" -> "assoc".
    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "french_autocomplete_search"}


class FrenchIndex(RecordingIndexMixin, Elasticsearch9Index):
    pass


class FrenchSearchQueryCompiler(Elasticsearch9SearchQueryCompiler):
    mapping_class = FrenchMapping


class FrenchAutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = FrenchMapping
    is_autocomplete = True


class FallbackSearchResults(FallbackResultsMixin, Elasticsearch9SearchResults):
    pass


class FrenchElasticsearchBackend(FallbackBackendMixin, Elasticsearch9SearchBackend):
    mapping_class = FrenchMapping
    index_class = FrenchIndex
    query_compiler_class = FrenchSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchAutocompleteQueryCompiler
    results_class = FallbackSearchResults
    engine_errors = (TransportError, ApiError)


SearchBackend = FrenchElasticsearchBackend

"""Elasticsearch 9 with French analysis and the database fallback."""

from elastic_transport import TransportError
from elasticsearch import ApiError
from modelsearch.backends import elasticsearch9 as engine

from search.engines.french import french_backend

SearchBackend = french_backend(
    engine.Elasticsearch9SearchBackend,
    mapping=engine.Elasticsearch9Mapping,
    index=engine.Elasticsearch9Index,
    search_compiler=engine.Elasticsearch9SearchQueryCompiler,
    autocomplete_compiler=engine.Elasticsearch9AutocompleteQueryCompiler,
    results=engine.Elasticsearch9SearchResults,
    engine_errors=(TransportError, ApiError),
)

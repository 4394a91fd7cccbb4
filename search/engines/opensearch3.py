"""OpenSearch (opensearch-py 3) with French analysis and the database fallback.

Wagtail's `opensearch3` backend, not `opensearch2`: the latter calls opensearch-py 3 positionally.
"""

from modelsearch.backends import opensearch3 as engine
from opensearchpy.exceptions import OpenSearchException

from search.engines.french import french_backend

SearchBackend = french_backend(
    engine.OpenSearch3SearchBackend,
    mapping=engine.OpenSearch3Mapping,
    index=engine.OpenSearch3Index,
    search_compiler=engine.OpenSearch3SearchQueryCompiler,
    autocomplete_compiler=engine.OpenSearch3AutocompleteQueryCompiler,
    results=engine.OpenSearch3SearchResults,
    engine_errors=(OpenSearchException,),
)

"""Which search backend the site uses, chosen by the environment.

Imported by ess_site/settings/base.py, so this module stays free of Django and engine imports.

- nothing set: the database backend (SQLite FTS5 locally, PostgreSQL full text in production);
- ``ELASTICSEARCH_URL``: an Elasticsearch 9 cluster (Wagtail's ``elasticsearch9`` backend);
- ``OPENSEARCH_URL``: an OpenSearch cluster (Wagtail's ``opensearch3`` backend, opensearch-py 3).

With an engine, the database backend stays configured as ``"database"`` and keeps its own index up
to date: it answers whenever the engine is unreachable or too slow (see search/fallback.py).
"""

# PostgreSQL text search configurations created by search/migrations/0001: the built-in ones
# plus `unaccent`, so that "cooperative" finds "coopérative". SQLite ignores them (FTS5's
# unicode61 tokenizer already folds case and accents).
POSTGRES_SEARCH_CONFIG = "french_unaccent"
POSTGRES_AUTOCOMPLETE_CONFIG = "simple_unaccent"

# Elided articles and pronouns: "l'association" is indexed as "association".
FRENCH_ELISION_ARTICLES = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]

# French analysis for Elasticsearch and OpenSearch. "default" is the analyzer of every text field
# that names none (all SearchFields); the edge n-gram analyzers serve AutocompleteFields.
FRENCH_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "french_elision": {"type": "elision", "articles_case": True, "articles": FRENCH_ELISION_ARTICLES},
                "french_stop": {"type": "stop", "stopwords": "_french_"},
                "french_stemmer": {"type": "stemmer", "language": "light_french"},
                "edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15},
            },
            "analyzer": {
                # Stop words are removed before folding: the list is written with accents.
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["french_elision", "lowercase", "french_stop", "asciifolding", "french_stemmer"],
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["french_elision", "lowercase", "asciifolding", "edgengram"],
                },
                "ngram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["french_elision", "lowercase", "asciifolding", "ngram"],
                },
                # What a visitor types into an autocomplete field, without n-grams nor stemming.
                "french_autocomplete_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["french_elision", "lowercase", "asciifolding"],
                },
            },
        }
    }
}

DEFAULT_ENGINE_TIMEOUT = 3.0  # seconds per request to the engine before we answer from the database


def database_backend():
    return {
        "BACKEND": "search.engines.database",
        "SEARCH_CONFIG": POSTGRES_SEARCH_CONFIG,
        "AUTOCOMPLETE_CONFIG": POSTGRES_AUTOCOMPLETE_CONFIG,
        # The typo fallback's `Fuzzy` on PostgreSQL (pg_trgm word similarity): Wagtail's 0.3 finds
        # "téléphone" for "xylophone"; 0.6 keeps a typo or two ("colecte" -> "Collecte": 0.88).
        "FUZZY_SIMILARITY_THRESHOLD": 0.6,
    }


def search_backends_from_env(environ):
    """The WAGTAILSEARCH_BACKENDS setting for this environment (a mapping like os.environ)."""
    database = database_backend()
    engines = [
        ("OPENSEARCH_URL", "search.engines.opensearch3"),
        ("ELASTICSEARCH_URL", "search.engines.elasticsearch9"),
    ]
    for variable, backend in engines:
        url = (environ.get(variable) or "").strip()
        if not url:
            continue
        engine = {
            "BACKEND": backend,
            "URLS": [part.strip() for part in url.split(",") if part.strip()],
            "INDEX_PREFIX": environ.get("SEARCH_INDEX_PREFIX", "ess_"),
            "TIMEOUT": float(environ.get("SEARCH_ENGINE_TIMEOUT") or DEFAULT_ENGINE_TIMEOUT),
            # One try: a retry on a dead node only makes the visitor wait before the fallback.
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
            "INDEX_SETTINGS": FRENCH_INDEX_SETTINGS,
            # Seconds during which a failed engine is not asked again (per process).
            "RETRY_AFTER": float(environ.get("SEARCH_ENGINE_RETRY_AFTER") or 30),
            "FALLBACK_BACKEND": "database",
        }
        return {"default": engine, "database": database}
    return {"default": database}


def isolated_for_tests(backends, run_id):
    """Test settings: the engine's indexes carry a per-run prefix; writes are visible to the next search."""
    backends = {name: dict(config) for name, config in backends.items()}
    engine = backends["default"]
    if "URLS" in engine:
        engine["INDEX_PREFIX"] = f"test_{run_id}_"
        engine["DEFER_WRITES_UNTIL_READ"] = True
        # No index swapping during the session's initial build: one index per model, created once.
        engine["ATOMIC_REBUILD"] = False
    return backends

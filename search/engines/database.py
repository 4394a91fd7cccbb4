"""The database backend, with accent-insensitive autocomplete on PostgreSQL.

Wagtail's PostgreSQL backend hard-codes the `simple` configuration for autocomplete, which keeps
accents: "cooperat" would not suggest "Coopérative". On PostgreSQL we use the configuration
created by search/migrations/0001 instead; SQLite and others get Wagtail's backend unchanged.
"""

from functools import cache

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend


@cache
def french_postgres_backend_class():
    # Imported late: the PostgreSQL backend needs psycopg, which SQLite set-ups may lack.
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    class FrenchPostgresSearchBackend(PostgresSearchBackend):
        def __init__(self, params):
            params = dict(params)
            autocomplete_config = params.pop("AUTOCOMPLETE_CONFIG", None)
            super().__init__(params)
            if autocomplete_config:
                self.autocomplete_config = autocomplete_config

    return FrenchPostgresSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return french_postgres_backend_class()(params)
    params = {key: value for key, value in params.items() if key != "AUTOCOMPLETE_CONFIG"}
    return database_search_backend(params)

"""The database backend, with accent-insensitive autocomplete on PostgreSQL, and fast bulk indexing.

Wagtail's PostgreSQL backend hard-codes the `simple` configuration for autocomplete, which keeps
accents: "cooperat" would not suggest "Coopérative". On PostgreSQL we use the configuration
created by search/migrations/0001 instead. On SQLite (FTS5, no stemmer), words are searched by
their light French stem as a prefix (`stemming_sqlite_compiler_class`).

On both, a word is also searched in its other number where the stemming misses it
(directory/synonyms.py::number_forms): PostgreSQL's French Snowball stemmer keeps « lieux », « jeux »,
« emplois », « vélos » apart from their singulars; SQLite's prefixes miss « jeux » for « jeu » (words
of fewer than 4 letters are searched exactly).

Its results are counted by the query that reads them (search/counting.py).

Its bulk indexing builds one Django expression per text and object and compiles them (about 12 ms
an object: 2 minutes for an import of 10 000 organisations). `FastPostgresIndex.add_items` writes
the same rows (same vectors, weights and plain texts) with the SQL written once per object.
"""

import re
from functools import cache, reduce

from django.db import ProgrammingError, connection
from modelsearch.backends.database import SearchBackend as database_search_backend

from search.counting import DatabaseCountedResultsMixin


@cache
def fast_postgres_index_class():
    from modelsearch.backends.database.postgres.postgres import IndexEntry, ObjectIndexer, PostgresIndex
    from modelsearch.index import AutocompleteField, SearchField
    from modelsearch.utils import get_content_type_pk

    def vector_sql(texts, config, params):
        # The configuration and weights are written into the SQL (checked names and letters): one
        # parameter per text keeps psycopg's conversion of this long statement short.
        assert re.fullmatch(r"[a-z_]+", config), config
        if not texts:
            return "''::tsvector"
        parts = []
        for text, weight in texts:
            assert weight in "ABCD", weight
            parts.append(f"setweight(to_tsvector('{config}'::regconfig, %s), '{weight}')")
            params.append(text)
        return "(" + " || ".join(parts) + ")"

    class FastPostgresIndex(PostgresIndex):
        def add_items(self, model, objs):
            if not model.get_search_fields():
                return
            content_type_pk = get_content_type_pk(model)
            rows, params = [], []
            for obj in objs:
                indexer = ObjectIndexer(obj, self.backend)
                title, body, autocomplete = [], [], []
                for field in indexer.search_fields:
                    for current, weight, value in indexer.prepare_field(obj, field):
                        text = value.strip()
                        if not text:
                            continue
                        if isinstance(current, SearchField):
                            (title if current.field_name == "title" else body).append((text, weight))
                        elif isinstance(current, AutocompleteField):
                            autocomplete.append((text, weight))
                row_params = [content_type_pk, indexer.id]
                vectors = [
                    vector_sql(title, self.backend.config, row_params),
                    vector_sql(autocomplete, self.backend.autocomplete_config, row_params),
                    vector_sql(body, self.backend.config, row_params),
                ]
                row_params += [" ".join(t for t, _ in title), " ".join(t for t, _ in body)]
                rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
                params += row_params
            if not rows:
                return
            with self.write_connection.cursor() as cursor:
                cursor.execute(
                    f"""
                    INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title, autocomplete, body,
                                                             title_norm, title_text, body_text)
                    VALUES {", ".join(rows)}
                    ON CONFLICT (content_type_id, object_id)
                    DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                                  body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
                    """,
                    params,
                )
            self._refresh_title_norms()

    return FastPostgresIndex


@cache
def counted_postgres_results_class():
    from modelsearch.backends.database.postgres.postgres import PostgresSearchResults

    class CountedPostgresSearchResults(DatabaseCountedResultsMixin, PostgresSearchResults):
        def _do_search(self):
            try:
                return self.counted_results(self.get_queryset())
            except ProgrammingError as error:  # a missing extension, explained as the parent does
                self._handle_missing_postgres_extension(error)

    return CountedPostgresSearchResults


@cache
def counted_sqlite_results_class():
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchResults

    class CountedSQLiteSearchResults(DatabaseCountedResultsMixin, SQLiteSearchResults):
        def _do_search(self):
            return self.counted_results(self.get_queryset())

    return CountedSQLiteSearchResults


@cache
def number_postgres_compiler_class():
    """PostgreSQL's compiler, each word of a PlainText searched in either number: « lieu » as
    `'lieu' | 'lieux' | 'lieus'`, each form then stemmed by the configuration as usual."""
    from django.contrib.postgres.search import SearchRank
    from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler, SearchQuery
    from modelsearch.backends.database.postgres.query import Lexeme
    from modelsearch.query import Or, PlainText

    from directory.synonyms import number_forms

    def lexeme(term, invert):
        forms = [Lexeme(form, invert=invert) for form in number_forms(term)]
        # Inverted (Not): none of the forms.
        return reduce(lambda a, b: a & b if invert else a | b, forms)

    class NumberPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
        def build_tsrank(self, vector, query, config=None, boost=1.0):
            # The words and their synonyms (an Or of PlainTexts): one rank for the whole query, not
            # the average of one rank per synonym (two per field: the expression grew with every
            # synonym, and compiling it cost more than running it).
            if isinstance(query, Or) and all(isinstance(subquery, PlainText) for subquery in query.subqueries):
                rank = SearchRank(vector, self.build_tsquery(query, config=config), weights=self.sql_weights)
                return rank * boost if boost != 1.0 else rank
            return super().build_tsrank(vector, query, config=config, boost=boost)

        def build_tsquery_content(self, query, config=None, invert=False):
            if not isinstance(query, PlainText):
                return super().build_tsquery_content(query, config=config, invert=invert)
            # As Wagtail's: words split at spaces and hyphens, all of them or any of them.
            terms = [term for term in re.split(r"[\s\-]+", query.query_string) if term]
            if not terms:
                return None
            lexemes = [lexeme(term, invert) for term in terms]
            return SearchQuery(
                reduce(lambda a, b: a & b if query.operator == "and" else a | b, lexemes),
                search_type="raw",
                config=config,
            )

    return NumberPostgresSearchQueryCompiler


@cache
def french_postgres_backend_class():
    # Imported late: the PostgreSQL backend needs psycopg, which SQLite set-ups may lack.
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    class FrenchPostgresSearchBackend(PostgresSearchBackend):
        index_class = fast_postgres_index_class()
        query_compiler_class = number_postgres_compiler_class()
        results_class = counted_postgres_results_class()

        def __init__(self, params):
            params = dict(params)
            autocomplete_config = params.pop("AUTOCOMPLETE_CONFIG", None)
            super().__init__(params)
            if autocomplete_config:
                self.autocomplete_config = autocomplete_config

    return FrenchPostgresSearchBackend


@cache
def stemming_sqlite_compiler_class():
    """SQLite's FTS5 compiler, each word of 4+ letters searched by its light French stem as a prefix
    (directory/synonyms.py::stem): "coopérative" and "coopératives" both search `"cooperativ"*`, and
    the last word, still being typed, matches as a prefix. FTS5 (unicode61) already folds accents and
    case; it has no stemmer."""
    from modelsearch.backends.database.sqlite.query import Lexeme, LexemeCombinable, SearchQueryExpression
    from modelsearch.backends.database.sqlite.query import SearchQueryField as FTSQueryField
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler
    from modelsearch.query import PlainText

    from directory.models.search_text import fold
    from directory.synonyms import number_forms, stem

    class AnyOf(LexemeCombinable):
        """`("jeu" OR "jeux" OR "jeus")`: FTS5's AND binds tighter than OR, hence the brackets."""

        _output_field = FTSQueryField()

        def __init__(self, lexemes):
            super().__init__(output_field=None)
            self.lexemes = lexemes

        def as_sql(self, compiler, connection):
            parts = []
            for lexeme in self.lexemes:
                sql, params = compiler.compile(lexeme)
                parts.append(sql % tuple(params))
            return "%s", ["(" + " OR ".join(parts) + ")"]

    def word_lexeme(word):
        folded = fold(word)
        if len(folded) >= 4 and folded.isalnum() and not folded.isdigit():
            return Lexeme(stem(folded), prefix=True)
        forms = number_forms(word)  # « jeu » also finds « jeux », exactly (a prefix would find « jeune »)
        return Lexeme(word) if len(forms) == 1 else AnyOf([Lexeme(form) for form in forms])

    def lexeme(term):
        # "tiers-lieu", "d'insertion": FTS5 reads them as their words; each is stemmed the same way.
        words = [word for word in re.split(r"[-'’]+", term) if word]
        combined = word_lexeme(words[0]) if words else Lexeme(term)
        for word in words[1:]:
            combined = combined & word_lexeme(word)
        return combined

    class StemmingSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config)
            terms = query.query_string.split()
            if not terms:
                return None
            lexemes = lexeme(terms[0])
            for term in terms[1:]:
                lexemes = lexemes & lexeme(term) if query.operator.upper() == "AND" else lexemes | lexeme(term)
            return SearchQueryExpression(lexemes, config=config)

    return StemmingSQLiteSearchQueryCompiler


POSTGRES_ONLY_PARAMS = ("AUTOCOMPLETE_CONFIG", "FUZZY_SIMILARITY_THRESHOLD")


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return french_postgres_backend_class()(params)
    params = {key: value for key, value in params.items() if key not in POSTGRES_ONLY_PARAMS}
    backend = database_search_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        backend.query_compiler_class = stemming_sqlite_compiler_class()
        backend.results_class = counted_sqlite_results_class()
    return backend

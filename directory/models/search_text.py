"""Accent- and case-folded text for the finder's search, the same in SQL and in Python.

The organisation's `search_text` column is a database-generated column (see `search_text_expression`):
it stays right whatever writes the row (admin, imports' bulk writes, `generate_directory`), on SQLite
and PostgreSQL alike, without `unaccent` or any extension. A visitor's words go through `fold()`,
which applies the same mapping, and each word is then a plain `LIKE '%word%'`: "cooperative" and
"coop" both find "Coopérative".
"""

import re

from django.db.models import F, Func, TextField
from django.db.models.functions import Length, Substr

# Lower() on SQLite only lowers ASCII letters: upper-case accented letters are mapped explicitly.
FOLDING = {
    "a": "àâäáãåÀÂÄÁÃÅ",
    "c": "çÇ",
    "e": "éèêëÉÈÊË",
    "i": "îïíìÎÏÍÌ",
    "n": "ñÑ",
    "o": "ôöóòõÔÖÓÒÕ",
    "u": "ùûüúÙÛÜÚ",
    "y": "ÿŸ",
    "oe": "œŒ",
    "ae": "æÆ",
    "'": "’‘",
}
_TRANSLATION_PAIRS = [(char, plain) for plain, chars in FOLDING.items() for char in chars]
_TRANSLATION = {ord(char): plain for char, plain in _TRANSLATION_PAIRS}
_WORD = re.compile(r"[\w']+")
MIN_WORD_LENGTH = 3
MAX_WORDS = 8
MAX_QUERY_LENGTH = 200
# The organisation's generated columns that only the finder's SQL reads: pages and records defer them.
SEARCH_COLUMNS = ("search_text", "name_words", "search_words")
# The name comes first in the column: sorting by it sorts by folded name, and a word found before
# this separator was found in the name (relevance).
NAME_SEPARATOR = " | "


def fold(text):
    """Lower-case, accent-free text, exactly as the generated column stores it."""
    return (text or "").lower().translate(_TRANSLATION)


def query_words(query):
    """The words of a visitor's query worth searching: folded, three letters or more, at most eight."""
    words = []
    for word in _WORD.findall(fold((query or "")[:MAX_QUERY_LENGTH])):
        word = word.strip("'_")
        if len(word) >= MIN_WORD_LENGTH and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def _literal(text):
    return "'" + text.replace("'", "''") + "'"


# SQLite's parser refuses more than about 25 nested calls: there, only the letters French texts use
# (and the capitals that start French words) are folded. PostgreSQL folds them all with translate().
SQLITE_FOLDED = "éèêëàâçîïôœùûüÉÈÊÀÂÇÎÔŒ’"


class TextOfHtml(Func):
    """The words of a rich-text field: on PostgreSQL, tags (and a link's address with them) become
    spaces and "&amp;" becomes "&". SQLite has no regular expressions in SQL: the HTML stays there
    (development only; production and CI run PostgreSQL)."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"REPLACE(REGEXP_REPLACE({sql}, '<[^>]*>', ' ', 'g'), '&amp;', '&')", params


class FoldedText(Func):
    """The fields joined by NAME_SEPARATOR, lower-cased and accent-folded (a generated column's SQL).
    Fields named in `html` hold rich text: only their words count."""

    output_field = TextField()

    def __init__(self, *field_names, html=()):
        expressions = [TextOfHtml(F(name)) if name in html else F(name) for name in field_names]
        super().__init__(*expressions, output_field=TextField())

    def as_sql(self, compiler, connection, **extra_context):
        joiner = " || " + _literal(NAME_SEPARATOR) + " || "
        sql, params = super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=joiner)
        sql = f"LOWER({sql})"
        if connection.vendor == "postgresql":
            single = {char: plain for char, plain in _TRANSLATION_PAIRS if len(plain) == 1}
            sql = f"TRANSLATE({sql}, {_literal(''.join(single))}, {_literal(''.join(single.values()))})"
            for char, plain in _TRANSLATION_PAIRS:
                if len(plain) > 1:
                    sql = f"REPLACE({sql}, {_literal(char)}, {_literal(plain)})"
            return sql, params
        for char in SQLITE_FOLDED:
            sql = f"REPLACE({sql}, {_literal(char)}, {_literal(_TRANSLATION[ord(char)])})"
        return sql, params


def search_text_expression():
    """SQL for the generated column: name | short description | description | city, folded."""
    return FoldedText("name", "short_description", "description", "city", html=("description",))


# What ends a word in the folded text. PostgreSQL turns every run of characters but a-z and 0-9
# into one space; SQLite, whose parser refuses deeper nesting, replaces these (the HTML that its
# `search_text` keeps included). The columns are computed on write: a change here needs a migration
# that drops and adds them again.
WORD_BREAKS = "-'()/,.–<>:;!?|«»\"\n"


class Words(Func):
    """A generated column's SQL: " " + the folded text's words, separated by spaces, + " ". A word
    starting with "coop" is then one `LIKE '% coop%'`, an exact word `LIKE '% scop %'`, the same on
    both databases and without a regular expression per row at query time.

    PostgreSQL computes it from the fields themselves (a generated column cannot read another one);
    SQLite from the `search_text` column, whose folding it cannot repeat within its nesting limit."""

    output_field = TextField()

    def __init__(self, *field_names, html=(), name_only=False):
        folded = search_text_prefix() if name_only else F("search_text")
        super().__init__(FoldedText(*field_names, html=html), folded, output_field=TextField())

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[1])
        for char in WORD_BREAKS:
            sql = f"REPLACE({sql}, {_literal(char)}, ' ')"
        return f"(' ' || {sql} || ' ')", params

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(' ' || REGEXP_REPLACE({sql}, '[^a-z0-9]+', ' ', 'g') || ' ')", params


def search_text_prefix():
    """The folded name at the start of `search_text`, plus one character: a ligature ("œ") folds into two."""
    return Substr("search_text", 1, Length("name") + 1)


def name_words_expression():
    """SQL for the generated column of the name's words: " france active provence alpes "."""
    return Words("name", name_only=True)


def search_words_expression():
    """SQL for the generated column of every searched word (name, descriptions, city)."""
    return Words("name", "short_description", "description", "city", html=("description",))

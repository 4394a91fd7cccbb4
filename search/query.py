"""What a visitor types, made safe to search: bounded, without control characters nor syntax."""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200  # characters searched; longer queries are cut (and the visitor told)
MAX_TERMS = 12

# Search needs words only. Quotes, brackets, stars, colons... are query syntax for SQLite FTS5,
# PostgreSQL tsquery or Lucene: a lone one would be an error, so they become spaces.
_NOT_SEARCHABLE = re.compile(r"[^\w'\-]+")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True)
class SearchQuery:
    shown: str  # what the visitor typed, cleaned of control characters (escaped when displayed)
    terms: str  # what the backends search
    truncated: bool

    def __bool__(self):
        return bool(self.terms)


def _without_control_characters(text):
    return "".join(" " if unicodedata.category(char)[0] == "C" else char for char in text)


def clean_query(raw):
    shown = " ".join(_without_control_characters(raw or "").split())
    truncated = len(shown) > MAX_QUERY_LENGTH
    shown = shown[:MAX_QUERY_LENGTH]
    words = _NOT_SEARCHABLE.sub(" ", unicodedata.normalize("NFC", shown.translate(_APOSTROPHES))).split()
    # Apostrophes and hyphens only inside words ("l'association", "tiers-lieu").
    words = [word.strip("'-_") for word in words]
    words = [word for word in words if word]
    if len(words) > MAX_TERMS:
        words, truncated = words[:MAX_TERMS], True
    return SearchQuery(shown=shown, terms=" ".join(words), truncated=truncated)

"""Typo tolerance: the words of a search that found nothing, replaced by the closest words the site
knows ("insertoin" -> "insertion", "resourcerie" -> "ressourcerie", "coperative" -> "coopérative").

A fallback only: the finder (directory/finder/typos.py) and the site search (search/views.py) ask
for a correction when the normal query, all words then any word, found nothing, and announce
« Résultats pour « insertion » ».

The site's own vocabulary: organisation names, taxonomy labels (filières, services, publics,
labels), kinds and legal forms, the editors' synonyms and the titles of live pages. It is read in
a few queries and cached with the directory's version (forgotten whenever an organisation or a
term is saved) for five minutes at most.

Closest word:
- PostgreSQL: trigram similarity (`pg_trgm`, enabled by directory/migrations/0015), one query over
  the vocabulary, at least SIMILARITY_THRESHOLD, ranks the candidates; the first within the bounded
  edit distance below wins, so both databases agree on what a typo is;
- elsewhere (SQLite), or when the extension is missing: a bounded edit distance (insertions,
  deletions, substitutions and swaps of two neighbouring letters), 1 for words of up to 5 letters, 2
  beyond.
"""

import logging
import re
from functools import lru_cache

from django.core.cache import cache
from django.db import DatabaseError, connection
from wagtail.models import Page

from directory.finder.vocabulary import directory_version, load_vocabulary
from directory.models import Kind, LegalForm, Organisation, SynonymGroup
from directory.models.search_text import fold
from directory.synonyms import STOP_WORDS

logger = logging.getLogger(__name__)

MIN_TYPO_LENGTH = 4  # shorter words are acronyms or too ambiguous to correct
SIMILARITY_THRESHOLD = 0.3  # pg_trgm's own default for the % operator
CACHE_SECONDS = 300
_WORD = re.compile(r"[\w'’-]+")
_LETTERS = re.compile(r"[a-z0-9]+")


def _words(text):
    for word in _WORD.findall(text or ""):
        for part in re.split(r"['’-]", word):
            if len(part) >= MIN_TYPO_LENGTH:
                yield part


def _read_vocabulary():
    """{folded word: the word as the site writes it, in lower case}."""
    texts = []
    vocabulary = load_vocabulary()
    texts += [label for rows in vocabulary["terms"].values() for _, _, label in rows]
    texts += [str(label) for label in Kind.labels] + [str(label) for label in LegalForm.labels]
    for group in vocabulary["synonyms"]:
        texts += SynonymGroup(terms=group).term_list()
    texts += Organisation.objects.public().values_list("name", flat=True)
    texts += Page.objects.live().public().filter(depth__gt=1).values_list("title", flat=True)
    known = {}
    for text in texts:
        for word in _words(text):
            folded = fold(word)
            if _LETTERS.fullmatch(folded) and not folded.isdigit():
                # The accented spelling wins over a capitalised or unaccented one.
                shown = word.lower()
                if folded not in known or (known[folded] == folded and shown != folded):
                    known[folded] = shown
    return known


def known_words():
    return cache.get_or_set(f"directory:spelling:{directory_version()}", _read_vocabulary, CACHE_SECONDS)


def edit_distance(a, b, bound):
    """Optimal string alignment distance (a swap of neighbours counts 1), or bound + 1 beyond bound."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > bound:
            return bound + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_distance(word):
    return 1 if len(word) <= 5 else 2


def closest_by_distance(word, candidates):
    bound = allowed_distance(word)
    best = None
    for candidate in candidates:
        distance = edit_distance(word, candidate, bound)
        if distance > bound:
            continue
        # Ties: the candidate that shares the first letter, then the shorter, then alphabetical.
        key = (distance, candidate[:1] != word[:1], len(candidate), candidate)
        if best is None or key < best:
            best = key
    return best[-1] if best else None


@lru_cache(maxsize=4)
def _has_trigrams(alias):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            return cursor.fetchone() is not None
    except DatabaseError:
        return False


def closest_by_trigrams(word, candidates):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT candidate FROM unnest(%s::text[]) AS candidate WHERE similarity(candidate, %s) >= %s "
            "ORDER BY similarity(candidate, %s) DESC, length(candidate), candidate LIMIT 10",
            [list(candidates), word, SIMILARITY_THRESHOLD, word],
        )
        found = [row[0] for row in cursor.fetchall()]
    # Trigrams rank; what is a typo is the same bounded edit distance as elsewhere: « colecte » is
    # not « collectif » (3 edits) but a word the vocabulary lacks, left to the backend's fuzziness.
    bound = allowed_distance(word)
    return next((candidate for candidate in found if edit_distance(word, candidate, bound) <= bound), None)


def closest_word(word, known):
    if connection.vendor == "postgresql" and _has_trigrams(connection.alias):
        return closest_by_trigrams(word, known)
    return closest_by_distance(word, known)


def _is_known(folded, known):
    """Typed as the site writes it, give or take a plural or a final « e », or as the start of a word."""
    if folded in known:
        return True
    for variant in (folded[:-1], folded + "s", folded + "e", folded[:-2]):
        if variant in known:
            return True
    return False


def corrected(query):
    """The query with each unknown word replaced by the closest known one, or "" when nothing changes."""
    if not query:
        return ""
    known = known_words()
    changed = False
    words = []
    for word in (query or "").split():
        folded = fold(word)
        if (
            not _LETTERS.fullmatch(folded)
            or len(folded) < MIN_TYPO_LENGTH
            or folded.isdigit()
            or folded in STOP_WORDS
            or _is_known(folded, known)
        ):
            words.append(word)
            continue
        match = closest_word(folded, known)
        if match is None:
            words.append(word)
        else:
            words.append(known[match])
            changed = True
    return " ".join(words) if changed else ""

"""The words people type, read the same way by the finder and the site search.

- French stop words are dropped ("créer une association" searches "creer", "association");
- each word is folded (accents, case) and lightly stemmed (plural -s/-x, -aux, a final -e): "Coopératives",
  "coopérative" and "cooperatif" all start like "cooperativ"/"cooperati"; the finder matches a stem at
  the start of a word, so "ESS" no longer finds "PRESSCODE";
- a word or an expression that belongs to one of the editors' groups of synonyms (SynonymGroup,
  Annuaire > Synonymes de recherche) stands for any term of its group: "recyclerie" also finds
  "ressourcerie" and "réemploi", and the other way round.

`concepts(query)` gives, for each thing asked, its alternatives: tuples of stems that must all
match. The finder requires every concept, then (when that finds nothing) any one of them.
"""

import difflib
import re
from functools import lru_cache

from directory.finder.vocabulary import load_vocabulary
from directory.models import SynonymGroup
from directory.models.search_text import MAX_QUERY_LENGTH, MAX_WORDS, MIN_WORD_LENGTH, fold

MAX_PHRASE_WORDS = 6

STOP_WORDS = frozenset(
    """
    a au aux avec ce ces cet cette chez d dans de des du elle en et eux il ils je j l la le les leur leurs
    lui m ma mais me mes moi mon n ne nos notre nous on ou par pas pour qu que qui quoi quel quelle sa se
    ses si son sur t ta te tes toi ton tu un une vos votre vous y est sont etre avoir ai comment ou
    plus tres tout tous toute toutes sans sous vers entre afin faire fait peut peux veux voudrais
    trouver trouve cherche chercher recherche besoin aide aider marseille
    """.split()
)
_WORD = re.compile(r"[a-z0-9]+")


def stem(word):
    """A light French stem: "locaux" -> "loca", "coopératives" -> "cooperativ", "épiceries" -> "epiceri"."""
    if len(word) > 5 and word.endswith("aux"):
        return word[:-3] + "a"
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def number_forms(word):
    """The word, then its other number where a stemmer may keep the two apart: plurals in -x
    ("lieu"/"lieux", "jeu"/"jeux", "réseau"/"réseaux", "bijou"/"bijoux") and in -s after o, u, oi
    ("vélo"/"vélos", "pneu"/"pneus", "emploi"/"emplois"), which PostgreSQL's French stemmer leaves as
    they are. Typed case and accents are kept; stop words and words with digits have no other form."""
    word = word.lower()
    folded = fold(word)
    if len(folded) < 3 or not folded.isalpha() or folded in STOP_WORDS:
        return [word]
    forms = [word]
    if len(folded) >= 4 and (folded.endswith("ux") or folded.endswith(("os", "us", "ois"))):
        forms.append(word[:-1])
    elif folded.endswith(("eu", "au", "ou")):
        forms += [word + "x", word + "s"]
    elif folded.endswith(("o", "oi")):
        forms.append(word + "s")
    return forms


def stems(text, keep_short=False):
    """The stems of a text worth searching, in order: folded, stop words and short words dropped."""
    found = []
    for word in _WORD.findall(fold((text or "")[:MAX_QUERY_LENGTH])):
        if word in STOP_WORDS or (len(word) < MIN_WORD_LENGTH and not keep_short):
            continue
        found.append(stem(word))
    return found


@lru_cache(maxsize=8)
def _index_of(groups):
    """{tuple of stems of a term: [(tuple of stems, term as written) for every term of its groups]}."""
    index = {}
    for text in groups:
        alternatives = []
        for term in SynonymGroup(terms=text).term_list():
            key = tuple(stems(term, keep_short=True))
            if key and key not in [alt for alt, _ in alternatives]:
                alternatives.append((key, term))
        for key, _ in alternatives:
            merged = index.setdefault(key, [])
            merged.extend(alt for alt in alternatives if alt not in merged)
    return index


def synonym_index(use_cache=True):
    """The editors' synonyms, read with the finder's vocabulary (one query, cached five minutes)."""
    return _index_of(tuple(load_vocabulary(use_cache)["synonyms"]))


def _phrases(words, index):
    """[(start, size, alternatives)] of the longest known terms in the words, left to right."""
    found, position = [], 0
    while position < len(words):
        for size in range(min(MAX_PHRASE_WORDS, len(words) - position), 0, -1):
            key = tuple(words[position : position + size])
            if key in index:
                found.append((position, size, index[key]))
                position += size
                break
        else:
            found.append((position, 1, None))
            position += 1
    return found


def concepts(query, index=None):
    """[[alternative, ...], ...]: one list per thing asked; an alternative is a tuple of stems that
    must all match. At most MAX_WORDS things."""
    index = synonym_index() if index is None else index
    words = stems(query, keep_short=True)
    found = []
    for start, _, alternatives in _phrases(words, index):
        if alternatives:
            found.append([alt for alt, _ in alternatives])
        elif len(words[start]) >= MIN_WORD_LENGTH:
            found.append([(words[start],)])
    return found[:MAX_WORDS]


def other_terms(query, index=None):
    """The terms equivalent to what was typed, as editors wrote them (for "Essayez aussi…")."""
    index = synonym_index() if index is None else index
    words = stems(query, keep_short=True)
    suggestions = []
    for start, size, alternatives in _phrases(words, index):
        typed = tuple(words[start : start + size])
        for key, term in alternatives or []:
            if key != typed and term not in suggestions:
                suggestions.append(term)
    return suggestions


def expanded_queries(query, index=None, limit=8):
    """What a full-text backend searches besides the typed query: each known term replaced by the
    other terms of its groups, as editors wrote them ("recyclerie" -> "ressourcerie", "réemploi"…)."""
    index = synonym_index() if index is None else index
    words = stems(query, keep_short=True)
    plain = [w for w in _WORD.findall(fold(query or "")) if w not in STOP_WORDS]
    if len(plain) != len(words):  # short words were kept as stems: align on the stems
        plain = words
    variants = []
    for start, size, alternatives in _phrases(words, index):
        typed = tuple(words[start : start + size])
        for key, term in alternatives or []:
            if key == typed:
                continue
            variant = " ".join(plain[:start] + [term] + plain[start + size :])
            if variant not in variants:
                variants.append(variant)
    return variants[:limit]


def closest_terms(query, labels, limit=3):
    """For a search that found nothing: known words close to the typed ones ("insertoin" ->
    "insertion"), from the given labels (filières, services…) and the synonyms, as written."""
    known = {}
    for text in list(labels) + [term for alternatives in synonym_index().values() for _, term in alternatives]:
        for word in re.findall(r"[\w'’-]+", text):
            if len(word) >= MIN_WORD_LENGTH:
                known.setdefault(fold(word).strip("'’-"), word.lower())
    close = []
    for word in _WORD.findall(fold(query or "")):
        if word in STOP_WORDS or len(word) < 4 or word in known:
            continue
        for match in difflib.get_close_matches(word, list(known), n=limit, cutoff=0.75):
            if known[match] not in close:
                close.append(known[match])
    return close[:limit]

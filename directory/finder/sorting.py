"""Step 4 of a finder request: the order of the results and the page asked for.

Next step: display.py decorates the page's results for their cards.
"""

import math
import re

from django.db import connection
from django.db.models import Case, ExpressionWrapper, F, IntegerField, Q, Value, When
from django.db.models.functions import Collate

from directory.models.search_text import fold
from directory.synonyms import STOP_WORDS
from ess_site.typography import french

from .query import all_of, any_of, distance_expression

PER_PAGE = 20
SORTS = {"pertinence": "pertinence", "distance": "distance", "nom": "nom"}


def choose_sort(requested, criteria, messages):
    if requested and requested not in SORTS:
        messages.append(french(f"Tri inconnu : « {requested[:40]} ». Tri par défaut appliqué."))
        requested = ""
    if requested == "distance" and not criteria.origin:
        messages.append(
            french("Le tri par distance demande un lieu : indiquez une adresse ou utilisez « Autour de moi ».")
        )
        requested = ""
    if requested == "pertinence" and not criteria.words:
        requested = ""
    if requested:
        return requested
    if criteria.origin:
        return "distance"
    if criteria.words:
        return "pertinence"
    return "nom"


def available_sorts(criteria):
    sorts = []
    if criteria.words:
        sorts.append(("pertinence", "Pertinence"))
    if criteria.origin:
        sorts.append(("distance", "Distance"))
    sorts.append(("nom", "Nom"))
    return sorts


def by_name():
    # The folded text is plain ASCII in practice: byte order sorts it like the locale would, much
    # faster on PostgreSQL (whose default collation compares with the C library's rules).
    if connection.vendor == "postgresql":
        return Collate("search_text", "C")
    return F("search_text")


# Relevance points. A thing asked found in the name (its words starting words of the name) is worth
# more than every bonus together, so a name with all of them always comes before one with fewer.
NAME_WORD = 12
PHRASE_IN_NAME = 4  # the words typed, in that order, in the name
EXACT_WORD = 4  # a word of the name is exactly a word typed (an acronym: « CRESS », « URSCOP »)
NAME_START = 3  # the name starts with a word typed


def in_name(words, whole=False):
    """The name has a word starting with words[0], then the other words in that order; with `whole`,
    one of `words` (alternatives) is a whole word of the name. One LIKE on the `name_words` column
    (" france active provence alpes ") per row."""
    if whole:
        return any_of(Q(name_words__contains=f" {word} ") for word in words)
    return Q(name_words__contains=" " + " ".join(words))


def typed_words(query):
    """The folded words typed, stop words included, apostrophes and hyphens as spaces."""
    return re.findall(r"[a-z0-9]+", fold(query or ""))


def with_relevance(queryset, criteria):
    """`_relevance`, an integer per organisation: how well its name answers what was typed (see the
    points above). A thing asked is in the name when one of its alternatives (synonyms: « économie
    sociale et solidaire » or « ESS ») has all its stems there. Organisations found through their
    descriptions or labels only score 0."""
    points = [
        When(
            any_of(all_of(in_name([stem]) for stem in alternative) for alternative in alternatives),
            then=Value(NAME_WORD),
        )
        for alternatives in criteria.concepts
    ]
    typed = typed_words(criteria.query)
    if len(typed) > 1:
        points.append(When(in_name(typed), then=Value(PHRASE_IN_NAME)))
    starts = {alternative[0] for alternatives in criteria.concepts for alternative in alternatives}
    points.append(When(any_of(Q(name_words__startswith=f" {stem}") for stem in sorted(starts)), then=Value(NAME_START)))
    typed = [word for word in typed if word not in STOP_WORDS]
    if typed:
        points.append(When(in_name(typed, whole=True), then=Value(EXACT_WORD)))
    score = Value(0)
    for when in points:
        score = score + Case(when, default=Value(0), output_field=IntegerField())
    return queryset.alias(_relevance=ExpressionWrapper(score, output_field=IntegerField()))


def ordered(queryset, sort, criteria):
    if sort == "distance":
        return queryset.order_by(distance_expression(criteria.origin).asc(), by_name(), "pk")
    if sort == "pertinence":
        return with_relevance(queryset, criteria).order_by("-_relevance", by_name(), "pk")
    return queryset.order_by(by_name(), "pk")


def page_of(queryset, sort, criteria, start, count):
    """The sorted queryset's rows [start, start + count), as a sorted queryset of those rows only
    (one query). The page's ids are chosen from narrow rows, the sort key and the id: sorting 10 000
    whole rows spilled to disk on PostgreSQL, and their extra columns were computed before the
    offset dropped them. The outer query reads, and sorts again, those rows only."""
    page_ids = ordered(queryset, sort, criteria).values("pk")[start : start + count]
    return ordered(queryset.model.objects.filter(pk__in=page_ids), sort, criteria)


def parse_page_number(raw, messages):
    if not raw:
        return 1
    try:
        number = int(str(raw)[:12])
        if number < 1:
            raise ValueError
        return number
    except ValueError:
        messages.append(french(f"Numéro de page invalide : « {str(raw)[:20]} ». Première page affichée."))
        return 1


def choose_page(raw, total, messages, paginate=True):
    """(page number, number of pages): a page past the last one falls back to the first, with a message."""
    num_pages = max(1, math.ceil(total / PER_PAGE))
    page_number = parse_page_number(raw, messages) if paginate else 1
    if page_number > num_pages:
        messages.append(
            french(
                f"La page {page_number} n'existe pas : il y a {num_pages} page(s) de résultats. Première page affichée."
            )
        )
        page_number = 1
    return page_number, num_pages

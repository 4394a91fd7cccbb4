"""Step 4 of a finder request: the order of the results and the page asked for.

Next step: display.py decorates the page's results for their cards.
"""

import math

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Collate, Length, StrIndex

from ess_site.typography import french

from .query import distance_expression

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


def ordered(queryset, sort, criteria):
    if sort == "distance":
        return queryset.order_by(distance_expression(criteria.origin).asc(), by_name(), "pk")
    if sort == "pertinence":
        hits = {}
        for index, word in enumerate(criteria.words):
            hits[f"_name_hit_{index}"] = StrIndex("search_text", Value(word))
        queryset = queryset.alias(**hits)
        score = Value(0)
        for index, word in enumerate(criteria.words):
            score = score + Case(
                When(Q(search_text__startswith=word), then=Value(3)),
                When(Q(**{f"_name_hit_{index}__gt": 0, f"_name_hit_{index}__lte": Length("name") + 1}), then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        return queryset.alias(_relevance=score).order_by("-_relevance", by_name(), "pk")
    return queryset.order_by(by_name(), "pk")


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

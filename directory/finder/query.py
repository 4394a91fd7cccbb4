"""Step 2 of a finder request: the criteria as SQL conditions.

`base_queryset()` applies what is not a facet (text, place, project stage, postcode);
`facet_conditions()` gives one condition per chosen facet, so that facets.py can count each facet
with its own selection set aside. `filter_organisations()` applies them all: the open-data exports
serve exactly the finder's results. Next step: facets.py counts the facets.
"""

import math
from dataclasses import dataclass, field

from django.db.models import F, FloatField, Q, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt
from django.db.models.lookups import LessThanOrEqual

import geography
from directory.models import Organisation

from .criteria import Criteria, Origin, parse_criteria
from .opening import open_hours_values
from .vocabulary import CHOICE_FILTERS, OPEN_NOW_PARAM, TERM_FILTERS


@dataclass
class FilterResult:
    queryset: object
    errors: list = field(default_factory=list)
    origin: Origin | None = None
    criteria: Criteria | None = None


def base_queryset(criteria, queryset):
    """Everything but the facets: text, place, project stage, postcode."""
    if criteria.stages:
        condition = Q()
        for stage in criteria.stages:
            # JSON list stored as text on every backend: match the quoted code.
            condition |= Q(project_stages__icontains=f'"{stage}"')
        queryset = queryset.filter(condition)
    if criteria.postcodes:
        queryset = queryset.filter(postcode__in=criteria.postcodes)
    if criteria.origin:
        queryset = within_radius(queryset, criteria.origin)
    if criteria.concepts:
        conditions = [concept_condition(criteria, alternatives) for alternatives in criteria.concepts]
        queryset = queryset.filter(any_of(conditions) if criteria.loose else all_of(conditions))
    return queryset


def concept_condition(criteria, alternatives):
    """One thing asked: any of its alternatives (synonyms), each with all of its stems."""
    return any_of(all_of(word_condition(criteria, stem) for stem in alternative) for alternative in alternatives)


def starts_a_word_condition(stem):
    """A word of the folded texts starts with the stem ("coop" finds "coopérative", "ess" does not
    find "presse")."""
    return Q(search_words__contains=f" {stem}")


def word_condition(criteria, word):
    """A word of the folded texts starting with the stem, or the label of one of its sectors, support
    services, labels, audiences, kind or legal form."""
    condition = starts_a_word_condition(word)
    for param, ids in criteria.text_term_ids.get(word, {}).items():
        if not ids:
            continue
        if param in TERM_FILTERS:
            condition |= Q(pk__in=through_subquery(param, ids))
        else:
            condition |= Q(**{f"{param}__in": ids})
    return condition


def facet_conditions(criteria, open_values=None):
    """{facet parameter: Q} for each facet with a selection."""
    conditions = {}
    for param, values in criteria.selected.items():
        if not values:
            continue
        if param in CHOICE_FILTERS:
            conditions[param] = Q(**{f"{CHOICE_FILTERS[param][0]}__in": values})
        elif param in TERM_FILTERS:
            conditions[param] = Q(pk__in=through_subquery(param, criteria.term_ids[param]))
        elif param == "arrondissement":
            conditions[param] = Q(arrondissement__in=[int(v) for v in values])
        elif param == OPEN_NOW_PARAM:
            conditions[param] = Q(opening_hours__in=list(open_values or []))
    return conditions


def all_of(conditions):
    """One condition that holds when every one of them does."""
    combined = Q()
    for condition in conditions:
        combined &= condition
    return combined


def any_of(conditions):
    """One condition that holds when one of them does."""
    combined = None
    for condition in conditions:
        combined = condition if combined is None else combined | condition
    return combined if combined is not None else Q()


def through_subquery(param, ids):
    field_name = TERM_FILTERS[param][0]
    through = getattr(Organisation, field_name).through
    term_column = f"{TERM_FILTERS[param][1]._meta.model_name}_id"
    return through.objects.filter(**{f"{term_column}__in": ids}).values("organisation_id")


def filter_organisations(queryset, params):
    """Apply every filter of the GET parameters (what the exports serve: the finder's results)."""
    criteria = parse_criteria(params)
    queryset = base_queryset(criteria, queryset)
    open_values = open_hours_values() if criteria.selected.get(OPEN_NOW_PARAM) else None
    for condition in facet_conditions(criteria, open_values).values():
        queryset = queryset.filter(condition)
    return FilterResult(queryset=queryset, errors=criteria.errors, origin=criteria.origin, criteria=criteria)


def distance_expression(origin):
    """Great-circle (haversine) distance in metres from the origin, computed by the database."""
    lat0 = math.radians(origin.latitude)
    half_dlat = (Radians(F("latitude")) - Value(lat0)) / Value(2.0)
    half_dlon = (Radians(F("longitude")) - Value(math.radians(origin.longitude))) / Value(2.0)
    h = Power(Sin(half_dlat), 2) + Value(math.cos(lat0)) * Cos(Radians(F("latitude"))) * Power(Sin(half_dlon), 2)
    return Value(2 * geography.EARTH_RADIUS_M) * ASin(Sqrt(Least(h, Value(1.0), output_field=FloatField())))


def within_radius(queryset, origin):
    """A bounding box first (an index range on latitude/longitude), then the exact distance."""
    min_lat, max_lat, min_lon, max_lon = geography.bounding_box(origin.latitude, origin.longitude, origin.radius_m)
    return queryset.filter(
        latitude__gte=min_lat, latitude__lte=max_lat, longitude__gte=min_lon, longitude__lte=max_lon
    ).filter(LessThanOrEqual(distance_expression(origin), Value(float(origin.radius_m))))

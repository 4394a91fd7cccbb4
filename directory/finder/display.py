"""Step 5 of a finder request: what a result card shows beyond the model (distance, open now, sectors)."""

import geography

from . import opening
from .term_lists import attach_terms, with_term_ids

# Columns a result card needs (the long description and the search text stay in the database).
CARD_FIELDS = [
    "pk",
    "name",
    "slug",
    "short_description",
    "kind",
    "legal_form",
    "address",
    "postcode",
    "city",
    "arrondissement",
    "latitude",
    "longitude",
    "opening_hours",
    "wheelchair",
]


def result_cards(queryset, criteria, start, count, now):
    """The ordered queryset's rows [start, start + count) with only the card's columns, their sectors
    (no query per row) and their distance and opening status."""
    queryset = with_term_ids(queryset.only(*CARD_FIELDS), ["filiere"])
    results = attach_terms(list(queryset[start : start + count]), criteria.terms, ["filiere"])
    for organisation in results:
        decorate(organisation, criteria, now)
    return results


def decorate(organisation, criteria, now):
    """What a result card shows beyond the model: distance from the visitor, open now."""
    organisation.distance_m = None
    organisation.distance_label = ""
    if criteria.origin and organisation.is_located:
        organisation.distance_m = geography.distance_m(
            criteria.origin.latitude, criteria.origin.longitude, organisation.latitude, organisation.longitude
        )
        organisation.distance_label = geography.format_distance(organisation.distance_m)
    organisation.opening = opening.opening_status(organisation.opening_hours, now)
    return organisation


def distance_label(criteria, lat, lon):
    """ "à 850 m" from the visitor's point, or "" without one."""
    if not criteria.origin:
        return ""
    return geography.format_distance(
        geography.distance_m(criteria.origin.latitude, criteria.origin.longitude, lat, lon)
    )

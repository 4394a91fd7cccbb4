"""Step 5 of a finder request: what a result card shows beyond the model (distance, open now, sectors)."""

import geography
from directory.models import LocationSource

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
    "location_source",
    "opening_hours",
    "wheelchair",
    "source",  # Organisation.is_example: the demo's open-data sample is marked
]


def result_cards(queryset, criteria, now):
    """The page's rows (sorting.page_of) with only the card's columns, their sectors (no query per
    row) and their distance and opening status."""
    queryset = with_term_ids(queryset.only(*CARD_FIELDS), ["filiere"])
    results = attach_terms(list(queryset), criteria.terms, ["filiere"])
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
        organisation.distance_label = distance_text(
            criteria.origin, organisation.distance_m, organisation.location_source, organisation.arrondissement
        )
    organisation.opening = opening.opening_status(organisation.opening_hours, now)
    return organisation


# Points that stand for an area, not a place: distances to them are approximate.
REFERENCE_POINT_SOURCES = {LocationSource.POSTCODE, LocationSource.ARRONDISSEMENT}


def distance_text(origin, metres, location_source, arrondissement):
    """ "à 850 m" between two precise points; from or to a reference point (a postcode's, an
    arrondissement's), "dans le 3e arrondissement" or "à environ 2 km", never "à 0 m"."""
    if origin.approximate or location_source in REFERENCE_POINT_SOURCES:
        same = arrondissement if arrondissement and arrondissement == origin.arrondissement else None
        return geography.format_approximate_distance(metres, same)
    return geography.format_distance(metres)


def distance_label(criteria, lat, lon, location_source="", arrondissement=None):
    """The distance text from the visitor's point (see distance_text), or "" without one."""
    if not criteria.origin:
        return ""
    metres = geography.distance_m(criteria.origin.latitude, criteria.origin.longitude, lat, lon)
    return distance_text(criteria.origin, metres, location_source, arrondissement)

"""Where an organisation is: its point, how the point was obtained, and its arrondissement.

Saving never waits on the address service for more than GEOCODER_TIMEOUT and never fails because of
it: without a good answer the organisation gets its postcode's reference point and is marked
"à géocoder", for `manage.py geocode_directory` to retry.
"""

import geography
from directory.models import LocationSource

from . import geocoder

# Points we computed (and may recompute); a point typed by an editor or given by a source is kept.
APPROXIMATE_SOURCES = {LocationSource.POSTCODE, LocationSource.ARRONDISSEMENT, LocationSource.NONE}


def address_query(organisation):
    parts = [organisation.address, organisation.postcode, organisation.city]
    return " ".join(p.strip() for p in parts if p and p.strip())


def place_at_reference_point(organisation, needs_geocoding=True):
    """The postcode's reference point (Marseille only), or no point at all."""
    point = geography.postcode_reference_point(organisation.postcode)
    if point:
        organisation.latitude, organisation.longitude = point
        organisation.location_source = LocationSource.POSTCODE
    else:
        organisation.latitude = organisation.longitude = None
        organisation.location_source = LocationSource.NONE
    organisation.geocoding_score = None
    organisation.needs_geocoding = needs_geocoding and bool(organisation.address.strip())


def apply_geocoding(organisation, force=False):
    """Ask the address service; True when the organisation got a reliable point. `force` asks it even
    while its circuit is open (after a recent failure), as the nightly retry does."""
    result = geocoder.geocode(address_query(organisation), postcode=organisation.postcode, force=force)
    if result is None:
        place_at_reference_point(organisation, needs_geocoding=True)
        organisation.needs_geocoding = True
        return False
    organisation.latitude, organisation.longitude = result.latitude, result.longitude
    organisation.location_source = LocationSource.GEOCODER
    organisation.geocoding_score = round(result.score, 3)
    organisation.needs_geocoding = False
    if not organisation.postcode and result.postcode:
        organisation.postcode = result.postcode
    return True


LOCATION_FIELDS = [
    "latitude",
    "longitude",
    "location_source",
    "geocoding_score",
    "needs_geocoding",
    "postcode",
    "arrondissement",
    "updated_at",
]


def geocode_and_save(organisation, force=False):
    """Ask the address service for a saved organisation and store the answer (or keep it "à géocoder");
    `force` as in apply_geocoding."""
    located = apply_geocoding(organisation, force=force)
    organisation.arrondissement = geography.find_arrondissement(
        organisation.latitude, organisation.longitude, organisation.postcode
    )
    organisation.save(update_fields=LOCATION_FIELDS)
    return located


def refresh_location(organisation, *, address_changed=True, point_changed=False, use_geocoder=True):
    """Bring the point, its origin and the arrondissement in line with what was just edited.

    - a point edited by hand wins (origin "saisie");
    - a changed address (or a missing/approximate point) is geocoded when an address is given;
      without the service, the postcode's reference point stands in and the entry is "à géocoder";
    - the arrondissement follows the point, else the postcode.
    """
    if point_changed and organisation.is_located:
        if organisation.location_source in APPROXIMATE_SOURCES | {LocationSource.GEOCODER}:
            organisation.location_source = LocationSource.MANUAL
        organisation.geocoding_score = None
        organisation.needs_geocoding = False
    elif address_changed or not organisation.is_located or organisation.location_source in APPROXIMATE_SOURCES:
        if organisation.address.strip():
            if use_geocoder:
                apply_geocoding(organisation)
            else:
                place_at_reference_point(organisation, needs_geocoding=True)
        elif address_changed or not organisation.is_located:
            # No street address: the postcode's point is all we know, and geocoding would not help.
            place_at_reference_point(organisation, needs_geocoding=False)
    organisation.arrondissement = geography.find_arrondissement(
        organisation.latitude, organisation.longitude, organisation.postcode
    )
    return organisation

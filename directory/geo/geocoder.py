"""Client of the national address service (Base Adresse Nationale, api-adresse.data.gouv.fr).

It answers a GeoJSON FeatureCollection whose features carry `label`, `score`, `postcode` and
`citycode`. The client never raises: a slow, failing or unsure service gives None, and callers fall
back to the postcode's reference point (see directory/location.py).

A hung service must not slow the site (docs/securite.md):
- `locate(text)`, for visitors' "près de", answers offline first (`offline_place`: postcodes,
  arrondissements and the 111 quartiers of geography/, plus any resolver added by
  `register_offline_resolver`), then from the cache, and only then asks the network, with
  GEOCODER_PUBLIC_TIMEOUT;
- every answer is cached (a "no good match" too);
- a failure (timeout, refused connection, 5xx) opens a circuit, kept in the shared cache: for
  GEOCODER_BREAKER_SECONDS nobody calls the service (visitors, editors' saves); the nightly retry
  `geocode_directory` passes `force=True`.
"""

import hashlib
import logging
import re
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache

import geography

logger = logging.getLogger(__name__)

CACHE_SECONDS = 30 * 24 * 3600  # addresses barely move; a month keeps the service's load low
# Below this score the service is guessing (a street name matched in another town...).
DEFAULT_MIN_SCORE = 0.5
DEFAULT_PUBLIC_TIMEOUT = 0.8  # seconds a visitor's request may wait on the service, in total
DEFAULT_BREAKER_SECONDS = 60  # after a failure, nobody calls the service for this long
CIRCUIT_KEY = "directory:geocode:circuit-open"


@dataclass(frozen=True)
class GeocodeResult:
    latitude: float
    longitude: float
    score: float
    label: str
    postcode: str
    citycode: str


def _cache_key(query, postcode):
    digest = hashlib.sha256(f"{query}|{postcode}".lower().encode()).hexdigest()[:32]
    return f"directory:geocode:{digest}"


def min_score():
    return float(getattr(settings, "GEOCODER_MIN_SCORE", DEFAULT_MIN_SCORE))


def circuit_open():
    return bool(cache.get(CIRCUIT_KEY))


def open_circuit():
    seconds = int(getattr(settings, "GEOCODER_BREAKER_SECONDS", DEFAULT_BREAKER_SECONDS))
    cache.set(CIRCUIT_KEY, True, seconds)


def close_circuit():
    cache.delete(CIRCUIT_KEY)


def geocode(query, postcode="", *, timeout=None, force=False):
    """The best match for an address, or None (service down, slow, no answer or low score).

    `timeout` defaults to GEOCODER_TIMEOUT (editors' saves); `force` ignores an open circuit."""
    query = " ".join((query or "").split())
    if len(query) < 3:
        return None
    key = _cache_key(query, postcode)
    cached = cache.get(key)
    if cached is not None:
        return cached or None  # False is a cached "no good match"
    if not force and circuit_open():
        return None
    params = {"q": query[:200], "limit": 1}
    if postcode:
        params["postcode"] = postcode
    try:
        response = requests.get(
            settings.GEOCODER_URL, params=params, timeout=timeout if timeout is not None else settings.GEOCODER_TIMEOUT
        )
        response.raise_for_status()
        features = response.json().get("features") or []
    except (requests.RequestException, ValueError, AttributeError) as error:
        # Not cached: the next save or `geocode_directory` run tries again. The circuit opens.
        logger.warning("Geocoder unavailable for %r: %s", query, error)
        open_circuit()
        return None
    result = _parse(features[0]) if features else None
    if result is not None and result.score < min_score():
        result = None
    cache.set(key, result or False, CACHE_SECONDS)
    return result


def _parse(feature):
    try:
        lon, lat = feature["geometry"]["coordinates"][:2]
        props = feature.get("properties") or {}
        return GeocodeResult(
            latitude=round(float(lat), 6),
            longitude=round(float(lon), 6),
            score=float(props.get("score") or 0),
            label=str(props.get("label") or ""),
            postcode=str(props.get("postcode") or ""),
            citycode=str(props.get("citycode") or ""),
        )
    except (KeyError, TypeError, ValueError, IndexError):
        return None


# Places answered without the network ---------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A point a visitor's "près de" resolves to."""

    latitude: float
    longitude: float
    label: str
    # A reference point (a postcode's, an arrondissement's, a quartier's) stands for an area: distances
    # from it are shown as "dans le 3e arrondissement" or "à environ 2 km", never "à 0 m".
    approximate: bool = False
    arrondissement: int | None = None


ARRONDISSEMENT_PATTERN = re.compile(
    r"^(?:marseille\s*)?(\d{1,2})\s*(?:e|er|ème|eme|è)?(?:\s*arr(?:ondissement|\.)?)?(?:\s*marseille)?$"
)


def _postcode_place(text):
    point = geography.postcode_reference_point(text)
    if not point:
        return None
    return Place(point[0], point[1], text, approximate=True, arrondissement=geography.arrondissement_for_postcode(text))


def _arrondissement_place(text):
    """ "5e", "1er arrondissement", "Marseille 13e", "marseille 16", "8ème arr." → its postcode's point."""
    match = ARRONDISSEMENT_PATTERN.match(" ".join(text.lower().split()))
    if not match or not 1 <= int(match.group(1)) <= 16:
        return None
    number = int(match.group(1))
    point = geography.postcode_reference_point(f"130{number:02d}")
    label = "Marseille " + ("1er" if number == 1 else f"{number}e")
    return Place(point[0], point[1], label, approximate=True, arrondissement=number) if point else None


def _quartier_place(text):
    """One of Marseille's 111 quartiers ("Belle de Mai", "la cabucelle", "St-Barthélemy") → its centroid."""
    quartier = geography.find_quartier(text)
    if quartier is None:
        return None
    lat, lon = quartier.point
    return Place(lat, lon, quartier.label, approximate=True, arrondissement=quartier.arrondissement)


OFFLINE_RESOLVERS = [_postcode_place, _arrondissement_place, _quartier_place]


def register_offline_resolver(resolver):
    """Add `resolver(text) -> Place | None`, asked after the built-in ones and before the network."""
    if resolver not in OFFLINE_RESOLVERS:
        OFFLINE_RESOLVERS.append(resolver)


def unregister_offline_resolver(resolver):
    if resolver in OFFLINE_RESOLVERS:
        OFFLINE_RESOLVERS.remove(resolver)


def offline_place(text):
    """The place the text names, from local data only (no network), or None."""
    text = " ".join((text or "").split())
    if not text:
        return None
    for resolver in OFFLINE_RESOLVERS:
        place = resolver(text)
        if place is not None:
            return place
    return None


def locate(text):
    """A visitor's "près de": offline first, then the address service within GEOCODER_PUBLIC_TIMEOUT
    (skipped while the circuit is open), then a Marseille postcode found in the text. None if unknown."""
    place = offline_place(text)
    if place is not None:
        return place
    timeout = float(getattr(settings, "GEOCODER_PUBLIC_TIMEOUT", DEFAULT_PUBLIC_TIMEOUT))
    result = geocode(text, timeout=timeout)
    if result is not None:
        return Place(result.latitude, result.longitude, result.label)
    for token in text.replace(",", " ").split():
        place = _postcode_place(token)
        if place is not None:
            return place
    return None

"""Client of the national address service (Base Adresse Nationale, api-adresse.data.gouv.fr).

It answers a GeoJSON FeatureCollection whose features carry `label`, `score`, `postcode` and
`citycode`. The client never raises: a slow, failing or unsure service gives None, and callers fall
back to the postcode's reference point (see directory/location.py).
"""

import hashlib
import logging
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

CACHE_SECONDS = 30 * 24 * 3600  # addresses barely move; a month keeps the service's load low
# Below this score the service is guessing (a street name matched in another town...).
DEFAULT_MIN_SCORE = 0.5


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


def geocode(query, postcode=""):
    """The best match for an address, or None (service down, slow, no answer or low score)."""
    query = " ".join((query or "").split())
    if len(query) < 3:
        return None
    key = _cache_key(query, postcode)
    cached = cache.get(key)
    if cached is not None:
        return cached or None  # False is a cached "no good match"
    params = {"q": query[:200], "limit": 1}
    if postcode:
        params["postcode"] = postcode
    try:
        response = requests.get(settings.GEOCODER_URL, params=params, timeout=settings.GEOCODER_TIMEOUT)
        response.raise_for_status()
        features = response.json().get("features") or []
    except (requests.RequestException, ValueError, AttributeError) as error:
        # Not cached: the next save or `geocode_directory` run tries again.
        logger.warning("Geocoder unavailable for %r: %s", query, error)
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

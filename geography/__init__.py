"""Marseille's reference geography: arrondissement polygons, postcode reference points, the 111
quartiers (a name, an arrondissement and a point each), distances.

Small pure-Python functions on the shipped reference data (geography/data/, with its provenance):
16 polygons and 16 points do not need a GIS library. The lowest layer of the project: the directory
and the agenda both place things in arrondissements, so neither owns this.
"""

import csv
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
EARTH_RADIUS_M = 6_371_008.8
# A point outside every polygon (islands missing from the 2016 polygons, the coast) still belongs
# to the nearest arrondissement when it is this close to it (the Frioul lies 3 to 4.5 km off the 7e).
NEAREST_POLYGON_MAX_M = 5_000
# The model choices of an arrondissement number: 1 -> "1er", 2 -> "2e"...
ARRONDISSEMENT_CHOICES = [(n, "1er" if n == 1 else f"{n}e") for n in range(1, 17)]


@dataclass(frozen=True)
class Arrondissement:
    number: int
    insee_code: str
    postcode: str
    name: str
    rings: tuple  # outer ring first, then holes; each a tuple of (lon, lat)
    bbox: tuple  # (min_lon, min_lat, max_lon, max_lat)
    reference_point: tuple  # (lat, lon) of La Poste's base

    @property
    def label(self):
        return "1er arrondissement" if self.number == 1 else f"{self.number}e arrondissement"


@cache
def postcode_points():
    """{postcode: (lat, lon)} for Marseille's 16 postcodes, from La Poste's base."""
    points = {}
    with open(DATA_DIR / "marseille-codes-postaux.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            lat, lon = (float(v) for v in row["coordonnees_gps"].split(","))
            points.setdefault(row["Code_postal"], (lat, lon))
    return points


@cache
def arrondissements():
    """The 16 arrondissements, ordered by number."""
    with open(DATA_DIR / "marseille-arrondissements.geojson", encoding="utf-8") as handle:
        collection = json.load(handle)
    points = postcode_points()
    result = []
    for feature in collection["features"]:
        props = feature["properties"]
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings = tuple(tuple((float(x), float(y)) for x, y, *_ in ring) for polygon in polygons for ring in polygon)
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        number = int(props["code"][-2:])
        result.append(
            Arrondissement(
                number=number,
                insee_code=props["code"],
                postcode=props["codePostal"],
                name=props["nom"],
                rings=rings,
                bbox=(min(xs), min(ys), max(xs), max(ys)),
                reference_point=points[props["codePostal"]],
            )
        )
    return sorted(result, key=lambda a: a.number)


@dataclass(frozen=True)
class Quartier:
    name: str  # French spelling, e.g. "Saint-Barthélemy"
    source_name: str  # as the City's dataset writes it, e.g. "SAINT-BARTHELEMY"
    arrondissement: int
    point: tuple  # (lat, lon): the quartier's centroid, standing for the whole quartier

    @property
    def label(self):
        area = "1er" if self.arrondissement == 1 else f"{self.arrondissement}e"
        return f"{self.name} ({area})"


def place_key(text):
    """A place name as visitors may type it, reduced for comparison: accents, case, hyphens,
    apostrophes, a leading article and "St"/"Ste" abbreviations make no difference."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    words = [{"st": "saint", "ste": "sainte"}.get(w, w) for w in words]
    if len(words) > 1 and words[0] in ("la", "le", "les", "l", "quartier"):
        words = words[1:]
    return " ".join(words)


@cache
def quartiers():
    """Marseille's 111 quartiers, ordered by arrondissement then name (see data/README.md)."""
    with open(DATA_DIR / "marseille-quartiers.csv", encoding="utf-8") as handle:
        return [
            Quartier(
                name=row["nom"],
                source_name=row["nom_source"],
                arrondissement=int(row["arrondissement"]),
                point=(float(row["latitude"]), float(row["longitude"])),
            )
            for row in csv.DictReader(handle, delimiter=";")
        ]


@cache
def _quartiers_by_key():
    index = {}
    for quartier in quartiers():
        for name in (quartier.name, quartier.source_name):
            index.setdefault(place_key(name), quartier)
    return index


def find_quartier(text):
    """The quartier the text names ("belle de mai", "La Belle-de-Mai", "st barthelemy"), or None."""
    # "Belle de Mai, Marseille", "la Cabucelle 13015": the city and the postcode add nothing.
    key = " ".join(w for w in place_key(text).split() if w != "marseille" and not re.fullmatch(r"130\d\d", w))
    return _quartiers_by_key().get(place_key(key)) if key else None


def arrondissement_by_number(number):
    for arrondissement in arrondissements():
        if arrondissement.number == number:
            return arrondissement
    return None


def _in_ring(lon, lat, ring):
    """Ray casting: is the point inside this closed ring?"""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _contains(arrondissement, lat, lon):
    min_lon, min_lat, max_lon, max_lat = arrondissement.bbox
    if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
        return False
    # Even-odd over every ring handles holes and multi-part polygons alike.
    return sum(_in_ring(lon, lat, ring) for ring in arrondissement.rings) % 2 == 1


def _distance_to_segment_m(lat, lon, a, b):
    # Local equirectangular projection: accurate to well under a metre at a city's scale.
    kx = math.cos(math.radians(lat)) * EARTH_RADIUS_M * math.pi / 180
    ky = EARTH_RADIUS_M * math.pi / 180
    ax, ay = (a[0] - lon) * kx, (a[1] - lat) * ky
    bx, by = (b[0] - lon) * kx, (b[1] - lat) * ky
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
    return math.hypot(ax + t * dx, ay + t * dy)


def _distance_to_arrondissement_m(arrondissement, lat, lon):
    return min(
        _distance_to_segment_m(lat, lon, ring[i], ring[i + 1])
        for ring in arrondissement.rings
        for i in range(len(ring) - 1)
    )


def arrondissement_at(lat, lon):
    """The arrondissement (1-16) the point falls in, the nearest one within 5 km, or None."""
    if lat is None or lon is None:
        return None
    for arrondissement in arrondissements():
        if _contains(arrondissement, lat, lon):
            return arrondissement.number
    # Cheap rejection before measuring distances to every edge.
    if not (43.1 <= lat <= 43.45 and 5.15 <= lon <= 5.6):
        return None
    distance, number = min((_distance_to_arrondissement_m(a, lat, lon), a.number) for a in arrondissements())
    return number if distance <= NEAREST_POLYGON_MAX_M else None


def arrondissement_for_postcode(postcode):
    """13001..13016 -> 1..16; anything else (other towns, Cedex codes) -> None."""
    postcode = (postcode or "").strip()
    if postcode in postcode_points():
        return int(postcode[-2:])
    return None


def postcode_reference_point(postcode):
    """La Poste's reference point (lat, lon) of a Marseille postcode, or None."""
    return postcode_points().get((postcode or "").strip())


def find_arrondissement(lat=None, lon=None, postcode=None):
    """From the point when there is one, else from the postcode."""
    if lat is not None and lon is not None:
        number = arrondissement_at(lat, lon)
        if number is not None:
            return number
        # A point outside Marseille means the organisation is outside Marseille.
        if not (43.1 <= lat <= 43.45 and 5.15 <= lon <= 5.6):
            return None
    return arrondissement_for_postcode(postcode)


def distance_m(lat1, lon1, lat2, lon2):
    """Great-circle (haversine) distance in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(lat, lon, radius_m):
    """(min_lat, max_lat, min_lon, max_lon) enclosing a circle: a cheap SQL prefilter before distances."""
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    dlon = math.degrees(radius_m / (EARTH_RADIUS_M * max(math.cos(math.radians(lat)), 1e-6)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def format_distance(metres):
    """French display of a distance between two precise points: "à 850 m", "à 1,2 km", "à 12 km"."""
    if metres < 1000:
        return f"à {int(round(metres, -1))}\u00a0m"
    km = metres / 1000
    if km < 10:
        return f"à {km:.1f}\u00a0km".replace(".", ",")
    return f"à {round(km)}\u00a0km"


def format_approximate_distance(metres, same_arrondissement=None):
    """French display of a distance when one end is only a reference point (a postcode's or an
    arrondissement's): never "à 0 m". "dans le 3e arrondissement" when both ends are in that
    arrondissement, else "à environ 2 km" (whole kilometres, at least 1)."""
    if same_arrondissement:
        area = arrondissement_by_number(same_arrondissement)
        if area is not None:
            return f"dans le {area.label}"
    return f"à environ {max(1, round(metres / 1000))}\u00a0km"

"""The directory's filters, from GET parameters: shared by the open-data exports and the public finder.

`filter_organisations(queryset, params)` returns (queryset, errors). Unknown values are errors with a
French message (callers answer 400 or show the message), never exceptions.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from ess_site.typography import french

from . import geo, geocoder
from .models import ARRONDISSEMENT_CHOICES, Audience, Kind, Label, LegalForm, ProjectStage, Sector, SupportService

DEFAULT_RADIUS_M = 2_000
MAX_RADIUS_M = 50_000
TERM_FILTERS = {
    # GET parameter: (m2m field, model, French name)
    "filiere": ("sectors", Sector, "filière"),
    "service": ("support_services", SupportService, "service d'accompagnement"),
    "public": ("audiences", Audience, "public"),
    "label": ("labels", Label, "label"),
}
CHOICE_FILTERS = {"type": ("kind", Kind, "type"), "forme": ("legal_form", LegalForm, "forme juridique")}


@dataclass
class Origin:
    """The point a "near me" search measures from."""

    latitude: float
    longitude: float
    radius_m: int
    label: str = ""


@dataclass
class FilterResult:
    queryset: object
    errors: list = field(default_factory=list)
    origin: Origin | None = None


def _values(params, name):
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        value = params.get(name)
        values = value if isinstance(value, list | tuple) else ([value] if value is not None else [])
    return [v.strip() for v in values if v and v.strip()]


def filter_organisations(queryset, params):
    """Apply the finder's GET parameters: q, type, forme, filiere, service, public, label, etape,
    arrondissement, code-postal, pres-de, lat/lon, rayon (metres)."""
    errors = []
    for name, (field_name, enum, label) in CHOICE_FILTERS.items():
        wanted = _values(params, name)
        if wanted:
            valid = {value for value, _ in enum.choices}
            unknown = [w for w in wanted if w not in valid]
            if unknown:
                errors.append(french(f"Valeur inconnue pour le filtre « {label} » : {', '.join(unknown)}."))
            queryset = queryset.filter(**{f"{field_name}__in": wanted})

    for name, (field_name, model, label) in TERM_FILTERS.items():
        wanted = _values(params, name)
        if wanted:
            known = set(model.objects.filter(slug__in=wanted).values_list("slug", flat=True))
            unknown = [w for w in wanted if w not in known]
            if unknown:
                errors.append(french(f"Valeur inconnue pour le filtre « {label} » : {', '.join(unknown)}."))
            # Any of the chosen terms (OR within a facet, AND across facets).
            queryset = queryset.filter(pk__in=queryset.model.objects.filter(**{f"{field_name}__slug__in": wanted}).values("pk"))

    stages = _values(params, "etape")
    if stages:
        valid = {value for value, _ in ProjectStage.choices}
        unknown = [s for s in stages if s not in valid]
        if unknown:
            errors.append(french(f"Étape de projet inconnue : {', '.join(unknown)}."))
        condition = Q()
        for stage in set(stages) & valid:
            # JSON list stored as text on every backend: match the quoted code.
            condition |= Q(project_stages__icontains=f'"{stage}"')
        queryset = queryset.filter(condition) if condition else queryset.none()

    arrondissements = _values(params, "arrondissement")
    if arrondissements:
        numbers = []
        valid = {n for n, _ in ARRONDISSEMENT_CHOICES}
        for value in arrondissements:
            number = value.removesuffix("e").removesuffix("er")
            if number.isdigit() and int(number) in valid:
                numbers.append(int(number))
            else:
                errors.append(french(f"Arrondissement inconnu : « {value} » (1 à 16)."))
        queryset = queryset.filter(arrondissement__in=numbers)

    postcodes = _values(params, "code-postal")
    if postcodes:
        bad = [p for p in postcodes if not (p.isdigit() and len(p) == 5)]
        if bad:
            errors.append(french(f"Code postal invalide : {', '.join(bad)} (5 chiffres attendus)."))
        queryset = queryset.filter(postcode__in=postcodes)

    origin, origin_errors = parse_origin(params)
    errors.extend(origin_errors)
    if origin:
        queryset = within_radius(queryset, origin)

    query = " ".join(_values(params, "q"))[:200]
    if query:
        queryset = text_search(queryset, query)
    return FilterResult(queryset=queryset, errors=errors, origin=origin)


def parse_origin(params):
    errors = []
    radius = DEFAULT_RADIUS_M
    raw_radius = (_values(params, "rayon") or [""])[0]
    if raw_radius:
        try:
            radius = int(float(raw_radius.replace(",", ".")))
            if not 0 < radius <= MAX_RADIUS_M:
                raise ValueError
        except ValueError:
            errors.append(french(f"Rayon invalide : « {raw_radius} » (un nombre de mètres entre 1 et {MAX_RADIUS_M})."))
            radius = DEFAULT_RADIUS_M
    lat, lon = (_values(params, "lat") or [""])[0], (_values(params, "lon") or [""])[0]
    if lat or lon:
        try:
            latitude, longitude = float(lat.replace(",", ".")), float(lon.replace(",", "."))
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                raise ValueError
            return Origin(latitude, longitude, radius), errors
        except ValueError:
            errors.append("Coordonnées invalides : lat et lon doivent être des nombres en degrés décimaux.")
            return None, errors
    near = (_values(params, "pres-de") or [""])[0][:200]
    if near:
        point = geo.postcode_reference_point(near)
        if point:
            return Origin(point[0], point[1], radius, label=near), errors
        result = geocoder.geocode(near)
        if result:
            return Origin(result.latitude, result.longitude, radius, label=result.label), errors
        errors.append(french(f"Adresse introuvable : « {near} ». Essayez un code postal (exemple : 13001)."))
    return None, errors


def within_radius(queryset, origin):
    """Bounding box in SQL, then the exact great-circle distance in Python."""
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(origin.latitude, origin.longitude, origin.radius_m)
    candidates = queryset.filter(
        latitude__gte=min_lat, latitude__lte=max_lat, longitude__gte=min_lon, longitude__lte=max_lon
    ).values_list("pk", "latitude", "longitude")
    inside = [
        pk
        for pk, lat, lon in candidates
        if geo.distance_m(origin.latitude, origin.longitude, lat, lon) <= origin.radius_m
    ]
    return queryset.filter(pk__in=inside)


def text_search(queryset, query):
    """Wagtail search (French configuration) over the directory, intersected with the other filters."""
    try:
        pks = [obj.pk for obj in queryset.model.objects.search(query, operator="and")]
    except Exception:  # noqa: BLE001 - a search backend outage degrades to a plain name match
        return queryset.filter(Q(name__icontains=query) | Q(short_description__icontains=query))
    return queryset.filter(pk__in=pks)

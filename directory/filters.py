"""The directory's filters, from GET parameters: shared by the open-data exports and the public finder.

`filter_organisations(queryset, params)` returns a FilterResult (queryset, errors, origin). Unknown
values are errors with a French message (callers answer 400 or show the message), never exceptions.

The finder needs more than the filtered queryset: facet counts where each facet ignores its own
selection (OR within a facet, AND across facets). So the work is split: `parse_criteria()` reads and
checks the parameters once; `Criteria.base_queryset()` applies what is not a facet (text, place,
stage, postcode); `Criteria.facet_conditions()` gives one SQL condition per facet.
"""

import math
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import F, FloatField, Q, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt
from django.db.models.lookups import LessThanOrEqual

from ess_site.typography import french

from . import geo, geocoder
from .models import (
    ARRONDISSEMENT_CHOICES,
    Audience,
    Kind,
    Label,
    LegalForm,
    Organisation,
    ProjectStage,
    Sector,
    SupportService,
    Wheelchair,
)
from .search_text import MAX_QUERY_LENGTH, query_words

DEFAULT_RADIUS_KM = 5
MAX_RADIUS_KM = 50
DEFAULT_RADIUS_M = DEFAULT_RADIUS_KM * 1000
RADIUS_CHOICES_KM = [1, 2, 5, 10, 20, 50]
TERM_FILTERS = {
    # GET parameter: (m2m field, model, French name)
    "filiere": ("sectors", Sector, "filière"),
    "service": ("support_services", SupportService, "service d'accompagnement"),
    "public": ("audiences", Audience, "public"),
    "label": ("labels", Label, "label"),
}
CHOICE_FILTERS = {
    "type": ("kind", Kind, "type"),
    "forme": ("legal_form", LegalForm, "forme juridique"),
    "fauteuil": ("wheelchair", Wheelchair, "accès en fauteuil roulant"),
}
OPEN_NOW_PARAM = "ouvert"
# Every facet the finder shows, in the order it shows them.
FACET_PARAMS = ["type", "filiere", "service", "public", "forme", "arrondissement", "label", OPEN_NOW_PARAM, "fauteuil"]


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


def _values(params, name, max_length=MAX_QUERY_LENGTH):
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        value = params.get(name)
        values = value if isinstance(value, list | tuple) else ([value] if value is not None else [])
    return [str(v).strip()[:max_length] for v in values if v and str(v).strip()][:50]


VOCABULARY_CACHE_KEY = "directory:vocabulary"
VOCABULARY_CACHE_SECONDS = 300
OPENING_HOURS_BRANCH = "_opening_hours"


def load_vocabulary(use_cache=True):
    """What every finder page reads before filtering, in one query: the four taxonomies
    ({"terms": {GET parameter: [(pk, slug, label), ...]}}) and the distinct opening-hours expressions
    of the public directory ({"opening_hours": [...]}, which "open now" evaluates).

    Cached for five minutes, and forgotten whenever editors change a term or an organisation: every
    finder and organisation page needs it, and it changes a few times a year."""
    if not use_cache:
        return _read_vocabulary()
    return cache.get_or_set(VOCABULARY_CACHE_KEY, _read_vocabulary, VOCABULARY_CACHE_SECONDS)


def _read_vocabulary():
    querysets = [
        model.objects.order_by().annotate(param=Value(name)).values_list("param", "pk", "slug", "label")
        for name, (_, model, _) in TERM_FILTERS.items()
    ]
    querysets.append(
        Organisation.objects.public()
        .exclude(opening_hours="")
        .order_by()
        .annotate(param=Value(OPENING_HOURS_BRANCH), no_pk=Value(0))
        .values_list("param", "no_pk", "opening_hours", "opening_hours")
        .distinct()
    )
    terms = {name: [] for name in TERM_FILTERS}
    opening_hours = []
    for param, pk, slug, label in querysets[0].union(*querysets[1:], all=True):
        if param == OPENING_HOURS_BRANCH:
            opening_hours.append(slug)
        else:
            terms[param].append((pk, slug, label))
    for rows in terms.values():
        rows.sort(key=lambda row: row[2].lower())
    return {"terms": terms, "opening_hours": sorted(opening_hours)}


def load_terms(use_cache=True):
    """{GET parameter: [(pk, slug, label), ...]} for the four taxonomies, by label."""
    return load_vocabulary(use_cache)["terms"]


def forget_vocabulary(**kwargs):
    cache.delete(VOCABULARY_CACHE_KEY)


@dataclass
class Criteria:
    """What the visitor asked for, checked: valid values only, plus French messages for the rest."""

    words: list = field(default_factory=list)
    query: str = ""
    selected: dict = field(default_factory=dict)  # facet parameter -> list of valid values (slugs, codes)
    term_ids: dict = field(default_factory=dict)  # term facet parameter -> list of pks
    stages: list = field(default_factory=list)
    postcodes: list = field(default_factory=list)
    origin: Origin | None = None
    errors: list = field(default_factory=list)
    notices: list = field(default_factory=list)  # worth telling, not worth refusing an export for
    terms: dict = field(default_factory=dict)
    text_term_ids: dict = field(default_factory=dict)  # words matched in taxonomy labels

    @property
    def has_facets(self):
        return any(self.selected.values())

    def base_queryset(self, queryset):
        """Everything but the facets: text, place, project stage, postcode."""
        if self.stages:
            condition = Q()
            for stage in self.stages:
                # JSON list stored as text on every backend: match the quoted code.
                condition |= Q(project_stages__icontains=f'"{stage}"')
            queryset = queryset.filter(condition)
        if self.postcodes:
            queryset = queryset.filter(postcode__in=self.postcodes)
        if self.origin:
            queryset = within_radius(queryset, self.origin)
        for word in self.words:
            queryset = queryset.filter(self.word_condition(word))
        return queryset

    def word_condition(self, word):
        """The word in the folded texts, or in the label of one of its sectors or support services."""
        condition = Q(search_text__contains=word)
        for param, ids in self.text_term_ids.get(word, {}).items():
            if ids:
                condition |= Q(pk__in=_through_subquery(param, ids))
        return condition

    def facet_conditions(self, open_values=None):
        """{facet parameter: Q} for each facet with a selection."""
        conditions = {}
        for param, values in self.selected.items():
            if not values:
                continue
            if param in CHOICE_FILTERS:
                conditions[param] = Q(**{f"{CHOICE_FILTERS[param][0]}__in": values})
            elif param in TERM_FILTERS:
                conditions[param] = Q(pk__in=_through_subquery(param, self.term_ids[param]))
            elif param == "arrondissement":
                conditions[param] = Q(arrondissement__in=[int(v) for v in values])
            elif param == OPEN_NOW_PARAM:
                conditions[param] = Q(opening_hours__in=list(open_values or []))
        return conditions


def _through_subquery(param, ids):
    field_name = TERM_FILTERS[param][0]
    through = getattr(Organisation, field_name).through
    term_column = f"{TERM_FILTERS[param][1]._meta.model_name}_id"
    return through.objects.filter(**{f"{term_column}__in": ids}).values("organisation_id")


def parse_criteria(params, terms=None):
    """Read the finder's GET parameters: q, type, forme, filiere, service, public, label, etape,
    arrondissement, ouvert, fauteuil, code-postal, pres-de, lat/lon, rayon (kilometres)."""
    terms = terms if terms is not None else load_terms()
    criteria = Criteria(terms=terms)
    errors = criteria.errors

    for name, (_, enum, label) in CHOICE_FILTERS.items():
        wanted = _values(params, name)
        if wanted:
            valid = {value for value, _ in enum.choices}
            unknown = [w for w in wanted if w not in valid]
            if unknown:
                errors.append(french(f"Valeur inconnue pour le filtre « {label} » : {', '.join(unknown)}."))
            criteria.selected[name] = list(dict.fromkeys(w for w in wanted if w in valid))

    for name, (_, _, label) in TERM_FILTERS.items():
        wanted = _values(params, name)
        if wanted:
            by_slug = {slug: pk for pk, slug, _ in terms[name]}
            unknown = [w for w in wanted if w not in by_slug]
            if unknown:
                errors.append(french(f"Valeur inconnue pour le filtre « {label} » : {', '.join(unknown)}."))
            known = list(dict.fromkeys(w for w in wanted if w in by_slug))
            criteria.selected[name] = known
            criteria.term_ids[name] = [by_slug[slug] for slug in known]

    arrondissements = _values(params, "arrondissement")
    if arrondissements:
        numbers = []
        valid = {n for n, _ in ARRONDISSEMENT_CHOICES}
        for value in arrondissements:
            number = value.removesuffix("e").removesuffix("er")
            if number.isdigit() and int(number) in valid:
                numbers.append(str(int(number)))
            elif value.isdigit() and geo.arrondissement_for_postcode(value):
                numbers.append(str(geo.arrondissement_for_postcode(value)))
            else:
                errors.append(french(f"Arrondissement inconnu : « {value} » (1 à 16)."))
        criteria.selected["arrondissement"] = list(dict.fromkeys(numbers))

    open_now = _values(params, OPEN_NOW_PARAM)
    if open_now:
        if open_now[0] in ("1", "oui", "on", "true"):
            criteria.selected[OPEN_NOW_PARAM] = ["1"]
        else:
            errors.append(french(f"Valeur inconnue pour le filtre « ouvert maintenant » : {open_now[0]}."))

    stages = _values(params, "etape")
    if stages:
        valid = {value for value, _ in ProjectStage.choices}
        unknown = [s for s in stages if s not in valid]
        if unknown:
            errors.append(french(f"Étape de projet inconnue : {', '.join(unknown)}."))
        criteria.stages = list(dict.fromkeys(s for s in stages if s in valid))

    postcodes = _values(params, "code-postal")
    if postcodes:
        bad = [p for p in postcodes if not (p.isdigit() and len(p) == 5)]
        if bad:
            errors.append(french(f"Code postal invalide : {', '.join(bad)} (5 chiffres attendus)."))
        criteria.postcodes = [p for p in postcodes if p not in bad]

    criteria.origin, origin_errors = parse_origin(params)
    errors.extend(origin_errors)

    raw_query = " ".join(_values(params, "q", max_length=10_000))
    criteria.query = raw_query[:MAX_QUERY_LENGTH]
    criteria.words = query_words(criteria.query)
    if raw_query and not criteria.words:
        criteria.notices.append(french("Recherche trop courte : tapez au moins 3 lettres d'un mot."))
    if len(raw_query) > MAX_QUERY_LENGTH:
        criteria.notices.append(french(f"Recherche trop longue : seuls les {MAX_QUERY_LENGTH} premiers caractères sont pris en compte."))
    criteria.text_term_ids = _words_in_terms(criteria.words, terms)
    return criteria


def _words_in_terms(words, terms):
    """{word: {facet parameter: [pks of terms whose label contains it]}} for sectors and services."""
    from .search_text import fold

    found = {}
    for word in words:
        for param in ("filiere", "service"):
            ids = [pk for pk, _, label in terms.get(param, []) if word in fold(label)]
            if ids:
                found.setdefault(word, {})[param] = ids
    return found


def filter_organisations(queryset, params):
    """Apply every filter of the GET parameters (what the exports serve: the finder's results)."""
    criteria = parse_criteria(params)
    queryset = criteria.base_queryset(queryset)
    open_values = None
    if criteria.selected.get(OPEN_NOW_PARAM):
        from .opening import open_hours_values

        open_values = open_hours_values()
    for condition in criteria.facet_conditions(open_values).values():
        queryset = queryset.filter(condition)
    return FilterResult(queryset=queryset, errors=criteria.errors, origin=criteria.origin)


def parse_radius(raw_radius):
    """(metres, error). `rayon` is in kilometres ("2", "2,5", "0.5", at most 50). Anything else is an
    error message, never a crash."""
    if not raw_radius:
        return DEFAULT_RADIUS_M, None
    try:
        number = float(raw_radius.replace(",", ".").removesuffix("km").strip())
        if not (math.isfinite(number) and 0 < number <= MAX_RADIUS_KM):
            raise ValueError
    except ValueError:
        return DEFAULT_RADIUS_M, french(
            f"Rayon invalide : « {raw_radius} » (un nombre de kilomètres entre 0,1 et {MAX_RADIUS_KM}). "
            f"Rayon de {DEFAULT_RADIUS_KM} km appliqué."
        )
    return max(100, round(number * 1000)), None


def parse_origin(params):
    errors = []
    radius, radius_error = parse_radius((_values(params, "rayon") or [""])[0])
    if radius_error:
        errors.append(radius_error)
    lat, lon = (_values(params, "lat") or [""])[0], (_values(params, "lon") or [""])[0]
    if lat or lon:
        try:
            latitude, longitude = float(lat.replace(",", ".")), float(lon.replace(",", "."))
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                raise ValueError
            return Origin(latitude, longitude, radius, label="votre position"), errors
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
        # The address service is down or unsure: a Marseille postcode in the text still gives a point.
        for token in near.replace(",", " ").split():
            point = geo.postcode_reference_point(token)
            if point:
                return Origin(point[0], point[1], radius, label=token), errors
        errors.append(french(f"Adresse introuvable : « {near} ». Essayez un code postal (exemple : 13001)."))
    return None, errors


def distance_expression(origin):
    """Great-circle (haversine) distance in metres from the origin, computed by the database."""
    lat0 = math.radians(origin.latitude)
    half_dlat = (Radians(F("latitude")) - Value(lat0)) / Value(2.0)
    half_dlon = (Radians(F("longitude")) - Value(math.radians(origin.longitude))) / Value(2.0)
    h = Power(Sin(half_dlat), 2) + Value(math.cos(lat0)) * Cos(Radians(F("latitude"))) * Power(Sin(half_dlon), 2)
    return Value(2 * geo.EARTH_RADIUS_M) * ASin(Sqrt(Least(h, Value(1.0), output_field=FloatField())))


def within_radius(queryset, origin):
    """A bounding box first (an index range on latitude/longitude), then the exact distance."""
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(origin.latitude, origin.longitude, origin.radius_m)
    return queryset.filter(
        latitude__gte=min_lat, latitude__lte=max_lat, longitude__gte=min_lon, longitude__lte=max_lon
    ).filter(LessThanOrEqual(distance_expression(origin), Value(float(origin.radius_m))))


def text_search(queryset, query):
    """Every word (three letters or more, accents and case ignored) in the texts, sectors or services."""
    words = query_words(query)
    criteria = Criteria(words=words, text_term_ids=_words_in_terms(words, load_terms()))
    for word in words:
        queryset = queryset.filter(criteria.word_condition(word))
    return queryset

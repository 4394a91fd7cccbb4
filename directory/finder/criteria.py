"""Step 1 of a finder request: read the GET parameters into checked criteria.

`parse_criteria(params)` reads every parameter once: valid values become the criteria, the rest
French messages (callers answer 400 or show them), never exceptions. A place ("pres-de", lat/lon)
becomes the point searches measure from. Next step: query.py builds the SQL conditions.
"""

import math
import re
from dataclasses import dataclass, field

import geography
from directory import synonyms
from directory.geo import geocoder
from directory.models import ARRONDISSEMENT_CHOICES, Kind, LegalForm, ProjectStage
from directory.models.search_text import MAX_QUERY_LENGTH, fold
from ess_site.typography import french

from .vocabulary import CHOICE_FILTERS, OPEN_NOW_PARAM, TERM_FILTERS, load_terms

DEFAULT_RADIUS_KM = 5
MAX_RADIUS_KM = 50
DEFAULT_RADIUS_M = DEFAULT_RADIUS_KM * 1000
RADIUS_CHOICES_KM = [1, 2, 5, 10, 20, 50]


@dataclass
class Origin:
    """The point a "near me" search measures from."""

    latitude: float
    longitude: float
    radius_m: int
    label: str = ""
    approximate: bool = False  # a reference point standing for an area (see geography.format_approximate_distance)
    arrondissement: int | None = None

    @classmethod
    def at(cls, latitude, longitude, radius_m, label="", approximate=False, arrondissement=None):
        """The origin, with the arrondissement it falls in when not given."""
        if arrondissement is None:
            arrondissement = geography.find_arrondissement(latitude, longitude)
        return cls(latitude, longitude, radius_m, label, approximate, arrondissement)


def _values(params, name, max_length=MAX_QUERY_LENGTH):
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        value = params.get(name)
        values = value if isinstance(value, list | tuple) else ([value] if value is not None else [])
    return [str(v).strip()[:max_length] for v in values if v and str(v).strip()][:50]


@dataclass
class Criteria:
    """What the visitor asked for, checked: valid values only, plus French messages for the rest."""

    words: list = field(default_factory=list)  # the stems typed (relevance), synonyms aside
    concepts: list = field(default_factory=list)  # per thing asked, its alternatives (directory/synonyms.py)
    loose: bool = False  # no organisation had every word: any one of them will do (announced)
    query: str = ""
    selected: dict = field(default_factory=dict)  # facet parameter -> list of valid values (slugs, codes)
    term_ids: dict = field(default_factory=dict)  # term facet parameter -> list of pks
    stages: list = field(default_factory=list)
    postcodes: list = field(default_factory=list)
    origin: Origin | None = None
    errors: list = field(default_factory=list)
    place_error: str = ""  # the « Près de » text matched no place: shown next to that field
    place_from_query: str = ""  # a postcode typed in « Que cherchez-vous ? », read as « Près de »
    notices: list = field(default_factory=list)  # worth telling, not worth refusing an export for
    terms: dict = field(default_factory=dict)
    text_term_ids: dict = field(default_factory=dict)  # words matched in taxonomy labels

    @property
    def has_facets(self):
        return any(self.selected.values())


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
            elif value.isdigit() and geography.arrondissement_for_postcode(value):
                numbers.append(str(geography.arrondissement_for_postcode(value)))
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
    if criteria.origin is None and origin_errors and origin_errors[-1].startswith(PLACE_NOT_FOUND):
        criteria.place_error = origin_errors[-1]

    raw_query = " ".join(_values(params, "q", max_length=10_000))
    if POSTCODE_QUERY.match(raw_query):
        raw_query = postcode_query(criteria, raw_query.strip(), params)
    else:
        raw_query = words_near_postcode(criteria, raw_query, params)
    criteria.query = raw_query[:MAX_QUERY_LENGTH]
    criteria.concepts = synonyms.concepts(criteria.query)
    criteria.words = list(dict.fromkeys(stem for alternatives in criteria.concepts for stem in alternatives[0]))
    if raw_query and not criteria.concepts:
        criteria.notices.append(
            french(
                "Recherche trop courte ou trop vague : tapez au moins un mot de 3 lettres qui décrit ce que vous cherchez."
            )
        )
    if len(raw_query) > MAX_QUERY_LENGTH:
        criteria.notices.append(
            french(f"Recherche trop longue : seuls les {MAX_QUERY_LENGTH} premiers caractères sont pris en compte.")
        )
    every_stem = {stem for alternatives in criteria.concepts for alternative in alternatives for stem in alternative}
    criteria.text_term_ids = words_in_terms(sorted(every_stem), terms)
    return criteria


POSTCODE_QUERY = re.compile(r"^\s*\d{5}\s*$")
PLACE_NOT_FOUND = "Lieu introuvable"


def postcode_query(criteria, postcode, params):
    """A 5-digit « Que cherchez-vous ? » is a postcode: "près de" it when it is Marseille's and no
    place was given, else the organisations of that postcode. Returns what is left to search: nothing."""
    place = geocoder.offline_place(postcode)
    if place is not None and criteria.origin is None and not criteria.place_error:
        radius, _ = parse_radius((_values(params, "rayon") or [""])[0])
        criteria.origin = Origin.at(
            place.latitude, place.longitude, radius, place.label, place.approximate, place.arrondissement
        )
        criteria.place_from_query = postcode
        criteria.notices.append(
            french(
                f"« {postcode} » est un code postal : voici les organisations près de {postcode}, les plus proches d'abord."
            )
        )
    elif postcode not in criteria.postcodes:
        criteria.postcodes.append(postcode)
        criteria.notices.append(
            french(f"« {postcode} » est un code postal : voici les organisations de ce code postal.")
        )
    return ""


POSTCODE_AMONG_WORDS = re.compile(r"(?<![\w-])\d{5}(?![\w-])")


def words_near_postcode(criteria, raw_query, params):
    """« insertion 13015 »: words and one Marseille postcode are the words « près de » that postcode
    (as a postcode alone is), when no place was given. Returns the words left to search."""
    postcodes = POSTCODE_AMONG_WORDS.findall(raw_query)
    if len(postcodes) != 1 or not geography.arrondissement_for_postcode(postcodes[0]):
        return raw_query
    if criteria.origin is not None or criteria.place_error:
        return raw_query
    words = " ".join(POSTCODE_AMONG_WORDS.sub(" ", raw_query).split())
    postcode_query(criteria, postcodes[0], params)
    return words


def starts_a_word(stem, text):
    """Does a word of the folded text start with the stem ("ess" in "acteurs de l'ess", not in "adresse")?"""
    return re.search(r"(?:^|[^a-z0-9])" + re.escape(stem), text) is not None


# Fixed lists whose labels a visitor may type ("SCIC", "tiers-lieu", "association").
CHOICE_TEXT_FIELDS = {"kind": Kind, "legal_form": LegalForm}


def words_in_terms(words, terms):
    """{word: {facet parameter or model field: [pks of terms, or values, whose label has a word starting
    with it]}}: sectors, services, labels, audiences, kinds and legal forms."""
    found = {}
    for word in words:
        for param in ("filiere", "service", "label", "public"):
            ids = [pk for pk, _, label in terms.get(param, []) if starts_a_word(word, fold(label))]
            if ids:
                found.setdefault(word, {})[param] = ids
        for field_name, choices in CHOICE_TEXT_FIELDS.items():
            values = [value for value, label in choices.choices if value and starts_a_word(word, fold(label))]
            if values:
                found.setdefault(word, {})[field_name] = values
    return found


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
            return Origin.at(latitude, longitude, radius, label="votre position"), errors
        except ValueError:
            errors.append("Coordonnées invalides\u00a0: lat et lon doivent être des nombres en degrés décimaux.")
            return None, errors
    near = (_values(params, "pres-de") or [""])[0][:200]
    if near:
        place = geocoder.locate(near)
        if place:
            origin = Origin.at(
                place.latitude, place.longitude, radius, place.label, place.approximate, place.arrondissement
            )
            return origin, errors
        errors.append(
            french(
                f"{PLACE_NOT_FOUND} : « {near} ». Essayez un code postal (13001), un arrondissement (3e) "
                "ou un quartier de Marseille (Belle de Mai)."
            )
        )
    return None, errors

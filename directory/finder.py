"""The public finder's query: results, facet counts, sort and pagination, in a bounded number of queries.

Queries for one page, whatever the filters: the vocabulary (taxonomies and opening-hours
expressions, 1, cached 5 minutes), every facet count and the total (1), and the page of results with
their sectors (1). Filtering itself is directory/filters.py, shared with the exports."""

import math
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Collate, Length, StrIndex
from django.utils import timezone

from ess_site.typography import french

from . import geo, opening
from .filters import (
    CHOICE_FILTERS,
    FACET_PARAMS,
    OPEN_NOW_PARAM,
    TERM_FILTERS,
    Criteria,
    distance_expression,
    load_terms,
    parse_criteria,
)
from .models import ARRONDISSEMENT_CHOICES, Organisation, Wheelchair
from .term_lists import attach_terms, with_term_ids

PER_PAGE = 20
SORTS = {"pertinence": "pertinence", "distance": "distance", "nom": "nom"}
FACET_LEGENDS = {
    "type": "Type de structure",
    "filiere": "Filière",
    "service": "Service d'accompagnement",
    "public": "Public",
    "forme": "Forme juridique",
    "arrondissement": "Arrondissement",
    "label": "Labels et réseaux",
    OPEN_NOW_PARAM: "Horaires",
    "fauteuil": "Accès en fauteuil roulant",
}
WHEELCHAIR_OPTIONS = [(Wheelchair.YES.value, "Accessible"), (Wheelchair.PARTIAL.value, "Partiellement accessible")]
# Facets that are a column of the organisation row: GET parameter -> column.
COLUMN_FACETS = {"type": "kind", "forme": "legal_form", "arrondissement": "arrondissement", "fauteuil": "wheelchair"}
# Columns a result card needs (the long description and the search text stay in the database).
CARD_FIELDS = [
    "pk", "name", "slug", "short_description", "kind", "legal_form", "address", "postcode", "city", "arrondissement",
    "latitude", "longitude", "opening_hours", "wheelchair",
]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    legend: str
    options: list

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)


@dataclass
class FinderResult:
    criteria: Criteria
    total: int
    results: list
    facets: list
    sort: str
    sorts: list
    page_number: int
    num_pages: int
    messages: list = field(default_factory=list)

    @property
    def has_previous(self):
        return self.page_number > 1

    @property
    def has_next(self):
        return self.page_number < self.num_pages

    @property
    def first_index(self):
        return (self.page_number - 1) * PER_PAGE + 1 if self.total else 0

    @property
    def last_index(self):
        return min(self.page_number * PER_PAGE, self.total)

    @property
    def page_links(self):
        """Page numbers around the current one, the first and the last; None marks a gap."""
        wanted = {1, self.num_pages} | set(range(self.page_number - 2, self.page_number + 3))
        numbers = sorted(n for n in wanted if 1 <= n <= self.num_pages)
        links, previous = [], 0
        for number in numbers:
            if number > previous + 1:
                links.append(None)
            links.append(number)
            previous = number
        return links

    @property
    def count_text(self):
        """The sentence the live region announces."""
        if not self.total:
            return "Aucune organisation ne correspond à votre recherche."
        total = f"{self.total:,}".replace(",", "\u202f")
        text = "1 organisation trouvée" if self.total == 1 else f"{total} organisations trouvées"
        if self.num_pages > 1:
            text += f", page {self.page_number} sur {self.num_pages}"
        return text + "."


def facet_options(criteria, open_now_label="Ouvert maintenant"):
    """[(param, [(value, label)])] in display order."""
    options = {
        "type": [(value, label) for value, label in CHOICE_FILTERS["type"][1].choices],
        "forme": [(value, label) for value, label in CHOICE_FILTERS["forme"][1].choices],
        "fauteuil": WHEELCHAIR_OPTIONS,
        "arrondissement": [(str(n), label) for n, label in ARRONDISSEMENT_CHOICES],
        OPEN_NOW_PARAM: [("1", open_now_label)],
    }
    for param in TERM_FILTERS:
        options[param] = [(slug, label) for _, slug, label in criteria.terms.get(param, [])]
    return [(param, options[param]) for param in FACET_PARAMS]


def _and(conditions):
    combined = Q()
    for condition in conditions:
        combined &= condition
    return combined


def choose_sort(requested, criteria, messages):
    if requested and requested not in SORTS:
        messages.append(french(f"Tri inconnu : « {requested[:40]} ». Tri par défaut appliqué."))
        requested = ""
    if requested == "distance" and not criteria.origin:
        messages.append(french("Le tri par distance demande un lieu : indiquez une adresse ou utilisez « Autour de moi »."))
        requested = ""
    if requested == "pertinence" and not criteria.words:
        requested = ""
    if requested:
        return requested
    if criteria.origin:
        return "distance"
    if criteria.words:
        return "pertinence"
    return "nom"


def available_sorts(criteria):
    sorts = []
    if criteria.words:
        sorts.append(("pertinence", "Pertinence"))
    if criteria.origin:
        sorts.append(("distance", "Distance"))
    sorts.append(("nom", "Nom"))
    return sorts


def _by_name():
    # The folded text is plain ASCII in practice: byte order sorts it like the locale would, much
    # faster on PostgreSQL (whose default collation compares with the C library's rules).
    if connection.vendor == "postgresql":
        return Collate("search_text", "C")
    return F("search_text")


def ordered(queryset, sort, criteria):
    if sort == "distance":
        return queryset.order_by(distance_expression(criteria.origin).asc(), _by_name(), "pk")
    if sort == "pertinence":
        hits = {}
        for index, word in enumerate(criteria.words):
            hits[f"_name_hit_{index}"] = StrIndex("search_text", Value(word))
        queryset = queryset.alias(**hits)
        score = Value(0)
        for index, word in enumerate(criteria.words):
            score = score + Case(
                When(Q(search_text__startswith=word), then=Value(3)),
                When(Q(**{f"_name_hit_{index}__gt": 0, f"_name_hit_{index}__lte": Length("name") + 1}), then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        return queryset.alias(_relevance=score).order_by("-_relevance", _by_name(), "pk")
    return queryset.order_by(_by_name(), "pk")


def parse_page_number(raw, messages):
    if not raw:
        return 1
    try:
        number = int(str(raw)[:12])
        if number < 1:
            raise ValueError
        return number
    except ValueError:
        messages.append(french(f"Numéro de page invalide : « {str(raw)[:20]} ». Première page affichée."))
        return 1


def _flag(condition):
    """A boolean column for a condition; one that can match nothing (an empty IN) is plain false."""
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def count_facets(base, criteria, conditions, open_values):
    """{"total": n, (param, value): n, ...}: what the results would be with each option, the facet's
    own selection set aside (OR within a facet, AND across facets). One query whatever the filters.

    The organisations matching everything but the facets are computed once (a CTE, materialised
    because it is read several times), with one boolean column per chosen facet; each facet is then
    a GROUP BY over that small set, filtered by the other facets' columns.
    """
    quote = connection.ops.quote_name
    flags = {f"m_{param}": _flag(condition) for param, condition in conditions.items()}
    is_open = _flag(Q(opening_hours__in=list(open_values)))
    rows = base.order_by().annotate(**flags, is_open=is_open).values("pk", *COLUMN_FACETS.values(), "is_open", *flags)
    base_sql, params = rows.query.sql_with_params()

    def where(*extra, skip=None):
        parts = [*extra, *(quote(f"m_{param}") for param in conditions if param != skip)]
        return f" WHERE {' AND '.join(parts)}" if parts else ""

    branches = [f"SELECT 'total', '', COUNT(*) FROM base{where()}"]
    for param, column in COLUMN_FACETS.items():
        branches.append(
            f"SELECT '{param}', CAST({quote(column)} AS TEXT), COUNT(*) FROM base{where(skip=param)} GROUP BY {quote(column)}"
        )
    branches.append(f"SELECT '{OPEN_NOW_PARAM}', '1', COUNT(*) FROM base{where(quote('is_open'), skip=OPEN_NOW_PARAM)}")
    for param, (field_name, model, _) in TERM_FILTERS.items():
        through = getattr(Organisation, field_name).through
        term = quote(f"{model._meta.model_name}_id")
        branches.append(
            f"SELECT '{param}', CAST(t.{term} AS TEXT), COUNT(*) FROM base"
            f" JOIN {quote(through._meta.db_table)} t ON t.{quote('organisation_id')} = base.{quote('pk')}"
            f"{where(skip=param)} GROUP BY t.{term}"
        )
    sql = f"WITH base AS ({base_sql}) " + " UNION ALL ".join(branches)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()

    slugs = {param: {str(pk): slug for pk, slug, _ in criteria.terms.get(param, [])} for param in TERM_FILTERS}
    counts = {"total": 0}
    for param, value, n in rows:
        if param == "total":
            counts["total"] = n
        elif param in TERM_FILTERS:
            if value in slugs[param]:
                counts[(param, slugs[param][value])] = n
        elif value is not None:
            counts[(param, value)] = n
    return counts


def find(params, now=None, paginate=True, terms=None):
    """Run the finder for GET parameters; `now` fixes "open now" (tests)."""
    now = now or timezone.now()
    criteria = parse_criteria(params, terms=terms if terms is not None else load_terms())
    messages = list(criteria.errors) + list(criteria.notices)
    base = criteria.base_queryset(Organisation.objects.public())
    open_values = opening.open_hours_values(now)
    conditions = criteria.facet_conditions(open_values)

    counts = count_facets(base, criteria, conditions, open_values)
    total = counts["total"]
    options_by_param = facet_options(criteria)

    facets = []
    for param, options in options_by_param:
        selected = set(criteria.selected.get(param, []))
        facet_options_list = [
            FacetOption(value=value, label=label, count=counts.get((param, value), 0), selected=value in selected)
            for value, label in options
        ]
        # Options nobody has are noise, unless the visitor chose one.
        facet_options_list = [option for option in facet_options_list if option.count or option.selected]
        if facet_options_list:
            facets.append(Facet(param=param, legend=FACET_LEGENDS[param], options=facet_options_list))

    sort = choose_sort((params.get("tri") or "").strip(), criteria, messages)
    num_pages = max(1, math.ceil(total / PER_PAGE))
    page_number = parse_page_number(params.get("page"), messages) if paginate else 1
    if page_number > num_pages:
        messages.append(french(f"La page {page_number} n'existe pas : il y a {num_pages} page(s) de résultats. Première page affichée."))
        page_number = 1

    results = []
    if total:
        queryset = ordered(base.filter(_and(conditions.values())), sort, criteria).only(*CARD_FIELDS)
        queryset = with_term_ids(queryset, ["filiere"])
        start = (page_number - 1) * PER_PAGE
        results = attach_terms(list(queryset[start : start + PER_PAGE]), criteria.terms, ["filiere"])
        for organisation in results:
            decorate(organisation, criteria, now)
    return FinderResult(
        criteria=criteria,
        total=total,
        results=results,
        facets=facets,
        sort=sort,
        sorts=available_sorts(criteria),
        page_number=page_number,
        num_pages=num_pages,
        messages=messages,
    )


def decorate(organisation, criteria, now):
    """What a result card shows beyond the model: distance from the visitor, open now."""
    organisation.distance_m = None
    organisation.distance_label = ""
    if criteria.origin and organisation.is_located:
        organisation.distance_m = geo.distance_m(
            criteria.origin.latitude, criteria.origin.longitude, organisation.latitude, organisation.longitude
        )
        organisation.distance_label = geo.format_distance(organisation.distance_m)
    organisation.opening = opening.opening_status(organisation.opening_hours, now)
    return organisation


def map_points(params, now=None):
    """Every result (not one page) as compact rows for the map: [lat, lon, name, slug, distance label]."""
    now = now or timezone.now()
    criteria = parse_criteria(params)
    base = criteria.base_queryset(Organisation.objects.public()).filter(latitude__isnull=False, longitude__isnull=False)
    open_values = opening.open_hours_values(now) if criteria.selected.get(OPEN_NOW_PARAM) else None
    queryset = base.filter(_and(criteria.facet_conditions(open_values).values()))
    rows = []
    for lat, lon, name, slug in queryset.order_by(_by_name()).values_list("latitude", "longitude", "name", "slug"):
        distance = ""
        if criteria.origin:
            distance = geo.format_distance(geo.distance_m(criteria.origin.latitude, criteria.origin.longitude, lat, lon))
        rows.append([round(lat, 6), round(lon, 6), name, slug, distance])
    return criteria, rows

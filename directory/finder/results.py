"""The public finder's results for GET parameters, in the order a request takes its steps:

1. criteria.py reads the criteria;  2. query.py builds the query;  3. facets.py counts the facets;
4. sorting.py sorts and pages;  5. display.py decorates the results for their cards.

Queries for one page, whatever the filters: the vocabulary (taxonomies and opening-hours
expressions, 1, cached 5 minutes), every facet count and the total (1), and the page of results with
their sectors (1).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from directory.models import LocationSource, Organisation
from ess_site.typography import french

from . import opening
from .criteria import Criteria, parse_criteria
from .display import distance_label, result_cards
from .facets import build_facets, count_facets
from .query import all_of, base_queryset, facet_conditions
from .sorting import PER_PAGE, available_sorts, by_name, choose_page, choose_sort, page_of
from .vocabulary import OPEN_NOW_PARAM, load_terms

PLACE_NOT_APPLIED = "Lieu non reconnu, le critère «\u00a0Près de\u00a0» n'est pas appliqué"


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
    sort_chosen: bool = False  # the visitor picked the sort (`tri`); else it follows place and words

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
            text = "Aucune organisation ne correspond à votre recherche"
            return french(f"{PLACE_NOT_APPLIED} : {text}.") if self.criteria.place_error else text + "."
        total = f"{self.total:,}".replace(",", "\u202f")
        text = "1 organisation trouvée" if self.total == 1 else f"{total} organisations trouvées"
        if self.num_pages > 1:
            text += f", page {self.page_number} sur {self.num_pages}"
        if self.criteria.place_error:
            # The list is not what was asked for: say so before the count.
            text = french(f"{PLACE_NOT_APPLIED} : {text}")
        return text + "."


def find(params, now=None, paginate=True, terms=None):
    """Run the finder for GET parameters; `now` fixes "open now" (tests)."""
    now = now or timezone.now()
    criteria = parse_criteria(params, terms=terms if terms is not None else load_terms())
    # A place error is shown next to its field, not among the list's messages.
    messages = [error for error in criteria.errors if error != criteria.place_error] + list(criteria.notices)

    base = base_queryset(criteria, Organisation.objects.public())
    open_values = opening.open_hours_values(now)
    conditions = facet_conditions(criteria, open_values)

    counts = count_facets(base, criteria, conditions, open_values)
    if not counts["total"] and len(criteria.concepts) > 1:
        # No organisation has every word: those with any of them, announced as such.
        criteria.loose = True
        base = base_queryset(criteria, Organisation.objects.public())
        counts = count_facets(base, criteria, conditions, open_values)
        if counts["total"]:
            messages.append(
                french(
                    "Aucune organisation ne correspond à tous vos mots : voici celles qui correspondent à au moins un."
                )
            )
    total = counts["total"]
    facets = build_facets(criteria, counts)

    requested_sort = (params.get("tri") or "").strip()
    sort = choose_sort(requested_sort, criteria, messages)
    page_number, num_pages = choose_page(params.get("page"), total, messages, paginate)

    results = []
    if total:
        start = (page_number - 1) * PER_PAGE
        page = page_of(base.filter(all_of(conditions.values())), sort, criteria, start, PER_PAGE)
        results = result_cards(page, criteria, now)
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
        sort_chosen=sort == requested_sort,
    )


APPROXIMATE_SOURCES = (LocationSource.POSTCODE, LocationSource.ARRONDISSEMENT)
UNLOCATED_LISTED = 50


def _map_queryset(params, now):
    """Every public result of these criteria, located or not (the map's points and what it leaves out)."""
    criteria = parse_criteria(params)
    open_values = opening.open_hours_values(now or timezone.now()) if criteria.selected.get(OPEN_NOW_PARAM) else None
    queryset = base_queryset(criteria, Organisation.objects.public())
    return criteria, queryset.filter(all_of(facet_conditions(criteria, open_values).values()))


def map_points(params, now=None):
    """Every result (not one page) as compact rows for the map:
    [lat, lon, name, slug, distance label, 1 when the point is a reference point standing for an area]."""
    criteria, queryset = _map_queryset(params, now)
    rows = []
    columns = ("latitude", "longitude", "name", "slug", "location_source", "arrondissement")
    located = queryset.filter(latitude__isnull=False, longitude__isnull=False).order_by(by_name())
    for lat, lon, name, slug, source, arrondissement in located.values_list(*columns):
        rows.append(
            [
                round(lat, 6),
                round(lon, 6),
                name,
                slug,
                distance_label(criteria, lat, lon, source, arrondissement),
                int(source in APPROXIMATE_SOURCES),
            ]
        )
    return criteria, rows


@dataclass
class MapSummary:
    """What the map cannot show exactly: results without a point (listed under it), and how many
    points stand for an area (a postcode's or an arrondissement's reference point)."""

    unlocated: int
    approximate: int
    unlocated_items: list  # (name, slug), the first UNLOCATED_LISTED by name

    @property
    def unlocated_text(self):
        return french(f"{self.unlocated}\u00a0structure{'s' if self.unlocated > 1 else ''} sans adresse précise")

    @property
    def more_unlocated(self):
        return self.unlocated - len(self.unlocated_items)


def map_summary(params, now=None, list_unlocated=True):
    """Two queries: both counts, then the unlocated names (only when there are some and
    `list_unlocated`: the partners' widget shows the legend's count only)."""
    _criteria, queryset = _map_queryset(params, now)
    no_point = Q(latitude__isnull=True) | Q(longitude__isnull=True)
    counts = queryset.aggregate(
        unlocated=Count("pk", filter=no_point),
        approximate=Count("pk", filter=~no_point & Q(location_source__in=APPROXIMATE_SOURCES)),
    )
    items = []
    if counts["unlocated"] and list_unlocated:
        items = list(queryset.filter(no_point).order_by(by_name()).values_list("name", "slug")[:UNLOCATED_LISTED])
    return MapSummary(counts["unlocated"], counts["approximate"], items)

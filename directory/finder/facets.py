"""Step 3 of a finder request: count, for every facet option, the results it would give.

OR within a facet, AND across facets: each facet is counted with its own selection set aside.
Next step: sorting.py orders and pages the results.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Case, Q, Value, When

from directory.models import ARRONDISSEMENT_CHOICES, Organisation, Wheelchair

from .vocabulary import CHOICE_FILTERS, FACET_PARAMS, OPEN_NOW_PARAM, TERM_FILTERS

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


def build_facets(criteria, counts):
    """The facets to show, in display order, each option with its count; options nobody has are
    noise, unless the visitor chose one."""
    facets = []
    for param, options in facet_options(criteria):
        selected = set(criteria.selected.get(param, []))
        facet_options_list = [
            FacetOption(value=value, label=label, count=counts.get((param, value), 0), selected=value in selected)
            for value, label in options
        ]
        facet_options_list = [option for option in facet_options_list if option.count or option.selected]
        if facet_options_list:
            facets.append(Facet(param=param, legend=FACET_LEGENDS[param], options=facet_options_list))
    return facets

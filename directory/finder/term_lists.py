"""An organisation's sectors, services, audiences and labels without one query per taxonomy.

The rows carry the ids of their terms (a comma-joined list from a correlated subquery, computed in
the same SELECT); the terms themselves come from the cached taxonomy lists (filters.load_terms).
"""

from django.db.models import Aggregate, CharField, OuterRef, Subquery

from directory.models import Organisation

from .vocabulary import TERM_FILTERS

# GET parameter of the facet -> attribute set on each organisation
ATTRIBUTES = {"filiere": "sector_list", "service": "service_list", "public": "audience_list", "label": "label_list"}


class IdList(Aggregate):
    """Comma-joined ids: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s((%(expressions)s)::text, ',')",
            **extra_context,
        )


def with_term_ids(queryset, params=tuple(TERM_FILTERS)):
    annotations = {}
    for param in params:
        field_name, model, _ = TERM_FILTERS[param]
        through = getattr(Organisation, field_name).through
        column = f"{model._meta.model_name}_id"
        ids = (
            through.objects.filter(organisation_id=OuterRef("pk"))
            .order_by()
            .values("organisation_id")
            .annotate(ids=IdList(column))
            .values("ids")
        )
        annotations[f"_{param}_ids"] = Subquery(ids, output_field=CharField())
    return queryset.annotate(**annotations)


def attach_terms(organisations, terms, params=tuple(TERM_FILTERS)):
    """Set sector_list, service_list... (lists of (slug, label), by label) from the annotated ids."""
    by_id = {param: {pk: (slug, label) for pk, slug, label in terms.get(param, [])} for param in params}
    for organisation in organisations:
        for param in params:
            raw = getattr(organisation, f"_{param}_ids", None) or ""
            ids = {int(value) for value in str(raw).split(",") if value.strip().isdigit()}
            items = [by_id[param][pk] for pk in ids if pk in by_id[param]]
            setattr(organisation, ATTRIBUTES[param], sorted(items, key=lambda item: item[1].lower()))
    return organisations

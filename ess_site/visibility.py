"""What a visitor may see of the page tree: live pages under no view restriction.

One helper for every public listing, feed, calendar, export, sitemap and search: a page behind a
Wagtail view restriction (password, login or groups, on itself or on an ancestor) is listed nowhere,
whatever its type. Rows that belong to a page (an event's occurrences) go through the same helper
with `via`, the name of their foreign key to the page.
"""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q
from wagtail.models import PageViewRestriction


def restricted_q(prefix=""):
    """Pages (or rows whose `prefix` leads to a page) at or below any view restriction, as plain
    conditions on tree paths: what search backends, which index `path`, can apply. One query."""
    q = Q()
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def _under_a_restriction(prefix=""):
    """The same condition as a subquery: no query of its own, for database querysets."""
    return Exists(
        PageViewRestriction.objects.annotate(
            target_path=ExpressionWrapper(OuterRef(f"{prefix}path"), output_field=CharField())
        ).filter(target_path__startswith=F("page__path"))
    )


def visible_to_public(queryset, via=None, for_search=False):
    """`queryset` without what visitors may not see: pages that are not live or are restricted.

    `via`: for a queryset of rows pointing at a page (e.g. `Occurrence`, via="event").
    `for_search`: a queryset handed to a search backend (plain path conditions, not a subquery)."""
    prefix = f"{via}__" if via else ""
    queryset = queryset.filter(**{f"{prefix}live": True})
    if for_search:
        restricted = restricted_q(prefix)
        return queryset.exclude(restricted) if restricted else queryset
    return queryset.filter(~_under_a_restriction(prefix))

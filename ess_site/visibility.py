"""What a visitor may see of the page tree: live pages under no view restriction.

One helper for every public listing, feed, calendar, export, sitemap and search: a page behind a
Wagtail view restriction (password, login or groups, on itself or on an ancestor) is listed nowhere,
whatever its type. Rows that belong to a page (an event's occurrences) go through the same helper
with `via`, the name of their foreign key to the page.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction


def restricted_q(prefix=""):
    """Pages (or rows whose `prefix` leads to a page) at or below any view restriction; the
    condition is on tree paths, so search backends (which index `path`) can apply it too."""
    q = Q()
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def visible_to_public(queryset, via=None):
    """`queryset` without what visitors may not see: pages that are not live or are restricted.

    `via`: for a queryset of rows pointing at a page (e.g. `Occurrence`, via="event")."""
    prefix = f"{via}__" if via else ""
    queryset = queryset.filter(**{f"{prefix}live": True})
    restricted = restricted_q(prefix)
    return queryset.exclude(restricted) if restricted else queryset

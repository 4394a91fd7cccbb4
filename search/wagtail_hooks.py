"""Admin: what visitors search for, on the dashboard of those who manage promoted results."""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.contrib.search_promotions.models import Query

from . import querylog

PROMOTION_PERMISSIONS = [f"wagtailsearchpromotions.{action}_searchpromotion" for action in ("add", "change", "delete")]
POPULAR_DAYS = 30
POPULAR_COUNT = 10


class PopularSearchesPanel(Component):
    name = "popular_searches"
    template_name = "search/admin/popular_searches.html"
    order = 250

    def get_context_data(self, parent_context):
        querylog.flush()  # the hits still counted in the cache
        since = timezone.localdate() - timedelta(days=POPULAR_DAYS)
        queries = (
            Query.objects.filter(daily_hits__date__gte=since)
            .annotate(recent_hits=Sum("daily_hits__hits"))
            .order_by("-recent_hits", "query_string")[:POPULAR_COUNT]
        )
        return {
            "queries": queries,
            "days": POPULAR_DAYS,
            "heading": f"Recherches des visiteurs ({POPULAR_DAYS} derniers jours)",
        }


def can_see_popular_searches(user):
    # Visitors' queries may contain personal data: shown to those who act on them only.
    return user.is_superuser or any(user.has_perm(permission) for permission in PROMOTION_PERMISSIONS)


@hooks.register("construct_homepage_panels")
def add_popular_searches_panel(request, panels):
    if can_see_popular_searches(request.user):
        panels.append(PopularSearchesPanel())

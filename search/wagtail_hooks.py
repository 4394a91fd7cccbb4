"""Admin: what visitors search for, on the dashboard of those who manage promoted results, and the
searches that found nothing, on the dashboard of those who edit the synonyms (Rédaction, Modération)."""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.contrib.search_promotions.models import Query

from . import querylog
from .models import UnansweredSearch

PROMOTION_PERMISSIONS = [f"wagtailsearchpromotions.{action}_searchpromotion" for action in ("add", "change", "delete")]
POPULAR_DAYS = 30
POPULAR_COUNT = 10


class RecentSearchesPanel(Component):
    """A dashboard table of the last POPULAR_DAYS days of the search log."""

    heading = ""

    def get_context_data(self, parent_context):
        querylog.flush()  # the hits still counted in the cache
        since = timezone.localdate() - timedelta(days=POPULAR_DAYS)
        return {**self.rows(since), "days": POPULAR_DAYS, "heading": f"{self.heading} ({POPULAR_DAYS} derniers jours)"}

    def rows(self, since):
        raise NotImplementedError


class PopularSearchesPanel(RecentSearchesPanel):
    name = "popular_searches"
    template_name = "search/admin/popular_searches.html"
    order = 250
    heading = "Recherches des visiteurs"

    def rows(self, since):
        queries = (
            Query.objects.filter(daily_hits__date__gte=since)
            .annotate(recent_hits=Sum("daily_hits__hits"))
            .order_by("-recent_hits", "query_string")[:POPULAR_COUNT]
        )
        return {"queries": queries}


def can_see_popular_searches(user):
    # Visitors' queries may contain personal data: shown to those who act on them only.
    return user.is_superuser or any(user.has_perm(permission) for permission in PROMOTION_PERMISSIONS)


@hooks.register("construct_homepage_panels")
def add_popular_searches_panel(request, panels):
    if can_see_popular_searches(request.user):
        panels.append(PopularSearchesPanel())


UNANSWERED_COUNT = 15


class UnansweredSearchesPanel(RecentSearchesPanel):
    """The queries that found nothing (site search and finder), the most frequent first, each with a
    link to add a synonym group starting with it."""

    name = "unanswered_searches"
    template_name = "search/admin/unanswered_searches.html"
    order = 240
    heading = "Recherches sans résultat"

    def rows(self, since):
        rows = (
            UnansweredSearch.objects.filter(date__gte=since)
            .values("query_string", "place")
            .annotate(recent_hits=Sum("hits"))
            .order_by("-recent_hits", "query_string", "place")[:UNANSWERED_COUNT]
        )
        places = dict(UnansweredSearch.PLACES)
        add_url = reverse("wagtailsnippets_directory_synonymgroup:add")
        return {
            "rows": [
                {
                    "query": row["query_string"],
                    "place": places.get(row["place"], row["place"]),
                    "hits": row["recent_hits"],
                    "add_url": f"{add_url}?{urlencode({'terms': row['query_string']})}",
                }
                for row in rows
            ]
        }


def can_see_unanswered_searches(user):
    return user.is_superuser or user.has_perm("directory.add_synonymgroup")


@hooks.register("construct_homepage_panels")
def add_unanswered_searches_panel(request, panels):
    if can_see_unanswered_searches(request.user):
        panels.append(UnansweredSearchesPanel())

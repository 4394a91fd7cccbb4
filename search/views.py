"""Site search (/recherche/) and its suggestions (/recherche/suggestions/)."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from . import querylog
from .query import clean_query
from .sources import available_sources, source_by_key

RESULTS_PER_PAGE = 20
RESULTS_PER_GROUP = 5
MAX_SUGGESTIONS = 10
MIN_SUGGESTION_LENGTH = 2


def _promotions(query):
    """Editors' promoted results for this exact query (live pages or external links), in their order."""
    promotions = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query.shown))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    return [
        promotion
        for promotion in promotions
        if (promotion.page_id is None and promotion.external_link_url) or (promotion.page and promotion.page.live)
    ]


def _search(request, source, query, promoted_page_ids, loose=False):
    if source.key == "pages" and promoted_page_ids:
        # A promoted page is shown once, first, as promoted.
        queryset = source.queryset(request).exclude(pk__in=promoted_page_ids)
        return source.search(request, query.terms, queryset, loose=loose)
    return source.search(request, query.terms, loose=loose)


def _groups(request, sources, selected, query, promoted_page_ids, loose=False):
    groups = []
    for source in sources:
        results = _search(request, source, query, promoted_page_ids, loose)
        group = {"source": source, "results": results, "count": results.count()}
        if not selected:
            group["hits"] = source.hits(results[:RESULTS_PER_GROUP])
        groups.append(group)
    return groups


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    sources = available_sources()
    selected = source_by_key(request.GET.get("type", ""))
    context = {
        "search_query": query.shown,
        "query": query,
        "sources": sources,
        "selected_source": selected,
        "unknown_type": bool(request.GET.get("type")) and selected is None,
    }
    if not query:
        return render(request, "search/search.html", context)

    promotions = _promotions(query)
    promoted_page_ids = [promotion.page_id for promotion in promotions if promotion.page_id]
    groups = _groups(request, sources, selected, query, promoted_page_ids)
    if not any(group["count"] for group in groups) and len(query.terms.split()) > 1:
        # Nothing has every word: what has any of them, announced as such.
        groups = _groups(request, sources, selected, query, promoted_page_ids, loose=True)
        context["loose"] = any(group["count"] for group in groups)
    context["groups"] = groups
    context["total"] = sum(group["count"] for group in groups) + len(promotions)

    first_page = True
    if selected:
        group = next(group for group in groups if group["source"] is selected)
        paginator = Paginator(group["results"], RESULTS_PER_PAGE)
        paginator.count = group["count"]  # already asked for; saves a query
        page = paginator.get_page(request.GET.get("page"))
        context["results_page"] = page
        context["hits"] = selected.hits(page.object_list)
        context["selected_count"] = group["count"]
        first_page = request.GET.get("page", "1") in ("", "1")

    if first_page and (not selected or selected.key == "pages"):
        context["promotions"] = promotions
    if first_page:
        # Counted for the editors' popular searches, in the cache and written in batches (querylog.py).
        querylog.record(request, query.shown)
    return render(request, "search/search.html", context)


@require_GET
@cache_control(max_age=60, public=True)
def suggestions(request):
    """At most ten titles that start like the query, organisations and pages interleaved."""
    query = clean_query(request.GET.get("q", ""))
    payload = {"query": query.shown, "results": []}
    if len(query.terms) < MIN_SUGGESTION_LENGTH:
        return JsonResponse(payload)

    per_source = [
        source.hits(source.autocomplete(request, query.terms)[:MAX_SUGGESTIONS]) for source in available_sources()
    ]
    merged = []
    for rank in range(MAX_SUGGESTIONS):
        merged.extend(hits[rank] for hits in per_source if rank < len(hits))
    payload["results"] = [
        {"title": hit.title, "url": hit.url, "type": hit.kind, "type_label": hit.kind_label}
        for hit in merged[:MAX_SUGGESTIONS]
    ]
    return JsonResponse(payload)

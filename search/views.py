"""Site search (/recherche/) and its suggestions (/recherche/suggestions/)."""

from django.core.paginator import Paginator
from django.db import NotSupportedError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from directory import spelling

from . import querylog
from .models import UnansweredSearch
from .query import clean_query
from .sources import available_sources, source_by_key

RESULTS_PER_PAGE = 20
RESULTS_PER_GROUP = 5
MAX_SUGGESTIONS = 10
MIN_SUGGESTION_LENGTH = 2
MIN_TITLE_SUGGESTIONS = 3  # fewer titles starting like the query: completed by the search


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


def _search(request, source, query, promoted_page_ids, loose=False, fuzzy=False):
    if source.key == "pages" and promoted_page_ids:
        # A promoted page is shown once, first, as promoted.
        queryset = source.queryset(request).exclude(pk__in=promoted_page_ids)
        return source.search(request, query.terms, queryset, loose=loose, fuzzy=fuzzy)
    return source.search(request, query.terms, loose=loose, fuzzy=fuzzy)


def _groups(request, sources, selected, query, promoted_page_ids, loose=False, fuzzy=False):
    """Per source, its results and their count; without a chosen type, its first hits too, and the
    count comes with them (the engine's total, or the database query's: search/counting.py)."""
    groups = []
    for source in sources:
        results = _search(request, source, query, promoted_page_ids, loose, fuzzy)
        group = {"source": source, "results": results}
        if selected:
            group["count"] = results.count()
        else:
            if hasattr(results, "counting_in_query"):  # not the site's sections, a plain list
                results = results.counting_in_query()
            first = list(results[:RESULTS_PER_GROUP])
            group["count"] = len(first) if len(first) < RESULTS_PER_GROUP else results.count()
            group["hits"] = source.hits(first)
        groups.append(group)
    return groups


def _forgiving_groups(request, sources, selected, query, promoted_page_ids, context):
    """Typo tolerance, for a search that found nothing: the words corrected against the site's
    vocabulary (directory/spelling.py: pg_trgm on PostgreSQL, an edit distance elsewhere), announced
    « Résultats pour « insertion » »; else the backend's own fuzziness (the engines, pg_trgm on
    PostgreSQL; SQLite has none), announced as close results. None when neither finds anything."""
    correction = spelling.corrected(query.terms)
    if correction:
        groups = _groups(request, sources, selected, clean_query(correction), promoted_page_ids)
        if any(group["count"] for group in groups):
            context["corrected"] = correction
            return groups
    try:
        groups = _groups(request, sources, selected, query, promoted_page_ids, fuzzy=True)
        found = any(group["count"] for group in groups)
    except (NotImplementedError, NotSupportedError):  # SQLite, or PostgreSQL without pg_trgm
        return None
    if found:
        context["fuzzy"] = True
        return groups
    return None


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
    if not any(group["count"] for group in groups):
        groups = _forgiving_groups(request, sources, selected, query, promoted_page_ids, context) or groups
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
        if not context["total"]:
            querylog.record_unanswered(request, query.shown, UnansweredSearch.SITE)
    return render(request, "search/search.html", context)


def _suggested(request, terms, search=False, **options):
    """Per source, its hits: titles that start like the terms, or what the search finds for them
    (`options`: loose, fuzzy)."""
    if search:
        return [
            source.hits(source.search(request, terms, **options)[:MAX_SUGGESTIONS]) for source in available_sources()
        ]
    return [source.hits(source.autocomplete(request, terms)[:MAX_SUGGESTIONS]) for source in available_sources()]


def _interleaved(per_source, seen):
    """The hits of every source, rank by rank (so one type cannot push the others out), each once."""
    merged = []
    for rank in range(MAX_SUGGESTIONS):
        for hits in per_source:
            if rank < len(hits) and hits[rank].url not in seen:
                seen.add(hits[rank].url)
                merged.append(hits[rank])
    return merged


def _found(request, terms):
    """What the site search finds for the terms: every word, else (several words) any of them."""
    per_source = _suggested(request, terms, search=True)
    if not any(per_source) and len(terms.split()) > 1:
        per_source = _suggested(request, terms, search=True, loose=True)
    return per_source


def _fuzzy(request, terms):
    """The words give or take a typo, as the search page does last (not on SQLite)."""
    try:
        return _suggested(request, terms, search=True, fuzzy=True)
    except (NotImplementedError, NotSupportedError):
        return []


@require_GET
@cache_control(max_age=60, public=True)
def suggestions(request):
    """At most ten suggestions: titles that start like the query first, then, when fewer than
    MIN_TITLE_SUGGESTIONS titles do, what the search page would find (every word, else any of them;
    else the words corrected; else give or take a typo), each group with organisations and pages
    interleaved and no result twice."""
    query = clean_query(request.GET.get("q", ""))
    payload = {"query": query.shown, "results": []}
    if len(query.terms) < MIN_SUGGESTION_LENGTH:
        return JsonResponse(payload)

    seen = set()
    merged = _interleaved(_suggested(request, query.terms), seen)
    if len(merged) < MIN_TITLE_SUGGESTIONS and len(query.terms) >= spelling.MIN_TYPO_LENGTH:
        found = _found(request, query.terms)
        correction = "" if merged or any(found) else spelling.corrected(query.terms)
        if correction:
            # Nothing at all: the same with the words corrected.
            payload["corrected"] = correction
            found = _found(request, clean_query(correction).terms)
        if not merged and not any(found):
            found = _fuzzy(request, query.terms)
        merged += _interleaved(found, seen)
    payload["results"] = [
        {"title": hit.title, "url": hit.url, "type": hit.kind, "type_label": hit.kind_label}
        for hit in merged[:MAX_SUGGESTIONS]
    ]
    return JsonResponse(payload)

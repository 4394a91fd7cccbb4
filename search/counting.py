"""Search results counted by the request that reads them, the count shared by the slices of one search.

The search page reads a group's first hits, then its count (« Voir les 1 444 résultats »). Counting
was a second query over the same matches: on PostgreSQL, « insertion » at 10 000 organisations
spent 12 ms there, plus compiling the whole search expression again; on an engine, a second round
trip. The engines now read `hits.total` from their answer; the database backends count with
`COUNT(*) OVER ()` in the query that reads the page when asked (`counting_in_query()`): the window
keeps every match in memory before the first ones are picked, which costs more than it saves where
nothing is counted (suggestions: « orga » matches 10 000 names, 15 ms more). `count()` on any slice
of the same search uses what was counted.
"""

from django.db.models import Count, Window

TOTAL_ANNOTATION = "_matches_in_search_"


class SharedCountMixin:
    """Mixed into a backend's results class (before it in the bases)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._counted = {}
        self._count_in_query = False

    def _clone(self):
        new = super()._clone()
        new._counted = self._counted  # slices of one search share what one of them counted
        new._count_in_query = self._count_in_query
        return new

    def counting_in_query(self):
        """The same results, counted by the query that reads them (for a caller that needs both)."""
        new = self._clone()
        new._count_in_query = True
        return new

    def remember_total(self, total):
        self._counted["total"] = total

    def count(self):
        total = self._counted.get("total")
        if self._count_cache is None and total is not None:
            stop = total if self.stop is None else min(self.stop, total)
            self._count_cache = max(0, stop - self.start)
        return super().count()


class DatabaseCountedResultsMixin(SharedCountMixin):
    """For the database backends: `_do_search` reads `counted_results(self.get_queryset())`."""

    def counted_results(self, queryset):
        if not self._count_in_query:
            return list(queryset)
        results = list(queryset.annotate(**{TOTAL_ANNOTATION: Window(Count("*"))}))
        if results:
            self.remember_total(getattr(results[0], TOTAL_ANNOTATION))
        elif self.start == 0 and self.stop != 0:
            self.remember_total(0)
        return results


class EngineCountedResultsMixin(SharedCountMixin):
    """For the engines: the total of the answer, when exact (beyond 10 000 hits, it is a lower bound)."""

    def _backend_do_search(self, body, **kwargs):
        response = super()._backend_do_search(body, **kwargs)
        total = response["hits"].get("total")
        if isinstance(total, dict) and total.get("relation") == "eq":
            self.remember_total(total["value"])
        elif isinstance(total, int):
            self.remember_total(total)
        return response

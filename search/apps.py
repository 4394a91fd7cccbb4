from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Recherche"

    def ready(self):
        from directory.finder.signals import searched_without_results

        from . import querylog
        from .models import UnansweredSearch

        def count_unanswered_finder_search(sender, request, query, **kwargs):
            querylog.record_unanswered(request, query, UnansweredSearch.FINDER)

        searched_without_results.connect(
            count_unanswered_finder_search, weak=False, dispatch_uid="search-unanswered-finder"
        )

from wagtail.models import Site

from .site_cache import navigation_for_site


def site_context(request):
    """The main navigation, computed on first use (and cached across requests by site_cache)."""
    memo = {}

    def main_navigation():
        if "nav" not in memo:
            memo["nav"] = navigation_for_site(Site.find_for_request(request))
        return memo["nav"]

    return {"main_navigation": main_navigation}

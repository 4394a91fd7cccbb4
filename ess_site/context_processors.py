from wagtail.models import Page, Site


def site_context(request):
    """The main navigation: live, in-menu children of the site's root page, computed on first use."""
    cache = {}

    def main_navigation():
        if "nav" not in cache:
            site = Site.find_for_request(request)
            cache["nav"] = (
                list(Page.objects.live().in_menu().filter(depth=site.root_page.depth + 1,
                                                          path__startswith=site.root_page.path))
                if site
                else []
            )
        return cache["nav"]

    return {"main_navigation": main_navigation}

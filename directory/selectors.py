"""What other apps may ask of the directory app."""


def directory_url():
    """The finder's URL (/annuaire/ in the demo), from the live DirectoryPage; cached until the page
    tree changes."""
    from ess_site.site_cache import page_tree_value

    from .page_models import DirectoryPage

    def live_url():
        page = DirectoryPage.objects.live().first()
        return (page.url if page else None) or "/annuaire/"

    return page_tree_value("directory-url", live_url)


def support_matcher_context(request):
    """Template context for the support matcher shown on the project holder's guide."""
    from .matcher import match

    return {
        "matcher_template": "directory/includes/support_matcher.html",
        "matcher": match(request.GET),
        "directory_url": directory_url(),
    }

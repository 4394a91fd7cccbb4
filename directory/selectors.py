"""What other apps may ask of the directory app."""

from .matcher import match
from .models.pages import DirectoryPage, directory_url

__all__ = ["directory_url", "site_sections", "support_matcher_context"]


def support_matcher_context(request):
    """Template context for the support matcher shown on the project holder's guide."""
    return {
        "matcher_template": "directory/includes/support_matcher.html",
        "matcher": match(request.GET),
        "directory_url": directory_url(),
    }


def site_sections():
    """The directory's views that are not pages (the map, the whole list A to Z), for the sitemap and
    the site search."""
    return [section for page in DirectoryPage.objects.live().public() for section in page.sections()]

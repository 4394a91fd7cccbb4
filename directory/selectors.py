"""What other apps may ask of the directory app."""

from .matcher import match
from .models.pages import directory_url

__all__ = ["directory_url", "support_matcher_context"]


def support_matcher_context(request):
    """Template context for the support matcher shown on the project holder's guide."""
    return {
        "matcher_template": "directory/includes/support_matcher.html",
        "matcher": match(request.GET),
        "directory_url": directory_url(),
    }

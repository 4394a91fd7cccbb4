"""What other apps may ask of the news app."""

from .models import NewsPage


def latest_news(limit=3):
    """The most recent live, public news items, newest first (NewsPage objects, with `date`)."""
    return list(
        NewsPage.objects.live()
        .public()
        .select_related("category")
        .order_by("-date", "-first_published_at", "-pk")[:limit]
    )

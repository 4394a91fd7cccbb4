"""What other apps may ask of the news app."""

from django.db.models import Max

from .models import NewsPage


def latest_news(limit=3):
    """The most recent live, public news items, newest first (NewsPage objects, with `date`)."""
    return list(
        NewsPage.objects.live()
        .public()
        .select_related("category")
        .order_by("-date", "-first_published_at", "-pk")[:limit]
    )


def last_published():
    """When a live news item was last published (the feeds' update time), or None."""
    return NewsPage.objects.live().public().aggregate(last=Max("last_published_at"))["last"]

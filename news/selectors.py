"""What other apps may ask of the news app."""


def latest_news(limit=3):
    """The most recent live, public news items, newest first (NewsPage objects, with `date`)."""
    from .models import NewsPage

    return list(
        NewsPage.objects.live()
        .public()
        .select_related("category")
        .order_by("-date", "-first_published_at", "-pk")[:limit]
    )

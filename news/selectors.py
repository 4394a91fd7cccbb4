"""What other apps may ask of the news app."""

from django.db.models import Max

from ess_site.visibility import visible_to_public

from .models import NewsPage


def latest_news(limit=3):
    """The most recent live, public news items, newest first (NewsPage objects, with `date`)."""
    return list(
        visible_to_public(NewsPage.objects.all())
        .select_related("category")
        .order_by("-date", "-first_published_at", "-pk")[:limit]
    )


def last_published():
    """When a live news item was last published (the feeds' update time), or None."""
    return visible_to_public(NewsPage.objects.all()).aggregate(last=Max("last_published_at"))["last"]

"""What other apps may ask of the news app."""


def latest_news(limit=3):
    """The most recent published news items, newest first.

    Returns an empty list until the news app has its page types (issue: news, events and
    permanences); the home page shows its empty state meanwhile.
    """
    return []

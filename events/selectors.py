"""What other apps may ask of the events app."""


def upcoming_occurrences(limit=3):
    """The next occurrences of published events, soonest first.

    Returns an empty list until the events app has its page types (issue: news, events and
    permanences); the home page shows its empty state meanwhile.
    """
    return []

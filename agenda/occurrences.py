"""Materialised occurrences: every live event's dates from a year back to a year ahead, in one table.

Rebuilt for one event when it is published, changed or unpublished (events.signals), and for all
of them by `manage.py refresh_event_occurrences` (daily: the window moves forward with the days).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import recurrence
from .models import EventException, EventPage, Occurrence

HORIZON_DAYS = 366  # listings show a year ahead
PAST_DAYS = 366  # and the month view and archives a year back


def window(event, today):
    """(first, last) local dates to materialise for this event."""
    first, last = today - timedelta(days=PAST_DAYS), today + timedelta(days=HORIZON_DAYS)
    if event.expire_at:
        # A page set to expire is unpublished then: none of its later dates is ever shown.
        last = min(last, timezone.localtime(event.expire_at).date())
    return first, last


def build_occurrences(event, today=None, exdates=None):
    """Unsaved Occurrence objects for the event's dates in its window."""
    today = today or timezone.localdate()
    first, last = window(event, today)
    schedule = event.schedule(exdates=exdates)
    try:
        dates = recurrence.occurrences(schedule, first, last)
    except recurrence.RecurrenceError:
        # An invalid rule never reaches publication through the admin (EventPage.clean); stay safe anyway.
        dates = []
    expire_at = event.expire_at
    return [
        Occurrence(event_id=event.pk, start=start, end=end, all_day=schedule.all_day)
        for start, end in dates
        if expire_at is None or start < expire_at
    ]


def rebuild(event, today=None):
    """Replace the event's occurrences; a page that is not live has none. Returns how many were created."""
    with transaction.atomic():
        Occurrence.objects.filter(event_id=event.pk).delete()
        if not event.live:
            return 0
        return len(Occurrence.objects.bulk_create(build_occurrences(event, today)))


def clear(event):
    Occurrence.objects.filter(event_id=event.pk).delete()


def refresh_all(today=None):
    """Rebuild every live event's occurrences in one transaction. Returns (events, occurrences)."""
    today = today or timezone.localdate()
    events = list(EventPage.objects.live().defer_streamfields())
    exdates = {}
    for event_id, day in EventException.objects.filter(event__live=True).values_list("event_id", "date"):
        exdates.setdefault(event_id, []).append(day)
    rows = []
    for event in events:
        rows.extend(build_occurrences(event, today, exdates=exdates.get(event.pk, [])))
    with transaction.atomic():
        Occurrence.objects.all().delete()
        Occurrence.objects.bulk_create(rows, batch_size=2000)
    return len(events), len(rows)

"""What other apps may ask of the events app: upcoming dates, read from the materialised occurrences."""

from datetime import datetime, time, timedelta

from django.db.models import Max, Q
from django.utils import timezone

from ess_site.visibility import visible_to_public

from .models import EventIndexPage, EventPage, EventType, Occurrence
from .recurrence import PARIS


def upcoming(now=None):
    """Occurrences of public events (live, no view restriction) not yet over, soonest first, with their
    event and places loaded."""

    now = now or timezone.now()
    return (
        visible_to_public(Occurrence.objects.filter(end__gte=now), via="event")
        .select_related("event", "event__place", "event__organiser")
        .defer("event__body")
        .order_by("start", "event_id")
    )


def public_upcoming(now=None):
    """What the agenda, its feeds, widgets and the API show: `upcoming` (restricted events are already
    left out by visible_to_public)."""
    return upcoming(now)


def upcoming_occurrences(limit=3, now=None):
    """The next `limit` occurrences of published events (objects with title, url, start, when)."""
    return list(upcoming(now)[:limit])


def upcoming_for_organisation(organisation, limit=5, now=None):
    """The next occurrences of events an organisation hosts or organises (for its directory page)."""
    return list(upcoming(now).filter(Q(event__place=organisation) | Q(event__organiser=organisation))[:limit])


def next_permanences_for(organisations, limit_each=3, now=None):
    """{organisation id: [next permanence occurrences]} for the support matcher's matched structures.

    A permanence belongs to its organiser, else to its host venue. One query for all organisations.
    """

    ids = [getattr(organisation, "pk", organisation) for organisation in organisations]
    result = {pk: [] for pk in ids}
    if not ids:
        return result
    occurrences = upcoming(now).filter(
        Q(event__organiser_id__in=ids) | Q(event__organiser__isnull=True, event__place_id__in=ids),
        event__event_type=EventType.PERMANENCE,
    )
    # Bounded: at most a year of dates for the structures asked about; we stop once each has enough.
    for occurrence in occurrences.iterator(chunk_size=500):
        owner = occurrence.event.organiser_id or occurrence.event.place_id
        bucket = result.get(owner)
        if bucket is not None and len(bucket) < limit_each:
            bucket.append(occurrence)
        if all(len(bucket) >= limit_each for bucket in result.values()):
            break
    return result


def this_week_permanences(today=None):
    """Permanences from Monday to Sunday of the current week (the admin dashboard's panel)."""

    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    start = datetime.combine(monday, time.min, tzinfo=PARIS)
    end = datetime.combine(monday + timedelta(days=7), time.min, tzinfo=PARIS)
    return list(
        Occurrence.objects.filter(
            event__live=True, event__event_type=EventType.PERMANENCE, start__gte=start, start__lt=end
        )
        .select_related("event", "event__place", "event__organiser")
        .defer("event__body")
        .order_by("start")
    )


def last_published():
    """When a live event was last published (the iCal feed's update time), or None."""
    return visible_to_public(EventPage.objects.all()).aggregate(last=Max("last_published_at"))["last"]


def site_sections():
    """The agenda's views that are not pages (permanences, month calendar, archives), for the sitemap
    and the site search."""
    return [section for index in visible_to_public(EventIndexPage.objects.all()) for section in index.sections()]


def published_between(since, until, organiser_id=None, event_type=""):
    """Public live events first published in [since, until), optionally of one organiser or one type
    (the alerts' digest)."""
    events = EventPage.objects.live().public().filter(first_published_at__gte=since, first_published_at__lt=until)
    if organiser_id:
        events = events.filter(organiser_id=organiser_id)
    if event_type:
        events = events.filter(event_type=event_type)
    return events.order_by("start_date", "title")


def organisers_with_events():
    """Ids of the organisations that organise at least one live event (the alerts' organiser choice)."""
    return EventPage.objects.live().exclude(organiser=None).values("organiser_id")

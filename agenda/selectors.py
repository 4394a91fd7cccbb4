"""What other apps may ask of the events app: upcoming dates, read from the materialised occurrences."""

from datetime import datetime, time, timedelta

from django.db import connection
from django.db.models import Max, OuterRef, Q, Subquery
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


def next_of_each_event(occurrences):
    """The first of each event's occurrences among `occurrences`: a weekly permanence once, not
    every week. Keeps the queryset's order and relations."""
    first = occurrences.filter(event_id=OuterRef("event_id")).order_by("start", "pk").values("pk")[:1]
    return occurrences.filter(pk=Subquery(first))


def first_dates_of(event_ids, ending_after, limit, within=None):
    """{event id: its first `limit` occurrences ending after `ending_after` (and, with `within` =
    (start, end), overlapping that span)}, soonest first, for a page of events.

    One query with ROW_NUMBER() written out: a prefetch sliced per event builds the same query
    through the ORM for a few milliseconds more on every permanences page."""
    result = {pk: [] for pk in event_ids}
    if not event_ids:
        return result
    quote, adapt = connection.ops.quote_name, connection.ops.adapt_datetimefield_value
    column = {
        name: quote(Occurrence._meta.get_field(name).column) for name in ("id", "event", "start", "end", "all_day")
    }
    columns = ", ".join(column[name] for name in ("id", "event", "start", "end", "all_day"))
    conditions = [f"{column['event']} IN ({', '.join(['%s'] * len(event_ids))})", f"{column['end']} >= %s"]
    params = [*event_ids, adapt(ending_after)]
    if within:
        conditions += [f"{column['start']} < %s", f"{column['end']} > %s"]
        params += [adapt(within[1]), adapt(within[0])]
    sql = (
        f"SELECT {columns} FROM (SELECT {columns}, ROW_NUMBER() OVER (PARTITION BY {column['event']} "
        f"ORDER BY {column['start']}, {column['id']}) AS date_rank FROM {quote(Occurrence._meta.db_table)} "
        f"WHERE {' AND '.join(conditions)}) ranked WHERE date_rank <= %s ORDER BY {column['start']}, {column['id']}"
    )
    for occurrence in Occurrence.objects.raw(sql, [*params, limit]):
        result[occurrence.event_id].append(occurrence)
    return result


def upcoming_occurrences(limit=3, now=None):
    """The next occurrence of each of the `limit` soonest published events (objects with title,
    url, start, when; a recurring event says its rhythm with `event.describe_schedule`)."""
    return list(next_of_each_event(upcoming(now))[:limit])


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

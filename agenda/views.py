"""Context of the agenda's views (served by EventIndexPage routes) and the iCal feed (an app URL)."""

import calendar
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.db.models import Exists, F, Max, Min, OuterRef
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from ess_site.files import estimated_size_label
from ess_site.pagination import page_or_message
from ess_site.visibility import visible_to_public

from . import selectors
from .filters import AgendaFilterForm, PermanenceFilterForm, organiser_choices
from .formatting import WEEKDAYS, format_date, format_month
from .ical import feed_calendar, ics_response
from .models import EventPage, EventType, Occurrence
from .recurrence import PARIS

OCCURRENCES_PER_PAGE = 20
FEED_SIZE = 500
NEXT_DATES = 3
# Permanences listed on /agenda/ (each once); all of them are on /agenda/permanences/.
PERMANENCES_ON_AGENDA = 10
# The month view reaches the months that have dates, and this month, plus this margin on each side:
# beyond, a month answers 404 (a crawler never walks through years of empty pages).
MONTH_MARGIN = 2


def group_by_day(occurrences):
    """[(day, label, [occurrences])] in order."""
    return [(day, format_date(day), list(items)) for day, items in groupby(occurrences, key=lambda o: o.day)]


def filtered_upcoming(request, now=None):
    form = AgendaFilterForm(request.GET, organisers=organiser_choices())
    return form, form.apply(selectors.public_upcoming(now))


def agenda_context(index, request):
    """The agenda's two lists: one-off and short events by day (paginated), then the permanences,
    each once with its rhythm (« Chaque mardi, de 9 h à 12 h ») and its next date."""
    form, occurrences = filtered_upcoming(request)
    events = occurrences.exclude(event__event_type=EventType.PERMANENCE)
    agenda_page, page_error = page_or_message(
        events, OCCURRENCES_PER_PAGE, request.GET.get("page"), "Cette page de l'agenda n'existe pas."
    )
    permanences = selectors.next_of_each_event(occurrences.filter(event__event_type=EventType.PERMANENCE))
    permanence_count = permanences.count()
    today = timezone.localdate()
    querystring = form.querystring()
    feed_size = ""
    if agenda_page:
        # The feed's size (RGAA 13.3), estimated from this page's dates made the same way.
        sample = list(agenda_page.object_list)
        feed_size = estimated_size_label(
            len(feed_calendar(sample, request).to_ical()),
            len(sample),
            min(occurrences.count(), FEED_SIZE),
        )
    return {
        "ics_size": feed_size,
        "filter_form": form,
        "querystring": querystring,
        "agenda_page": agenda_page,
        "event_count": agenda_page.paginator.count if agenda_page else events.count(),
        "days": group_by_day(agenda_page.object_list) if agenda_page else [],
        "permanences": list(permanences[:PERMANENCES_ON_AGENDA]) if permanence_count else [],
        "permanence_count": permanence_count,
        "page_error": page_error,
        "ics_url": "/agenda/agenda.ics" + (f"?{querystring}" if querystring else ""),
        "rss_url": "/agenda/agenda.rss" + (f"?{querystring}" if querystring else ""),
        "atom_url": "/agenda/agenda.atom" + (f"?{querystring}" if querystring else ""),
        "month_url": month_url(index, today.year, today.month),
    }


def month_url(index, year, month):
    return index.url + index.reverse_subpage("month", kwargs={"year": f"{year:04d}", "month": f"{month:02d}"})


PERMANENCES_PER_PAGE = 20
# What a permanence shows of its structure (name, link, address): its other columns (descriptions,
# the search text, hours...) are not read from the database.
STRUCTURE_FIELDS_SHOWN = {
    "id",
    "name",
    "slug",
    "live",
    "synthetic",
    "address",
    "address_complement",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "arrondissement",
}


def structure_fields_not_shown():
    organisation = EventPage._meta.get_field("place").related_model
    return [
        f"{relation}__{field.name}"
        for relation in ("place", "organiser")
        for field in organisation._meta.concrete_fields
        if field.name not in STRUCTURE_FIELDS_SHOWN
    ]


def permanences_context(index, request, now=None):
    """Public permanences with dates ahead, grouped by the structure they belong to, with their next
    dates; by pages of PERMANENCES_PER_PAGE; for one arrondissement, one structure or one week when
    asked (`arrondissement`, `organisateur`, `semaine`: then the dates shown are that week's)."""
    now = now or timezone.now()
    form = PermanenceFilterForm(request.GET, organisers=organiser_choices(EventType.PERMANENCE))
    dates = Occurrence.objects.filter(end__gte=now)
    if form.week:
        week_start, week_end = form.week
        dates = dates.filter(start__lt=week_end, end__gt=week_start)
    # The order of every matching permanence in one light query (their ids: also the count the
    # pagination needs), then this page's permanences in full, with their next dates.
    ordered_ids = list(
        form.apply(
            visible_to_public(EventPage.objects.all())
            .filter(event_type=EventType.PERMANENCE)
            .filter(Exists(dates.filter(event=OuterRef("pk"))))
        )
        .annotate(host_name=Coalesce("organiser__name", "place__name"))
        # Structures in alphabetical order, then the "other places" (no structure), as before.
        .order_by(F("host_name").asc(nulls_last=True), "title", "pk")
        .values_list("pk", flat=True)
    )
    permanence_page, page_error = page_or_message(
        ordered_ids, PERMANENCES_PER_PAGE, request.GET.get("page"), "Cette page des permanences n'existe pas."
    )
    if permanence_page:
        loaded = (
            EventPage.objects.select_related("place", "organiser")
            .defer(*structure_fields_not_shown())
            .defer_streamfields()
            .in_bulk(permanence_page.object_list)
        )
        # (One unpublished between the two queries is left out.)
        permanence_page.object_list = [loaded[pk] for pk in permanence_page.object_list if pk in loaded]
        first_dates = selectors.first_dates_of(list(loaded), now, NEXT_DATES, within=form.week)
        for event in permanence_page.object_list:
            event.next_dates = first_dates[event.pk]
    groups = {}
    for event in permanence_page.object_list if permanence_page else []:
        host = event.host
        key = (host.name if host else "Autres lieux", host.pk if host else 0)
        groups.setdefault(key, {"host": host, "events": []})["events"].append(event)
    return {
        "groups": list(groups.values()),
        "filter_form": form,
        "querystring": form.querystring(),
        "permanence_page": permanence_page,
        "page_error": page_error,
    }


def month_index(day):
    return day.year * 12 + day.month - 1


def from_month_index(value):
    return date(value // 12, value % 12 + 1, 1)


def calendar_bounds(today=None):
    """(first month, last month) the calendar serves: the months with dates of live events and the
    current month, widened by MONTH_MARGIN months on each side."""
    today = today or timezone.localdate()
    span = visible_to_public(Occurrence.objects.all(), via="event").aggregate(first=Min("start"), last=Max("start"))
    months = [month_index(today)]
    months += [month_index(timezone.localtime(span[key], PARIS).date()) for key in ("first", "last") if span[key]]
    return from_month_index(min(months) - MONTH_MARGIN), from_month_index(max(months) + MONTH_MARGIN)


def month_context(index, request, year, month):
    if not (1 <= month <= 12 and year >= 1):
        raise Http404("Mois hors du calendrier.")
    first = date(year, month, 1)
    lowest, highest = calendar_bounds()
    if not lowest <= first <= highest:
        raise Http404("Aucun rendez-vous n'est prévu autour de ce mois.")
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start = datetime.combine(weeks[0][0], time.min, tzinfo=PARIS)
    end = datetime.combine(weeks[-1][-1] + timedelta(days=1), time.min, tzinfo=PARIS)
    occurrences = (
        visible_to_public(Occurrence.objects.filter(start__gte=start, start__lt=end), via="event")
        .select_related("event")
        .defer("event__body")
        .order_by("start", "event_id")
    )
    by_day = {}
    for occurrence in occurrences:
        by_day.setdefault(occurrence.day, []).append(occurrence)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    today = timezone.localdate()
    return {
        "month_label": format_month(year, month),
        "weekdays": WEEKDAYS,
        "weeks": [
            [
                {
                    "date": day,
                    "label": format_date(day),
                    "in_month": day.month == month,
                    "is_today": day == today,
                    "occurrences": by_day.get(day, []),
                }
                for day in week
            ]
            for week in weeks
        ],
        "count": sum(len(items) for day, items in by_day.items() if day.month == month),
        "previous": (month_url(index, previous.year, previous.month), format_month(previous.year, previous.month))
        if previous >= lowest
        else None,
        "next": (month_url(index, following.year, following.month), format_month(following.year, following.month))
        if following <= highest
        else None,
        "agenda_url": index.url,
    }


def archives_context(index, request, now=None):
    """Public events with no date ahead, most recent first."""
    now = now or timezone.now()
    events = (
        visible_to_public(EventPage.objects.all())
        .child_of(index)
        .filter(~Exists(Occurrence.objects.filter(event=OuterRef("pk"), end__gte=now)))
        .annotate(last_start=Max("occurrences__start"))
        .defer_streamfields()
        .order_by("-start_date", "title")
    )
    archive_page, page_error = page_or_message(
        events, OCCURRENCES_PER_PAGE, request.GET.get("page"), "Cette page des archives n'existe pas."
    )
    return {"archive_page": archive_page, "page_error": page_error}


def agenda_ics(request):
    """/agenda/agenda.ics: one VEVENT per upcoming occurrence matching the /agenda/ filters."""
    _form, occurrences = filtered_upcoming(request)
    return ics_response(feed_calendar(with_shared_events(occurrences[:FEED_SIZE]), request), "agenda-ess-marseille.ics")


def with_shared_events(occurrences):
    """The occurrences (of `selectors.upcoming`), each event (with its place and organiser) read once
    and shared by its dates: a weekly permanence's dates do not each load a copy of it."""
    dates = list(occurrences.select_related(None).only("id", "event_id", "start", "end", "all_day"))
    events = (
        EventPage.objects.select_related("place", "organiser")
        .defer_streamfields()
        .in_bulk({occurrence.event_id for occurrence in dates})
    )
    shown = [occurrence for occurrence in dates if occurrence.event_id in events]  # (one deleted meanwhile)
    for occurrence in shown:
        occurrence.event = events[occurrence.event_id]
    return shown

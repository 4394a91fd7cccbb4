"""iCalendar (RFC 5545) files: one event with its RRULE and EXDATE, and the agenda feed; with a VTIMEZONE."""

from datetime import UTC, datetime, time

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vRecur

from ess_site.models import SiteSettings

from . import recurrence
from .recurrence import PARIS

PRODID = "-//Ville de Marseille//Agenda ESS Marseille//FR"
UID_DOMAIN = "ess.marseille.fr"


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    return calendar


def finish(calendar):
    """Add the VTIMEZONE of every TZID used (Europe/Paris), from the zoneinfo database."""
    calendar.add_missing_timezones()
    return calendar


def describe_event(event, request):
    lines = [event.intro]
    if event.registration_url:
        lines.append(f"Inscription\u00a0: {event.registration_url}")
    if event.online_url:
        lines.append(f"En ligne\u00a0: {event.online_url}")
    lines.append(event.get_full_url(request))
    return "\n\n".join(strip_tags(line) for line in lines if line)


def is_shown_as_example(event, request):
    """An example event of the demo content: calendars say so too, as the site does."""
    return event.is_example and request is not None and SiteSettings.for_request(request).demo_content


def event_properties(event, request):
    """What every VEVENT of the event says besides its UID, stamp and times: [(name, value)] in order."""
    properties = [
        ("summary", f"[Exemple] {event.title}" if is_shown_as_example(event, request) else event.title),
        ("description", describe_event(event, request)),
        ("url", event.get_full_url(request)),
    ]
    if event.location_text:
        properties.append(("location", event.location_text))
    point = event.point
    if point:
        properties.append(("geo", point))
    if event.last_published_at:
        properties.append(("last-modified", event.last_published_at.astimezone(UTC)))
    properties.append(("categories", [event.get_event_type_display()]))
    return properties


def base_vevent(event, request, uid, properties=None):
    """`properties`: the event's event_properties when already computed (a feed repeats an event)."""
    vevent = Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", timezone.now().astimezone(UTC))
    for name, value in properties if properties is not None else event_properties(event, request):
        vevent.add(name, value)
    return vevent


def add_times(vevent, start, end, all_day):
    """DTSTART/DTEND: dates for all-day events, else Europe/Paris local times with TZID."""
    if all_day:
        vevent.add("dtstart", start.date())
        vevent.add("dtend", end.date())
    else:
        vevent.add("dtstart", start)
        if end > start:
            vevent.add("dtend", end)


def event_calendar(event, request):
    """The event as one VEVENT: its first date, the RRULE of its repetition and its cancelled dates."""
    schedule = event.schedule()
    calendar = new_calendar(event.title)
    vevent = base_vevent(event, request, f"evenement-{event.pk}@{UID_DOMAIN}")
    start = recurrence.aware(schedule.first_start)
    add_times(vevent, start, recurrence.aware(schedule.first_start + schedule.duration), schedule.all_day)
    parts = recurrence.rule_parts(schedule)
    if parts is not None:
        rule = dict(parts)
        if schedule.until:
            # With a TZID on DTSTART, RFC 5545 wants UNTIL in UTC: the end of that local day.
            until = datetime.combine(schedule.until, time(23, 59, 59), tzinfo=PARIS).astimezone(UTC)
            rule["UNTIL"] = [until.date() if schedule.all_day else until]
        elif schedule.count:
            rule["COUNT"] = [schedule.count]
        vevent.add("rrule", vRecur(rule))
        for day in sorted(schedule.exdates):
            if schedule.all_day:
                vevent.add("exdate", day)
            else:
                vevent.add("exdate", recurrence.aware(datetime.combine(day, schedule.first_start.time())))
    calendar.add_component(vevent)
    return finish(calendar)


def feed_calendar(occurrences, request):
    """The agenda feed: one VEVENT per occurrence (so that date filters hold exactly)."""
    calendar = new_calendar("Agenda de l'ESS à Marseille")
    properties = {}  # a weekly permanence comes back every week: its texts are made once
    for occurrence in occurrences:
        event = occurrence.event
        if occurrence.event_id not in properties:
            properties[occurrence.event_id] = event_properties(event, request)
        stamp = timezone.localtime(occurrence.start).strftime("%Y%m%dT%H%M")
        uid = f"evenement-{occurrence.event_id}-{stamp}@{UID_DOMAIN}"
        vevent = base_vevent(event, request, uid, properties[occurrence.event_id])
        start = timezone.localtime(occurrence.start, PARIS)
        end = timezone.localtime(occurrence.end, PARIS)
        add_times(vevent, start, end, occurrence.all_day)
        calendar.add_component(vevent)
    return finish(calendar)


def ics_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

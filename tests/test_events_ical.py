"""iCalendar files: they parse with `icalendar`, carry Europe/Paris, and their RRULE reproduces our dates."""

from datetime import date, datetime, time, timedelta

import icalendar
from dateutil.rrule import rrulestr
from django.utils import timezone

from agenda.models import EventType, Occurrence
from agenda.recurrence import PARIS, Kind
from tests.helpers.events import publish_event

TODAY = timezone.localdate()


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def expand(vevent, until):
    """The dates a calendar application computes from DTSTART, RRULE and EXDATE."""
    start = vevent.decoded("DTSTART")
    rule = rrulestr(vevent["RRULE"].to_ical().decode(), dtstart=start)
    exdates = set()
    raw = vevent.get("EXDATE")
    for prop in raw if isinstance(raw, list) else ([raw] if raw else []):
        exdates |= {value.dt for value in prop.dts}
    return [day for day in rule.between(start - timedelta(seconds=1), until) if day not in exdates]


def test_event_ics_has_rrule_exdate_and_timezone_reproducing_our_dates(client, agenda):
    first = TODAY + timedelta(days=(1 - TODAY.weekday()) % 7 or 7)
    event = publish_event(
        agenda,
        "hebdo",
        first,
        recurrence=Kind.WEEKLY,
        exceptions=[first + timedelta(weeks=2), first + timedelta(weeks=20)],
    )
    calendar = parse(client.get("/agenda/hebdo/ics/"))
    [timezone_component] = calendar.walk("VTIMEZONE")
    assert timezone_component["TZID"] == "Europe/Paris"
    [vevent] = calendar.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert vevent.decoded("DTSTART") == datetime.combine(first, time(9), tzinfo=vevent.decoded("DTSTART").tzinfo)
    assert vevent["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
    ours = list(event.occurrences.order_by("start").values_list("start", flat=True))
    theirs = expand(vevent, ours[-1] + timedelta(hours=1))
    assert theirs == ours
    assert len(ours) in (50, 51)


def test_monthly_rule_with_an_end_date_round_trips(client, agenda):
    first = TODAY.replace(day=1) + timedelta(days=(3 - TODAY.replace(day=1).weekday()) % 7)  # 1st Thursday
    until = first + timedelta(days=200)
    event = publish_event(
        agenda, "mensuel", first, time(14), time(17), recurrence=Kind.MONTHLY_NTH, recurrence_until=until
    )
    [vevent] = parse(client.get("/agenda/mensuel/ics/")).walk("VEVENT")
    assert vevent["RRULE"]["UNTIL"][0].tzinfo is not None  # UTC, as RFC 5545 wants with a TZID
    ours = list(event.occurrences.order_by("start").values_list("start", flat=True))
    assert expand(vevent, datetime.combine(until + timedelta(days=40), time.min, tzinfo=PARIS)) == ours
    assert 6 <= len(ours) <= 7


def test_single_and_all_day_events(client, agenda):
    publish_event(agenda, "unique", TODAY + timedelta(days=5), time(18), time(20), event_type=EventType.MEETUP)
    publish_event(agenda, "journee", TODAY + timedelta(days=6), None, None, all_day=True)
    [single] = parse(client.get("/agenda/unique/ics/")).walk("VEVENT")
    assert "RRULE" not in single
    assert single.decoded("DTEND") - single.decoded("DTSTART") == timedelta(hours=2)
    [whole_day] = parse(client.get("/agenda/journee/ics/")).walk("VEVENT")
    assert whole_day.decoded("DTSTART") == TODAY + timedelta(days=6)
    assert isinstance(whole_day.decoded("DTSTART"), date) and not isinstance(whole_day.decoded("DTSTART"), datetime)


def test_agenda_feed_lists_upcoming_dates_and_honours_filters(client, agenda):
    publish_event(agenda, "atelier", TODAY + timedelta(days=2), event_type=EventType.WORKSHOP)
    publish_event(agenda, "hebdo", TODAY + timedelta(days=1), recurrence=Kind.WEEKLY)
    calendar = parse(client.get("/agenda/agenda.ics"))
    events = calendar.walk("VEVENT")
    upcoming = Occurrence.objects.filter(event__live=True, end__gte=timezone.now()).count()
    assert len(events) == min(upcoming, 500)
    assert len({str(vevent["UID"]) for vevent in events}) == len(events)
    assert calendar.walk("VTIMEZONE")
    workshops = parse(client.get("/agenda/agenda.ics", {"type": "atelier"})).walk("VEVENT")
    assert [str(vevent["SUMMARY"]) for vevent in workshops] == ["Atelier"]
    assert parse(client.get("/agenda/agenda.ics", {"type": "n-importe-quoi", "du": "hier"})).walk("VEVENT")


def test_an_unpublished_event_has_no_ics(client, agenda):
    event = publish_event(agenda, "retire", TODAY + timedelta(days=2))
    event.unpublish()
    assert client.get("/agenda/retire/ics/").status_code == 404

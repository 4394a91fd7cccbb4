"""Helpers for the events tests: published events, created the way editors do (revision, publish)."""

from datetime import time, timedelta

from django.utils import timezone

from agenda.models import EventIndexPage, EventPage


def publish_event(index, slug, start_date, start_time=time(9), end_time=time(12), **fields):
    exceptions = fields.pop("exceptions", [])
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    fields.setdefault("intro", "Un rendez-vous de test.")
    page = EventPage(slug=slug, start_date=start_date, start_time=start_time, end_time=end_time, **fields)
    for day in exceptions:
        from agenda.models import EventException

        page.exceptions.add(EventException(date=day))
    page.clean()  # the admin form runs this; path and depth come with add_child
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def agenda_page():
    return EventIndexPage.objects.get()


def next_weekday(weekday, after=None):
    """The first date after `after` (today by default) that falls on `weekday` (0 is Monday)."""
    after = after or timezone.localdate()
    return after + timedelta(days=(weekday - after.weekday()) % 7 or 7)


def publish_incubator_events(index, orgs):
    """On the finder's organisations (helpers/directory.py): a weekly permanence organised and hosted
    by the incubator (13001), from next Tuesday at 9:00, and a workshop at the third place (13003)
    that Thursday."""
    from agenda.models import EventType
    from agenda.recurrence import Kind

    tuesday = next_weekday(1)
    permanence = publish_event(
        index,
        "permanence-incubateur",
        tuesday,
        time(9),
        time(12),
        title="Permanence de l'incubateur",
        event_type=EventType.PERMANENCE,
        recurrence=Kind.WEEKLY,
        organiser=orgs["incubateur"],
        place=orgs["incubateur"],
    )
    workshop = publish_event(
        index,
        "atelier-friche",
        tuesday + timedelta(days=2),
        time(14),
        time(16),
        title="Atelier à la Friche",
        event_type=EventType.WORKSHOP,
        place=orgs["tiers_lieu"],
    )
    return {"permanence": permanence, "workshop": workshop}

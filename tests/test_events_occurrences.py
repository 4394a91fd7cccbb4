"""Occurrences follow what is live: publish, change, unpublish, delete, schedule, expire, copy, daily refresh."""

from datetime import date, datetime, time, timedelta
from unittest import mock

from django.utils import timezone

from agenda import occurrences as occurrence_table
from agenda.models import EventPage, EventType, Occurrence
from agenda.recurrence import PARIS, Kind
from agenda.selectors import (
    next_permanences_for,
    this_week_permanences,
    upcoming_for_organisation,
    upcoming_occurrences,
)
from tests.helpers.commands import run_command
from tests.helpers.events import next_weekday, publish_event

TODAY = timezone.localdate()


def test_publishing_materialises_a_year_of_dates(agenda):
    event = publish_event(agenda, "hebdo", next_weekday(1), recurrence=Kind.WEEKLY)
    starts = list(event.occurrences.values_list("start", flat=True))
    assert 52 <= len(starts) <= 53
    assert max(starts).date() <= TODAY + timedelta(days=occurrence_table.HORIZON_DAYS)
    assert {timezone.localtime(start).time() for start in starts} == {time(9)}


def test_changing_the_time_rebuilds_the_dates(agenda):
    event = publish_event(agenda, "hebdo", next_weekday(1), recurrence=Kind.WEEKLY)
    event.start_time, event.end_time = time(14), time(16)
    event.save_revision().publish()
    assert {timezone.localtime(s).time() for s in event.occurrences.values_list("start", flat=True)} == {time(14)}


def test_unpublishing_removes_occurrences_and_republishing_restores_them(agenda):
    event = publish_event(agenda, "hebdo", next_weekday(1), recurrence=Kind.WEEKLY)
    assert event.occurrences.exists()
    event.unpublish()
    assert not Occurrence.objects.filter(event_id=event.pk).exists()
    assert event not in [o.event for o in upcoming_occurrences(limit=50)]
    event.save_revision().publish()
    assert Occurrence.objects.filter(event_id=event.pk).exists()


def test_unpublishing_the_agenda_removes_every_event_date(agenda, django_user_model):
    editor = django_user_model.objects.create_superuser("chef", "chef@example.org", "motdepasse")
    publish_event(agenda, "hebdo", next_weekday(1), recurrence=Kind.WEEKLY)
    from wagtail.actions.unpublish_page import UnpublishPageAction

    UnpublishPageAction(agenda, user=editor, include_descendants=True).execute()
    assert not Occurrence.objects.exists()


def test_deleting_an_event_deletes_its_dates(agenda):
    event = publish_event(agenda, "hebdo", next_weekday(1), recurrence=Kind.WEEKLY)
    event.delete()
    assert not Occurrence.objects.filter(event_id=event.pk).exists()


def test_a_draft_has_no_dates_until_its_scheduled_publication(agenda):
    event = EventPage(
        slug="plus-tard", title="Plus tard", intro="…", start_date=next_weekday(3), start_time=time(10), live=False
    )
    agenda.add_child(instance=event)
    event.go_live_at = timezone.now() + timedelta(hours=1)
    event.save_revision().publish()  # scheduled, not live yet
    assert not EventPage.objects.get(pk=event.pk).live
    assert not Occurrence.objects.filter(event_id=event.pk).exists()
    later = timezone.now() + timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        run_command("publish_scheduled")
    assert EventPage.objects.get(pk=event.pk).live
    assert Occurrence.objects.filter(event_id=event.pk).count() == 1


def test_expiry_caps_the_dates_and_unpublishing_at_expiry_clears_them(agenda):
    expire_at = datetime.combine(TODAY + timedelta(days=30), time(0), tzinfo=PARIS)
    event = publish_event(agenda, "expire", next_weekday(1), recurrence=Kind.WEEKLY, expire_at=expire_at)
    starts = list(event.occurrences.values_list("start", flat=True))
    assert 4 <= len(starts) <= 5
    assert max(starts) < expire_at
    with mock.patch("django.utils.timezone.now", return_value=expire_at + timedelta(hours=1)):
        run_command("publish_scheduled")
    assert not Occurrence.objects.filter(event_id=event.pk).exists()


def test_copying_a_live_event_gives_the_copy_its_own_dates(agenda):
    event = publish_event(
        agenda, "original", next_weekday(1), recurrence=Kind.WEEKLY, exceptions=[next_weekday(1) + timedelta(weeks=1)]
    )
    count = event.occurrences.count()
    copy = event.copy(update_attrs={"slug": "copie", "title": "Copie"}, keep_live=True)
    assert copy.exceptions.count() == 1
    assert Occurrence.objects.filter(event_id=copy.pk).count() == count
    assert event.occurrences.count() == count
    draft_copy = event.copy(update_attrs={"slug": "copie-brouillon", "title": "Copie brouillon"}, keep_live=False)
    assert not Occurrence.objects.filter(event_id=draft_copy.pk).exists()


def test_daily_refresh_moves_the_window_and_drops_what_is_not_live(agenda):
    event = publish_event(agenda, "hebdo", next_weekday(1), recurrence=Kind.WEEKLY)
    Occurrence.objects.create(event=event, start=timezone.now(), end=timezone.now(), all_day=False)  # stray row
    later = TODAY + timedelta(days=60)
    events, dates = occurrence_table.refresh_all(today=later)
    last = max(event.occurrences.values_list("start", flat=True))
    assert timezone.localtime(last).date() > TODAY + timedelta(days=occurrence_table.HORIZON_DAYS)
    assert events == EventPage.objects.live().count()
    assert dates == Occurrence.objects.count()
    run_command("refresh_event_occurrences")
    assert Occurrence.objects.filter(event=event).count() in (52, 53, 104, 105, 106)


def test_selectors_for_home_organisation_pages_and_the_matcher(agenda):
    from directory.models import Kind as OrganisationKind
    from directory.models import Organisation

    host = Organisation.objects.create(name="Maison test", kind=OrganisationKind.SUPPORT)
    organiser = Organisation.objects.create(name="Réseau test", kind=OrganisationKind.SUPPORT)
    stranger = Organisation.objects.create(name="Autre structure")
    hosted = publish_event(agenda, "chez-maison", next_weekday(1), recurrence=Kind.WEEKLY, place=host)
    organised = publish_event(
        agenda, "par-reseau", next_weekday(2), recurrence=Kind.WEEKLY, organiser=organiser, place=host
    )
    publish_event(agenda, "atelier-reseau", next_weekday(4), event_type=EventType.WORKSHOP, organiser=organiser)

    home = upcoming_occurrences(limit=3)
    assert len(home) == 3 and home == sorted(home, key=lambda o: o.start)
    # Each event once (two of them are weekly), at its next date.
    assert len({o.event_id for o in home}) == 3
    assert {o.event_id for o in upcoming_for_organisation(host, limit=10)} == {hosted.pk, organised.pk}
    assert upcoming_for_organisation(stranger, limit=5) == []

    matched = next_permanences_for([host, organiser, stranger], limit_each=2)
    # A permanence belongs to its organiser, else to its venue; workshops are not permanences.
    assert [o.event_id for o in matched[host.pk]] == [hosted.pk, hosted.pk]
    assert [o.event_id for o in matched[organiser.pk]] == [organised.pk, organised.pk]
    assert matched[stranger.pk] == []
    assert all(o.start >= timezone.now() - timedelta(hours=3) for o in matched[host.pk])


def test_this_weeks_permanences_for_the_admin_dashboard(agenda, client, django_user_model):
    monday = TODAY - timedelta(days=TODAY.weekday())
    publish_event(agenda, "cette-semaine", monday + timedelta(days=3), title="Permanence de jeudi")
    publish_event(agenda, "semaine-prochaine", monday + timedelta(days=9), title="Permanence suivante")
    titles = [o.event.title for o in this_week_permanences(today=TODAY)]
    assert "Permanence de jeudi" in titles and "Permanence suivante" not in titles
    admin = django_user_model.objects.create_superuser("redaction", "redaction@example.org", "motdepasse")
    client.force_login(admin)
    html = client.get("/admin/").content.decode()
    assert "Permanences de la semaine" in html
    assert "Permanence de jeudi" in html


def test_demo_agenda_is_idempotent_and_built_from_today(agenda):
    from agenda import demo

    assert agenda.url == "/agenda/" and agenda.title == "Agenda" and agenda.show_in_menus
    count = EventPage.objects.count()
    assert count >= 4
    assert demo.load() == 0
    assert EventPage.objects.count() == count
    types = set(EventPage.objects.values_list("event_type", flat=True))
    assert {EventType.PERMANENCE, EventType.TRAINING, EventType.MEETUP} <= types
    assert len(upcoming_occurrences(limit=3)) == 3
    assert date.today() - timedelta(days=40) < min(EventPage.objects.values_list("start_date", flat=True))

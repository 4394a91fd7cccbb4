"""Editors: the event form in the Wagtail admin (help texts, recurrence, cancelled dates, French errors)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from agenda.models import EventIndexPage, EventPage
from agenda.recurrence import Kind

TODAY = timezone.localdate()


@pytest.fixture
def editor_client(client, demo_site, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("redaction", "r@example.org", "motdepasse"))
    return client


def form_data(first, **overrides):
    data = {
        "title": "Permanence du jeudi",
        "slug": "permanence-du-jeudi",
        "event_type": "permanence",
        "intro": "Pour les porteurs de projet.",
        "start_date": first.isoformat(),
        "start_time": "09:00",
        "end_time": "12:00",
        "recurrence": Kind.WEEKLY,
        "recurrence_interval": "1",
        "recurrence_rule": "",
        "audience": "porteurs-de-projet",
        "is_free": "true",
        # A permanence says where, with whom and how to book (the form refuses it otherwise).
        "place_name": "Maison de l'ESS",
        "booking_info": "Sur rendez-vous",
        "body": streamfield([]),
        "exceptions": inline_formset([{"date": (first + timedelta(weeks=1)).isoformat()}]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_the_form_explains_recurrence(editor_client):
    index = EventIndexPage.objects.get()
    html = editor_client.get(f"/admin/pages/add/events/eventpage/{index.pk}/").content.decode()
    assert "Répétition (permanences, cycles de formation)" in html
    assert "chaque 2e mardi du mois" in html
    assert "Dates annulées" in html


def test_an_editor_publishes_a_weekly_permanence_with_a_cancelled_date(editor_client):
    from directory.models import Organisation

    index = EventIndexPage.objects.get()
    first = TODAY + timedelta(days=(3 - TODAY.weekday()) % 7 or 7)
    organiser = Organisation.objects.get(name__icontains="France Active")
    response = editor_client.post(
        f"/admin/pages/add/events/eventpage/{index.pk}/", form_data(first, organiser=str(organiser.pk))
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="permanence-du-jeudi")
    assert event.live
    days = {timezone.localtime(start).date() for start in event.occurrences.values_list("start", flat=True)}
    assert first in days and first + timedelta(weeks=1) not in days and first + timedelta(weeks=2) in days


def test_an_impossible_schedule_is_refused_in_french(editor_client):
    index = EventIndexPage.objects.get()
    fifth_friday = next(
        day for day in (TODAY + timedelta(days=n) for n in range(1, 200)) if day.weekday() == 4 and day.day > 28
    )
    url = f"/admin/pages/add/events/eventpage/{index.pk}/"
    response = editor_client.post(url, form_data(fifth_friday, recurrence=Kind.MONTHLY_NTH))
    assert response.status_code == 200
    assert "Le 5e vendredi n&#x27;existe pas tous les mois" in response.content.decode()
    response = editor_client.post(url, form_data(fifth_friday, end_time="08:00"))
    assert response.status_code == 200
    assert "L&#x27;heure de fin doit suivre l&#x27;heure de début." in response.content.decode()
    assert not EventPage.objects.filter(slug="permanence-du-jeudi").exists()

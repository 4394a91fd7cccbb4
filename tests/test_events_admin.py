"""Editors: the event form in the Wagtail admin (help texts, recurrence, cancelled dates, French errors)."""

import re
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


def test_the_cancelled_dates_are_worded_for_their_noun(editor_client):
    """« Ajouter une date annulée », each row « Date annulée 1 », not Wagtail's « Ajouter un(e) Dates annulées »."""
    from html import unescape

    index = EventIndexPage.objects.get()
    html = unescape(editor_client.get(f"/admin/pages/add/events/eventpage/{index.pk}/").content.decode())
    add_button = re.search(r'<button[^>]*id="id_exceptions-ADD"[^>]*>(.*?)</button>', html, re.S)
    assert re.sub(r"<[^>]+>|\s+", " ", add_button.group(1)).strip() == "Ajouter une date annulée"
    assert "un(e)" not in html
    # The empty row the button adds is titled in the singular.
    template = re.search(r'id="id_exceptions-EMPTY_FORM_TEMPLATE">(.*?)</template>', html, re.S).group(1)
    assert "Date annulée<span data-inline-panel-child-count>" in template


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


def test_an_abandoned_draft_does_not_block_the_second_attempt(editor_client):
    """A first attempt left as a draft never published (often by autosave) keeps its address to
    itself no longer: the second attempt takes the next free one (ess_site/page_forms.py)."""
    index = EventIndexPage.objects.get()
    first = TODAY + timedelta(days=(3 - TODAY.weekday()) % 7 or 7)
    url = f"/admin/pages/add/events/eventpage/{index.pk}/"
    draft = form_data(first, event_type="atelier")
    draft.pop("action-publish")
    response = editor_client.post(url, draft)
    assert response.status_code == 302
    abandoned = EventPage.objects.get(slug="permanence-du-jeudi")
    assert not abandoned.live
    response = editor_client.post(url, form_data(first, event_type="atelier"))
    assert response.status_code == 302, response.content.decode()[:2000]
    second = EventPage.objects.get(slug="permanence-du-jeudi-2")
    assert second.live and EventPage.objects.filter(pk=abandoned.pk, live=False).exists()
    # A page that was published keeps its address: the third attempt is told so.
    response = editor_client.post(url, form_data(first, event_type="atelier", slug="permanence-du-jeudi-2"))
    assert response.status_code == 200 and "est déjà utilisé" in response.content.decode()

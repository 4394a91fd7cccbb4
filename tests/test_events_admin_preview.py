"""The event form's live preview (agenda/admin_preview.py): the schedule in words and its next 5
dates, from the agenda's own recurrence code, for signed-in editors only."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.helpers.events import next_weekday

URL = "/admin/agenda/apercu-repetition/"


def test_the_url_is_the_admins():
    assert reverse("agenda_recurrence_preview") == URL


def test_a_weekly_permanence_previews_its_next_five_tuesdays(admin_client):
    tuesday = next_weekday(1)
    answer = admin_client.get(
        URL,
        {
            "start_date": tuesday.strftime("%d/%m/%Y"),  # as the admin's date picker writes it
            "start_time": "09:00",
            "end_time": "12:00",
            "recurrence": "hebdomadaire",
            "exceptions": (tuesday + timedelta(days=7)).isoformat(),
        },
    ).json()
    assert answer["error"] == ""
    assert answer["description"] == "Chaque mardi, de 9\u00a0h à 12\u00a0h"
    assert len(answer["dates"]) == 5
    assert all(text.startswith("mardi ") and text.endswith(", de 9\u00a0h à 12\u00a0h") for text in answer["dates"])
    # The cancelled date is skipped: the second date shown is two weeks after the first.
    day = (tuesday + timedelta(days=14)).day
    assert answer["dates"][1].startswith(f"mardi {'1er' if day == 1 else day}\u00a0")


def test_the_second_tuesday_of_the_month(admin_client):
    today = timezone.localdate()
    first_of_next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    second_tuesday = next_weekday(1, after=first_of_next_month - timedelta(days=1)) + timedelta(days=7)
    answer = admin_client.get(
        URL, {"start_date": second_tuesday.isoformat(), "start_time": "14:00", "recurrence": "mensuelle-rang"}
    ).json()
    assert answer["description"] == "Chaque 2e mardi du mois, à 14\u00a0h"
    assert len(answer["dates"]) == 5 and all(
        8 <= int(text.split()[1].replace("1er", "1").split("\u00a0")[0]) <= 14 for text in answer["dates"]
    )


def test_errors_are_french_sentences(admin_client):
    answer = admin_client.get(URL, {"recurrence": "hebdomadaire"}).json()
    assert answer["dates"] == [] and "date de la première séance" in answer["error"]
    answer = admin_client.get(
        URL,
        {"start_date": next_weekday(1).isoformat(), "recurrence": "personnalisee", "recurrence_rule": "FREQ=HOURLY"},
    ).json()
    assert answer["dates"] == [] and answer["error"].startswith("La règle doit commencer par FREQ=")


def test_visitors_are_sent_to_the_login(client):
    response = client.get(URL, {"start_date": "2030-01-01"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

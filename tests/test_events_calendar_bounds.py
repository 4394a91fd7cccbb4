"""The month calendar stays within the months that have dates (plus a margin): beyond, 404; an empty
month is served but kept out of search engines (noindex)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from agenda.views import MONTH_MARGIN, calendar_bounds, from_month_index, month_index
from tests.helpers.events import publish_event

TODAY = timezone.localdate()


def month_url(day):
    return f"/agenda/calendrier/{day.year:04d}/{day.month:02d}/"


def shift(day, months):
    return from_month_index(month_index(day) + months)


@pytest.mark.parametrize(
    "url", ["/agenda/calendrier/2000/01/", "/agenda/calendrier/2100/12/", "/agenda/calendrier/0000/01/"]
)
def test_a_month_far_outside_the_range_is_not_found(client, agenda, url):
    assert client.get(url).status_code == 404


def test_navigation_stops_at_the_margin_around_the_dates(client, agenda):
    lowest, highest = calendar_bounds()
    assert lowest <= TODAY.replace(day=1) <= highest
    first = client.get(month_url(lowest))
    assert first.status_code == 200
    assert 'rel="prev"' not in first.content.decode()
    last = client.get(month_url(highest))
    assert last.status_code == 200
    assert 'rel="next"' not in last.content.decode()
    assert client.get(month_url(shift(lowest, -1))).status_code == 404
    assert client.get(month_url(shift(highest, 1))).status_code == 404


def test_the_range_follows_the_events(client, agenda):
    from agenda.models import EventPage

    for event in EventPage.objects.all():
        event.unpublish()
    far = TODAY + timedelta(days=200)
    assert client.get(month_url(far)).status_code == 404
    publish_event(agenda, "lointain", far)
    assert client.get(month_url(far)).status_code == 200
    assert client.get(month_url(shift(far, MONTH_MARGIN))).status_code == 200
    assert client.get(month_url(shift(far, MONTH_MARGIN + 1))).status_code == 404


def test_empty_months_are_noindex_and_months_with_dates_are_not(client, agenda):
    lowest, highest = calendar_bounds()
    html = client.get(month_url(highest)).content.decode()
    assert "Aucun rendez-vous" in html and '<meta name="robots" content="noindex">' in html
    html = client.get(month_url(TODAY + timedelta(days=20))).content.decode()
    assert "noindex" not in html


def test_without_any_event_only_the_months_around_today_exist(client, agenda):
    from agenda.models import EventPage

    for event in EventPage.objects.all():
        event.unpublish()
    lowest, highest = calendar_bounds()
    assert (month_index(lowest), month_index(highest)) == (
        month_index(TODAY) - MONTH_MARGIN,
        month_index(TODAY) + MONTH_MARGIN,
    )
    assert client.get(month_url(date(TODAY.year + 5, 1, 1))).status_code == 404

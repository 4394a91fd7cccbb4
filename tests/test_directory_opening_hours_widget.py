"""The organisation form's opening hours, day by day: « Fermé », time ranges or « Sur rendez-vous »,
written as a valid OpenStreetMap `opening_hours`; the raw expression behind « Saisie avancée »."""

from html import unescape

import opening_hours
import pytest

from directory.admin.opening_hours import NotAWeek, OpeningHoursWidget, osm_from_week, week_from_osm
from directory.finder.hours import describe
from directory.models import Organisation
from ess_site.typography import NBSP
from tests.helpers.directory import make_organisation
from tests.helpers.users import member_of
from tests.test_directory_moderation import edit_data


@pytest.mark.parametrize(
    "value",
    [
        'Tu 09:00-12:00,14:00-17:00; Th off "sur rendez-vous"',
        "Mo-Fr 09:00-12:30,14:00-17:30; PH off",
        "Mo,We,Fr 08:30-12:00; Sa 10:00-12:00",
        "",
    ],
)
def test_a_week_the_widget_can_show_comes_back_unchanged(value):
    assert osm_from_week(week_from_osm(value)) == value
    assert value == "" or opening_hours.validate(value)


@pytest.mark.parametrize(
    ("value", "because"),
    [
        ("Jan-Jun Mo 09:00-12:00", "Jan-Jun Mo 09:00-12:00"),
        ("24/7", "24/7"),
        ('Mo 09:00-12:00 "après 10 h, sonner"', "commentaire"),
        ("Mo 08:00-09:00,10:00-11:00,12:00-13:00,14:00-15:00", "plus de 3 plages"),
    ],
)
def test_a_week_the_widget_cannot_show_says_why(value, because):
    with pytest.raises(NotAWeek, match=because):
        week_from_osm(value)


def test_a_day_by_appointment_reads_in_french_and_is_never_open_now():
    value = 'Tu 09:00-12:00,14:00-17:00; Th off "sur rendez-vous"; PH off'
    assert describe(value) == [
        f"Le mardi de 9{NBSP}h à 12{NBSP}h et de 14{NBSP}h à 17{NBSP}h",
        "Le jeudi sur rendez-vous",
        "Fermé les jours fériés",
    ]


def week_post(**days):
    """The widget's fields as the browser posts them (mode « Jour par jour »)."""
    data = {"opening_hours-mode": "semaine", "opening_hours": "ignored in this mode"}
    for code, spec in days.items():
        if spec == "rdv":
            data[f"opening_hours-{code}-state"] = "rendez-vous"
            continue
        data[f"opening_hours-{code}-state"] = "horaires"
        for number, (start, end) in enumerate(spec, start=1):
            data[f"opening_hours-{code}-{number}-start"] = start
            data[f"opening_hours-{code}-{number}-end"] = end
    return data


def test_the_widget_reads_the_days_and_the_raw_field_only_in_its_mode():
    widget = OpeningHoursWidget()
    posted = week_post(Tu=[("09:00", "12:00"), ("14:00", "17:00")], Th="rdv")
    assert widget.value_from_datadict(posted, {}, "opening_hours") == (
        'Tu 09:00-12:00,14:00-17:00; Th off "sur rendez-vous"'
    )
    raw = {"opening_hours-mode": "avance", "opening_hours": "Mo-Fr 09:00-17:00", "opening_hours-Mo-state": "horaires"}
    assert widget.value_from_datadict(raw, {}, "opening_hours") == "Mo-Fr 09:00-17:00"
    # Without the widget's fields at all (an import, an older form): the raw field.
    assert widget.value_from_datadict({"opening_hours": "Sa 10:00-12:00"}, {}, "opening_hours") == "Sa 10:00-12:00"


@pytest.fixture
def moderator(demo_site):
    return member_of("Modération", "moderation")


def edit_form(organisation, **changes):
    return edit_data(organisation, **{"action-publish": "publish", **changes})


def test_a_moderator_sets_the_week_and_the_public_page_shows_it(client, moderator):
    regie = make_organisation("Régie du Panier", "13002")
    client.force_login(moderator)
    posted = week_post(Tu=[("09:00", "12:00"), ("14:00", "17:00")], Th="rdv")
    response = client.post(f"/admin/directory/organisation/edit/{regie.pk}/", edit_form(regie, **posted))
    assert response.status_code == 302
    regie = Organisation.objects.get(pk=regie.pk)
    assert regie.opening_hours == 'Tu 09:00-12:00,14:00-17:00; Th off "sur rendez-vous"'
    html = client.get(f"/annuaire/{regie.slug}/").content.decode()
    assert f"Le mardi de 9{NBSP}h à 12{NBSP}h et de 14{NBSP}h à 17{NBSP}h" in html
    assert "Le jeudi sur rendez-vous" in html


def test_an_unfinished_range_is_refused_with_the_form_kept(client, moderator):
    regie = make_organisation("Régie du Panier", "13002", opening_hours="Mo 09:00-12:00")
    client.force_login(moderator)
    posted = week_post(Tu=[("09:00", "")])
    response = client.post(f"/admin/directory/organisation/edit/{regie.pk}/", edit_form(regie, **posted))
    assert response.status_code == 200
    assert "format OpenStreetMap" in response.content.decode()
    assert Organisation.objects.get(pk=regie.pk).opening_hours == "Mo 09:00-12:00"


def test_the_edit_form_shows_the_stored_week_or_opens_the_raw_field(client, moderator, django_assert_max_num_queries):
    shown = make_organisation("Régie du Panier", "13002", opening_hours='Tu 09:00-12:00; Th off "sur rendez-vous"')
    client.force_login(moderator)
    with django_assert_max_num_queries(60):
        html = client.get(f"/admin/directory/organisation/edit/{shown.pk}/").content.decode()
    assert 'name="opening_hours-mode" value="semaine" checked' in html
    assert 'name="opening_hours-Tu-1-start" value="09:00"' in html
    assert '<option value="rendez-vous" selected>' in html
    assert "ne peuvent pas être montrés jour par jour" not in html

    exotic = make_organisation("Atelier saisonnier", "13001", opening_hours="Jan-Jun Mo 09:00-12:00")
    html = unescape(client.get(f"/admin/directory/organisation/edit/{exotic.pk}/").content.decode())
    assert 'name="opening_hours-mode" value="avance" checked' in html
    assert f"ne peuvent pas être montrés jour par jour{NBSP}: la règle «{NBSP}Jan-Jun Mo 09:00-12:00{NBSP}»" in html
    assert ">Jan-Jun Mo 09:00-12:00</textarea>" in html

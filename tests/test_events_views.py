"""Agenda views: page rules, list and filters, permanences, month grid, archives, event page, query bounds."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from agenda.models import Audience, EventIndexPage, EventPage, EventType
from agenda.recurrence import Kind
from home.models import ContentPage, HomePage
from tests.helpers.events import next_weekday, publish_event

TODAY = timezone.localdate()


class EventPageTreeRules(WagtailPageTestCase):
    def test_the_agenda_lives_under_the_home_page_and_holds_events(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(ContentPage, EventPage)
        self.assertAllowedSubpageTypes(EventPage, {})


@pytest.fixture
def filled_agenda(agenda):
    from directory.models import Organisation

    organiser = Organisation.objects.create(name="Réseau des testeurs", arrondissement=3)
    publish_event(
        agenda,
        "atelier-payant",
        TODAY + timedelta(days=3),
        event_type=EventType.WORKSHOP,
        is_free=False,
        price="10 €",
        place_name="Salle du 3e",
        place_arrondissement=3,
        organiser=organiser,
    )
    publish_event(
        agenda,
        "webinaire",
        TODAY + timedelta(days=4),
        event_type=EventType.INFO_MEETING,
        online_url="https://visio.example.org/ess",
        audience=Audience.ASSOCIATIONS,
    )
    publish_event(agenda, "passe", TODAY - timedelta(days=10), event_type=EventType.MEETUP, title="Rencontre passée")
    return agenda


def test_agenda_lists_upcoming_dates_grouped_by_day(client, filled_agenda):
    response = client.get("/agenda/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/agenda/atelier-payant/" in html and "/agenda/webinaire/" in html
    assert "Rencontre passée" not in html
    assert html.count('class="agenda-day"') >= 2
    assert re.search(r"s'abonner au calendrier \(flux iCal, environ \d+\xa0(octets|ko)\)", html)


@pytest.mark.parametrize(
    "params, present, absent",
    [
        ({"type": "atelier"}, "atelier-payant", "webinaire/"),
        ({"public": "associations"}, "webinaire", "atelier-payant/"),
        ({"arrondissement": "3"}, "atelier-payant", "webinaire/"),
        ({"organisateur": "reseau-des-testeurs"}, "atelier-payant", "webinaire/"),
        ({"gratuit": "1"}, "webinaire", "atelier-payant/"),
        ({"en_ligne": "1"}, "webinaire", "atelier-payant/"),
    ],
)
def test_each_filter_narrows_the_list(client, filled_agenda, params, present, absent):
    html = client.get("/agenda/", params).content.decode()
    assert f"/agenda/{present}/" in html
    assert f"/agenda/{absent}" not in html


def test_date_range_filter(client, filled_agenda):
    day = TODAY + timedelta(days=4)
    html = client.get("/agenda/", {"du": day.isoformat(), "au": day.isoformat()}).content.decode()
    assert "/agenda/webinaire/" in html and "/agenda/atelier-payant/" not in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"type": "concert"}, "Sélectionnez un choix valide"),
        ({"arrondissement": "17"}, "Sélectionnez un choix valide"),
        ({"du": "31/02/2027"}, "Saisissez une date valide"),
        ({"du": "2027-05-10", "au": "2027-05-01"}, "La date de fin est avant la date de début."),
        ({"au": "9999-12-31"}, "Choisissez une date entre 2000 et 2100."),
        ({"page": "99999"}, "Cette page de l&#x27;agenda n&#x27;existe pas."),
        ({"page": "deux"}, "Cette page de l&#x27;agenda n&#x27;existe pas."),
    ],
)
def test_bad_filter_values_answer_200_in_french(client, filled_agenda, params, message):
    response = client.get("/agenda/", params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_permanences_read_in_words_with_next_dates(client, agenda):
    from directory.models import Organisation

    structure = Organisation.objects.create(name="Maison de l'accompagnement")
    second_tuesday = TODAY.replace(day=1) + timedelta(days=(1 - TODAY.replace(day=1).weekday()) % 7 + 7)
    publish_event(agenda, "permanence-mensuelle", second_tuesday, recurrence=Kind.MONTHLY_NTH, place=structure)
    html = client.get("/agenda/permanences/").content.decode()
    assert "Chaque 2e mardi du mois, de 9\u00a0h à 12\u00a0h</p>" in html
    assert "<dt>Où</dt><dd>Maison de l&#x27;accompagnement" in html
    assert html.count("<time datetime=") >= 3
    assert '">Maison de l&#x27;accompagnement</h2>' in html


def test_permanences_come_by_pages_and_by_arrondissement(client, agenda):
    from directory.models import Organisation

    for demo_event in EventPage.objects.all():  # only this test's permanences: exact counts
        demo_event.delete()
    north = Organisation.objects.create(name="Accompagnement Nord", postcode="13015", arrondissement=15)
    centre = Organisation.objects.create(name="Accompagnement Centre", postcode="13001", arrondissement=1)
    monday = next_weekday(0)
    for n in range(22):
        publish_event(agenda, f"permanence-nord-{n:02d}", monday, recurrence=Kind.WEEKLY, place=north)
    publish_event(agenda, "permanence-centre", monday, recurrence=Kind.WEEKLY, place=centre)

    first = client.get("/agenda/permanences/").content.decode()
    assert first.count('class="permanence"') == 20
    # Structures in alphabetical order: the centre's permanence opens the first page.
    assert first.index("Accompagnement Centre") < first.index("Accompagnement Nord")
    assert "23 permanences, page 1 sur 2." in first and 'href="?page=2"' in first
    second = client.get("/agenda/permanences/?page=2").content.decode()
    assert second.count('class="permanence"') == 3 and "Permanence nord 21" in second

    centre_only = client.get("/agenda/permanences/?arrondissement=1").content.decode()
    assert centre_only.count('class="permanence"') == 1 and "Permanence centre" in centre_only
    assert (
        "Aucune permanence ne correspond à ces critères"
        in client.get("/agenda/permanences/?arrondissement=7").content.decode()
    )
    missing = client.get("/agenda/permanences/?page=9").content.decode()
    assert "Cette page des permanences n&#x27;existe pas." in missing


def test_permanences_of_one_structure_and_of_one_week(client, agenda):
    from directory.models import Organisation

    for demo_event in EventPage.objects.all():  # only this test's permanences
        demo_event.delete()
    weekly_host = Organisation.objects.create(name="Accueil chaque lundi")
    once_host = Organisation.objects.create(name="Accueil une fois")
    monday = next_weekday(0)
    in_three_weeks = monday + timedelta(weeks=3, days=2)  # a Wednesday
    permanence = EventType.PERMANENCE
    publish_event(agenda, "chaque-lundi", monday, recurrence=Kind.WEEKLY, organiser=weekly_host, event_type=permanence)
    publish_event(agenda, "une-fois", in_three_weeks, recurrence=Kind.NONE, organiser=once_host, event_type=permanence)

    page = client.get("/agenda/permanences/").content.decode()
    assert 'id="filtre-organisateur"' in page and f'value="{once_host.slug}"' in page

    one_structure = client.get("/agenda/permanences/", {"organisateur": once_host.slug}).content.decode()
    assert one_structure.count('class="permanence"') == 1 and "Une fois" in one_structure

    # Any day of a week picks that week (Monday to Sunday); the dates shown are that week's.
    next_week = client.get("/agenda/permanences/", {"semaine": (monday + timedelta(days=4)).isoformat()})
    html = next_week.content.decode()
    assert html.count('class="permanence"') == 1 and "Chaque lundi" in html
    assert html.count("<time datetime=") == 1 and f'<time datetime="{monday.isoformat()}T09:00' in html
    that_week = client.get("/agenda/permanences/", {"semaine": in_three_weeks.isoformat()}).content.decode()
    assert that_week.count('class="permanence"') == 2
    assert f'<time datetime="{(monday + timedelta(weeks=3)).isoformat()}T09:00' in that_week

    # A date the form refuses is said next to its field and filters nothing.
    wrong = client.get("/agenda/permanences/", {"semaine": "1850-01-07"}).content.decode()
    assert "Choisissez une date entre 2000 et 2100." in wrong and 'aria-invalid="true"' in wrong
    assert wrong.count('class="permanence"') == 2


def test_month_view_is_a_table_with_previous_and_next_months(client, filled_agenda):
    day = TODAY + timedelta(days=3)
    response = client.get(f"/agenda/calendrier/{day.year}/{day.month:02d}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption>" in html and html.count('<th scope="col">') == 7
    assert "/agenda/atelier-payant/" in html
    previous = day.replace(day=1) - timedelta(days=1)
    assert f'href="/agenda/calendrier/{previous.year}/{previous.month:02d}/" rel="prev"' in html
    assert client.get("/agenda/calendrier/").status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/agenda/calendrier/2027/13/",
        "/agenda/calendrier/2027/00/",
        "/agenda/calendrier/1850/01/",
        "/agenda/calendrier/27/1/",
    ],
)
def test_impossible_months_are_not_found(client, agenda, url):
    assert client.get(url).status_code == 404


def test_past_events_stay_reachable_in_the_archives(client, filled_agenda):
    html = client.get("/agenda/archives/").content.decode()
    assert "Rencontre passée" in html and "/agenda/webinaire/" not in html
    response = client.get("/agenda/passe/")
    assert response.status_code == 200
    assert "Cet événement est passé" in response.content.decode()
    assert client.get("/agenda/archives/", {"page": "500"}).status_code == 200


def test_event_page_shows_dates_place_registration_and_calendar_link(client, agenda):
    event = publish_event(
        agenda,
        "permanence-complete",
        next_weekday(2),
        recurrence=Kind.WEEKLY,
        place_name="Marseille 1er",
        place_arrondissement=1,
        place_latitude=43.3,
        place_longitude=5.38,
        registration_url="https://inscription.example.org/",
        exceptions=[next_weekday(2) + timedelta(weeks=2)],
    )
    html = client.get(event.url).content.decode()
    assert "Chaque mercredi, de 9\u00a0h à 12\u00a0h" in html
    assert "Prochaines dates" in html and "https://www.openstreetmap.org/?mlat=43.30000" in html
    assert 'href="https://inscription.example.org/"' in html
    assert 'href="/agenda/permanence-complete/ics/"' in html and "Ajouter à mon agenda" in html
    assert "(sauf le " in html


def test_home_page_shows_the_next_three_dates(client, filled_agenda):
    html = client.get("/").content.decode()
    assert "Aucun rendez-vous à venir" not in html
    section = html[html.index('id="events-title"') :]
    assert section.count('class="card"') == 3


def weekly_permanence(agenda, **fields):
    return publish_event(
        agenda,
        "permanence-du-mardi",
        next_weekday(1),
        title="Permanence du mardi",
        event_type=EventType.PERMANENCE,
        recurrence=Kind.WEEKLY,
        **fields,
    )


def test_agenda_lists_events_then_each_permanence_once(client, filled_agenda):
    from agenda.models import Occurrence

    weekly_permanence(filled_agenda)
    upcoming = Occurrence.objects.filter(event__live=True, end__gte=timezone.now())
    one_off = upcoming.exclude(event__event_type=EventType.PERMANENCE).count()
    permanences = upcoming.filter(event__event_type=EventType.PERMANENCE).values("event").distinct().count()
    assert one_off <= 20 and upcoming.filter(event__slug="permanence-du-mardi").count() > 40
    html = client.get("/agenda/").content.decode()
    events_html = html[html.index('id="evenements-titre"') : html.index('id="permanences-titre"')]
    permanences_html = html[html.index('id="permanences-titre"') :]
    # The one-off events by day, then the permanences (a year of Tuesdays for this one), each once.
    assert f'Événements <span class="agenda-section__count">({one_off})</span>' in events_html
    assert events_html.count('class="agenda-item"') == one_off
    assert "/agenda/atelier-payant/" in events_html and "/agenda/webinaire/" in events_html
    assert "/agenda/permanence-du-mardi/" not in events_html
    assert f'Permanences <span class="agenda-section__count">({permanences})</span>' in permanences_html
    assert permanences_html.count('class="agenda-item agenda-item--recurring"') == permanences
    assert permanences_html.count('href="/agenda/permanence-du-mardi/"') == 1
    assert "Chaque mardi, de 9\u00a0h à 12\u00a0h" in permanences_html
    first = next_weekday(1)
    assert f'Prochaine date&nbsp;: <time datetime="{first.isoformat()}T09:00:00' in permanences_html
    # The filters apply to both lists.
    html = client.get("/agenda/", {"type": "permanence"}).content.decode()
    assert 'Événements <span class="agenda-section__count">(0)</span>' in html
    assert "/agenda/atelier-payant/" not in html and html.count('href="/agenda/permanence-du-mardi/"') == 1


def test_home_page_shows_a_weekly_permanence_once_with_its_rhythm(client, agenda):
    from agenda.models import Occurrence

    Occurrence.objects.exclude(event__slug="permanence-du-mardi").delete()  # the demo's dates
    weekly_permanence(agenda)
    publish_event(agenda, "atelier-unique", TODAY + timedelta(days=20), event_type=EventType.WORKSHOP)
    html = client.get("/").content.decode()
    section = html[html.index('id="events-title"') : html.index("</section>", html.index('id="events-title"'))]
    # A year of Tuesdays, then the workshop: two cards, the permanence once, with its rhythm.
    assert section.count('class="card"') == 2
    assert section.count('href="/agenda/permanence-du-mardi/"') == 1
    assert "Chaque mardi, de 9\u00a0h à 12\u00a0h" in section and "Prochaine date&nbsp;: " in section
    assert 'href="/agenda/atelier-unique/"' in section


def publish_spread_events(agenda, prefix, count, structures, recurrence=None, **fields):
    """`count` events over the next nine days, at and by the `structures` in turn; every other one
    weekly (unless `recurrence` is given) with a cancelled date."""
    for number in range(count):
        publish_event(
            agenda,
            f"{prefix}-{number}",
            TODAY + timedelta(days=number % 9 + 1),
            recurrence=recurrence or (Kind.WEEKLY if number % 2 else Kind.NONE),
            place=structures[number % len(structures)],
            organiser=structures[(number + 1) % len(structures)],
            exceptions=[TODAY + timedelta(days=number % 9 + 15)] if number % 2 else [],
            **fields,
        )


def test_lists_have_bounded_queries(client, agenda, django_assert_max_num_queries):
    from directory.models import Organisation

    places = [Organisation.objects.create(name=f"Structure {n}", arrondissement=n % 16 + 1) for n in range(6)]
    publish_spread_events(agenda, "evenement", 30, places)
    day = TODAY + timedelta(days=5)
    for url in [
        "/agenda/",
        "/agenda/?type=permanence&arrondissement=2&page=2",
        "/agenda/permanences/",
        f"/agenda/calendrier/{day.year}/{day.month:02d}/",
        "/agenda/archives/",
        "/agenda/evenement-3/",
    ]:
        with django_assert_max_num_queries(22):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/agenda/agenda.ics").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/agenda/evenement-3/ics/").status_code == 200


def test_permanences_pages_read_a_fixed_number_of_queries(client, agenda, django_assert_max_num_queries):
    """Whatever the number of permanences and of their dates: the ids of the list, one page of
    permanences with their places, their next dates (and the page's own queries; the filter's
    structures are cached)."""
    from directory.models import Organisation

    structures = [Organisation.objects.create(name=f"Structure {n}", arrondissement=n % 16 + 1) for n in range(5)]
    publish_spread_events(agenda, "permanence", 25, structures, recurrence=Kind.WEEKLY, event_type=EventType.PERMANENCE)
    client.get("/agenda/permanences/")  # the navigation, settings and page-tree values pages cache
    for url in ["/agenda/permanences/?page=2", "/agenda/permanences/?arrondissement=2", "/agenda/permanences/"]:
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200
        assert "Prochaines dates" in response.content.decode()


def test_the_structure_filter_follows_new_permanences_and_renamed_structures(client, agenda):
    """The filter's structures are cached between requests, and forgotten as soon as one changes."""
    from directory.models import Organisation

    first = Organisation.objects.create(name="Premier accueil")
    publish_event(agenda, "accueil-1", TODAY + timedelta(days=2), event_type=EventType.PERMANENCE, organiser=first)
    assert "Premier accueil</option>" in client.get("/agenda/permanences/").content.decode()
    second = Organisation.objects.create(name="Second accueil")
    publish_event(agenda, "accueil-2", TODAY + timedelta(days=3), event_type=EventType.PERMANENCE, organiser=second)
    first.name = "Premier accueil renommé"
    first.save()
    html = client.get("/agenda/permanences/").content.decode()
    assert "Second accueil</option>" in html and "Premier accueil renommé</option>" in html
    agenda_html = client.get("/agenda/").content.decode()
    assert "Second accueil</option>" in agenda_html
    EventPage.objects.get(slug="accueil-2").unpublish()
    assert "Second accueil</option>" not in client.get("/agenda/permanences/").content.decode()


def test_the_structure_filter_follows_a_directory_import_that_renames_a_structure(client, agenda):
    """An import writes organisations in bulk, without save signals: the cached list is forgotten all the same."""
    from directory.exchange.importers import import_file
    from directory.models import Organisation

    structure = Organisation.objects.create(name="Accueil du Panier", source="ville", source_id="42")
    publish_event(agenda, "accueil", TODAY + timedelta(days=2), event_type=EventType.PERMANENCE, organiser=structure)
    assert "Accueil du Panier</option>" in client.get("/agenda/permanences/").content.decode()
    report = import_file(b"nom,code_postal,source,id_source\nMaison du Panier,13002,ville,42\n")
    assert report.updated == 1, report.errors
    assert "Maison du Panier</option>" in client.get("/agenda/permanences/").content.decode()

"""Trustworthy content: nothing invented shown as fact, every page leads to someone (issue 13).

The demo-content setting and its marks, promises kept out of templates, the City's ESS contact from
the settings, the legal notice from the settings, permanences that say where, with whom and how to
book, partners' entries that say how to reach them, news dated when their facts happened.
"""

import re
from datetime import date, time
from html import unescape
from pathlib import Path

import pytest
from wagtail.models import Site

from agenda.models import EventIndexPage, EventPage, EventType
from directory.models import CITY_CONTACT_SOURCE, Organisation
from ess_site.models import SiteSettings
from ess_site.wagtail_hooks import settings_warnings
from news.models import NewsPage
from tests.helpers.commands import run_command
from tests.helpers.events import next_weekday, publish_event

ROOT = Path(__file__).resolve().parent.parent
BANNER = "Site de démonstration."
MARK = '<span class="example-mark">exemple</span>'

# Promises the programme does not make: they must never be fixed text in a template (editors write
# what is true in Wagtail, where they can correct it).
PROMISES = [
    "CRESS",
    "France Active",
    "recycleries",
    "épiceries solidaires",
    "appels à projets",
    "permanences sont gratuites",
    "Rencontrez sans engagement",
]


def site_settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def set_settings(**fields):
    settings = site_settings()
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()  # the save signal forgets the cached copy
    return settings


def text(response):
    return unescape(response.content.decode()).replace("\u00a0", " ").replace("\u202f", " ")


# Demo content: banner and « exemple » marks iff the setting is on -------------------------------


def test_load_demo_content_turns_the_demo_setting_on_and_a_rerun_leaves_editors_choice(demo_site):
    assert site_settings().demo_content is True
    set_settings(demo_content=False)
    run_command("load_demo_content")
    assert site_settings().demo_content is False


def test_the_demo_setting_is_off_by_default(db):
    assert SiteSettings._meta.get_field("demo_content").default is False


@pytest.mark.parametrize(
    "url", ["/", "/agenda/", "/agenda/permanences/", "/agenda/permanence-information-france-active/"]
)
def test_banner_and_example_marks_appear_iff_the_setting_is_on(client, demo_site, url):
    html = client.get(url).content.decode()
    assert BANNER in html
    assert MARK in html
    set_settings(demo_content=False)
    html = client.get(url).content.decode()
    assert BANNER not in html
    assert MARK not in html
    assert "example-mark" not in html


def test_banner_is_on_every_public_page_type(client, demo_site):
    for url in ("/feuille-de-route/", "/annuaire/", "/actualites/", "/mentions-legales/", "/donnees-ouvertes/"):
        assert BANNER in client.get(url).content.decode(), url


def test_an_editors_event_carries_no_example_mark(client, demo_site):
    index = EventIndexPage.objects.get()
    event = publish_event(index, "vrai-rendez-vous", next_weekday(3), title="Un vrai rendez-vous")
    html = client.get(event.url).content.decode()
    assert BANNER in html and MARK not in html


def test_demo_events_state_no_fee_and_are_examples(client, demo_site):
    events = EventPage.objects.all()
    assert events and all(event.is_example and event.is_free is None for event in events)
    page = text(client.get("/agenda/permanence-information-france-active/"))
    assert "Tarif" not in page and "Gratuit" not in page
    agenda = text(client.get("/agenda/"))
    assert "gratuit" not in agenda.split("Gratuit uniquement")[-1]


def test_a_known_fee_still_reads_as_one(client, demo_site):
    index = EventIndexPage.objects.get()
    free = publish_event(index, "atelier-libre", next_weekday(4), event_type=EventType.WORKSHOP, is_free=True)
    paid = publish_event(
        index, "atelier-paye", next_weekday(4), event_type=EventType.WORKSHOP, is_free=False, price="5 €"
    )
    assert "Gratuit" in text(client.get(free.url))
    assert "5 €" in text(client.get(paid.url))


# No promise as fixed text in templates ----------------------------------------------------------


def test_no_template_contains_the_programmes_unmade_promises():
    templates = [
        path
        for path in ROOT.rglob("*.html")
        if "templates" in path.parts and ".venv" not in path.parts and "node_modules" not in path.parts
    ]
    assert len(templates) > 30
    offenders = [
        f"{path.relative_to(ROOT)} : {promise}"
        for path in templates
        for promise in PROMISES
        if promise.lower() in path.read_text(encoding="utf-8").lower()
    ]
    assert offenders == []


def test_the_demo_texts_make_none_of_the_promises(client, demo_site):
    home = text(client.get("/"))
    for promise in ("Recycleries", "épiceries solidaires", "Appels à projets", "la CRESS"):
        assert promise not in home, promise
    assert "Appels à projets" not in text(client.get("/actualites/"))
    guide = text(client.get("/etre-accompagne/"))
    assert "gratuites" not in guide


def test_the_permanences_lead_is_editable(client, demo_site):
    index = EventIndexPage.objects.get()
    index.permanences_intro = "Texte de la rédaction sur les permanences."
    index.save_revision().publish()
    assert "Texte de la rédaction sur les permanences." in text(client.get("/agenda/permanences/"))


def test_the_home_pages_promises_are_editable(client, demo_site, home):
    entry = home.entry_points[0]
    entry.value["text"] = "Texte des portes d'entrée revu par la rédaction."
    home.intro = "<p>Accroche revue par la rédaction.</p>"
    home.save_revision().publish()
    html = text(client.get("/"))
    assert "Texte des portes d'entrée revu par la rédaction." in html
    assert "Accroche revue par la rédaction." in html


# The City's ESS contact, from the settings -----------------------------------------------------


def test_contact_block_renders_from_settings_in_footer_guide_and_directory(client, demo_site):
    set_settings(
        contact_email="ess@ville.example",
        contact_phone="04 00 00 00 00",
        contact_appointment_url="https://rendez-vous.example/ess",
    )
    city = Organisation.objects.get(source=CITY_CONTACT_SOURCE[0], source_id=CITY_CONTACT_SOURCE[1])
    for url in ("/", "/etre-accompagne/", f"/annuaire/{city.slug}/"):
        html = client.get(url).content.decode()
        assert html.count('href="mailto:ess@ville.example"') >= 1, url
        assert 'href="tel:+33400000000"' in html, url
        assert 'href="https://rendez-vous.example/ess"' in html, url
    guide = text(client.get("/etre-accompagne/"))
    assert "Contacter le service ESS de la Ville" in guide
    set_settings(contact_email="", contact_phone="", contact_appointment_url="")
    html = client.get("/etre-accompagne/").content.decode()
    assert "mailto:" not in html and "rendez-vous.example" not in html


def test_every_programme_partner_page_says_how_to_reach_it(client, demo_site):
    set_settings(contact_email="ess@ville.example")
    names = ["CRESS", "France Active", "RTES", "URSCOP", "Marseille Solutions", "Inter-Made", "Têtes de l'Art"]
    for name in names:
        organisation = Organisation.objects.get(name__icontains=name)
        assert organisation.phone == organisation.email == ""  # never invented
        html = client.get(f"/annuaire/{organisation.slug}/").content.decode()
        if organisation.website:
            assert f'href="{organisation.website}"' in html, name
        else:
            assert "Le service ESS de la Ville peut vous orienter" in unescape(html), name
            assert 'href="mailto:ess@ville.example"' in html, name


def test_the_city_contact_is_a_directory_entry(client, demo_site):
    city = Organisation.objects.get(source=CITY_CONTACT_SOURCE[0], source_id=CITY_CONTACT_SOURCE[1])
    assert city.published and "Direction de l'Économie" in city.name
    assert city.is_city_contact


# Permanences: where, with whom, how to book ------------------------------------------------------


def test_every_demo_permanence_says_where_with_whom_and_how_to_book(client, demo_site):
    page = text(client.get("/agenda/permanences/"))
    permanences = EventPage.objects.filter(event_type=EventType.PERMANENCE)
    assert permanences.count() >= 2
    for event in permanences:
        assert event.organiser_id and (event.place_id or event.place_name or event.online_url)
        assert event.booking_info or event.registration_url
        assert event.organiser.name in page
    assert page.count("Où") >= 2 and page.count("Avec qui") >= 2 and page.count("Réserver") >= 2
    assert "Lieu non communiqué" not in page and "Structure non précisée" not in page


def test_a_remote_permanence_reads_a_distance(client, demo_site):
    index = EventIndexPage.objects.get()
    structure = Organisation.objects.get(name__icontains="France Active")
    event = publish_event(
        index,
        "permanence-en-ligne",
        next_weekday(1),
        organiser=structure,
        online_url="https://visio.example/ess",
        booking_info="Sans inscription",
    )
    assert "À distance" in text(client.get(event.url))
    assert "À distance" in text(client.get("/agenda/permanences/"))


def test_the_admin_refuses_a_permanence_without_where_whom_or_booking(client, demo_site, django_user_model):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    client.force_login(django_user_model.objects.create_superuser("redac", "r@example.org", "motdepasse"))
    index = EventIndexPage.objects.get()
    data = nested_form_data(
        {
            "title": "Permanence incomplète",
            "slug": "permanence-incomplete",
            "event_type": "permanence",
            "intro": "Pour les porteurs de projet.",
            "start_date": next_weekday(3).isoformat(),
            "start_time": "09:00",
            "end_time": "12:00",
            "recurrence": "aucune",
            "recurrence_interval": "1",
            "audience": "porteurs-de-projet",
            "is_free": "true",
            "body": streamfield([]),
            "exceptions": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(f"/admin/pages/add/events/eventpage/{index.pk}/", data)
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Indiquez avec qui" in html and "Indiquez où" in html and "Indiquez comment réserver" in html
    assert not EventPage.objects.filter(slug="permanence-incomplete").exists()


# Legal notice from the settings -------------------------------------------------------------------


def test_legal_notice_shows_each_set_field_and_leaves_out_the_others(client, demo_site):
    page = text(client.get("/mentions-legales/"))
    assert "à compléter" not in page.lower()
    assert "Ville de Marseille" in page and "Direction de la publication" in page
    assert "Hébergement" not in page  # no host in the demo settings: left out, not « à compléter »
    set_settings(legal_host_name="Hébergeur Exemple SAS", legal_host_address="1 rue de l'Exemple\n75000 Paris")
    page = text(client.get("/mentions-legales/"))
    assert "Hébergement" in page and "Hébergeur Exemple SAS" in page and "75000 Paris" in page
    set_settings(legal_director="")
    assert "Direction de la publication" not in text(client.get("/mentions-legales/"))


def test_dashboard_warns_editors_of_missing_legal_fields_and_contact(client, demo_site, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("redac", "r@example.org", "motdepasse"))
    html = unescape(client.get("/admin/").content.decode())
    assert "Paramètres du site à vérifier" in html
    assert "Mentions légales incomplètes" in html and "hébergeur" in html
    assert "Aucun moyen de joindre le service ESS" in html
    assert "Le contenu de démonstration est affiché" in html
    set_settings(
        legal_publisher_phone="04 00 00 00 00",
        legal_host_name="Hébergeur",
        legal_host_address="Paris",
        legal_host_contact="https://hebergeur.example",
        contact_email="ess@ville.example",
        demo_content=False,
    )
    assert settings_warnings(site_settings()) == []
    assert "Paramètres du site à vérifier" not in client.get("/admin/").content.decode()


# Faithful wording and dates ------------------------------------------------------------------------


def test_news_dates_match_the_facts_they_report(demo_site):
    france_active = NewsPage.objects.get(slug="partenariat-france-active")
    assert "Fin 2022" in france_active.body.raw_data[0]["value"]
    assert (france_active.date.year, france_active.date.month) == (2022, 12)
    # The others report the 2023-2030 roadmap and what it reports as new: dated 2023, never today.
    for slug in ("feuille-de-route-ess-et-rtes", "regie-de-quartier-noailles-belsunce"):
        assert NewsPage.objects.get(slug=slug).date.year == 2023
    assert all(news.date <= date(2023, 12, 31) for news in NewsPage.objects.all())


def test_roadmap_keeps_the_programmes_intent_and_places(client, demo_site):
    page = text(client.get("/feuille-de-route/"))
    assert "la Ville souhaite renforcer les leviers à sa disposition" in page
    assert "Les leviers de la Ville</h3>" not in page
    assert "a vocation à proposer des services de proximité" in page
    assert "1er et 7e arrondissements" in page
    assert "en particulier le maritime, les industries créatives et culturelles" in page
    assert "fortement représentée dans l'action sociale et la transition écologique" in page


def test_partners_roles_say_no_more_than_the_programme(client, demo_site):
    page = text(client.get("/feuille-de-route/"))
    for invented in ("accompagnement des coopératives", "incubation", "initiatives associatives et culturelles"):
        assert invented not in page
    for relay in ("URSCOP", "Marseille Solutions", "Inter-Made", "Les Têtes de l'Art"):
        organisation = Organisation.objects.get(name__icontains=relay)
        assert not organisation.support_services.exists(), relay


def test_permanence_time_survives_in_the_card(client, demo_site):
    # The permanences page still reads the schedule in words.
    assert re.search(r"Chaque 2e mardi du mois, de 9 h à 12 h", text(client.get("/agenda/permanences/")))
    assert time(9) == EventPage.objects.get(slug="permanence-information-france-active").start_time


# Open data page ------------------------------------------------------------------------------------


def test_open_data_page_lists_every_export_with_format_schema_licence_and_update(
    client, demo_site, django_assert_max_num_queries
):
    client.get("/donnees-ouvertes/")
    with django_assert_max_num_queries(14):
        response = client.get("/donnees-ouvertes/")
    page = text(response)
    for url in (
        "/annuaire/export.csv",
        "/annuaire/export.geojson",
        "/annuaire/export/data-inclusion/structures.json",
        "/annuaire/export/data-inclusion/services.json",
        "/agenda/agenda.ics",
        "/actualites/rss/",
        "/actualites/atom/",
    ):
        assert f'href="{url}"' in response.content.decode(), url
        assert client.get(url).status_code == 200, url
    assert page.count("Licence Ouverte / Open Licence version 2.0 (Etalab)") >= 8
    for term in ("Format", "Schéma", "Licence", "Mise à jour"):
        assert page.count(f"<dt>{term}</dt>") == 7, term
    assert "aucune donnée publiée" not in page
    latest = Organisation.objects.public().latest("updated_at").updated_at
    assert latest.astimezone().strftime("%Y-%m-%dT%H:%M") in response.content.decode()


def test_open_data_is_linked_from_the_footer_and_the_directory(client, demo_site):
    assert 'href="/donnees-ouvertes/">Données ouvertes</a>' in client.get("/").content.decode()
    assert 'href="/donnees-ouvertes/"' in client.get("/annuaire/").content.decode()


def test_calendar_files_mark_examples_iff_the_setting_is_on(client, demo_site):
    from icalendar import Calendar

    def summaries():
        calendar = Calendar.from_ical(client.get("/agenda/agenda.ics").content)
        return [str(event["summary"]) for event in calendar.walk("VEVENT")]

    assert summaries() and all(summary.startswith("[Exemple] ") for summary in summaries())
    set_settings(demo_content=False)
    assert not any("Exemple" in summary for summary in summaries())

"""One organisation's public page: facts, hours in French, contacts, JSON-LD, events, "Signaler une erreur"."""

import datetime
import json
import re
import zoneinfo
from datetime import timedelta
from html import unescape
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from directory.finder import opening
from directory.finder.jsonld import opening_hours_specification
from directory.models import CorrectionRequest, CorrectionStatus
from tests.helpers.directory import make_organisation

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
TUESDAY_10H = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)
MONDAY_20H = datetime.datetime(2026, 3, 9, 20, 0, tzinfo=PARIS)


def url(organisation):
    return f"/annuaire/{organisation.slug}/"


def text(response):
    return unescape(response.content.decode()).replace("\u00a0", " ")


def jsonld(response):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(block.group(1))


# What the page shows -----------------------------------------------------------------------------


def test_the_page_shows_everything_public(client, orgs):
    epicerie = orgs["epicerie"]
    epicerie.description = "<p>Une épicerie <b>coopérative</b>.</p>"
    epicerie.last_verified = datetime.date(2026, 2, 1)
    epicerie.acceslibre_url = "https://acceslibre.beta.gouv.fr/app/13-marseille/a/epicerie/erp/epicerie-du-canet/"
    epicerie.save()
    response = client.get(url(epicerie))
    assert response.status_code == 200
    page = text(response)
    for expected in [
        "<h1>Coopérative L'Épicerie du Canet</h1>",
        # Acronyms say what they mean (Annuaire > Sigles et graphies).
        'Acteur de l\'<abbr title="économie sociale et solidaire">ESS</abbr>',
        "SCIC",
        "Une épicerie <b>coopérative</b>.",
        "Alimentation",
        "Tout public",
        'Agrément <abbr title="entreprise solidaire d\'utilité sociale">ESUS</abbr>',
        "12 boulevard du Canet",
        "13014 Marseille",
        "14e arrondissement",
        "Du lundi au vendredi de 9 h à 12 h 30 et de 14 h à 18 h",
        'href="tel:+33491000001"',
        "04 91 00 00 01",
        'href="mailto:bonjour@epicerie.example"',
        'href="https://epicerie.example"',
        "Accès en fauteuil roulant : oui.",
        "Fiche détaillée sur Acceslibre",
        "Informations vérifiées le 1 février 2026.",
        "Signaler une erreur",
    ]:
        assert expected in page, expected
    assert 'data-lat="43.346' in page and "data-single" in page  # the small map


def test_a_support_structure_shows_its_services_and_stages(client, orgs):
    page = text(client.get(url(orgs["incubateur"])))
    assert "Services d'accompagnement" in page and "Accompagnement à la création" in page and "Financement" in page
    assert "Étapes de projet accompagnées" in page and "Idée, Création" in page
    assert 'href="/annuaire/?service=financement"' in page


def test_unpublished_synthetic_and_unknown_organisations_answer_404(client, orgs):
    hidden = make_organisation("Brouillon", live=False)
    fake = make_organisation("Fictive", synthetic=True)
    assert client.get(url(hidden)).status_code == 404
    assert client.get(url(fake)).status_code == 404
    assert client.get("/annuaire/nexiste-pas/").status_code == 404


def test_export_urls_still_win_over_organisation_slugs(client, orgs):
    assert client.get("/annuaire/export.csv").status_code == 200


# Opening hours -----------------------------------------------------------------------------------


def test_opening_status_in_french_at_frozen_times():
    hours = "Tu-Sa 09:00-12:00,14:00-18:00"
    assert opening.opening_status(hours, TUESDAY_10H) == {
        "open": True,
        "label": "Ouvert maintenant · ferme à 12\u00a0h",
    }
    assert opening.opening_status(hours, MONDAY_20H) == {"open": False, "label": "Fermé — ouvre demain à 9\u00a0h"}
    sunday = datetime.datetime(2026, 3, 8, 11, 0, tzinfo=PARIS)
    assert opening.opening_status(hours, sunday)["label"] == "Fermé — ouvre mardi à 9\u00a0h"
    lunch = datetime.datetime(2026, 3, 10, 12, 30, tzinfo=PARIS)
    assert opening.opening_status(hours, lunch)["label"] == "Fermé — ouvre à 14\u00a0h"
    # A day « sur rendez-vous » is closed to walk-in visitors: it is not when the place opens.
    appointments = 'Tu 09:00-12:00; Th off "sur rendez-vous"'
    wednesday_evening = datetime.datetime(2026, 3, 11, 20, 0, tzinfo=PARIS)
    assert opening.opening_status(appointments, wednesday_evening)["label"] == "Fermé — ouvre mardi à 9\u00a0h"
    assert opening.opening_status("", TUESDAY_10H) == {"open": None, "label": ""}
    assert opening.opening_status("n'importe quoi", TUESDAY_10H) == {"open": None, "label": ""}


def test_the_page_says_open_now_at_a_frozen_time(client, orgs):
    with mock.patch("django.utils.timezone.now", return_value=TUESDAY_10H):
        page = text(client.get(url(orgs["epicerie"])))
    assert "Ouvert maintenant · ferme à 12 h 30" in page
    with mock.patch("django.utils.timezone.now", return_value=MONDAY_20H):
        page = text(client.get(url(orgs["recyclerie"])))
    assert "Fermé — ouvre demain à 10 h" in page


# JSON-LD -----------------------------------------------------------------------------------------


def test_json_ld_describes_the_organisation(client, orgs):
    data = jsonld(client.get(url(orgs["epicerie"])))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Organization"
    assert data["name"] == "Coopérative L'Épicerie du Canet"
    assert data["url"] == f"https://ess.example.fr/annuaire/{orgs['epicerie'].slug}/"  # SITE_URL
    assert data["telephone"] == "+33491000001" and data["email"] == "bonjour@epicerie.example"
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "FR",
        "streetAddress": "12 boulevard du Canet",
        "postalCode": "13014",
        "addressLocality": "Marseille",
    }
    place = data["location"]
    assert place["@type"] == "Place"
    assert place["geo"]["@type"] == "GeoCoordinates"
    assert place["geo"]["latitude"] == pytest.approx(orgs["epicerie"].latitude, abs=1e-6)
    weekdays = [f"https://schema.org/{d}" for d in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]]
    assert place["openingHoursSpecification"] == [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": weekdays, "opens": "09:00", "closes": "12:30"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": weekdays, "opens": "14:00", "closes": "18:00"},
    ]


def test_json_ld_cannot_be_closed_by_an_organisation_name(client, orgs):
    sneaky = make_organisation("Coop </script><script>alert(1)</script>")
    response = client.get(url(sneaky))
    assert "<script>alert(1)" not in response.content.decode()
    assert jsonld(response)["name"] == "Coop </script><script>alert(1)</script>"


def test_opening_hours_rules_schema_org_cannot_say_are_left_out():
    assert opening_hours_specification("We,Sa 14:00-18:00")[0]["dayOfWeek"] == [
        "https://schema.org/Wednesday",
        "https://schema.org/Saturday",
    ]
    assert opening_hours_specification("Jan-Jun Mo 10:00-12:00") == []
    assert opening_hours_specification("") == []


# Events ------------------------------------------------------------------------------------------


def test_next_events_it_hosts_or_organises(client, orgs):
    from agenda.models import EventIndexPage, EventType
    from tests.helpers.events import publish_event

    agenda = EventIndexPage.objects.get()
    start = timezone.localdate() + timedelta(days=2)
    publish_event(
        agenda,
        "atelier-zero-dechet",
        start,
        title="Atelier zéro déchet",
        event_type=EventType.WORKSHOP,
        place=orgs["recyclerie"],
    )
    page = text(client.get(url(orgs["recyclerie"])))
    assert "Prochains rendez-vous" in page and "Atelier zéro déchet" in page
    assert "Aucun rendez-vous annoncé pour le moment." in text(client.get(url(orgs["velo"])))


def test_organisation_page_query_budget(client, orgs, django_assert_max_num_queries):
    client.get(url(orgs["epicerie"]))  # warm the caches (site, taxonomies)
    with django_assert_max_num_queries(10):
        assert client.get(url(orgs["epicerie"])).status_code == 200
    # Three service sheets and their permanences: two queries more, whatever the number of sheets.
    with django_assert_max_num_queries(12):
        response = client.get(url(orgs["incubateur"]))
    assert response.content.decode().count('class="service-sheet"') == 3


# Signaler une erreur -----------------------------------------------------------------------------


def correction_url(organisation):
    return f"/annuaire/{organisation.slug}/signaler-une-erreur/"


def test_a_correction_is_stored_for_editors(client, orgs):
    response = client.post(
        correction_url(orgs["velo"]),
        {
            "message": "L'atelier a déménagé au 5 rue des Vélos.",
            "contact_name": "Camille",
            "contact_email": "camille@example.org",
        },
    )
    assert response.status_code == 200
    assert "Merci, votre signalement est bien arrivé" in text(response)
    stored = CorrectionRequest.objects.get()
    assert stored.organisation == orgs["velo"] and stored.organisation_name == "Atelier vélo du Merlan"
    assert stored.message == "L'atelier a déménagé au 5 rue des Vélos."
    assert stored.status == CorrectionStatus.NEW and stored.handled_at is None
    # Kept when the organisation goes away.
    orgs["velo"].delete()
    stored.refresh_from_db()
    assert stored.organisation is None and stored.organisation_name == "Atelier vélo du Merlan"


def test_the_form_on_the_page_is_labelled_and_carries_no_visitor_token(client, orgs):
    response = client.get(url(orgs["velo"]))
    html = response.content.decode()
    assert f'action="{correction_url(orgs["velo"])}"' in html
    for field_id in ["id_message", "id_contact_name", "id_contact_email"]:
        assert f'<label for="{field_id}">' in html
    # The page is shared by the reverse cache: no CSRF token or cookie of one visitor in it.
    assert "csrfmiddlewaretoken" not in html and not response.cookies
    assert response["Cache-Control"].startswith("public")


def test_the_form_posts_without_a_token_but_not_from_another_site(orgs):
    browser = Client(enforce_csrf_checks=True)
    message = {"message": "Les horaires ont changé le samedi."}
    sent = browser.post(correction_url(orgs["velo"]), message, headers={"Origin": "http://testserver"})
    assert sent.status_code == 200 and "Merci, votre signalement est bien arrivé" in text(sent)
    assert "private" in sent["Cache-Control"]
    forged = browser.post(correction_url(orgs["velo"]), message, headers={"Origin": "https://pirate.example"})
    assert forged.status_code == 403
    cross_site = browser.post(correction_url(orgs["velo"]), message, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross_site.status_code == 403
    assert CorrectionRequest.objects.count() == 1


def test_the_honeypot_rejects_robots_and_keeps_the_text(client, orgs):
    response = client.post(
        correction_url(orgs["velo"]), {"message": "Un message de robot assez long.", "website": "http://spam.example"}
    )
    assert response.status_code == 400
    assert CorrectionRequest.objects.count() == 0
    page = text(response)
    assert "Ce champ doit rester vide" in page and "Un message de robot assez long." in page


def test_an_invalid_form_keeps_what_was_typed(client, orgs):
    response = client.post(correction_url(orgs["velo"]), {"message": "court", "contact_email": "pas-un-courriel"})
    assert response.status_code == 400
    page = text(response)
    assert "10 caractères au moins" in page and "adresse de courriel valide" in page
    assert re.search(r">\s*court</textarea>", page)
    html = response.content.decode()
    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        for target in described.split():
            assert f'id="{target}"' in html, target
    assert CorrectionRequest.objects.count() == 0


def test_the_rate_limit_answers_429_in_french_and_gives_the_text_back(client, orgs):
    message = {"message": "Le numéro de téléphone a changé."}
    for _ in range(5):
        assert client.post(correction_url(orgs["velo"]), message).status_code == 200
    response = client.post(correction_url(orgs["velo"]), {"message": "Sixième message à ne pas perdre."})
    assert response.status_code == 429
    page = text(response)
    assert "Trop de signalements envoyés depuis votre connexion" in page
    assert "Sixième message à ne pas perdre." in page
    assert CorrectionRequest.objects.count() == 5
    # Another visitor is not affected.
    other = client.post(correction_url(orgs["velo"]), message, REMOTE_ADDR="192.0.2.77")
    assert other.status_code == 200


def test_editors_list_and_close_correction_requests(client, orgs, django_user_model):
    from django.contrib.auth.models import Group

    CorrectionRequest.objects.create(
        organisation=orgs["velo"], organisation_name="Atelier vélo du Merlan", message="Nouveau téléphone."
    )
    editor = django_user_model.objects.create_user("redaction", password="x")
    editor.groups.add(Group.objects.get(name="Rédaction"))
    client.force_login(editor)
    listing = client.get("/admin/snippets/directory/correctionrequest/")
    assert listing.status_code == 200
    assert "Atelier vélo du Merlan" in listing.content.decode()
    request = CorrectionRequest.objects.get()
    response = client.post(
        f"/admin/snippets/directory/correctionrequest/edit/{request.pk}/",
        {"status": "traitee", "editor_note": "Corrigé."},
    )
    assert response.status_code in (200, 302)
    request.refresh_from_db()
    assert request.status == CorrectionStatus.DONE and request.handled_at is not None
    client.get("/admin/snippets/directory/correctionrequest/")  # shows (and uses up) the success message
    open_only = client.get("/admin/snippets/directory/correctionrequest/?status=nouvelle").content.decode()
    assert "Atelier vélo du Merlan" not in open_only
    assert (
        "Atelier vélo du Merlan"
        in client.get("/admin/snippets/directory/correctionrequest/?status=traitee").content.decode()
    )


def test_an_organisation_address_follows_the_directory_page_slug(client, orgs):
    from directory.models import DirectoryPage

    epicerie = orgs["epicerie"]
    assert epicerie.get_absolute_url() == url(epicerie)
    directory = DirectoryPage.objects.get()
    directory.slug = "structures"
    directory.save_revision().publish()
    assert epicerie.get_absolute_url() == f"/structures/{epicerie.slug}/"
    assert client.get(epicerie.get_absolute_url()).status_code == 200
    # Site search links to the same address.
    assert (
        f'href="/structures/{epicerie.slug}/"' in client.get("/recherche/", {"q": "Épicerie du Canet"}).content.decode()
    )

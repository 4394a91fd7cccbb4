"""Organisations update their own entry (issue 16, part 1): a signed, single-use link mailed only to
the entry's address, the update form (hours in plain French), and "Modération"'s field-by-field
review that accepts all or part, or rejects with a message mailed back. Mail goes through a real
local SMTP server (tests/helpers/smtp.py)."""

import datetime
import re
from html import unescape
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from directory.finder import hours_input, update_links
from directory.models import ChangeStatus, Organisation, ProposedChange, UpdateLink
from tests.helpers.directory import make_organisation

ENTRY_EMAIL = "contact@atelier.example"


@pytest.fixture
def atelier(demo_site):
    return make_organisation(
        "Atelier partagé du Panier",
        "13002",
        email=ENTRY_EMAIL,
        phone="+33491000042",
        address="3 rue du Panier",
        opening_hours="Mo-Fr 09:00-17:00",
        services=["conseil-juridique"],
        description="<p>Un atelier <b>partagé</b>.</p><p>Ouvert à toutes et tous.</p>",
    )


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderation", "moderation@example.org", "motdepasse-solide")
    user.groups.add(Group.objects.get(name="Modération"))
    return user


def text(response):
    return unescape(response.content.decode()).replace("\u00a0", " ")


def request_link(client, organisation, **data):
    return client.post(f"/annuaire/{organisation.slug}/mettre-a-jour/", data)


def link_path(smtp_server, index=-1):
    body = smtp_server.body(smtp_server.messages[index])
    url = re.search(r"https?://\S+/mettre-a-jour/\S+/", body).group(0)
    return urlsplit(url).path


def form_data(organisation, **changes):
    data = {
        "short_description": organisation.short_description,
        "description": update_links.rich_to_plain(organisation.description),
        "email": organisation.email,
        "phone": organisation.phone,
        "website": organisation.website,
        "address": organisation.address,
        "address_complement": organisation.address_complement,
        "postcode": organisation.postcode,
        "city": organisation.city,
        "opening_hours": organisation.opening_hours,
        "support_services": list(organisation.support_services.values_list("slug", flat=True)),
        "note": "",
    }
    data.update(changes)
    return data


# The link ----------------------------------------------------------------------------------------


def test_the_link_goes_only_to_the_address_on_the_entry(client, atelier, smtp_server):
    page = client.get(f"/annuaire/{atelier.slug}/")
    assert "uniquement à l'adresse de courriel déjà indiquée sur la fiche" in text(page)

    # A visitor cannot choose where the link goes: any address typed in is ignored.
    response = request_link(client, atelier, email="intrus@pirate.example")
    assert response.status_code == 200
    assert "Un lien de mise à jour a été envoyé" in text(response)
    assert ENTRY_EMAIL not in response.content.decode()  # the answer never shows the address
    assert response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]

    message = smtp_server.wait_for(1)[0]
    assert smtp_server.envelopes[0][1] == [ENTRY_EMAIL]
    assert (
        message["Subject"].strip() == "Votre lien pour mettre à jour la fiche «\u00a0Atelier partagé du Panier\u00a0»"
    )
    assert "valable 7 jours et ne sert qu'une fois" in smtp_server.body(message)
    assert link_path(smtp_server) in smtp_server.body(message, "html")


def test_an_entry_without_address_gets_no_link(client, demo_site, smtp_server):
    organisation = make_organisation("Collectif sans courriel", "13003")
    assert "n'indique pas d'adresse de courriel" in text(client.get(f"/annuaire/{organisation.slug}/"))
    response = request_link(client, organisation)
    assert "aucun lien de mise à jour ne peut être envoyé" in text(response)
    assert not UpdateLink.objects.exists() and smtp_server.messages == []


def test_link_requests_are_limited_per_entry_and_per_visitor(client, atelier, smtp_server):
    for _ in range(4):
        assert request_link(client, atelier).status_code == 200
    # Three links a day per entry: its mailbox is never flooded; the answer does not tell.
    assert UpdateLink.objects.count() == 3
    assert request_link(client, atelier).status_code == 200
    assert request_link(client, atelier).status_code == 429  # sixth request from one address in an hour
    assert request_link(client, atelier, website="http://robot.example").status_code == 429  # honeypot


def test_the_link_works_once_and_only_once(client, atelier, smtp_server):
    request_link(client, atelier)
    smtp_server.wait_for(1)
    path = link_path(smtp_server)

    form_page = client.get(path)
    assert form_page.status_code == 200
    assert "no-store" in form_page["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in form_page.content.decode()
    html = text(form_page)
    assert "Du lundi au vendredi de 9 h à 17 h" in html  # the hours shown in French to edit
    assert "Ouvert à toutes et tous." in html  # the description as plain text
    assert client.get(path).status_code == 200  # opening it again (a mail scanner...) does not use it

    sent = client.post(
        path,
        form_data(
            atelier,
            phone="04 91 00 00 43",
            opening_hours="du lundi au vendredi de 9 h à 12 h 30 et de 14 h à 18 h\nfermé les jours fériés",
            note="Nous avons changé d'horaires.",
        ),
    )
    assert sent.status_code == 200 and "vos modifications sont bien arrivées" in text(sent)
    change = ProposedChange.objects.get()
    assert change.status == ChangeStatus.PENDING
    assert change.proposed["opening_hours"] == "Mo-Fr 09:00-12:30,14:00-18:00; PH off"
    assert change.changed_fields == ["phone", "opening_hours"]
    assert Organisation.objects.get(pk=atelier.pk).phone == "+33491000042"  # nothing published before review

    again = client.get(path)
    assert again.status_code == 410 and "a déjà servi" in text(again)
    twice = client.post(path, form_data(atelier, phone="04 91 00 00 99"))
    assert twice.status_code == 410 and ProposedChange.objects.count() == 1


def test_the_link_expires_after_seven_days(client, atelier, smtp_server):
    request_link(client, atelier)
    smtp_server.wait_for(1)
    path = link_path(smtp_server)
    later = timezone.now() + datetime.timedelta(days=7, minutes=1)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.get(path)
    assert response.status_code == 410 and "a expiré" in text(response)
    almost = timezone.now() + datetime.timedelta(days=6, hours=23)
    with mock.patch("django.core.signing.time.time", return_value=almost.timestamp()):
        assert client.get(path).status_code == 200


def test_a_forged_or_borrowed_token_is_refused(client, atelier, demo_site, smtp_server):
    other = make_organisation("Autre structure", "13004", email="autre@example.org")
    request_link(client, atelier)
    smtp_server.wait_for(1)
    token = link_path(smtp_server).rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"/annuaire/{other.slug}/mettre-a-jour/{token}/").status_code == 404
    assert client.get(f"/annuaire/{atelier.slug}/mettre-a-jour/{token[:-2]}xx/").status_code == 404


def test_nothing_changed_confirms_the_entry(client, atelier, smtp_server):
    link = update_links.send_update_link(atelier)
    path = update_links.update_path(link)
    response = client.post(path, {"action": "rien-n-a-change"})
    assert "la fiche est confirmée" in text(response)
    assert Organisation.objects.get(pk=atelier.pk).last_verified == timezone.localdate()
    assert client.get(path).status_code == 410


def test_invalid_input_is_explained_next_to_its_field(client, atelier, smtp_server):
    link = update_links.send_update_link(atelier)
    response = client.post(
        update_links.update_path(link),
        form_data(atelier, opening_hours="le lundi", postcode="13", phone="12"),
    )
    assert response.status_code == 400
    html = text(response)
    assert "« le lundi » : indiquez les heures" in html
    assert "code postal de 5 chiffres" in html and "numéro de téléphone français" in html
    assert not ProposedChange.objects.exists()
    assert UpdateLink.objects.get().used_at is None  # the link still works to try again


# French hours ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("french", "osm"),
    [
        ("du lundi au vendredi de 9 h à 12 h 30 et de 14 h à 17 h 30", "Mo-Fr 09:00-12:30,14:00-17:30"),
        ("Lundi, mardi et jeudi : 9h-12h", "Mo,Tu,Th 09:00-12:00"),
        ("lun-ven 9h30-18h ; samedi de 10 h à midi", "Mo-Fr 09:30-18:00; Sa 10:00-12:00"),
        ("tous les jours 8:00-20:00 sauf les jours fériés", "Mo-Su 08:00-20:00; PH off"),
        ("en semaine de 9h à 17h\nle week-end : fermé", "Mo-Fr 09:00-17:00; Sa-Su off"),
        ("Fermé les jours fériés\nmercredi 14h-18h", "We 14:00-18:00; PH off"),
        ("Mo-Fr 09:00-17:00", "Mo-Fr 09:00-17:00"),  # already OSM: kept
        ("", ""),
    ],
)
def test_french_hours_become_osm(french, osm):
    assert hours_input.to_osm(french) == osm


@pytest.mark.parametrize(
    "value", ["Mo-Fr 09:00-12:30,14:00-17:30; Sa 10:00-12:00; PH off", "We 14:00-18:00", "Mo,Th 08:30-12:00"]
)
def test_the_french_shown_in_the_form_reads_back_to_the_same_hours(value):
    from directory.finder import hours

    assert hours_input.to_osm("\n".join(hours.describe(value))) == value


@pytest.mark.parametrize("value", ["le lundi", "de 9h", "bonjour", "lundi 25h-26h"])
def test_unreadable_hours_are_refused_not_guessed(value):
    with pytest.raises(hours_input.HoursError):
        hours_input.to_osm(value)


# Review by "Modération" --------------------------------------------------------------------------


def propose(client, organisation, **changes):
    link = update_links.send_update_link(organisation)
    response = client.post(update_links.update_path(link), form_data(organisation, **changes))
    assert response.status_code == 200, text(response)
    return ProposedChange.objects.latest("created_at")


def test_moderation_reads_a_field_by_field_diff(client, atelier, moderator, smtp_server):
    change = propose(
        client,
        atelier,
        phone="04 91 00 00 43",
        description="Un atelier partagé.\n\nOuvert à toutes et tous, le samedi aussi.",
        support_services=["conseil-juridique", "accompagnement-creation"],
    )
    client.force_login(moderator)
    listing = text(client.get("/admin/annuaire/modifications/"))
    assert "Atelier partagé du Panier" in listing
    review = client.get(f"/admin/annuaire/modifications/{change.pk}/")
    assert review.status_code == 200
    html = text(review)
    assert "<del>+33491000042</del>" in html and "<ins>+33491000043</ins>" in html
    assert "Accompagnement à la création, Conseil juridique" in html
    assert '<th scope="row">Téléphone' in html and '<th scope="row">Adresse' not in html  # only what changed


def test_accepting_part_applies_it_and_mails_the_rest(client, atelier, moderator, smtp_server):
    change = propose(client, atelier, phone="04 91 00 00 43", address="5 rue du Panier", postcode="13002")
    smtp_server.clear()
    client.force_login(moderator)
    response = client.post(
        f"/admin/annuaire/modifications/{change.pk}/",
        {"fields_to_accept": ["phone"], "message": "L'adresse sera vérifiée par téléphone.", "accepter": ""},
    )
    assert response.status_code == 302
    atelier.refresh_from_db()
    assert atelier.phone == "+33491000043" and atelier.address == "3 rue du Panier"
    assert atelier.last_verified == timezone.localdate()  # "vérifiée le" set by the acceptance
    change.refresh_from_db()
    assert change.status == ChangeStatus.PARTIAL and change.accepted_fields == ["phone"]
    assert change.reviewed_by == moderator
    message = smtp_server.wait_for(1)[0]
    assert smtp_server.envelopes[0][1] == [ENTRY_EMAIL]
    body = smtp_server.body(message)
    assert "Ces champs ont été mis à jour\u00a0: Téléphone." in body
    assert "- Adresse\u00a0: 5 rue du Panier" in body and "L'adresse sera vérifiée par téléphone." in body
    page = text(client.get(f"/annuaire/{atelier.slug}/"))
    assert f"Informations vérifiées le {timezone.localdate():%-d}" in page


def test_accepting_everything_sends_no_mail(client, atelier, moderator, smtp_server):
    change = propose(client, atelier, opening_hours="samedi de 10 h à 12 h", description="Nouveau texte.")
    smtp_server.clear()
    client.force_login(moderator)
    client.post(
        f"/admin/annuaire/modifications/{change.pk}/",
        {"fields_to_accept": ["opening_hours", "description"], "accepter": ""},
    )
    atelier.refresh_from_db()
    assert atelier.opening_hours == "Sa 10:00-12:00" and atelier.description == "<p>Nouveau texte.</p>"
    assert ProposedChange.objects.get().status == ChangeStatus.ACCEPTED
    assert smtp_server.messages == []


def test_rejecting_needs_a_message_which_is_mailed_back(client, atelier, moderator, smtp_server):
    change = propose(client, atelier, website="https://publicite.example")
    smtp_server.clear()
    client.force_login(moderator)
    empty = client.post(f"/admin/annuaire/modifications/{change.pk}/", {"message": "", "refuser": ""})
    assert empty.status_code == 200 and "Expliquez à l'organisation" in text(empty)
    client.post(
        f"/admin/annuaire/modifications/{change.pk}/",
        {"message": "Ce site ne présente pas votre structure.", "refuser": ""},
    )
    atelier.refresh_from_db()
    assert atelier.website == "" and atelier.last_verified is None
    assert ProposedChange.objects.get().status == ChangeStatus.REJECTED
    message = smtp_server.wait_for(1)[0]
    assert "n'a pas été retenue" in message["Subject"]
    assert "Ce site ne présente pas votre structure." in smtp_server.body(message)


def test_only_moderation_reviews(client, atelier, smtp_server):
    change = propose(client, atelier, phone="04 91 00 00 43")
    editor = User.objects.create_user("redaction", "r@example.org", "motdepasse-solide")
    editor.groups.add(Group.objects.get(name="Rédaction"))
    client.force_login(editor)
    assert client.get(f"/admin/annuaire/modifications/{change.pk}/").status_code in (302, 403)
    client.post(f"/admin/annuaire/modifications/{change.pk}/", {"fields_to_accept": ["phone"], "accepter": ""})
    assert ProposedChange.objects.get().status == ChangeStatus.PENDING


def test_the_update_form_reads_a_bounded_number_of_queries(client, atelier, django_assert_max_num_queries):
    make_organisation("Voisine", "13002", services=["accompagnement-creation"])
    path = update_links.update_path(update_links.send_update_link(atelier))
    client.get(path)  # warm the site's caches
    with django_assert_max_num_queries(20):
        response = client.get(path)
    assert response.status_code == 200


# Service sheets (#15): the organisation describes its services itself --------------------------


def test_the_organisation_describes_its_services_and_moderation_publishes_the_sheet(
    client, atelier, moderator, smtp_server
):
    link = update_links.send_update_link(atelier)
    form = text(client.get(update_links.update_path(link)))
    assert "Décrire vos services" in form
    assert "Coût (Conseil juridique)" in form and "Comment le demander (Conseil juridique)" in form

    change = propose(
        client,
        atelier,
        **{
            "sheet-conseil-juridique-cost": "gratuit",
            "sheet-conseil-juridique-access_conditions": "Structures de l'ESS marseillaises",
            "sheet-conseil-juridique-mobilisation": ["rendez-vous", "courriel"],
            "sheet-conseil-juridique-area": "ville",
            # A service not offered: what is typed for it is not kept.
            "sheet-financement-cost": "payant",
        },
    )
    assert change.changed_fields == ["service_sheets"]
    client.force_login(moderator)
    review = text(client.get(f"/admin/annuaire/modifications/{change.pk}/"))
    assert "Conseil juridique : conditions : Structures de l'ESS marseillaises ; coût : Gratuit" in review
    assert "mobiliser : Par courriel, Sur rendez-vous ; zone : Toute la ville" in review

    response = client.post(
        f"/admin/annuaire/modifications/{change.pk}/", {"fields_to_accept": ["service_sheets"], "accepter": ""}
    )
    assert response.status_code == 302
    sheet = atelier.service_sheets.get()
    assert (sheet.cost, sheet.area, sheet.mobilisation) == ("gratuit", "ville", ["courriel", "rendez-vous"])
    client.logout()
    page = text(client.get(f"/annuaire/{atelier.slug}/"))
    assert "Coût</dt><dd>Gratuit" in page and "Zone couverte</dt><dd>Toute la ville" in page


def test_nothing_described_is_no_change_and_a_new_service_asks_nothing(client, atelier, smtp_server):
    change = propose(client, atelier, support_services=["conseil-juridique", "formation"])
    assert change.changed_fields == ["support_services"]


def test_arrondissements_are_required_when_the_area_is_some_of_them(client, atelier, smtp_server):
    link = update_links.send_update_link(atelier)
    response = client.post(
        update_links.update_path(link), form_data(atelier, **{"sheet-conseil-juridique-area": "arrondissements"})
    )
    assert response.status_code == 400
    assert "Cochez au moins un arrondissement" in text(response)

"""Visitors' correction requests in the admin: the organisation linked (edit form, public page), the
request beside the entry's current values, closed with a note by a named moderator."""

from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from directory.models import CorrectionRequest, CorrectionStatus

LIST_URL = "/admin/snippets/directory/correctionrequest/"


def edit_url(correction):
    return f"{LIST_URL}edit/{correction.pk}/"


def organisation_edit_url(organisation):
    return reverse("wagtailsnippets_directory_organisation:edit", args=[organisation.pk])


def text(response):
    return unescape(response.content.decode()).replace("\u00a0", " ")


@pytest.fixture
def moderator(client, django_user_model):
    user = django_user_model.objects.create_user("moderation", password="x", first_name="Nora", last_name="Kacem")
    user.groups.add(Group.objects.get(name="Modération"))
    client.force_login(user)
    return user


@pytest.fixture
def correction(orgs):
    velo = orgs["velo"]
    velo.phone = "04 91 00 00 01"
    velo.save()
    return CorrectionRequest.objects.create(
        organisation=velo, organisation_name=velo.name, message="Le téléphone a changé : 04 91 11 22 33."
    )


def test_the_listing_links_the_organisation_to_its_edit_form_and_public_page(client, moderator, correction):
    velo = correction.organisation
    html = text(client.get(LIST_URL))
    assert f'href="{organisation_edit_url(velo)}"' in html
    assert f'href="{velo.get_absolute_url()}"' in html
    assert "Voir la page publique" in html and "Modifier la fiche" in html
    assert f'href="{edit_url(correction)}"' in html  # the request itself still opens its own form


def test_an_unpublished_or_deleted_entry_offers_no_dead_public_link(client, moderator, correction):
    velo = correction.organisation
    velo.live = False
    velo.save()
    html = text(client.get(LIST_URL))
    assert "Modifier la fiche" in html and f'href="{velo.get_absolute_url()}"' not in html
    velo.delete()
    html = text(client.get(LIST_URL))
    assert velo.name in html and "(fiche supprimée)" in html and "Modifier la fiche" not in html
    page = text(client.get(edit_url(correction)))
    assert "La fiche a été supprimée" in page and "Le téléphone a changé" in page


def test_the_form_shows_the_request_beside_the_current_values(client, moderator, correction):
    velo = correction.organisation
    html = text(client.get(edit_url(correction)))
    request_at = html.index("Le téléphone a changé : 04 91 11 22 33.")
    current_at = html.index("04 91 00 00 01")
    assert request_at < current_at
    assert "Téléphone (actuel)" in html or "téléphone (actuel)" in html.lower()
    assert f'href="{organisation_edit_url(velo)}"' in html
    assert f'href="{velo.get_absolute_url()}"' in html


def test_the_moderator_marks_it_done_with_a_note(client, moderator, correction):
    response = client.post(
        edit_url(correction), {"status": CorrectionStatus.DONE, "editor_note": "Téléphone corrigé sur la fiche."}
    )
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.DONE
    assert correction.editor_note == "Téléphone corrigé sur la fiche."
    assert correction.handled_at is not None and correction.handled_by == moderator
    listing = text(client.get(LIST_URL))
    assert f"Le signalement sur « {correction.organisation_name} » est marqué comme traité." in listing
    assert "Nora Kacem" in text(client.get(edit_url(correction)))
    # The request, never editable, is kept as the visitor sent it.
    client.post(edit_url(correction), {"status": CorrectionStatus.NEW, "message": "Effacé", "editor_note": ""})
    correction.refresh_from_db()
    assert correction.message.startswith("Le téléphone a changé")
    assert correction.status == CorrectionStatus.NEW and correction.handled_by is None and correction.handled_at is None

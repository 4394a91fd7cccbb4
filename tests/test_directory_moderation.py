"""Directory changes by "Rédaction" (admin form or import) wait for "Modération" to publish them."""

import pytest

from directory.exchange.importers import import_file
from directory.models import Organisation
from tests.helpers.directory import admin_add_data, admin_edit_data, make_organisation
from tests.helpers.users import member_of


@pytest.fixture
def people(demo_site):
    return {"redaction": member_of("Rédaction", "redaction"), "moderation": member_of("Modération", "moderation")}


@pytest.fixture
def regie(demo_site):
    return make_organisation("Régie du Panier", "13002", short_description="Régie de quartier.")


form_data = admin_add_data
edit_data = admin_edit_data


def test_an_organisation_created_by_redaction_waits_for_moderation(client, people):
    client.force_login(people["redaction"])
    # Even asking to publish, "Rédaction" only saves a draft.
    client.post("/admin/directory/organisation/add/", form_data(**{"action-publish": "publish"}))
    created = Organisation.objects.get(name="Épicerie solidaire du Camas")
    assert created.live is False
    assert client.get(f"/annuaire/{created.slug}/").status_code == 404
    assert created.latest_revision.user == people["redaction"]

    client.force_login(people["moderation"])
    response = client.post(
        f"/admin/directory/organisation/edit/{created.pk}/", edit_data(created, **{"action-publish": "publish"})
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.live is True
    assert client.get(f"/annuaire/{created.slug}/").status_code == 200


def test_a_change_by_redaction_is_a_draft_until_moderation_publishes_it(client, people, regie):
    client.force_login(people["redaction"])
    url = f"/admin/directory/organisation/edit/{regie.pk}/"
    client.post(url, edit_data(regie, name="Régie du Panier (nouveau nom)", **{"action-publish": "publish"}))
    client.post(url, edit_data(regie, name="Régie du Panier (nouveau nom)"))
    regie.refresh_from_db()
    assert regie.name == "Régie du Panier" and regie.live and regie.has_unpublished_changes
    assert "nouveau nom" not in client.get(f"/annuaire/{regie.slug}/").content.decode()
    history = client.get(f"/admin/directory/organisation/history/{regie.pk}/").content.decode()
    assert "redaction" in history

    client.force_login(people["moderation"])
    client.post(url, edit_data(regie, name="Régie du Panier (nouveau nom)", **{"action-publish": "publish"}))
    regie.refresh_from_db()
    assert regie.name == "Régie du Panier (nouveau nom)" and not regie.has_unpublished_changes


def test_redaction_cannot_unpublish(client, people, regie):
    client.force_login(people["redaction"])
    client.post(f"/admin/directory/organisation/unpublish/{regie.pk}/")
    regie.refresh_from_db()
    assert regie.live is True


def test_an_import_by_redaction_neither_unpublishes_nor_publishes(people, regie):
    header = "identifiant,nom,publiee,horaires\n"
    rows = f"{regie.slug},Régie du Panier,non,\nnouvelle-fabrique,Nouvelle Fabrique,oui,\n"
    report = import_file((header + rows).encode(), user=people["redaction"])
    regie.refresh_from_db()
    assert regie.live is True
    assert any("publi" in str(issue) for issue in report.issues)
    created = Organisation.objects.get(slug="nouvelle-fabrique")
    assert created.live is False and created.latest_revision.user == people["redaction"]

    rows = f"{regie.slug},Régie du Panier,,Mo-Fr 09:00-17:00\n"
    report = import_file((header + rows).encode(), user=people["redaction"])
    assert report.updated == 1
    regie.refresh_from_db()
    assert regie.opening_hours == "" and regie.has_unpublished_changes
    assert regie.latest_revision.user == people["redaction"]
    assert regie.get_latest_revision_as_object().opening_hours == "Mo-Fr 09:00-17:00"

    regie.latest_revision.publish(user=people["moderation"])
    regie.refresh_from_db()
    assert regie.opening_hours == "Mo-Fr 09:00-17:00" and regie.live


def test_an_import_by_moderation_is_published_and_in_the_history(client, people, regie):
    header = "identifiant,nom,horaires\n"
    report = import_file(
        f"{header}{regie.slug},Régie du Panier,Mo-Fr 09:00-17:00\n".encode(), user=people["moderation"]
    )
    assert report.updated == 1
    regie.refresh_from_db()
    assert regie.opening_hours == "Mo-Fr 09:00-17:00" and not regie.has_unpublished_changes
    client.force_login(people["moderation"])
    history = client.get(f"/admin/directory/organisation/history/{regie.pk}/").content.decode()
    assert "moderation" in history and "horaires" in history


def test_the_admin_import_of_redaction_follows_moderation(client, people, regie, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["redaction"])
    upload = SimpleUploadedFile("annuaire.csv", f"identifiant,nom,publiee\n{regie.slug},Régie du Panier,non\n".encode())
    client.post("/admin/annuaire/import/", {"file": upload, "file_format": "csv"})
    client.post("/admin/annuaire/import/confirmer/")
    regie.refresh_from_db()
    assert regie.live is True


def public_texts(client, slug):
    """What visitors and reusers get from every public surface that lists organisations."""
    urls = [
        "/annuaire/",
        "/annuaire/?q=regie",
        "/annuaire/carte/points/",
        f"/annuaire/{slug}/",
        "/annuaire/export.csv",
        "/annuaire/export.geojson",
        "/annuaire/export/data-inclusion/structures.json",
        "/integrer/annuaire/",
        "/api/v1/organisations/?taille=100",
        f"/api/v1/organisations/{slug}/",
        "/api/v1/services/?taille=100",
    ]
    texts = {}
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        texts[url] = (response.status_code, body.decode())
    return texts


def test_drafts_reach_no_public_page_export_or_api_until_published(client, people, regie):
    client.force_login(people["redaction"])
    client.post(f"/admin/directory/organisation/edit/{regie.pk}/", edit_data(regie, name="Régie Renommée"))
    client.post("/admin/directory/organisation/add/", form_data(name="Fabrique en brouillon"))
    draft = Organisation.objects.get(name="Fabrique en brouillon")
    client.logout()

    for url, (status, text) in public_texts(client, regie.slug).items():
        assert "Régie Renommée" not in text and "Fabrique en brouillon" not in text, url
        assert status == 200, url
        # The services list names organisations offering a support service (the régie offers none).
        assert "Régie du Panier" in text or url.startswith("/api/v1/services/"), url
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/annuaire/{regie.slug}/" in sitemap and f"/annuaire/{draft.slug}/" not in sitemap
    for url in (f"/annuaire/{draft.slug}/", f"/api/v1/organisations/{draft.slug}/"):
        assert client.get(url).status_code == 404, url

    regie.refresh_from_db()
    regie.latest_revision.publish(user=people["moderation"])
    texts = public_texts(client, regie.slug)
    for url in (
        "/annuaire/",
        f"/annuaire/{regie.slug}/",
        "/annuaire/export.csv",
        f"/api/v1/organisations/{regie.slug}/",
    ):
        assert "Régie Renommée" in texts[url][1], url

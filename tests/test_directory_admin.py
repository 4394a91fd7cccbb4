"""The "Annuaire" admin: list for editors with bounded queries, deletion kept for moderators, import."""

import re

import pytest
from django.utils.html import escape

from directory.models import Organisation
from tests.helpers.commands import run_command
from tests.helpers.directory import admin_add_data
from tests.helpers.users import member_of


@pytest.fixture
def organisations(demo_site):
    run_command("generate_directory", "--count", "60")
    for n in range(40):
        Organisation.objects.create(name=f"Association de quartier {n}", postcode=f"130{n % 16 + 1:02d}")
    return Organisation.objects.filter(synthetic=False)


@pytest.fixture
def editor(db):
    return member_of("Rédaction", "redaction")


@pytest.fixture
def moderator(db):
    return member_of("Modération", "moderation")


def test_editors_see_the_list_with_bounded_queries(client, editor, organisations, django_assert_max_num_queries):
    client.force_login(editor)
    client.get("/admin/directory/organisation/")  # warm caches (content types, site)
    with django_assert_max_num_queries(30):
        response = client.get("/admin/directory/organisation/?kind=acteur-ess&verification=ancienne")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Association de quartier 1" in content
    assert "Organisation fictive" not in content  # synthetic data stays out of editors' way


def test_editors_find_an_organisation_by_name_siret_or_postcode(client, editor, organisations):
    Organisation.objects.create(name="Coopérative du Panier", siret="12345678900011", postcode="13002")
    client.force_login(editor)
    for query in ("Panier", "12345678900011", "13002"):
        response = client.get("/admin/directory/organisation/", {"q": query})
        assert response.status_code == 200, query
        assert "Coopérative du Panier" in response.content.decode(), query


@pytest.mark.parametrize(
    "url",
    [
        "/admin/directory/organisation/add/",
        "/admin/directory/sector/",
        "/admin/directory/supportservice/",
        "/admin/directory/audience/",
        "/admin/directory/label/",
        "/admin/annuaire/import/",
        "/admin/directory/organisation/?export=csv",
        "/admin/directory/organisation/?export=xlsx",
    ],
)
def test_editor_pages_render(client, editor, organisations, url):
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_edit_and_inspect_views_render_with_the_point_preview(client, editor, organisations):
    client.force_login(editor)
    regie = Organisation.objects.get(source_id="regie-noailles-belsunce")
    edit = client.get(f"/admin/directory/organisation/edit/{regie.pk}/").content.decode()
    for tab in ("Identité", "Activité", "Accompagnement", "Localisation", "Horaires et accessibilité", "Publication"):
        assert tab in edit
    assert "<svg" in edit and "Point de référence de l&#x27;arrondissement" in edit
    assert client.get(f"/admin/directory/organisation/inspect/{regie.pk}/").status_code == 200


def test_terms_are_ticked_not_ctrl_clicked(client, editor, organisations):
    client.force_login(editor)
    regie = Organisation.objects.get(source_id="regie-noailles-belsunce")
    html = client.get(f"/admin/directory/organisation/edit/{regie.pk}/").content.decode()
    for name in ("sectors", "labels", "project_stages", "statuses_supported", "audiences"):
        assert f'type="checkbox" name="{name}"' in html, name
        assert f'<select name="{name}"' not in html, name
    # Services are described one sheet each, not ticked: the sheets say which services it offers.
    assert 'id="id_service_sheets-TOTAL_FORMS"' in html
    assert 'type="checkbox" name="support_services"' not in html
    # The organisation's own sectors come ticked.
    sector = regie.sectors.first()
    assert f'type="checkbox" name="sectors" value="{sector.pk}"' in html
    assert re.search(rf'name="sectors" value="{sector.pk}"[^>]*checked', html)


def test_an_editor_can_add_an_organisation_even_when_the_address_service_is_down(client, editor, organisations):
    client.force_login(editor)
    response = client.post("/admin/directory/organisation/add/", admin_add_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Organisation.objects.get(name="Épicerie solidaire du Camas")
    assert created.needs_geocoding is True
    assert created.arrondissement == 5
    # Messages written for this noun, not « Le/la organisation … créé(e) ».
    messages = [str(message) for message in response.wsgi_request._messages]
    assert len(messages) == 1 and messages[0].startswith(
        "L&#x27;organisation «\u00a0Épicerie solidaire du Camas\u00a0» a été créée."
    ), messages


def test_deletion_is_refused_to_editors_and_allowed_to_moderators(client, editor, moderator, organisations):
    target = organisations.first()
    client.force_login(editor)
    response = client.post(f"/admin/directory/organisation/delete/{target.pk}/")
    assert response.status_code in (302, 403)
    assert Organisation.objects.filter(pk=target.pk).exists()
    client.force_login(moderator)
    response = client.post(f"/admin/directory/organisation/delete/{target.pk}/")
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=target.pk).exists()
    messages = [str(message) for message in response.wsgi_request._messages]
    assert escape(f"L'organisation «\u00a0{target}\u00a0» a été supprimée.") in messages[-1], messages


def test_import_from_the_admin_needs_a_confirmation(client, editor, organisations, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    upload = SimpleUploadedFile("annuaire.csv", b"nom;code_postal\nFabrique du Canet;13014\n;13001\n")
    response = client.post("/admin/annuaire/import/", {"file": upload, "file_format": "csv"})
    page = response.content.decode()
    assert "Créées\u00a0: 1" in page and "Ligne 3" in page
    assert not Organisation.objects.filter(name="Fabrique du Canet").exists()
    client.post("/admin/annuaire/import/confirmer/")
    assert Organisation.objects.filter(name="Fabrique du Canet", arrondissement=14).exists()


def test_the_import_preview_lists_each_change_and_the_report_downloads_as_csv(
    client, moderator, organisations, settings, tmp_path
):
    import csv
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    regie = Organisation.objects.get(source_id="regie-noailles-belsunce")
    client.force_login(moderator)
    content = f"identifiant,nom,horaires,adresse\n{regie.slug},{regie.name},Mo-Fr 09:00-17:00,=1+1 rue Haute\n"
    upload = SimpleUploadedFile("annuaire.csv", content.encode())
    page = client.post("/admin/annuaire/import/", {"file": upload, "file_format": "csv"}).content.decode()
    assert "horaires" in page and "Mo-Fr 09:00-17:00" in page and "→" in page
    response = client.get("/admin/annuaire/import/rapport.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    changes = {row["champ"]: (row["ancienne valeur"], row["nouvelle valeur"]) for row in rows}
    assert changes["horaires"] == (regie.opening_hours, "Mo-Fr 09:00-17:00")
    assert changes["adresse"][1] == "'=1+1 rue Haute"  # formulas neutralised in the report too

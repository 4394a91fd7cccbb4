"""Hostile descriptions (imported or saved) reach neither visitors as markup nor break the admin form."""

import json

import pytest
from django.contrib.auth.models import User

from directory.exchange.importers import import_file
from directory.models import Organisation

# (description, markup that must not reach the page)
HOSTILE = [
    ('<meta http-equiv="refresh" content="5;url=https://evil.example/">Texte', 'http-equiv="refresh"'),
    ('<form action="https://evil.example/"><input name="motdepasse"><button>Envoyer</button></form>', "motdepasse"),
    ('<a href="javascript:alert(1)">clic</a>', "javascript:"),
    ('<a href="JaVaScRiPt&colon;alert(1)">clic</a>', "alert(1)"),
    ('<svg onload="alert(1)"><circle r="5"/></svg>Dessin', "onload="),
    ('<img src="x" onerror="alert(1)">', "onerror="),
    ("<script>alert(1)</script>", "<script>alert"),
    ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
    ('<p style="position:fixed" onclick="alert(1)">Texte</p>', "onclick="),
    ("<p><strong>Balise non fermée <em>du tout", "<strong>Balise non fermée <em>du tout</p>"),
    ("Ligne 1<br>Ligne 2", "Ligne 1<br>Ligne 2</div>"),
    ("<div><p>Imbriqué</div></p></p></p>", "</p></p>"),
    ('<a href="https://exemple.org/" target="_blank" onmouseover="alert(1)">lien</a>', "onmouseover="),
]


def slug_of(index):
    return f"hostile-{index}"


@pytest.fixture
def admin_client(client, demo_site):
    client.force_login(User.objects.create_superuser("admin-rt", "admin@example.org", "x"))
    return client


def import_description(index, description):
    header = "identifiant,nom,code_postal,description\n"
    row = ",".join(
        ['"' + str(v).replace('"', '""') + '"' for v in (slug_of(index), f"Hostile {index}", "13001", description)]
    )
    report = import_file((header + row + "\n").encode())
    assert report.created == 1, [str(issue) for issue in report.issues]
    return Organisation.objects.get(slug=slug_of(index))


@pytest.mark.parametrize("index", range(len(HOSTILE)))
def test_a_hostile_imported_description_is_harmless_on_the_page_and_the_admin_opens(admin_client, index):
    description, marker = HOSTILE[index]
    organisation = import_description(index, description)
    page = admin_client.get(f"/annuaire/{organisation.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert marker not in html and "evil.example" not in html
    assert "motdepasse" not in organisation.description and "<br>" not in organisation.description
    edit = admin_client.get(f"/admin/directory/organisation/edit/{organisation.pk}/")
    assert edit.status_code == 200


def test_a_hostile_description_saved_by_code_is_cleaned_too(admin_client):
    organisation = Organisation.objects.create(name="Sauvée", postcode="13001", description=HOSTILE[0][0])
    assert "http-equiv" not in organisation.description
    assert "http-equiv" not in admin_client.get(f"/annuaire/{organisation.slug}/").content.decode()


def test_plain_text_becomes_paragraphs_and_line_breaks(demo_site):
    text = "Première ligne\nDeuxième ligne : a < b & c\n\nNouveau paragraphe"
    organisation = import_description(99, text)
    assert organisation.description == (
        "<p>Première ligne<br/>Deuxième ligne : a &lt; b &amp; c</p><p>Nouveau paragraphe</p>"
    )


def test_a_data_inclusion_description_is_text(demo_site):
    long_text = "<b>Gras</b> " + "Un accompagnement de proximité. " * 12 + "\n\nSecond paragraphe."
    record = {
        "source": "dora",
        "id": "dora--html",
        "nom": "Structure au long texte",
        "date_maj": "2024-05-02",
        "description": long_text,
        "code_postal": "13001",
        "commune": "Marseille",
    }
    import_file(json.dumps([record]).encode(), file_format="data-inclusion")
    description = Organisation.objects.get(source_id="html").description
    assert description.startswith("<p>&lt;b&gt;Gras&lt;/b&gt; Un accompagnement")
    assert description.endswith("<p>Second paragraphe.</p>")

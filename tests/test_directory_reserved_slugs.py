"""An organisation's page is /annuaire/<slug>/: a slug equal to one of the directory's fixed sub-paths
(carte/, glossaire/, proposer/, integrer/, export/...) would leave it unreachable, since those routes
are tried first. Such slugs are reserved: a new organisation gets a suffix, an editor typing one is told."""

from html import unescape

import pytest
from django.urls import get_resolver, reverse

from directory.exchange.importers import import_file
from directory.models import DirectoryPage, Organisation, StructureProposal
from directory.models.slugs import reserved_slugs
from tests.helpers.directory import admin_add_data
from tests.helpers.users import member_of

DIRECTORY = "/annuaire/"


def text(response):
    return unescape(response.content.decode())


def first_segment_under_directory(url):
    """'/annuaire/carte/points/' -> 'carte'; None for a URL outside the directory or the directory itself."""
    if not url.startswith(DIRECTORY):
        return None
    return url.removeprefix(DIRECTORY).split("/", 1)[0] or None


def directory_urls():
    """Every URL the site serves under /annuaire/ without a parameter, reversed by route name: the
    DirectoryPage's routes and the URLconf's (directory/urls.py)."""
    page = DirectoryPage(slug="annuaire")
    urls = [
        DIRECTORY + page.reverse_subpage(route.name)
        for route in DirectoryPage.get_subpage_urls()
        if not route.pattern.converters
    ]
    names = [name for name in get_resolver().namespace_dict["directory"][1].reverse_dict if isinstance(name, str)]
    urls += [reverse(f"directory:{name}") for name in names]
    return urls


def test_every_fixed_route_of_the_directory_is_reserved():
    segments = {first_segment_under_directory(url) for url in directory_urls()} - {None}
    # The URLs end in « .csv » or « .geojson » are not slugs: only slug-like first segments collide.
    segments = {segment for segment in segments if "." not in segment}
    assert {"carte", "glossaire", "proposer", "integrer", "export"} <= segments  # the walk above found them
    assert segments <= reserved_slugs()


@pytest.mark.parametrize("name", ["Carte", "Glossaire", "Proposer", "Intégrer", "Export"])
def test_an_organisation_named_like_a_route_gets_a_suffix_and_its_page_is_reachable(client, demo_site, name):
    organisation = Organisation.objects.create(name=name, postcode="13001", city="Marseille", live=True)
    base = name.lower().replace("é", "e")
    assert organisation.slug == f"{base}-2"
    page = client.get(f"/annuaire/{organisation.slug}/")
    assert page.status_code == 200 and f"<h1>{name}</h1>" in text(page)
    # The route keeps its own page: the organisation was not given its address.
    assert f"<h1>{name}</h1>" not in text(client.get(f"/annuaire/{base}/"))


@pytest.fixture
def editor(db):
    return member_of("Rédaction", "redaction")


def organisation_form(**changes):
    return admin_add_data(**{"name": "Carte blanche", "address": "", **changes})


def test_an_editor_typing_a_reserved_slug_is_told_in_french(client, editor, demo_site):
    client.force_login(editor)
    response = client.post("/admin/directory/organisation/add/", organisation_form(slug="glossaire"))
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Carte blanche").exists()
    assert (
        "L'identifiant «\u00a0glossaire\u00a0» est réservé\u00a0: /annuaire/glossaire/ est déjà une page de "
        "l'annuaire" in text(response)
    )
    assert "par exemple «\u00a0glossaire-2\u00a0»" in text(response)

    accepted = client.post("/admin/directory/organisation/add/", organisation_form(slug="glossaire-2"))
    assert accepted.status_code == 302
    assert Organisation.objects.get(name="Carte blanche").slug == "glossaire-2"


def test_an_editor_leaving_the_slug_empty_gets_a_free_one(client, editor, demo_site):
    client.force_login(editor)
    response = client.post("/admin/directory/organisation/add/", organisation_form(name="Carte", slug=""))
    assert response.status_code == 302, text(response)[:2000]
    assert Organisation.objects.get(name="Carte").slug == "carte-2"


@pytest.mark.django_db
def test_an_import_never_creates_a_reserved_slug():
    rows = (
        "identifiant,nom,type,code_postal,commune,source,id_source\n"
        ",Carte,acteur-ess,13001,Marseille,test,1\n"
        "proposer,Une association,acteur-ess,13002,Marseille,test,2\n"
    )
    report = import_file(rows.encode())
    assert report.created == 2
    assert Organisation.objects.get(source_id="1").slug == "carte-2"
    assert Organisation.objects.get(source_id="2").slug == "proposer-2"
    assert ("ligne 2", "Carte", "carte-2") in [tuple(entry) for entry in report.created_names]


def test_a_proposal_accepted_by_moderation_gets_a_free_slug(client, demo_site, smtp_server):
    moderator = member_of("Modération", "moderation")
    proposal = StructureProposal.objects.create(
        name="Intégrer", activity="Une activité décrite assez longuement.", postcode="13003", relation="usager"
    )
    client.force_login(moderator)
    form = {
        "fiche-name": "Intégrer",
        "fiche-kind": "acteur-ess",
        "fiche-short_description": "",
        "fiche-postcode": "13003",
        "fiche-city": "Marseille",
        "creer": "",
    }
    response = client.post(f"/admin/annuaire/propositions/{proposal.pk}/", form)
    assert response.status_code == 302, text(response)[:2000]
    organisation = Organisation.objects.get(name="Intégrer")
    assert organisation.slug == "integrer-2"
    client.logout()
    assert "Intégrer" in text(client.get(f"/annuaire/{organisation.slug}/"))

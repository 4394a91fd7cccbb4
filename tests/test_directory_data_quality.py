"""Data that reads well (#15): register names in capitals shown readably, acronyms explained, filières
given by editable rules from what the source knows (label, NAF code, thématiques), on import and by
`manage.py classify_directory`. The fixture is a file of SIAE-like rows as a register exports them."""

import re

import pytest
from django.http import QueryDict

from directory.exchange.importers import import_file
from directory.finder import results
from directory.models import Acronym, ClassificationRule, Organisation, Sector
from directory.names import display_name
from ess_site.typography import french
from tests.helpers.commands import run_command
from tests.helpers.directory import admin_add_data, make_organisation
from tests.helpers.users import member_of

HEADER = "nom,labels,code_naf,thematiques,code_postal,commune,source,id_source\n"
SIAE_ROWS = [
    "ASSOC ADPEI,siae-aci,88.99B,,13003,Marseille,siae-test,1\n",
    "ACTA VISTA,siae-aci,,,13002,Marseille,siae-test,2\n",
    "ENTREPRISE D'INSERTION DU LITTORAL,siae-ei,38.32Z,,13016,Marseille,siae-test,3\n",
    "INTERIM INSERTION DE L'ETOILE,siae-etti,78.20Z,,13013,Marseille,siae-test,4\n",
    "L'ESCALE AI,siae-ai,,,13001,Marseille,siae-test,5\n",
    "COUVEUSE EITI SUD,siae-eiti,,,13005,Marseille,siae-test,6\n",
    "GEIQ BTP MARSEILLE,geiq,43.99C,,13014,Marseille,siae-test,7\n",
    # Not insertion structures: a NAF code and a data·inclusion thématique say their filière.
    "Épicerie du Canet,,47.11B,,13014,Marseille,siae-test,8\n",
    "MOBILITE SOLIDAIRE,,,mobilite--preparer-un-permis,13003,Marseille,siae-test,9\n",
]
INSERTION_NAMES = {
    "Assoc. ADPEI",
    "Acta Vista",
    "Entreprise d'Insertion du Littoral",
    "Interim Insertion de l'Etoile",
    "L'Escale AI",
    "Couveuse EITI Sud",
    "GEIQ BTP Marseille",
}


def siae_file(rows=SIAE_ROWS):
    return (HEADER + "".join(rows)).encode()


def sector_slugs(name):
    return sorted(Organisation.objects.get(name=name).sectors.values_list("slug", flat=True))


def insertion_count():
    result = results.find(QueryDict(""))
    counts = {(f.param, o.value): o.count for f in result.facets for o in f.options}
    chosen = results.find(QueryDict("filiere=insertion"))
    return counts.get(("filiere", "insertion"), 0), chosen.total


# A. Names -----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("ACTA VISTA", "Acta Vista"),
        ("ASSOC ADPEI", "Assoc. ADPEI"),
        ("ASSOC. ADPEI", "Assoc. ADPEI"),
        ("ATELIER D'INSERTION DE LA VALLEE (ACI)", "Atelier d'Insertion de la Vallée (ACI)"),
        ("L'ESPOIR", "L'Espoir"),
        ("AIX-EN-PROVENCE SOLIDARITES", "Aix-en-Provence Solidarités"),
        ("UNION DES SCOP ET SCIC A MARSEILLE", "Union des SCOP et SCIC à Marseille"),
        ("CCFD TERRE SOLIDAIRE", "CCFD Terre Solidaire"),  # no vowel: an acronym
        ("LA FABRIQUE II", "La Fabrique II"),
        ("ECONOMIE SOCIALE ET SOLIDAIRE (ESS) PACA", "Économie Sociale et Solidaire (ESS) PACA"),
        # Mixed case is someone's choice: never touched.
        ("Acta Vista", "Acta Vista"),
        ("la Friche", "la Friche"),
        ("URSCOP", "URSCOP"),
    ],
)
def test_names_in_capitals_read_as_french_and_keep_acronyms(raw, shown):
    assert display_name(raw) == shown


@pytest.mark.django_db
def test_editors_extend_the_spellings_kept_as_written():
    assert display_name("ASSOC PLANETE SCIENCES") == "Assoc. Planete Sciences"
    Acronym.objects.create(term="Planète")
    Acronym.objects.create(term="ScienceS")  # the editor's spelling wins, whatever it is
    assert display_name("ASSOC PLANETE SCIENCES") == "Assoc. Planète ScienceS"


@pytest.mark.django_db
def test_import_shows_readable_names_keeps_the_raw_one_and_stays_idempotent():
    first = import_file(siae_file())
    assert (first.created, first.skipped) == (9, 0), first.issues
    adpei = Organisation.objects.get(source_id="1")
    assert (adpei.name, adpei.raw_name) == ("Assoc. ADPEI", "ASSOC ADPEI")
    assert adpei.slug == "assoc-adpei"
    canet = Organisation.objects.get(source_id="8")
    assert (canet.name, canet.raw_name) == ("Épicerie du Canet", "")
    # The finder's folded search finds it by the words of either form.
    assert [o.name for o in results.find(QueryDict("q=adpei")).results] == ["Assoc. ADPEI"]

    second = import_file(siae_file())
    assert (second.created, second.updated, second.unchanged) == (0, 0, 9)
    assert Organisation.objects.count() == 9


@pytest.mark.django_db
def test_a_name_typed_in_capitals_in_the_admin_gets_its_display_form(client, demo_site):
    client.force_login(member_of("Modération", "moderation"))
    data = admin_add_data(
        **{
            "name": "ATELIER DU PANIER",
            "legal_form": "",
            "address": "",
            "postcode": "13002",
            "action-publish": "publish",
        }
    )
    assert client.post("/admin/directory/organisation/add/", data).status_code == 302
    created = Organisation.objects.get(raw_name="ATELIER DU PANIER")
    assert created.name == "Atelier du Panier"
    edit_url = f"/admin/directory/organisation/edit/{created.pk}/"
    page = client.get(edit_url).content.decode()
    assert "Nom dans la source" in page and "ATELIER DU PANIER" in page
    # An editor's own mixed-case spelling stands.
    data.update(name="atelier DU panier", slug=created.slug)
    client.post(edit_url, data)
    created.refresh_from_db()
    assert created.name == "atelier DU panier"


# B. Acronyms explained ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_organisation_page_explains_acronyms_and_links_the_glossary(client, demo_site):
    import_file(siae_file())
    acta = Organisation.objects.get(source_id="2")
    html = client.get(f"/annuaire/{acta.slug}/").content.decode()
    assert '<abbr title="atelier et chantier d&#x27;insertion">ACI</abbr>' in html
    assert '<abbr title="structure d&#x27;insertion par l&#x27;activité économique">SIAE</abbr>' in html
    assert 'href="/annuaire/glossaire/"' in html

    glossary = client.get("/annuaire/glossaire/").content.decode()
    entries = dict(re.findall(r'<dt id="([^"]+)"><abbr title="[^"]*">([^<]+)</abbr></dt>', glossary))
    assert {
        "sigle-aci": "ACI",
        "sigle-etti": "ETTI",
        "sigle-geiq": "GEIQ",
        "sigle-scop": "SCOP",
    }.items() <= entries.items()
    assert "Atelier et chantier d&#x27;insertion" in glossary
    assert "ADPEI" not in entries.values()  # a spelling without an expansion is not a glossary entry

    # Editors add an entry: the page and the glossary say it at once.
    entry = Acronym.objects.get(term="ADPEI")
    entry.expansion = "exemple de développé ajouté par la rédaction"
    entry.save()
    adpei = Organisation.objects.get(source_id="1")
    page = client.get(f"/annuaire/{adpei.slug}/").content.decode()
    assert '<abbr title="exemple de développé ajouté par la rédaction">ADPEI</abbr>' in page
    assert 'id="sigle-adpei"' in client.get("/annuaire/glossaire/").content.decode()


# C. Filière rules --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_gives_filieres_from_labels_naf_codes_and_thematiques(demo_site):
    demo_count, demo_total = insertion_count()
    assert demo_count == demo_total
    import_file(siae_file())
    count, total = insertion_count()
    assert count == total == demo_count + len(INSERTION_NAMES)
    assert {o.name for o in results.find(QueryDict("filiere=insertion")).results} >= INSERTION_NAMES
    assert sector_slugs("Assoc. ADPEI") == ["action-sociale", "insertion"]  # label + NAF 88
    assert sector_slugs("Entreprise d'Insertion du Littoral") == ["economie-circulaire-reemploi", "insertion"]
    assert sector_slugs("Épicerie du Canet") == ["alimentation"]  # NAF 47.11
    assert sector_slugs("Mobilite Solidaire") == ["mobilite"]  # thématique mobilite--…


@pytest.mark.django_db
def test_classify_directory_adds_filieres_keeps_editors_choices_and_is_idempotent():
    import_file(siae_file())
    # Rows from before the rules (or a rule editors add later): the command catches up.
    acta = Organisation.objects.get(source_id="2")
    acta.sectors.clear()
    acta.save()  # parental many-to-many fields are written on save
    hand = make_organisation("CHANTIER DU VIEUX-PORT", "13002", sectors=["maritime"], labels=["siae-aci"])
    rule = ClassificationRule(criterion="naf", value="78.20", sector=Sector.objects.get(slug="insertion"))
    rule.full_clean()
    rule.save()
    assert rule.value == "7820"
    ClassificationRule.objects.create(
        criterion="naf", value="7820", sector=Sector.objects.get(slug="cadre-de-vie"), note="test"
    )

    dry = run_command("classify_directory", "--dry-run")
    assert "Simulation" in dry
    assert french("« Acta Vista » : + Insertion par l'activité économique") in dry
    assert (
        french("« CHANTIER DU VIEUX-PORT » : + Insertion par l'activité économique, nom → « Chantier du Vieux-Port »")
        in dry
    )
    assert sector_slugs("Acta Vista") == []  # nothing written

    out = run_command("classify_directory")
    assert "Organisations examinées\u00a0: 10" in out
    assert "filières ajoutées ou changées\u00a0: 3" in out  # Acta Vista, the hand-made one, the ETTI
    assert "noms mis en forme\u00a0: 1" in out
    hand.refresh_from_db()
    assert (hand.name, hand.raw_name) == ("Chantier du Vieux-Port", "CHANTIER DU VIEUX-PORT")
    assert sector_slugs("Chantier du Vieux-Port") == ["insertion", "maritime"]  # the editor's filière stays
    assert sector_slugs("Interim Insertion de l'Etoile") == ["cadre-de-vie", "insertion"]
    assert hand.revisions.count() == 1 and hand.live and not hand.has_unpublished_changes

    again = run_command("classify_directory")
    assert "filières ajoutées ou changées\u00a0: 0" in again and "noms mis en forme\u00a0: 0" in again

    # Asked explicitly, the rules replace: the hand-set « maritime » goes.
    run_command("classify_directory", "--remplacer")
    assert sector_slugs("Chantier du Vieux-Port") == ["insertion"]


@pytest.mark.django_db
def test_classify_directory_carries_the_change_into_a_pending_draft(demo_site):
    moderation = member_of("Modération", "moderation")
    regie = make_organisation("Régie du Panier", "13002", labels=["regies-de-quartier"])
    regie.save_revision(user=moderation).publish(user=moderation)
    regie.short_description = "Nouvelle présentation en attente."
    regie.save_revision(user=moderation)  # a draft waits for "Modération"
    regie.refresh_from_db()
    assert regie.has_unpublished_changes

    out = run_command("classify_directory")
    assert "brouillons mis à jour pour la modération\u00a0: 1" in out
    regie.refresh_from_db()
    assert sector_slugs("Régie du Panier") == ["cadre-de-vie"]  # the live row
    assert regie.short_description == ""  # the draft is still a draft
    draft = regie.get_latest_revision_as_object()
    assert [s.slug for s in draft.sectors.all()] == ["cadre-de-vie"]
    assert draft.short_description == "Nouvelle présentation en attente."
    regie.get_latest_revision().publish(user=moderation)
    assert sector_slugs("Régie du Panier") == ["cadre-de-vie"]


@pytest.mark.django_db
def test_rules_are_checked_when_editors_write_them():
    insertion = Sector.objects.get(slug="insertion")
    for criterion, value in [("naf", "8"), ("naf", "abc"), ("label", "inconnu")]:
        with pytest.raises(Exception, match="valeur|value"):
            ClassificationRule(criterion=criterion, value=value, sector=insertion).full_clean()


@pytest.mark.django_db
def test_the_glossary_and_an_explained_page_have_bounded_queries(client, demo_site, django_assert_max_num_queries):
    import_file(siae_file())
    acta = Organisation.objects.get(source_id="2")
    client.get("/annuaire/glossaire/")
    with django_assert_max_num_queries(12):
        assert client.get("/annuaire/glossaire/").status_code == 200
    client.get(f"/annuaire/{acta.slug}/")
    with django_assert_max_num_queries(30):
        assert client.get(f"/annuaire/{acta.slug}/").status_code == 200

"""The words people type, in the finder and the site search, on the configured database (SQLite by
default, PostgreSQL with DATABASE_URL): the editors' synonyms work both ways, French stop words are
dropped, plurals, hyphens, apostrophes and accents make no difference, words match at their start."""

import re
from html import unescape

import pytest

from directory import synonyms
from directory.finder.vocabulary import forget_vocabulary
from directory.models import Kind, Organisation, SynonymGroup
from tests.helpers.directory import make_organisation

# Pairs from the seeded vocabulary (directory/migrations/0011_seed_synonym_groups.py).
SYNONYM_PAIRS = [
    ("recyclerie", "ressourcerie"),
    ("ressourcerie", "réemploi"),
    ("réemploi", "friperie"),
    ("épicerie solidaire", "épicerie sociale"),
    ("tiers-lieu", "tiers lieux"),
    ("SCOP", "société coopérative"),
    ("coopérative", "SCOP"),
    ("SIAE", "insertion"),
]


def names(response):
    html = response.content.decode()
    return [unescape(name) for name in re.findall(r'<h3 class="org-card__title"><a href="[^"]+">([^<]+)</a>', html)]


def text(response):
    return unescape(response.content.decode()).replace("\u00a0", " ")


@pytest.fixture
def words_directory(orgs):
    """The finder's organisations plus a few written the other way (an imported SIAE in capitals,
    a "ressourcerie", an "épicerie sociale", a "tiers lieu" without hyphen)."""
    extra = {
        "ressourcerie": make_organisation(
            "Ressourcerie de la Vallée", "13011", short_description="Collecte, tri et revente d'objets."
        ),
        "friperie": make_organisation("Friperie du Cours", "13006", short_description="Vêtements de seconde main."),
        "epicerie_sociale": make_organisation(
            "Épicerie sociale des Crottes", "13015", short_description="Une épicerie sociale de quartier."
        ),
        "tiers_lieu": make_organisation(
            "Les Ateliers du Port", "13002", kind=Kind.THIRD_PLACE, short_description="Un tiers lieu de fabrication."
        ),
        "presscode": make_organisation("PRESSCODE", "13005", short_description="Imprimerie."),
        "siae": make_organisation(
            "ASSOC TREMPLIN EMPLOI", "13003", short_description="Structure conventionnée.", labels=["siae-ai"]
        ),
    }
    forget_vocabulary()
    return {**orgs, **extra}


def finder(client, query, **params):
    return names(client.get("/annuaire/", {"q": query, **params}))


@pytest.mark.parametrize("one, other", SYNONYM_PAIRS)
def test_each_synonym_pair_finds_the_same_organisations_both_ways(client, words_directory, one, other):
    found = finder(client, one)
    assert found, f"« {one} » finds nothing"
    assert sorted(found) == sorted(finder(client, other))


def test_a_synonym_finds_what_the_word_alone_would_miss(client, words_directory):
    assert "Ressourcerie de la Vallée" in finder(client, "recyclerie")
    assert "Recyclerie des Arnavaux" in finder(client, "ressourcerie")
    assert "Épicerie sociale des Crottes" in finder(client, "épicerie solidaire")
    assert "Les Ateliers du Port" in finder(client, "tiers-lieux")
    assert "ASSOC TREMPLIN EMPLOI" in finder(client, "insertion")  # through its label "SIAE : …"


@pytest.mark.parametrize("variant", ["épiceries", "EPICERIE", "l'épicerie", "l’Épicerie", "epiceries sociales"])
def test_plurals_accents_case_and_apostrophes_make_no_difference(client, words_directory, variant):
    assert "Épicerie sociale des Crottes" in finder(client, variant)


def test_a_hyphen_makes_no_difference(client, words_directory):
    assert sorted(finder(client, "tiers-lieu")) == sorted(finder(client, "tiers lieu"))
    assert "La Friche Ouverte" in finder(client, "tiers lieu")


def test_words_match_at_their_start_not_inside_other_words(client, words_directory):
    assert "PRESSCODE" not in finder(client, "code")
    assert finder(client, "press") == ["PRESSCODE"]


def test_french_stop_words_are_dropped(client, words_directory):
    assert finder(client, "trouver un emploi") == finder(client, "emploi")
    assert "ASSOC TREMPLIN EMPLOI" in finder(client, "trouver un emploi")
    assert finder(client, "une épicerie pour les habitants") != []


def test_all_words_first_then_any_of_them_announced(client, words_directory):
    assert finder(client, "vélo merlan") == ["Atelier vélo du Merlan"]  # all words: no announcement
    assert "au moins un" not in text(client.get("/annuaire/", {"q": "vélo merlan"}))
    response = client.get("/annuaire/", {"q": "vélo friperie"})
    assert set(names(response)) == {
        "Atelier vélo du Merlan",
        "Friperie du Cours",
        "Recyclerie des Arnavaux",
        "Ressourcerie de la Vallée",
    } | ({"Recyclerie des Arnavaux"})
    assert "Aucune organisation ne correspond à tous vos mots : voici celles qui correspondent à au moins un." in text(
        response
    )


def test_labels_kinds_and_legal_forms_are_searched(client, words_directory):
    assert finder(client, "ACI") == ["Chantier d'insertion Nord Littoral"]  # label "SIAE : … (ACI)"
    assert "La Friche Ouverte" in finder(client, "SCIC")  # legal form
    assert "Incubateur Solidaire Centre" in finder(client, "accompagnement")  # kind "Structure d'accompagnement"


def test_editors_change_the_vocabulary_and_the_finder_follows(client, words_directory):
    assert "Atelier vélo du Merlan" not in finder(client, "mécanique")
    SynonymGroup.objects.create(terms="mécanique, réparation")
    assert "Atelier vélo du Merlan" in finder(client, "mécanique")  # "réparation de vélos"
    assert "Atelier vélo du Merlan" in finder(client, "mecaniques")


def test_zero_results_suggest_what_to_try(client, words_directory):
    page = text(client.get("/annuaire/", {"q": "xylophone"}))
    assert "Aucune organisation ne correspond à votre recherche." in page
    assert 'href="/etre-accompagne/"' in page  # the matcher
    assert 'href="?filiere=insertion"' in page  # the filières


def test_a_typo_gets_the_closest_known_word(client, words_directory):
    # The search itself is corrected (tests/test_search_typos.py); the words stay offered.
    assert synonyms.closest_terms("insertoin", ["Insertion"])[0] == "insertion"


def test_the_vocabulary_reads_stems_and_phrases():
    index = synonyms._index_of(("recyclerie, ressourcerie", "SCOP, société coopérative"))
    assert synonyms.concepts("Recycleries", index) == [[("recycleri",), ("ressourceri",)]]
    assert synonyms.concepts("une société coopérative", index) == [[("scop",), ("societ", "cooperativ")]]
    assert synonyms.expanded_queries("recyclerie Noailles", index) == ["ressourcerie noailles"]
    assert synonyms.concepts("de la et pour", index) == []


def test_the_other_number_of_a_word_for_the_database_search():
    assert synonyms.number_forms("Lieux") == ["lieux", "lieu"]
    assert synonyms.number_forms("jeu") == ["jeu", "jeux", "jeus"]
    assert synonyms.number_forms("réseau") == ["réseau", "réseaux", "réseaus"]
    assert synonyms.number_forms("emplois") == ["emplois", "emploi"]
    assert synonyms.number_forms("vélo") == ["vélo", "vélos"]
    # A stop word, dropped by the backends, must not come back as a required word (« plus » -> « plu »).
    assert synonyms.number_forms("plus") == ["plus"]
    assert synonyms.number_forms("13003") == ["13003"] and synonyms.number_forms("insertion") == ["insertion"]


# The site search ----------------------------------------------------------------------------------


def site_search_organisations(client, query):
    response = client.get("/recherche/", {"q": query, "type": "organisations"})
    assert response.status_code == 200
    return sorted(hit.title for hit in response.context.get("hits") or [])


@pytest.mark.parametrize("one, other", [("recyclerie", "ressourcerie"), ("épicerie solidaire", "épicerie sociale")])
def test_the_site_search_uses_the_same_synonyms_both_ways(client, words_directory, one, other):
    found = site_search_organisations(client, one)
    assert found and found == site_search_organisations(client, other)


def test_the_site_search_finds_scop_for_société_coopérative(client, words_directory):
    Organisation.objects.filter(pk=words_directory["juridique"].pk).update(short_description="Une SCOP de conseil.")
    words_directory["juridique"].refresh_from_db()
    words_directory["juridique"].save()
    assert "Conseil Coop Nord" in site_search_organisations(client, "société coopérative")


def test_the_rédaction_edits_the_vocabulary_in_the_admin(client, words_directory):
    from django.contrib.auth.models import Group, User

    editor = User.objects.create_user("redactrice", password="x-Long-Passw0rd")
    editor.groups.add(Group.objects.get(name="Rédaction"))
    client.force_login(editor)
    menu = client.get("/admin/").content.decode()
    assert "Synonymes de recherche" in menu
    listing = unescape(client.get("/admin/snippets/directory/synonymgroup/").content.decode())
    assert "recyclerie, ressourcerie, réemploi, fripe, friperie" in listing
    response = client.post("/admin/snippets/directory/synonymgroup/add/", {"terms": "vélo, cycle", "note": ""})
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms="vélo, cycle").exists()

"""Typo tolerance (issue 15): a search that found nothing is tried again with its words corrected
against the site's vocabulary (pg_trgm on PostgreSQL, a bounded edit distance elsewhere), announced;
the site search also asks the backend's own fuzziness (engines, pg_trgm) when no word is corrected.
And the searches that still find nothing reach the editors' dashboard."""

import os
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from directory import spelling
from search import querylog
from search.backends import search_backends_from_env
from search.models import UnansweredSearch
from tests import test_directory_words as words
from tests.helpers.directory import make_organisation
from tests.test_directory_words import finder, site_search_organisations, text

words_directory = words.words_directory  # the same organisations as the synonyms' tests

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}
TYPOS = [("insertoin", "insertion"), ("resourcerie", "ressourcerie"), ("coperative", "coopérative")]


@pytest.mark.parametrize("typed, right", TYPOS)
def test_the_finder_finds_what_the_right_spelling_finds_and_says_so(client, words_directory, typed, right):
    expected = finder(client, right)
    assert expected
    assert finder(client, typed) == expected
    page = text(client.get("/annuaire/", {"q": typed}))
    assert f"Aucune organisation pour « {typed} » : résultats pour « {right} »." in page


def engine_configured():
    return search_backends_from_env(os.environ)["default"]["BACKEND"] != "search.engines.database"


@pytest.mark.parametrize("typed, right", TYPOS)
def test_the_site_search_finds_what_the_right_spelling_finds_and_says_so(client, words_directory, typed, right):
    expected = site_search_organisations(client, right)
    assert expected
    found = site_search_organisations(client, typed)
    page = text(client.get("/recherche/", {"q": typed}))
    if engine_configured() and "Aucun résultat" not in page:
        # The engines' light_french stemmer folds doubled letters ("resourcerie", "coperative" give
        # the stems of the right spellings): found directly, without the synonyms of the right word.
        assert found and set(found) <= set(expected)
        return
    assert found == expected
    assert f"Aucun résultat pour « {typed} »." in page and f"pour « {right} »" in page


def test_suggestions_forgive_a_typo(client, words_directory):
    payload = client.get("/recherche/suggestions/", {"q": "resourcerie"}).json()
    assert "Ressourcerie de la Vallée" in [result["title"] for result in payload["results"]]
    if not engine_configured():  # the engines' stemmer finds it without a correction
        assert payload["corrected"] == "ressourcerie"


def test_known_words_short_words_and_numbers_are_left_alone(words_directory):
    assert spelling.corrected("insertion") == ""
    assert spelling.corrected("épiceries") == ""  # a plural of a known word is not a typo
    assert spelling.corrected("ESS 13003") == ""
    assert spelling.corrected("xylophone") == ""  # nothing close: no made-up correction
    assert spelling.corrected("chantier d'insertoin") == ""  # apostrophes: the word is kept whole


def test_the_edit_distance_is_bounded():
    assert spelling.edit_distance("insertoin", "insertion", 2) == 1  # two letters swapped
    assert spelling.edit_distance("coperative", "cooperative", 2) == 1
    assert spelling.edit_distance("emploi", "empire", 2) == 3  # beyond the bound: bound + 1
    assert spelling.closest_by_distance("velo", ["velours", "velos", "vol"]) == "velos"  # 4 letters: 1 edit


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram similarity: PostgreSQL only")
def test_postgresql_ranks_candidates_by_trigram_similarity(words_directory):
    assert spelling._has_trigrams(connection.alias), "pg_trgm missing: directory/migrations/0013 did not create it"
    assert spelling.closest_by_trigrams("insertoin", ["insertion", "inscription", "assertion"]) == "insertion"
    # Close in trigrams, 3 edits away: a word the vocabulary lacks, not a typo (as on SQLite).
    assert spelling.closest_by_trigrams("colecte", ["collectif"]) is None


def test_the_backend_fuzziness_finds_words_outside_the_vocabulary(client, words_directory):
    """ "Colecte" is in a description only (not a name, label or synonym): only the engines'
    fuzziness or pg_trgm can find it; SQLite has neither and says nothing was found."""
    page = text(client.get("/recherche/", {"q": "colecte"}))
    if engine_configured():  # fuzziness, or the stemmer folding the doubled « l »: found either way
        assert "Ressourcerie de la Vallée" in page and "Aucun résultat pour" not in page
    elif connection.vendor == "postgresql":
        assert "Aucun résultat exact pour « colecte »" in page and "Ressourcerie de la Vallée" in page
    else:
        assert "Aucun résultat pour « colecte »." in page


# Zero-result searches on the editors' dashboard -------------------------------------------------


def test_searches_that_found_nothing_reach_the_rédaction_dashboard(client, words_directory, django_user_model):
    for number, query in enumerate(["xylophone", "xylophone", "Zanzibar"]):
        client.get("/recherche/", {"q": query}, REMOTE_ADDR=f"203.0.113.{number + 1}", **BROWSER)
    client.get("/annuaire/", {"q": "xylophone"}, REMOTE_ADDR="203.0.113.9", **BROWSER)
    client.get("/recherche/", {"q": "insertion"}, REMOTE_ADDR="203.0.113.9", **BROWSER)  # found: not listed
    client.get("/annuaire/", {"q": "insertoin"}, REMOTE_ADDR="203.0.113.9", **BROWSER)  # corrected: found
    querylog.flush()
    rows = {(row.query_string, row.place): row.hits for row in UnansweredSearch.objects.all()}
    assert rows == {("xylophone", "recherche"): 2, ("zanzibar", "recherche"): 1, ("xylophone", "annuaire"): 1}

    editor = django_user_model.objects.create_user("redactrice", password="x-Long-Passw0rd")
    editor.groups.add(Group.objects.get(name="Rédaction"))
    client.force_login(editor)
    html = text(client.get("/admin/"))
    assert "Recherches sans résultat (30 derniers jours)" in html
    table = html[html.index("Recherches sans résultat (30") :]
    assert table.index("<td>xylophone</td>\n        <td>Recherche du site</td>\n        <td>2</td>") < table.index(
        "<td>zanzibar</td>"
    )
    assert "<td>xylophone</td>\n        <td>Annuaire</td>\n        <td>1</td>" in table
    add = client.get("/admin/snippets/directory/synonymgroup/add/", {"terms": "xylophone"})
    assert add.status_code == 200 and "xylophone, </textarea>" in add.content.decode()


def test_old_unanswered_searches_and_other_users_see_nothing(client, words_directory, django_user_model):
    from datetime import timedelta

    from django.utils import timezone

    UnansweredSearch.objects.create(
        query_string="ancienne", place="recherche", date=timezone.localdate() - timedelta(days=31), hits=9
    )
    editor = django_user_model.objects.create_user("redactrice", password="x-Long-Passw0rd")
    editor.groups.add(Group.objects.get(name="Rédaction"))
    client.force_login(editor)
    html = text(client.get("/admin/"))
    assert "Aucune recherche sans résultat ces 30 derniers jours." in html and "ancienne" not in html
    client.force_login(django_user_model.objects.create_user("sans-groupe", password="x-Long-Passw0rd"))
    assert "Recherches sans résultat" not in text(client.get("/admin/"))


# Plurals and word starts in the site search, SQLite included -------------------------------------


@pytest.mark.parametrize(
    "one, other",
    [("coopérative", "coopératives"), ("Épicerie", "épiceries"), ("recyclerie", "recycleries"), ("vélos", "vélo")],
)
def test_singular_and_plural_find_the_same_in_the_site_search(client, words_directory, one, other):
    found = site_search_organisations(client, one)
    assert found and found == site_search_organisations(client, other)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's stems as prefixes (PostgreSQL and engines stem)")
def test_the_last_word_of_a_site_search_matches_as_a_prefix_on_sqlite(client, words_directory):
    assert "Recyclerie des Arnavaux" in site_search_organisations(client, "recycl")
    assert "Coopérative L'Épicerie du Canet" in site_search_organisations(client, "épicerie coop")


# Plurals in -x: found by the exact search, without a typo announcement ------------------------------

X_PLURALS = [("lieu", "lieux"), ("réseau", "réseaux"), ("bureau", "bureaux"), ("jeu", "jeux")]
# The same stemmer keeps an -s after o, u, oi: « emplois », « vélos », « pneus ».
S_PLURALS = [("emploi", "emplois"), ("vélo", "vélos"), ("pneu", "pneus")]


def site_search_summary(response):
    return re.search(r'<p role="status" class="search-summary">(.*?)</p>', text(response), re.S).group(1)


@pytest.mark.parametrize(
    "typed, written", [pair for one, other in X_PLURALS + S_PLURALS for pair in ((one, other), (other, one))]
)
def test_a_plural_in_x_and_its_singular_find_each_other(client, words_directory, typed, written):
    """PostgreSQL's French stemmer keeps « lieux », « jeux », « emplois » as they are (« réseaux »
    becomes « réseau »); SQLite searches « jeu », a 3-letter word, exactly: neither may find nothing."""
    make_organisation("Collectif Zéphyr", "13004", short_description=f"Un {written} ouvert à tous.")
    response = client.get("/recherche/", {"q": typed, "type": "organisations"})
    assert "Collectif Zéphyr" in [hit.title for hit in response.context.get("hits") or []]
    summary = site_search_summary(response)
    assert "Aucun résultat" not in summary and f"pour « {typed} »" in summary


def test_tiers_lieu_finds_the_roadmap_that_writes_tiers_lieux(client, demo_site):
    response = client.get("/recherche/", {"q": "tiers-lieu"})
    titles = [hit.title for group in response.context["groups"] for hit in group.get("hits", [])]
    assert "Feuille de route ESS 2023-2030" in titles
    summary = site_search_summary(response)
    assert "Aucun résultat" not in summary and "pour « tiers-lieu »" in summary

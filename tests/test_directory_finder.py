"""The public finder at /annuaire/: search, near me, facets, sort, pagination, bad input, the map."""

import datetime
import json
import re
import zoneinfo
from html import unescape

import pytest
from django.core.cache import cache
from django.http import QueryDict

from directory.finder import facets, results, sorting, vocabulary
from directory.models import DirectoryPage, Organisation
from tests.helpers.commands import run_command
from tests.helpers.directory import make_organisation

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
TUESDAY_10H = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)


def names(response):
    """Result names in page order, read from the result cards' headings."""
    html = response.content.decode()
    return [unescape(name) for name in re.findall(r'<h3 class="org-card__title"><a href="[^"]+">([^<]+)</a>', html)]


def text(response):
    return unescape(response.content.decode()).replace("\u00a0", " ")


# Near me -----------------------------------------------------------------------------------------


def test_a_visitor_at_the_13014_point_gets_13014_organisations_first(client, orgs):
    response = client.get("/annuaire/", {"pres-de": "13014", "rayon": "20"})
    assert response.status_code == 200
    found = names(response)
    assert found[:3] == [
        "Coopérative L'Épicerie du Canet",
        "Recyclerie des Arnavaux",
        "Conseil Coop Nord",
    ]
    assert len(found) == Organisation.objects.public().count() - _outside(20)
    # 13014 is a reference point, not the visitor's door: no false precision ("à 120 m").
    page = text(response)
    assert "dans le 14e arrondissement" in page and "à 120 m" not in page


def _outside(radius_km):
    import geography as geo

    origin = geo.postcode_reference_point("13014")
    return sum(
        1
        for o in Organisation.objects.public().located()
        if geo.distance_m(*origin, o.latitude, o.longitude) > radius_km * 1000
    )


def test_coordinates_sort_by_distance_and_the_radius_excludes_what_is_further(client, orgs):
    lat, lon = orgs["velo"].latitude, orgs["velo"].longitude
    response = client.get("/annuaire/", {"lat": f"{lat}", "lon": f"{lon}", "rayon": "1"})
    assert names(response) == ["Atelier vélo du Merlan"]
    wider = names(client.get("/annuaire/", {"lat": f"{lat}", "lon": f"{lon}", "rayon": "5"}))
    assert wider[0] == "Atelier vélo du Merlan" and len(wider) > 1


def test_distances_are_written_in_french(client, orgs):
    lat, lon = orgs["incubateur"].latitude, orgs["incubateur"].longitude
    page = text(client.get("/annuaire/", {"lat": f"{lat + 0.002}", "lon": f"{lon}", "rayon": "10"}))
    assert "à 220 m" in page, "metres between two precise points"
    assert re.search(r"à \d+,\d km", page), "kilometres with a decimal comma"


def test_a_distance_from_a_reference_point_is_never_shown_to_the_metre(client, orgs):
    # The incubator sits exactly on the 13001 reference point: "à 0 m" would be false precision.
    page = text(client.get("/annuaire/", {"pres-de": "13001", "rayon": "10"}))
    assert "à 0 m" not in page and not re.search(r"à \d+ m\b", page)
    assert "dans le 1er arrondissement" in page
    assert re.search(r"à environ \d+ km", page), "further organisations: whole kilometres, approximate"


def test_an_organisation_placed_on_its_postcode_point_is_approximate_from_a_precise_position(client, orgs):
    orgs["velo"].location_source = "code-postal"
    orgs["velo"].save()
    lat, lon = orgs["velo"].latitude, orgs["velo"].longitude
    page = text(client.get("/annuaire/", {"lat": f"{lat + 0.0005}", "lon": f"{lon}", "rayon": "5"}))
    assert "dans le 13e arrondissement" in page and "à 60 m" not in page


def test_a_place_sorts_by_distance_even_when_the_form_sent_its_default_sort(client, orgs):
    # The sort menu of a search without a place shows "Nom" and must not send it as a choice.
    html = client.get("/annuaire/").content.decode()
    assert re.search(r'<option value=""[^>]* selected>Nom</option>', html)
    found = names(client.get("/annuaire/", {"pres-de": "13014", "rayon": "20", "tri": ""}))
    assert found[:2] == ["Coopérative L'Épicerie du Canet", "Recyclerie des Arnavaux"]
    # A sort the visitor chose is kept, and sent again by the form.
    response = client.get("/annuaire/", {"pres-de": "13014", "rayon": "20", "tri": "nom"})
    assert names(response) == sorted(names(response), key=lambda n: vocabulary_fold(n))
    assert '<option value="nom" selected>Nom</option>' in response.content.decode()


def vocabulary_fold(name):
    from directory.models.search_text import fold

    return fold(name)


def test_a_five_digit_query_is_a_postcode_meaning_near_it(client, orgs):
    response = client.get("/annuaire/", {"q": "13014", "rayon": "20"})
    found = names(response)
    assert found[:3] == ["Coopérative L'Épicerie du Canet", "Recyclerie des Arnavaux", "Conseil Coop Nord"]
    page = text(response)
    assert "« 13014 » est un code postal" in page
    assert 'id="finder-near" type="text" name="pres-de" value="13014"' in page  # the form now says so
    assert "Près de : 13014" in page  # the removable criterion, which also drops q
    assert re.search(r'href="\?"[^>]*>Près de : 13014', page)


def test_words_and_a_marseille_postcode_are_the_words_near_that_postcode(client, orgs):
    make_organisation("Régie insertion du Centre", "13001", short_description="Entreprise d'insertion.")
    make_organisation("Jardin partagé des Crottes", "13015", short_description="Jardin de quartier.")

    response = client.get("/annuaire/", {"q": "insertion 13015", "rayon": "3"})

    # The insertion structure near 13015; not the one in the centre, not the garden without the word.
    assert names(response) == ["Chantier d'insertion Nord Littoral"]
    page = text(response)
    assert "« 13015 » est un code postal : voici les organisations près de 13015" in page
    assert 'id="finder-near" type="text" name="pres-de" value="13015"' in page
    assert 'id="finder-q" type="search" name="q" value="insertion"' in page
    # Each removable criterion takes away its own part of what was typed.
    assert re.search(r'href="\?rayon=3&q=13015"[^>]*>Recherche : « insertion »', page)
    assert re.search(r'href="\?q=insertion"[^>]*>Près de : 13015', page)


def test_a_five_digit_query_outside_marseille_filters_on_that_postcode(client, orgs):
    outside = make_organisation("Régie de quartier d'Aubagne", "13001")
    Organisation.objects.filter(pk=outside.pk).update(postcode="13400", city="Aubagne", arrondissement=None)
    found = names(client.get("/annuaire/", {"q": "13400"}))
    assert found == ["Régie de quartier d'Aubagne"]


def test_an_address_falls_back_to_its_postcode_when_the_address_service_is_down(client, orgs):
    # Test settings point the address service at a closed port.
    response = client.get("/annuaire/", {"pres-de": "12 boulevard du Canet 13014 Marseille", "rayon": "2"})
    assert response.status_code == 200
    assert names(response)[0] == "Coopérative L'Épicerie du Canet"


def test_an_unknown_place_says_so_and_does_not_pretend_the_list_is_filtered(client, orgs):
    response = client.get("/annuaire/", {"pres-de": "Atlantide", "rayon": "1"})
    assert response.status_code == 200
    page = text(response)
    assert "Lieu introuvable : « Atlantide »" in page
    total = Organisation.objects.public().count()
    assert f"Lieu non reconnu, le critère « Près de » n'est pas appliqué : {total} organisations trouvées." in page
    assert "Près de : Atlantide" not in page  # no removable "near" criterion: none is applied
    assert not re.search(r"à (environ )?\d+(,\d)? k?m", page)  # no distances
    assert len(names(response)) == Organisation.objects.public().count()


# Text search -------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["cooperative", "COOPÉRATIVE", "coop", "épicerie du canet", "EPICERIE"])
def test_search_ignores_accents_and_case_and_finds_partial_words(client, orgs, query):
    found = names(client.get("/annuaire/", {"q": query}))
    assert "Coopérative L'Épicerie du Canet" in found


def test_every_word_must_match_somewhere(client, orgs):
    assert names(client.get("/annuaire/", {"q": "coop nord"})) == ["Conseil Coop Nord"]
    assert names(client.get("/annuaire/", {"q": "reemploi arnavaux"})) == ["Recyclerie des Arnavaux"]


def test_search_reaches_sector_and_service_labels(client, orgs):
    # "Mobilité" is only the sector's label, nowhere in the organisation's own texts.
    assert names(client.get("/annuaire/", {"q": "mobilite"})) == ["Atelier vélo du Merlan"]
    found = names(client.get("/annuaire/", {"q": "financement"}))
    assert set(found) >= {"Incubateur Solidaire Centre", "Fonds Solidaire Provence", "Conseil Coop Nord"}


def test_a_word_starts_after_any_punctuation_and_never_inside_a_word(client, orgs):
    make_organisation(
        "Collectif «Friche»/Atelier (Réemploi)",
        "13003",
        short_description="Ateliers:réparation;vente!dons?prêt « tri » – collecte",
    )
    for word in ["friche", "atelier", "reemploi", "reparation", "vente", "dons", "pret", "tri", "collecte"]:
        assert "Collectif «Friche»/Atelier (Réemploi)" in names(client.get("/annuaire/", {"q": word})), word
    make_organisation("Maison de l'emploi du 3e", "13003", short_description="Accueil des demandeurs.")
    # « emploi » inside « réemploi » is not a word of its own (another name has it: no typo fallback).
    assert names(client.get("/annuaire/", {"q": "emploi"})) == ["Maison de l'emploi du 3e"]


def test_relevance_puts_name_matches_first(client, orgs):
    make_organisation("Autre structure", "13005", short_description="Partenaire de la Recyclerie des Arnavaux.")
    found = names(client.get("/annuaire/", {"q": "recyclerie"}))
    assert found == ["Recyclerie des Arnavaux", "Autre structure"]


def test_a_name_with_every_word_typed_comes_before_one_with_a_word_at_its_start(client, orgs):
    make_organisation("France Bénévolat", "13001", short_description="Une association active.")
    make_organisation("Active France Conseil", "13002", short_description="Conseil.")
    make_organisation("Réseau France Active Provence", "13005", short_description="Finance solidaire.")
    make_organisation("CRESS Sud", "13006", short_description="Partenaire de France Active.")

    found = names(client.get("/annuaire/", {"q": "france active"}))

    assert found == [
        "Réseau France Active Provence",  # the words typed, as typed, in the name
        "Active France Conseil",  # both words in the name
        "France Bénévolat",  # one of them
        "CRESS Sud",  # in its description only
    ]


def test_a_name_with_the_words_typed_comes_first_even_when_they_have_a_synonym(client, orgs):
    # « économie sociale et solidaire » ↔ « ESS » (the editors' synonyms): the words typed still count.
    make_organisation("Alimentation solidaire du Panier", "13002", short_description="Acteur de l'ESS.")
    make_organisation("Chambre de l'économie sociale et solidaire", "13001", short_description="Réseau.")

    found = names(client.get("/annuaire/", {"q": "économie sociale et solidaire"}))

    assert found[0] == "Chambre de l'économie sociale et solidaire"


@pytest.mark.parametrize("acronym", ["CRESS", "cress", "URSCOP"])
def test_an_acronym_typed_exactly_puts_its_organisation_first(client, orgs, acronym):
    make_organisation("Crescendo Musique", "13001", short_description="École de musique, adhérente de la CRESS.")
    make_organisation("CRESS Provence", "13002", short_description="Chambre régionale.")
    make_organisation("URSCOPIE Conseil", "13003", short_description="Conseil aux adhérents de l'URSCOP.")
    make_organisation("Union régionale des SCOP (URSCOP)", "13005", short_description="Coopératives.")

    found = names(client.get("/annuaire/", {"q": acronym}))

    assert found[0] == {"cress": "CRESS Provence", "urscop": "Union régionale des SCOP (URSCOP)"}[acronym.lower()]


def test_creating_an_association_finds_the_structures_that_support_creation(client, orgs):
    found = names(client.get("/annuaire/", {"q": "créer une association"}))
    # « créer » is « création » (the editors' synonyms): the incubator, an association whose
    # service is « Accompagnement à la création », not every association.
    assert found[0] == "Incubateur Solidaire Centre"
    assert "Chantier Vert du 15e" not in found


def test_search_keeps_up_with_edits(client, orgs):
    velo = orgs["velo"]
    velo.name = "Vélo Cité Merlan"
    velo.save()
    assert names(client.get("/annuaire/", {"q": "velo cite"})) == ["Vélo Cité Merlan"]


def test_search_reads_the_words_of_a_description_not_its_html(client, orgs):
    from django.db import connection

    make_organisation(
        "Atelier partagé",
        "13002",
        description='<p>Outils &amp; conseils, voir <a href="https://atelier.example/xylophone">notre programme</a>.</p>',
    )
    assert names(client.get("/annuaire/", {"q": "programme outils"})) == ["Atelier partagé"]
    if connection.vendor == "postgresql":  # SQLite has no regular expressions to strip tags with
        assert names(client.get("/annuaire/", {"q": "xylophone"})) == []
        assert names(client.get("/annuaire/", {"q": "href"})) == []


def test_synthetic_and_unpublished_organisations_are_never_listed(client, orgs):
    make_organisation("Coop fictive", synthetic=True)
    make_organisation("Coop brouillon", live=False)
    found = names(client.get("/annuaire/", {"q": "coop"}))
    assert "Coop fictive" not in found and "Coop brouillon" not in found


# Facets ------------------------------------------------------------------------------------------


def facet_counts(params=""):
    result = results.find(QueryDict(params), now=TUESDAY_10H)
    return result, {(f.param, o.value): o.count for f in result.facets for o in f.options}


def test_each_facet_count_equals_the_total_once_that_option_is_chosen(orgs):
    result, counts = facet_counts("")
    assert result.total == Organisation.objects.public().count()
    assert len(counts) > 15
    for (param, value), count in counts.items():
        chosen = results.find(QueryDict(f"{param}={value}"), now=TUESDAY_10H)
        assert chosen.total == count, (param, value)


def test_counts_follow_the_other_filters_but_not_their_own_facet(orgs):
    result, counts = facet_counts("type=structure-accompagnement&service=financement")
    assert result.total == 3
    # Within "type" (the chosen one), counts ignore the type choice but honour the service filter.
    assert counts[("type", "structure-accompagnement")] == 3
    assert ("type", "acteur-ess") not in counts  # no ESS actor offers financing: the option is hidden
    # Another facet counts within the current results.
    assert counts[("service", "conseil-juridique")] == 1
    for (param, value), count in counts.items():
        if param not in ("type", "service"):
            chosen = results.find(
                QueryDict(f"type=structure-accompagnement&service=financement&{param}={value}"), now=TUESDAY_10H
            )
            assert chosen.total == count, (param, value)


@pytest.fixture
def generated_orgs(demo_site):
    """300 varied organisations (kinds, forms, sectors, services, hours) spread over the 16 arrondissements."""

    Organisation.objects.all().delete()
    run_command("generate_directory", count=300)
    Organisation.objects.update(synthetic=False)


def test_every_option_count_matches_its_total_with_text_place_and_facets_chosen(generated_orgs):
    sectors = [slug for _, slug, _ in vocabulary.load_terms(use_cache=False)["filiere"][:2]]
    chosen = QueryDict(mutable=True)
    chosen.update({"q": "fictive", "pres-de": "13005", "rayon": "5", "ouvert": "1"})
    chosen.setlist("type", ["acteur-ess", "structure-accompagnement"])
    chosen.setlist("filiere", sectors)
    result, counts = facet_counts(chosen.urlencode())
    assert 0 < result.total < 300
    checked = 0
    # Every option, shown or hidden: an option of a chosen facet replaces that facet's choice,
    # any other option narrows the results.
    for param, options in facets.facet_options(result.criteria):
        for value, _ in options:
            variant = chosen.copy()
            if param in chosen:
                variant.setlist(param, [value])
            else:
                variant.appendlist(param, value)
            assert results.find(variant, now=TUESDAY_10H).total == counts.get((param, value), 0), (param, value)
            checked += counts.get((param, value), 0) > 0
    assert checked > 20


def test_or_within_a_facet_and_across_facets(client, orgs):
    both = names(client.get("/annuaire/?filiere=alimentation&filiere=mobilite"))
    assert set(both) == {"Coopérative L'Épicerie du Canet", "Atelier vélo du Merlan"}
    narrowed = names(client.get("/annuaire/?filiere=alimentation&filiere=mobilite&fauteuil=oui"))
    assert narrowed == ["Coopérative L'Épicerie du Canet"]


def test_arrondissement_labels_and_legal_form_facets(client, orgs):
    assert set(names(client.get("/annuaire/?arrondissement=14"))) >= {
        "Coopérative L'Épicerie du Canet",
        "Recyclerie des Arnavaux",
        "Conseil Coop Nord",
    }
    assert names(client.get("/annuaire/?label=siae-aci")) == ["Chantier d'insertion Nord Littoral"]
    assert set(names(client.get("/annuaire/?forme=scic"))) == {"Coopérative L'Épicerie du Canet", "La Friche Ouverte"}


def test_open_now_at_a_frozen_time(orgs):
    result = results.find(QueryDict("ouvert=1"), now=TUESDAY_10H)
    assert {o.name for o in result.results} == {
        "Coopérative L'Épicerie du Canet",
        "Recyclerie des Arnavaux",
        "Incubateur Solidaire Centre",
    }
    sunday = datetime.datetime(2026, 3, 8, 11, 0, tzinfo=PARIS)
    assert results.find(QueryDict("ouvert=1"), now=sunday).total == 0
    card = next(o for o in result.results if o.name.startswith("Coopérative"))
    assert card.opening["label"] == "Ouvert maintenant · ferme à 12\u00a0h\u00a030"


def test_facets_are_fieldsets_with_legends_and_labelled_checkboxes(client, orgs):
    html = client.get("/annuaire/").content.decode()
    assert html.count('<fieldset class="facet') >= 6
    assert '<legend class="facet__legend">Filière</legend>' in html
    for checkbox_id in re.findall(r'<input type="checkbox" id="([^"]+)"', html):
        assert f'<label for="{checkbox_id}">' in html


# Sort, pagination, count -------------------------------------------------------------------------


def test_sort_by_name_ignores_accents(client, orgs):
    make_organisation("Écolieu des Accates", "13011")
    found = names(client.get("/annuaire/?tri=nom"))
    assert found.index("Écolieu des Accates") < found.index("Fonds Solidaire Provence")
    assert found.index("Conseil Coop Nord") < found.index("Écolieu des Accates")


def test_pagination_and_the_count_announced_to_screen_readers(client, orgs):
    for n in range(30):
        make_organisation(f"Association numéro {n:02d}", "13005")
    response = client.get("/annuaire/?q=association numero")
    html = response.content.decode()
    assert (
        '<div id="finder-status" class="finder-count" role="status">30 organisations trouvées, page 1 sur 2.</div>'
        in text(response)
    )
    assert len(names(response)) == sorting.PER_PAGE
    second = client.get("/annuaire/?q=association numero&page=2")
    assert len(names(second)) == 10
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2<' in second.content.decode()
    assert "page=2" in html  # the link carries the other parameters
    assert "q=association+numero&amp;page=2" in html


# Bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, message",
    [
        ("lat=abc&lon=5.4", "Coordonnées invalides"),
        ("lat=1e400&lon=5.4", "Coordonnées invalides"),
        ("pres-de=13001&rayon=-5", "Rayon invalide"),
        ("pres-de=13001&rayon=abc", "Rayon invalide"),
        ("filiere=inconnue", "Valeur inconnue pour le filtre « filière »"),
        ("type=banque", "Valeur inconnue pour le filtre « type »"),
        ("arrondissement=17", "Arrondissement inconnu"),
        ("page=99999", "La page 99999 n'existe pas"),
        ("page=abc", "Numéro de page invalide"),
        ("q=" + "coopérative " * 170, "Recherche trop longue"),
        ("q=a", "Recherche trop courte"),
        ("tri=hasard", "Tri inconnu"),
        ("tri=distance", "Le tri par distance demande un lieu"),
        ("ouvert=peut-etre", "ouvert maintenant"),
    ],
)
def test_bad_input_answers_200_with_a_french_message(client, orgs, query, message):
    response = client.get(f"/annuaire/?{query}")
    assert response.status_code == 200
    assert message in text(response)
    assert client.get(f"/annuaire/carte/?{query}").status_code == 200
    assert client.get(f"/annuaire/carte/points/?{query}").status_code == 200


def test_odd_characters_never_break_the_finder(client, orgs):
    for value in ["%", "_", "'; DROP TABLE x; --", "<script>alert(1)</script>", "\u202e\u0000", "🙂 coop"]:
        response = client.get("/annuaire/", {"q": value})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


# Empty state -------------------------------------------------------------------------------------


def test_the_empty_state_offers_ways_out(client, orgs):
    response = client.get("/annuaire/", {"q": "velo", "filiere": "alimentation", "pres-de": "13013", "rayon": "1"})
    page = text(response)
    assert names(response) == []
    assert "Aucune organisation ne correspond à votre recherche." in page
    assert "Retirer le critère « Filière : Alimentation »" in page
    assert "Élargir la recherche à 2 km" in page
    assert 'href="/recherche/?q=velo"' in page
    assert "Voir tout l'annuaire" in page
    widened = re.search(r'href="\?([^"]*rayon=2[^"]*)">Élargir', page).group(1).replace("&amp;", "&")
    assert client.get(f"/annuaire/?{widened}").status_code == 200


# Budgets -----------------------------------------------------------------------------------------


def test_finder_page_stays_within_its_query_and_size_budgets(client, orgs, django_assert_max_num_queries):
    for n in range(40):
        make_organisation(f"Coop numéro {n}", "13014", north_m=n * 10, sectors=["alimentation", "insertion"])
    client.get("/annuaire/")  # warm Wagtail's site cache, as in production
    url = "/annuaire/?q=coop&pres-de=13014&rayon=5&filiere=alimentation&type=acteur-ess&ouvert=1&fauteuil=oui&tri=distance"
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    cache.clear()  # every cached list expired at once (taxonomies, hours, menu, settings, site roots)
    # Nothing is open now: the typo fallback reads the spelling vocabulary once (3 queries, then cached).
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(12):
        response = client.get("/annuaire/")
    assert len(response.content) <= 60 * 1024
    with django_assert_max_num_queries(12):
        assert client.get("/annuaire/carte/?q=coop").status_code == 200
    with django_assert_max_num_queries(8):  # Wagtail's routing (6) and the points
        assert client.get("/annuaire/carte/points/?q=coop").status_code == 200


def test_the_list_needs_no_javascript_and_has_no_inline_script_or_style(client, orgs):
    html = client.get("/annuaire/?q=coop").content.decode()
    assert '<form id="finder-form"' in html and 'method="get"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html
    assert 'type="submit"' in html


# Map ---------------------------------------------------------------------------------------------


def test_the_map_page_carries_its_data_without_inline_script(client, orgs):
    response = client.get("/annuaire/carte/?filiere=alimentation")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-points-url="/annuaire/carte/points/?filiere=alimentation"' in html
    assert 'data-tiles-url="http://127.0.0.1:9/{z}/{x}/{y}.png"' in html
    assert (
        "vendor/leaflet-1.9.4/leaflet.js" in html
        and "vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js" in html
    )
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html
    assert 'href="/annuaire/?filiere=alimentation">Voir les résultats en liste' in html
    assert "Coopérative L&#x27;Épicerie du Canet" in html  # the list alternative is on the page


def test_map_points_follow_the_filters(client, orgs):
    data = client.get("/annuaire/carte/points/?pres-de=13014&rayon=0.5").json()
    assert data["count"] == len(data["points"]) == 2
    names_and_urls = {(p[2], p[3]) for p in data["points"]}
    assert ("Recyclerie des Arnavaux", f"/annuaire/{orgs['recyclerie'].slug}/") in names_and_urls
    assert all(p[4] == "dans le 14e arrondissement" for p in data["points"])  # from the 13014 reference point
    everyone = client.get("/annuaire/carte/points/").json()
    assert everyone["count"] == Organisation.objects.public().located().count()


def test_map_points_are_compressed_for_browsers_that_accept_it(client, orgs):
    import gzip

    response = client.get("/annuaire/carte/points/", headers={"accept-encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    data = json.loads(gzip.decompress(response.content))
    assert data["count"] == Organisation.objects.public().located().count()


def test_map_points_are_kept_until_an_organisation_changes(client, orgs):
    from unittest import mock

    from directory.finder import results

    first = client.get("/annuaire/carte/points/?filiere=alimentation").json()
    with mock.patch.object(results, "map_points", wraps=results.map_points) as computed:
        assert client.get("/annuaire/carte/points/?filiere=alimentation").json() == first
        assert computed.call_count == 0  # from the cache
    orgs["epicerie"].name = "Épicerie coopérative du Canet"
    orgs["epicerie"].save()
    names = {point[2] for point in client.get("/annuaire/carte/points/?filiere=alimentation").json()["points"]}
    assert "Épicerie coopérative du Canet" in names and "Coopérative L'Épicerie du Canet" not in names


def test_the_map_script_stays_small():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "static" / "js"
    assert (root / "map.js").stat().st_size + (root / "finder.js").stat().st_size <= 30 * 1024


# Page and exports --------------------------------------------------------------------------------


def test_the_directory_page_is_created_once_and_shown_in_the_menu(client, orgs):

    run_command("load_demo_content")
    page = DirectoryPage.objects.get()
    assert page.url == "/annuaire/" and page.show_in_menus and page.title == "Annuaire"
    assert '<a href="/annuaire/"' in client.get("/").content.decode()


def test_exports_honour_the_finders_filters(client, orgs):
    response = client.get("/annuaire/export.csv", {"q": "cooperative epicerie"})
    body = b"".join(response.streaming_content).decode()
    assert "Coopérative L'Épicerie du Canet" in body and "Recyclerie" not in body
    response = client.get("/annuaire/export.geojson", {"pres-de": "13014", "rayon": "0,5"})
    features = json.loads(b"".join(response.streaming_content))["features"]
    assert {f["properties"]["nom"] for f in features} == {"Coopérative L'Épicerie du Canet", "Recyclerie des Arnavaux"}


# Places without the network ----------------------------------------------------------------------


def test_a_quartier_resolves_with_the_network_off(client, orgs, monkeypatch):
    from directory.geo import geocoder

    def no_network(*args, **kwargs):
        raise AssertionError("the address service must not be asked for a quartier")

    monkeypatch.setattr(geocoder.requests, "get", no_network)
    response = client.get("/annuaire/", {"pres-de": "la belle de mai", "rayon": "2"})
    page = text(response)
    assert "Lieu introuvable" not in page
    assert names(response)[0] == "La Friche Ouverte"  # the only organisation of the 3e
    assert "Près de : Belle-de-Mai (3e)" in page
    assert "dans le 3e arrondissement" in page  # a quartier's point stands for the quartier


def test_an_arrondissement_resolves_with_the_network_off(client, orgs, monkeypatch):
    from directory.geo import geocoder

    monkeypatch.setattr(geocoder.requests, "get", lambda *a, **k: pytest.fail("network asked"))
    response = client.get("/annuaire/", {"pres-de": "Marseille 14e", "rayon": "1"})
    assert set(names(response)) == {"Coopérative L'Épicerie du Canet", "Recyclerie des Arnavaux", "Conseil Coop Nord"}

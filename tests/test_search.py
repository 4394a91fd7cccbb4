"""Site search on the configured backend: SQLite FTS5 or PostgreSQL (DATABASE_URL), or an engine if set."""

from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from agenda.models import EventIndexPage, EventPage
from directory.models import Organisation, Sector
from news.models import NewsIndexPage, NewsPage
from search.testing import engine_configured
from tests.helpers.pages import add_page

# SQLite FTS5 folds case and accents but does not stem; PostgreSQL (french) and the engines do.
stemming_backend = pytest.mark.skipif(
    connection.vendor != "postgresql" and not engine_configured(),
    reason="French stemming needs PostgreSQL's full text search (or a search engine)",
)


def add_news(title, intro):
    index = NewsIndexPage.objects.get()
    page = NewsPage(title=title, intro=intro, date=date(2025, 3, 12))
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_organisation(name, **fields):
    fields.setdefault("short_description", f"Présentation de {name}.")
    return Organisation.objects.create(name=name, **fields)


def add_event(title, start_date):
    page = EventPage(
        title=title, intro=f"{title} : un rendez-vous.", start_date=start_date, start_time=time(9), end_time=time(12)
    )
    page.clean()
    EventIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def search(client, query, address="192.0.2.1", **params):
    """A search by a visitor's browser (robots are not counted in the search log)."""
    response = client.get("/recherche/", {"q": query, **params}, REMOTE_ADDR=address, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    return response


def result_titles(response):
    """Titles of the results shown, in order, as a visitor reads them."""
    hits = [hit.title for group in response.context.get("groups") or [] for hit in group.get("hits", [])]
    return hits + [hit.title for hit in response.context.get("hits") or []]


def test_one_query_finds_an_organisation_a_page_and_a_news_item_each_labelled(client, home):
    add_organisation("Recyclerie du Panier", short_description="Réemploi d'objets et ateliers de réparation.")
    add_page(home, "Le réemploi solidaire", intro="Donner une seconde vie aux objets : le réemploi à Marseille.")
    add_news("Un nouveau fonds pour le réemploi", "Le réemploi solidaire reçoit un fonds de la Ville.")

    response = search(client, "réemploi")

    groups = {group["source"].key: group for group in response.context["groups"]}
    assert groups["organisations"]["count"] == 1
    assert groups["pages"]["count"] >= 1
    assert groups["actualites"]["count"] == 1
    html = response.content.decode()
    for label in ("Organisation", "Page", "Actualité"):
        assert f'<p class="search-result__type">{label}</p>' in html
    assert "Recyclerie du Panier" in html and "/annuaire/recyclerie-du-panier/" in html
    assert "Réemploi d&#x27;objets et ateliers de réparation." in html  # the excerpt
    assert "Un nouveau fonds pour le réemploi" in html
    assert "Publiée le 12 mars 2025" in html


def test_upcoming_events_are_found_with_their_next_date_past_ones_are_not(client, home):
    today = timezone.localdate()
    add_event("Atelier compostage à venir", today + timedelta(days=10))
    add_event("Atelier compostage passé", today - timedelta(days=30))

    response = search(client, "compostage")

    assert result_titles(response) == ["Atelier compostage à venir"]
    html = response.content.decode()
    assert '<p class="search-result__type">Événement</p>' in html
    assert "Prochaine date\u00a0:" in html
    assert "Atelier compostage à venir" in [
        item["title"] for item in client.get("/recherche/suggestions/", {"q": "compost"}).json()["results"]
    ]


def test_search_ignores_case_and_accents(client, home):
    add_organisation("Épicerie Solidaire de Noailles")

    assert "Épicerie Solidaire de Noailles" in result_titles(search(client, "EPICERIE"))
    assert "Épicerie Solidaire de Noailles" in result_titles(search(client, "épicerie solidaire"))


@stemming_backend
def test_french_plurals_find_the_singular_stemming_backend(client, home):
    add_organisation("Coopérative d'habitants du Rouet", short_description="Une coopérative pour se loger.")
    add_page(home, "Accompagnement des porteurs de projet", intro="Un accompagnement à chaque étape.")

    assert "Coopérative d'habitants du Rouet" in result_titles(search(client, "coopératives"))
    assert "Coopérative d'habitants du Rouet" in result_titles(search(client, "cooperatives"))
    assert "Accompagnement des porteurs de projet" in result_titles(search(client, "accompagnements"))


def test_filtering_by_type_shows_only_that_type_paginated(client, home):
    for number in range(25):
        add_organisation(f"Atelier vélo numéro {number}")
    add_page(home, "Les ateliers vélo", intro="Réparer son vélo dans un atelier.")

    response = search(client, "vélo", type="organisations")

    assert response.context["selected_count"] == 25
    titles = result_titles(response)
    assert len(titles) == 20 and all(title.startswith("Atelier vélo numéro") for title in titles)
    assert "Page 1 sur 2" in response.content.decode()
    second = search(client, "vélo", type="organisations", page=2)
    assert len(result_titles(second)) == 5
    # A page number beyond the end shows the last page rather than an error.
    assert len(result_titles(search(client, "vélo", type="organisations", page=999))) == 5


def test_all_types_view_shows_a_few_of_each_type_with_a_link_to_the_rest(client, home):
    for number in range(7):
        add_organisation(f"Jardin partagé {number}")

    response = search(client, "jardin")

    html = response.content.decode()
    group = next(group for group in response.context["groups"] if group["source"].key == "organisations")
    assert len(group["hits"]) == 5
    assert "Voir les 7 résultats de type" in html
    assert "?q=jardin&amp;type=organisations" in html


def test_unpublished_and_synthetic_content_is_never_found(client, home):
    add_organisation("Ressourcerie publiée")
    add_organisation("Ressourcerie dépubliée", live=False)
    Organisation.objects.create(name="Ressourcerie fictive", synthetic=True)
    add_page(home, "Ressourcerie brouillon", publish=False)
    retired = add_page(home, "Ressourcerie retirée")
    retired.unpublish()

    for response in (
        search(client, "ressourcerie"),
        search(client, "ressourcerie", type="organisations"),
        search(client, "ressourcerie", type="pages"),
    ):
        titles = result_titles(response)
        assert not {
            "Ressourcerie dépubliée",
            "Ressourcerie fictive",
            "Ressourcerie brouillon",
            "Ressourcerie retirée",
        } & set(titles)
    assert "Ressourcerie publiée" in result_titles(search(client, "ressourcerie"))

    suggestions = client.get("/recherche/suggestions/", {"q": "ressource"}).json()["results"]
    assert [item["title"] for item in suggestions] == ["Ressourcerie publiée"]


def test_index_follows_publish_unpublish_and_delete(client, home):
    page = add_page(home, "Les tiers-lieux marseillais", publish=False)
    assert "Les tiers-lieux marseillais" not in result_titles(search(client, "tiers-lieux"))

    page.save_revision().publish()
    assert "Les tiers-lieux marseillais" in result_titles(search(client, "tiers-lieux"))

    page.refresh_from_db()
    page.unpublish()
    assert "Les tiers-lieux marseillais" not in result_titles(search(client, "tiers-lieux"))

    organisation = add_organisation("La Friche des tiers-lieux")
    assert "La Friche des tiers-lieux" in result_titles(search(client, "friche"))
    organisation.delete()
    assert "La Friche des tiers-lieux" not in result_titles(search(client, "friche"))


def test_a_view_of_a_page_is_found_while_its_page_is_published(client, home):
    from directory.models import DirectoryPage

    directory = DirectoryPage.objects.get()
    assert "La carte de l'annuaire" in result_titles(search(client, "carte"))  # now cached

    directory.unpublish()
    assert "La carte de l'annuaire" not in result_titles(search(client, "carte"))

    directory.save_revision().publish()
    assert "La carte de l'annuaire" in result_titles(search(client, "carte"))


def test_editors_promoted_result_comes_first_and_only_once(client, home):
    promoted = add_page(home, "Guide des aides à la création", intro="Toutes les aides.")
    add_organisation("Aides et création en Provence")
    SearchPromotion.objects.create(query=Query.get("aides"), page=promoted, description="Le guide de la Ville.")

    response = search(client, "Aides")

    html = response.content.decode()
    assert html.index("Nous vous recommandons") < html.index("Aides et création en Provence")
    assert html.index("Guide des aides à la création") < html.index("Aides et création en Provence")
    assert html.count(">Guide des aides à la création</a>") == 1
    assert "Le guide de la Ville." in html


def test_queries_are_recorded_for_the_editors_report(client, home):
    from search import querylog

    search(client, "Insertion", address="192.0.2.1")
    search(client, "insertion ", address="192.0.2.2")
    search(client, "insertion", address="192.0.2.3", type="organisations", page=2)  # a later page: not new
    querylog.flush()

    assert Query.objects.get(query_string="insertion").hits == 2


def test_suggestions_are_json_titles_with_urls_and_types_at_most_ten(client, home):
    for number in range(12):
        add_organisation(f"Association Solidarité {number}")
    add_page(home, "Associations : les aides de la Ville")
    Sector.objects.get_or_create(slug="insertion", defaults={"label": "Insertion"})

    response = client.get("/recherche/suggestions/", {"q": "assoc"})

    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    payload = response.json()
    assert payload["query"] == "assoc"
    assert len(payload["results"]) == 10
    assert set(payload["results"][0]) == {"title", "url", "type", "type_label"}
    types = {item["type"] for item in payload["results"]}
    assert types == {"organisations", "pages"}  # pages are interleaved, not pushed past the tenth
    page_item = next(item for item in payload["results"] if item["type"] == "pages")
    assert page_item == {
        "title": "Associations : les aides de la Ville",
        "url": page_item["url"],
        "type": "pages",
        "type_label": "Page",
    }
    assert page_item["url"].startswith("/")


def test_suggestions_need_two_characters(client, home):
    add_organisation("Arbre de vie")
    assert client.get("/recherche/suggestions/", {"q": "a"}).json()["results"] == []
    assert client.get("/recherche/suggestions/").json() == {"query": "", "results": []}


def test_suggestions_find_the_start_of_a_word_whatever_the_accents(client, home):
    add_organisation("Coopérative Épicerie du Rouet")
    titles = [item["title"] for item in client.get("/recherche/suggestions/", {"q": "cooperat"}).json()["results"]]
    assert "Coopérative Épicerie du Rouet" in titles
    titles = [item["title"] for item in client.get("/recherche/suggestions/", {"q": "EPICE"}).json()["results"]]
    assert titles == ["Coopérative Épicerie du Rouet"]


def suggested_titles(client, query):
    return [item["title"] for item in client.get("/recherche/suggestions/", {"q": query}).json()["results"]]


def test_one_title_is_completed_by_what_the_search_finds_title_first_and_once(client, home):
    add_organisation("Boulangerie du Panier", short_description="Pain au levain.")
    add_organisation("Fournil des Crottes", short_description="Une boulangerie d'insertion.")
    add_organisation("Le Pétrin", short_description="Boulangerie et pâtisserie solidaires.")
    add_organisation("Garage du Rouet", short_description="Réparation de voitures.")

    titles = suggested_titles(client, "boulangerie")

    assert titles[0] == "Boulangerie du Panier"  # its name starts that way
    assert sorted(titles[1:]) == ["Fournil des Crottes", "Le Pétrin"]  # found in their descriptions


def test_suggested_titles_have_every_word_typed(client, home):
    add_organisation("Restauration solidaire du Panier")
    add_organisation("Garage solidaire")

    titles = suggested_titles(client, "restauration solidaire")

    assert titles == ["Restauration solidaire du Panier"]  # not every name with « solidaire »


def test_empty_search_helps_with_links_to_the_finder_the_guide_and_the_agenda(client, home):
    html = search(client, "").content.decode()
    assert "Que cherchez-vous\u00a0?" in html or "Que cherchez-vous&nbsp;?" in html
    for link in ('href="/annuaire/"', 'href="/etre-accompagne/"', 'href="/agenda/"'):
        assert link in html


def test_zero_results_say_so_and_offer_the_same_ways_forward(client, home):
    html = search(client, "xylophone").content.decode()
    assert "Aucun résultat pour «&nbsp;xylophone&nbsp;»" in html
    for link in ('href="/annuaire/"', 'href="/etre-accompagne/"', 'href="/agenda/"'):
        assert link in html


@pytest.mark.parametrize(
    "query",
    [
        "x" * 2000,
        "coop\x00\x07\x1b[31m",
        '"',
        "'",
        "«",
        "(",
        "*",
        "NOT",
        "AND OR",
        "l'",
        "a:b",
        "\\",
        "%",
        "<script>alert(1)</script>",
        "🤝 solidaire",
        "-",
        "tiers-lieu -",
        "\u202e",
    ],
)
def test_odd_queries_answer_200_and_are_escaped(client, home, query):
    response = search(client, query)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert client.get("/recherche/suggestions/", {"q": query}).status_code == 200
    assert client.get("/recherche/", {"q": query, "type": "pages", "page": "abc"}).status_code == 200


def test_script_in_the_query_is_shown_escaped(client, home):
    html = search(client, "<script>alert(1)</script>").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_very_long_query_is_cut_and_the_visitor_told(client, home):
    html = search(client, "solidaire " * 200).content.decode()
    assert "seuls ses premiers mots ont été pris en compte" in html


def test_unknown_type_shows_every_type(client, home):
    add_organisation("Café associatif")
    response = search(client, "café", type="inconnu")
    assert "Ce type de contenu n'existe pas" in response.content.decode()
    assert "Café associatif" in result_titles(response)


def test_search_page_runs_a_bounded_number_of_queries(client, home, django_assert_max_num_queries):
    for number in range(10):
        add_organisation(f"Boutique solidaire {number}")
        add_page(home, f"Boutique solidaire page {number}")
    with django_assert_max_num_queries(40):
        search(client, "boutique")
    with django_assert_max_num_queries(30):
        search(client, "boutique", type="pages")


def test_a_group_is_counted_by_the_query_that_reads_its_first_hits(client, home):
    for number in range(7):
        add_organisation(f"Jardin partagé {number}")

    with CaptureQueriesContext(connection) as queries:
        response = search(client, "jardin")

    group = next(group for group in response.context["groups"] if group["source"].key == "organisations")
    assert (len(group["hits"]), group["count"]) == (5, 7)
    searching_organisations = (
        'SELECT "directory_organisation"',
        'SELECT COUNT(*) AS "__count" FROM "directory_organisation"',
    )
    reading_organisations = [query for query in queries if query["sql"].startswith(searching_organisations)]
    assert len(reading_organisations) == 1, [query["sql"][:120] for query in reading_organisations]
    # A later page of the same search counts the same way.
    assert search(client, "jardin", type="organisations", page=1).context["selected_count"] == 7


def test_organisation_hits_show_their_details_without_a_query_each(client, home):
    def queries_of_a_search():
        search(client, "jardin")  # what the first search after a change reads once (the vocabulary)
        with CaptureQueriesContext(connection) as queries:
            html = search(client, "jardin").content.decode()
        return len(queries), html

    add_organisation("Jardin partagé 0", kind="tiers-lieu", arrondissement=3, short_description="Un jardin ouvert.")
    one_hit, _ = queries_of_a_search()
    for number in range(1, 5):
        add_organisation(f"Jardin partagé {number}", kind="tiers-lieu", arrondissement=3)
    five_hits, html = queries_of_a_search()

    assert five_hits == one_hit
    assert html.count('<p class="search-result__meta">Tiers-lieu · 3e</p>') == 5
    assert "Un jardin ouvert." in html


def test_moderators_see_visitors_popular_searches_on_the_admin_dashboard(client, home, django_user_model):
    from django.contrib.auth.models import Group

    for number, query in enumerate(["insertion", "insertion", "Réemploi", "insertion"]):
        search(client, query, address=f"192.0.2.{number + 1}")
    moderator = django_user_model.objects.create_user("moderatrice", password="x")
    moderator.groups.add(Group.objects.get(name="Modération"))
    writer = django_user_model.objects.create_user("redacteur", password="x")
    writer.groups.add(Group.objects.get(name="Rédaction"))

    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "Recherches des visiteurs (30 derniers jours)" in html
    assert "<td>insertion</td><td>3</td>" in html and "<td>réemploi</td><td>1</td>" in html
    assert client.get("/admin/searchpicks/").status_code == 200  # they can promote results

    client.force_login(writer)
    assert "Recherches des visiteurs" not in client.get("/admin/").content.decode()

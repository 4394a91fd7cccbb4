"""The public API (/api/v1/): the finder's filters, public content only, pages, fields, cache
validators, CORS, the rate limit and problem details in French."""

import pytest
import yaml
from wagtail.models import PageViewRestriction

from agenda.models import EventType
from directory.exchange.importers import OUR_SOURCE
from directory.models import Organisation
from news.models import NewsCategory
from tests.helpers.directory import make_organisation
from tests.helpers.events import next_weekday, publish_event, publish_incubator_events

PROBLEM = "application/problem+json"


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def names(response):
    return [record["nom"] for record in results(response)]


# ---------------------------------------------------------------------------------------------
# Organisations


def test_organisations_use_data_inclusion_names_and_the_finders_filters(client, orgs):
    response = client.get("/api/v1/organisations/", {"filiere": "alimentation"})
    [record] = results(response)
    assert record["nom"] == "Coopérative L'Épicerie du Canet"
    assert record["id"] == f"{OUR_SOURCE}--{orgs['epicerie'].slug}"
    # data·inclusion's names for what it has, ours for the rest
    assert record["code_postal"] == "13014" and record["code_insee"] == "13214"
    assert record["telephone"] == "+33491000001" and record["courriel"] == "bonjour@epicerie.example"
    assert record["horaires_accueil"].startswith("Mo-Fr 09:00")
    assert record["lien_source"].endswith(f"/annuaire/{orgs['epicerie'].slug}/")
    assert record["filieres"] == [{"slug": "alimentation", "libelle": "Alimentation"}]
    assert record["forme_juridique"] == "scic" and record["accessibilite_fauteuil"] == "oui"
    assert record["labels"][0]["slug"] == "esus"
    assert record["distance"] is None

    assert set(names(client.get("/api/v1/organisations/", {"type": "structure-accompagnement"}))) == {
        "Incubateur Solidaire Centre",
        "Fonds Solidaire Provence",
        "Conseil Coop Nord",
    }
    assert names(client.get("/api/v1/organisations/", {"service": "conseil-juridique"})) == ["Conseil Coop Nord"]
    assert names(client.get("/api/v1/organisations/", {"q": "vélos"})) == ["Atelier vélo du Merlan"]
    assert names(client.get("/api/v1/organisations/", {"arrondissement": "3"})) == ["La Friche Ouverte"]


def test_a_point_gives_the_radius_sorted_by_distance_with_metres(client, orgs):
    response = client.get("/api/v1/organisations/", {"pres-de": "13014", "rayon": "1"})
    records = results(response)
    assert [r["nom"] for r in records[:2]] == ["Coopérative L'Épicerie du Canet", "Recyclerie des Arnavaux"]
    assert records[0]["distance"] == pytest.approx(120, abs=2)
    assert all(r["distance"] <= 1000 for r in records)
    assert [r["distance"] for r in records] == sorted(r["distance"] for r in records)


def test_only_public_organisations(client, orgs):
    make_organisation("Structure masquée", published=False)
    hidden = make_organisation("Structure fictive")
    Organisation.objects.filter(pk=hidden.pk).update(synthetic=True)
    listed = names(client.get("/api/v1/organisations/", {"taille": "100"}))
    assert len(listed) == 8 and "Structure masquée" not in listed and "Structure fictive" not in listed
    for organisation in Organisation.objects.exclude(name__in=listed):
        response = client.get(f"/api/v1/organisations/{organisation.slug}/")
        assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    detail = client.get(f"/api/v1/organisations/{orgs['velo'].slug}/")
    assert detail.status_code == 200 and detail.json()["nom"] == "Atelier vélo du Merlan"


def test_pages_link_next_and_previous_and_fields_trim(client, orgs):
    first = client.get("/api/v1/organisations/", {"taille": "3", "fields": "nom,slug", "tri": "nom"}).json()
    assert first["count"] == 8 and first["previous"] is None
    assert set(first["results"][0]) == {"id", "nom", "slug"}
    assert first["next"].startswith("http://testserver/api/v1/organisations/?") and "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert second["previous"] and "page=" not in second["previous"] and "taille=3" in second["previous"]
    third = client.get(second["next"]).json()
    assert third["next"] is None and len(third["results"]) == 2
    seen = [r["nom"] for r in first["results"] + second["results"] + third["results"]]
    assert seen == sorted(seen, key=str.lower) and len(set(seen)) == 8


@pytest.mark.parametrize(
    "params, status, words",
    [
        ({"filiere": "inconnue"}, 400, "Valeur inconnue pour le filtre « filière »"),
        ({"lat": "abc", "lon": "5"}, 400, "Coordonnées invalides"),
        ({"pres-de": "13003", "rayon": "500"}, 400, "Rayon invalide"),
        ({"tri": "hasard"}, 400, "Tri inconnu"),
        ({"fields": "nom,secret"}, 400, "Champ inconnu dans « fields » : secret"),
        ({"taille": "1000"}, 400, "Paramètre « taille » invalide"),
        ({"page": "0"}, 400, "Paramètre « page » invalide"),
        ({"page": "99"}, 404, "La page 99 n'existe pas"),
    ],
)
def test_errors_are_problem_details_in_french(client, orgs, params, status, words):
    response = client.get("/api/v1/organisations/", params)
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["title"] and body["type"].endswith("/api/#erreurs")
    assert words.replace(" :", "\u00a0:").replace("« ", "«\u00a0").replace(" »", "\u00a0»") in body["detail"]


def test_unknown_paths_and_methods_are_problems_too(client, db):
    response = client.get("/api/v1/inconnu/")
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    response = client.post("/api/v1/organisations/", {})
    assert response.status_code == 405 and response["Content-Type"] == PROBLEM
    assert "lecture seule" in response.json()["detail"]


# ---------------------------------------------------------------------------------------------
# Services, events, news


def test_services_are_data_inclusion_services_filtered_like_the_directory(client, orgs):
    records = results(client.get("/api/v1/services/", {"service": "financement"}))
    assert {r["structure"]["nom"] for r in records} == {
        "Incubateur Solidaire Centre",
        "Fonds Solidaire Provence",
        "Conseil Coop Nord",
    }
    assert {r["service"]["slug"] for r in records} == {"financement"}
    assert records[0]["id"].endswith("--financement") and records[0]["structure_id"].startswith(f"{OUR_SOURCE}--")
    everything = results(client.get("/api/v1/services/", {"arrondissement": "1"}))
    assert sorted(r["service"]["slug"] for r in everything) == ["accompagnement-creation", "financement", "formation"]


@pytest.fixture
def events(agenda, orgs):
    events = publish_incubator_events(agenda, orgs)
    tuesday = next_weekday(1)
    private = publish_event(agenda, "reunion-privee", tuesday, title="Réunion réservée", event_type=EventType.MEETUP)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return {**events, "private": private}


def test_events_are_upcoming_occurrences_with_the_agendas_filters(client, events, orgs):
    records = results(client.get("/api/v1/evenements/", {"taille": "100"}))
    titles = {r["titre"] for r in records}
    assert {"Permanence de l'incubateur", "Atelier à la Friche"} <= titles
    assert "Réunion réservée" not in titles  # live, but restricted: not public
    permanences = results(client.get("/api/v1/evenements/", {"organisateur": orgs["incubateur"].slug}))
    assert len(permanences) == 20 and {r["type"] for r in permanences} == {"permanence"}
    first = permanences[0]
    assert first["organisateur"] == {"slug": orgs["incubateur"].slug, "nom": "Incubateur Solidaire Centre"}
    assert first["debut"].endswith("T09:00:00+01:00") or first["debut"].endswith("T09:00:00+02:00")
    assert first["lieu"]["structure"] == orgs["incubateur"].slug and first["lieu"]["arrondissement"] == 1
    assert first["ics"].endswith("/agenda/permanence-incubateur/ics/")
    tuesday = next_weekday(1)
    window = results(client.get("/api/v1/evenements/", {"du": tuesday.isoformat(), "au": tuesday.isoformat()}))
    assert [r["titre"] for r in window] == ["Permanence de l'incubateur"]
    assert [r["titre"] for r in results(client.get("/api/v1/evenements/", {"arrondissement": "3"}))] == [
        "Atelier à la Friche"
    ]
    bad = client.get("/api/v1/evenements/", {"du": "2026-13-40"})
    assert bad.status_code == 400 and bad["Content-Type"] == PROBLEM and "du" in bad.json()["detail"]


def test_news_are_live_public_items_newest_first(client, demo_site):
    from news.models import NewsPage

    live = list(NewsPage.objects.live().public().order_by("-date", "-first_published_at", "-pk"))
    records = results(client.get("/api/v1/actualites/", {"taille": "100"}))
    assert [r["id"] for r in records] == [item.slug for item in live]
    category = NewsCategory.objects.filter(pages__live=True).first()
    if category:
        filtered = results(client.get("/api/v1/actualites/", {"categorie": category.slug}))
        assert filtered and all(r["categorie"]["slug"] == category.slug for r in filtered)
    assert client.get("/api/v1/actualites/", {"categorie": "inconnue"}).status_code == 400


# ---------------------------------------------------------------------------------------------
# HTTP: caching, CORS, rate limit, queries


def test_etag_and_last_modified_give_304(client, orgs):
    response = client.get("/api/v1/organisations/")
    assert response["Cache-Control"] == "public, max-age=60"
    etag, modified = response["ETag"], response["Last-Modified"]
    again = client.get("/api/v1/organisations/", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get("/api/v1/organisations/", headers={"if-modified-since": modified}).status_code == 304
    # A change makes a new answer.
    Organisation.objects.filter(pk=orgs["velo"].pk).update(name="Atelier vélo du Merlan (nouveau nom)")
    assert client.get("/api/v1/organisations/", headers={"if-none-match": etag}).status_code == 200
    detail = client.get(f"/api/v1/organisations/{orgs['velo'].slug}/")
    assert client.get(detail.wsgi_request.path, headers={"if-none-match": detail["ETag"]}).status_code == 304


def test_cors_is_open_for_get_on_the_api_only(client, orgs):
    origin = {"origin": "https://partenaire.example"}
    response = client.get("/api/v1/organisations/", headers=origin)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options("/api/v1/organisations/", headers={**origin, "access-control-request-method": "GET"})
    assert preflight.status_code == 200 and "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/annuaire/", headers=origin)


def test_rate_limit_answers_429_with_retry_after(client, orgs, settings):
    settings.API_RATE_LIMIT = "3/min"
    for _ in range(3):
        assert client.get("/api/v1/actualites/").status_code == 200
    response = client.get("/api/v1/organisations/")
    assert response.status_code == 429 and response["Content-Type"] == PROBLEM
    assert 0 < int(response["Retry-After"]) <= 60
    assert "réessayez dans" in response.json()["detail"]
    # Another client is not affected.
    assert client.get("/api/v1/actualites/", REMOTE_ADDR="10.1.2.3").status_code == 200


def test_lists_have_bounded_queries(client, events, django_assert_max_num_queries):
    for url in ("/api/v1/organisations/?pres-de=13003&rayon=20&taille=100", "/api/v1/services/?taille=100"):
        client.get(url)  # the vocabulary is then cached, as in production
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200
    for url in ("/api/v1/evenements/?taille=100", "/api/v1/actualites/?taille=100"):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


# ---------------------------------------------------------------------------------------------
# Description and documentation


def test_schema_in_json_and_yaml_describes_every_endpoint(client, db):
    as_json = client.get("/api/v1/schema/", {"format": "json"})
    assert as_json.status_code == 200
    schema = as_json.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/organisations/",
        "/api/v1/organisations/{slug}/",
        "/api/v1/services/",
        "/api/v1/evenements/",
        "/api/v1/actualites/",
    }
    as_yaml = client.get("/api/v1/schema/", {"format": "yaml"})
    assert yaml.safe_load(as_yaml.content)["paths"].keys() == schema["paths"].keys()


def test_docs_page_explains_in_french_with_curl_and_licence(client, demo_site):
    response = client.get("/api/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html and 'class="site-footer"' in html
    for expected in (
        "curl",
        "/api/v1/organisations/",
        "/api/v1/services/",
        "/api/v1/evenements/",
        "/api/v1/actualites/",
        "Licence Ouverte",
        "/annuaire/export.csv",
        "/api/v1/schema/",
    ):
        assert expected in html, expected
    swagger = client.get("/api/v1/docs/")
    assert swagger.status_code == 200
    assert "cdn" not in swagger.content.decode().lower()


def test_every_documented_status_is_real(client, events, orgs, settings):
    """For each operation, each status code its description lists is answered by a real request."""
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    slug = orgs["velo"].slug
    requests = {
        "/api/v1/organisations/": {"200": {}, "400": {"type": "x"}, "404": {"page": "50"}},
        "/api/v1/organisations/{slug}/": {"200": {}, "400": {"fields": "x"}, "404": "inconnue"},
        "/api/v1/services/": {"200": {}, "400": {"rayon": "0"}, "404": {"page": "50"}},
        "/api/v1/evenements/": {"200": {}, "400": {"gratuit": "peut-etre"}, "404": {"page": "500"}},
        "/api/v1/actualites/": {"200": {}, "400": {"taille": "0"}, "404": {"page": "50"}},
    }
    for path, operations in schema["paths"].items():
        documented = set(operations["get"]["responses"])
        assert documented == {"200", "304", "400", "404", "429"}, path
        url = path.replace("{slug}", slug)
        for status, params in requests[path].items():
            target = path.replace("{slug}", params) if isinstance(params, str) else url
            response = client.get(target, params if isinstance(params, dict) else {})
            assert response.status_code == int(status), (path, status, response.content[:300])
        etag = client.get(url)["ETag"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304, path
    settings.API_RATE_LIMIT = "1/min"
    client.get("/api/v1/actualites/")
    for path in schema["paths"]:
        assert client.get(path.replace("{slug}", slug)).status_code == 429, path

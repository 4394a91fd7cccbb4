"""The support matcher on /etre-accompagne/: stage, needs and place in; matching structures out,
ranked by needs covered, then distance, with their next permanences."""

import re
from datetime import time, timedelta
from html import unescape

import pytest
from django.utils import timezone

GUIDE = "/etre-accompagne/"


def matched(response):
    html = response.content.decode()
    section = html[html.index('id="accompagnement"') :]
    return [unescape(name) for name in re.findall(r'<h4 class="org-card__title"><a href="[^"]+">([^<]+)</a>', section)]


def test_the_guide_shows_the_matcher_form_with_labelled_groups(client, orgs):
    response = client.get(GUIDE)
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert '<legend class="form-legend">Où en est votre projet\u00a0?</legend>' in html
    assert "De quoi avez-vous besoin\u00a0?" in html
    assert '<label for="matcher-place">Où\u00a0?' in html
    assert 'method="get"' in html
    assert matched(response) == []  # nothing asked yet, nothing listed


def test_ranked_by_needs_covered_then_distance(client, orgs):
    response = client.get(GUIDE, {"besoin": ["financement", "conseil-juridique"], "ou": "13014"})
    assert matched(response) == ["Conseil Coop Nord", "Incubateur Solidaire Centre", "Fonds Solidaire Provence"]
    page = unescape(response.content.decode()).replace("\u00a0", " ")
    assert "Répond à 2 de vos 2 besoins : Conseil juridique, Financement" in page
    assert "3 structures pour vous accompagner" in page


def test_distance_decides_between_equal_coverage(client, orgs):
    from_the_north = matched(client.get(GUIDE, {"besoin": "financement", "ou": "14"}))
    from_the_south = matched(client.get(GUIDE, {"besoin": "financement", "ou": "13006"}))
    assert from_the_north[0] == "Conseil Coop Nord"
    assert from_the_south[0] == "Fonds Solidaire Provence"


def test_a_quartier_is_a_place_and_distances_from_it_are_approximate(client, orgs):
    response = client.get(GUIDE, {"besoin": "financement", "ou": "Sainte Marthe"})
    assert matched(response)[0] == "Conseil Coop Nord"
    page = unescape(response.content.decode()).replace("\u00a0", " ")
    assert "dans le 14e arrondissement" in page  # Conseil Coop Nord, from Sainte-Marthe's point
    assert re.search(r"à environ \d+ km", page)  # the others
    assert not re.search(r"à \d+(,\d)? k?m", page)


def test_the_stage_filters_structures(client, orgs):
    assert matched(client.get(GUIDE, {"etape": "idee"})) == ["Incubateur Solidaire Centre"]
    assert set(matched(client.get(GUIDE, {"etape": "developpement", "besoin": "financement"}))) == {
        "Fonds Solidaire Provence"
    }


def test_only_support_structures_are_matched(client, orgs):
    assert "Coopérative L'Épicerie du Canet" not in matched(client.get(GUIDE, {"ou": "13014"}))


@pytest.mark.parametrize(
    "params, message",
    [
        ({"etape": "fusion"}, "Étape inconnue"),
        ({"besoin": "licorne"}, "Besoin inconnu"),
        ({"ou": "Paris"}, "Lieu non reconnu"),
        ({"ou": "99"}, "Lieu non reconnu"),
    ],
)
def test_bad_input_answers_200_in_french(client, orgs, params, message):
    response = client.get(GUIDE, params)
    assert response.status_code == 200
    assert message in unescape(response.content.decode())


def test_no_match_offers_a_way_out(client, orgs):
    page = unescape(client.get(GUIDE, {"etape": "difficulte", "besoin": "hebergement-locaux"}).content.decode())
    assert "Aucune structure ne correspond à tous ces critères" in page
    assert 'href="/annuaire/?type=structure-accompagnement"' in page


def test_next_permanences_are_listed_with_each_structure(client, orgs):
    from agenda.models import EventIndexPage, EventType
    from agenda.recurrence import Kind
    from tests.helpers.events import publish_event

    agenda = EventIndexPage.objects.get()
    start = timezone.localdate() + timedelta(days=(1 - timezone.localdate().weekday()) % 7 or 7)
    publish_event(
        agenda,
        "permanence-incubateur",
        start,
        start_time=time(9),
        end_time=time(12),
        title="Permanence de l'incubateur",
        event_type=EventType.PERMANENCE,
        recurrence=Kind.WEEKLY,
        organiser=orgs["incubateur"],
    )
    response = client.get(GUIDE, {"besoin": "accompagnement-creation"})
    page = unescape(response.content.decode()).replace("\u00a0", " ")
    assert matched(response) == ["Incubateur Solidaire Centre"]
    assert "Prochaines permanences" in page
    assert page.count("de 9 h à 12 h") >= 2


def test_guide_query_budget(client, orgs, django_assert_max_num_queries):
    client.get(GUIDE)
    with django_assert_max_num_queries(16):
        assert client.get(GUIDE, {"etape": "creation", "besoin": ["financement"], "ou": "13001"}).status_code == 200

"""The support matcher on /etre-accompagne/: stage, needs and place in; matching structures out,
ranked by needs covered, then distance, with their next permanences."""

import re
from datetime import time, timedelta
from html import unescape

import pytest
from django.utils import timezone

from directory.matcher import coverage_sentence
from directory.models import Kind, Organisation, ProjectStage, SupportService
from tests.helpers.directory import make_organisation

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
    assert "Répond à vos 2 besoins : Conseil juridique, Financement" in page
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
    response = client.get(GUIDE, {"etape": "difficulte", "besoin": "formation"})
    page = unescape(response.content.decode()).replace("\u00a0", " ")
    assert "Aucune autre structure ne correspond à tous ces critères" in page
    assert 'href="/annuaire/?type=structure-accompagnement"' in page
    # Nobody is stranded: the City's ESS contact answers what no structure does.
    assert "Pour « Formation » : le service ESS de la Ville" in city_block(response)


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
    # Every need, a status and a place: the sheets come in one query, the City's answer from the settings.
    every_need = list(SupportService.objects.values_list("slug", flat=True))
    with django_assert_max_num_queries(16):
        response = client.get(GUIDE, {"besoin": every_need, "statut": "cooperative", "ou": "13014"})
    assert response.status_code == 200 and 'id="matcher-ville"' in response.content.decode()


# ---------------------------------------------------------------------------------------------
# Nobody stranded: every stage and need leads somewhere; status, authorities' networks, areas, French


def city_block(response):
    html = unescape(response.content.decode()).replace("\u00a0", " ")
    if 'id="matcher-ville"' not in html:
        return ""
    return html[html.index('id="matcher-ville"') :].split("</div>")[0]


@pytest.mark.parametrize("stage", ["", *ProjectStage.values])
def test_every_stage_and_need_leads_to_a_structure_or_the_city(client, demo_site, stage):
    from ess_site.models import SiteSettings

    contact = SiteSettings.for_site(demo_site.get_site()).contact_name
    assert contact
    for need in SupportService.objects.values_list("slug", flat=True):
        response = client.get(GUIDE, {"etape": stage, "besoin": need})
        structures, city = matched(response), city_block(response)
        assert structures or contact in city, (stage, need)


@pytest.mark.parametrize("need", ["hebergement-locaux", "commande-publique", "conseil-juridique"])
def test_what_the_programme_gives_the_city_is_answered_by_the_city(client, demo_site, need):
    from ess_site.models import SiteSettings

    label = SupportService.objects.get(slug=need).label
    block = city_block(client.get(GUIDE, {"besoin": need}))
    assert f"Pour « {label} » : le service ESS de la Ville" in block
    assert SiteSettings.for_site(demo_site.get_site()).contact_name in block


def test_difficulty_and_financing_finds_france_actives_cash_relay(client, demo_site):
    response = client.get(GUIDE, {"etape": "difficulte", "besoin": "financement"})
    assert matched(response)[0] == "France Active Provence-Alpes-Côte d'Azur"
    page = unescape(response.content.decode()).replace("\u00a0", " ")
    assert "relais de trésorerie pour le monde associatif" in page  # its sheet, opened from the result


def test_the_intended_status_puts_the_union_of_cooperatives_first(client, demo_site):
    page = client.get(GUIDE)
    assert "Quel statut envisagez-vous" in unescape(page.content.decode())
    without = matched(client.get(GUIDE, {"besoin": "accompagnement-creation"}))
    assert "URSCOP – Union régionale des sociétés coopératives" not in without
    cooperative = client.get(GUIDE, {"besoin": "accompagnement-creation", "statut": "cooperative"})
    assert matched(cooperative)[0] == "URSCOP – Union régionale des sociétés coopératives"
    assert matched(cooperative)[1:] == without
    association = matched(client.get(GUIDE, {"besoin": "accompagnement-creation", "statut": "association"}))
    assert association == without


def test_networks_of_local_authorities_are_never_offered(client, demo_site, orgs):
    network = make_organisation(
        "Réseau des villes solidaires", "13001", kind=Kind.AUTHORITIES_NETWORK, services=["financement"]
    )
    for params in ({"besoin": "financement"}, {"etape": "creation"}, {"statut": "association"}):
        assert network.name not in matched(client.get(GUIDE, params))


def test_the_demo_rtes_is_not_offered_but_the_cress_is(client, demo_site):
    names = matched(client.get(GUIDE, {"besoin": "mise-en-reseau"}))
    assert "CRESS – Chambre régionale de l'économie sociale et solidaire" in names
    assert not any(name.startswith("RTES") for name in names)


def test_where_uses_the_area_each_service_covers(client, orgs):
    # Fonds Solidaire Provence (13006) says it serves the 14e: asked from the 14e, it comes first.
    fonds = Organisation.objects.get(name="Fonds Solidaire Provence")
    sheet = fonds.service_sheets.get(service__slug="financement")
    sheet.area, sheet.arrondissements = "arrondissements", ["6", "14"]
    sheet.save()
    north = client.get(GUIDE, {"besoin": "financement", "ou": "13014"})
    assert matched(north)[0] == "Fonds Solidaire Provence"
    assert "Intervient dans le 14e arrondissement" in unescape(north.content.decode())
    # From the 13e, which it does not serve, it comes after the others.
    assert matched(client.get(GUIDE, {"besoin": "financement", "ou": "13013"}))[-1] == "Fonds Solidaire Provence"


@pytest.mark.parametrize(
    "covered, asked, sentence",
    [
        (1, 1, "Répond à votre besoin"),
        (2, 2, "Répond à vos 2 besoins"),
        (2, 3, "Répond à 2 de vos 3 besoins"),
        (1, 3, "Répond à 1 de vos 3 besoins"),
    ],
)
def test_coverage_sentences_are_correct_french(covered, asked, sentence):
    assert coverage_sentence(covered, asked) == sentence


def test_the_page_says_votre_besoin_for_one_need(client, orgs):
    page = unescape(client.get(GUIDE, {"besoin": "formation"}).content.decode()).replace("\u00a0", " ")
    assert "Répond à votre besoin : Formation" in page
    assert "1 de vos 1" not in page and "vos 1 besoin" not in page
    three = unescape(
        client.get(GUIDE, {"besoin": ["formation", "financement", "commande-publique"]}).content.decode()
    ).replace("\u00a0", " ")
    assert "Répond à 2 de vos 3 besoins : Financement, Formation" in three

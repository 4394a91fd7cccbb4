"""Visitors propose a structure (issue 16): /annuaire/proposer/ with a honeypot and a rate limit, no
account; "Modération" turns a proposal into an organisation in one step, or rejects it; the proposer's
optional address hears the outcome (real local SMTP server) and is then erased."""

from html import unescape

import pytest
from django.contrib.auth.models import Group, User

from directory.models import Organisation, ProposalStatus, Sector, StructureProposal

PROPOSE = "/annuaire/proposer/"


def text(response):
    return unescape(response.content.decode()).replace("\u00a0", " ")


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderation", "moderation@example.org", "motdepasse-solide")
    user.groups.add(Group.objects.get(name="Modération"))
    return user


def proposal_data(**changes):
    data = {
        "name": "Ressourcerie exemple de la Belle de Mai",
        "activity": "Collecte, répare et revend des objets ; ateliers de réparation ouverts à toutes et tous.",
        "sector": "",
        "address": "10 rue exemple",
        "postcode": "13003",
        "structure_website": "",
        "structure_email": "contact@ressourcerie.example",
        "structure_phone": "04 91 00 00 10",
        "relation": "usager",
        "proposer_email": "camille@example.org",
        "website": "",
    }
    data.update(changes)
    return data


def test_the_directory_and_its_empty_results_link_to_the_form(client, demo_site):
    assert f'href="{PROPOSE}"' in client.get("/annuaire/").content.decode()
    empty = client.get("/annuaire/?q=zzzzzzzzzz")
    assert "Une structure manque ? Proposez-la" in text(empty)


def test_a_visitor_proposes_a_structure(client, demo_site):
    page = client.get(PROPOSE)
    assert page.status_code == 200 and "Proposer une structure" in text(page)
    sector = Sector.objects.order_by("label").first()
    response = client.post(PROPOSE, proposal_data(sector=sector.pk))
    assert response.status_code == 200 and "votre proposition est bien arrivée" in text(response)
    assert "votre adresse sera ensuite effacée" in text(response)
    proposal = StructureProposal.objects.get()
    assert (proposal.name, proposal.sector, proposal.phone) == (
        "Ressourcerie exemple de la Belle de Mai",
        sector,
        "+33491000010",
    )
    assert proposal.status == ProposalStatus.PENDING
    assert not Organisation.objects.filter(name=proposal.name).exists()  # nothing public before review


def test_errors_honeypot_and_rate_limit(client, demo_site):
    invalid = client.post(PROPOSE, proposal_data(activity="court", relation="", postcode="13"))
    assert invalid.status_code == 400
    html = text(invalid)
    assert "20 caractères au moins" in html and "Dites quel est votre lien" in html and "5 chiffres" in html
    robot = client.post(PROPOSE, proposal_data(website="http://spam.example"))
    assert robot.status_code == 400 and not StructureProposal.objects.exists()
    for _ in range(3):
        assert client.post(PROPOSE, proposal_data()).status_code == 200
    assert client.post(PROPOSE, proposal_data()).status_code == 429
    assert StructureProposal.objects.count() == 3


def test_moderation_turns_a_proposal_into_an_organisation_in_one_step(client, demo_site, moderator, smtp_server):
    client.post(PROPOSE, proposal_data(sector=Sector.objects.order_by("label").first().pk))
    proposal = StructureProposal.objects.get()
    client.force_login(moderator)
    assert "Ressourcerie exemple de la Belle de Mai" in text(client.get("/admin/annuaire/propositions/"))
    review = client.get(f"/admin/annuaire/propositions/{proposal.pk}/")
    html = text(review)
    assert 'value="Ressourcerie exemple de la Belle de Mai"' in html  # the form is prefilled
    assert 'value="contact@ressourcerie.example"' in html

    form = {
        "fiche-name": "Ressourcerie exemple de la Belle de Mai",
        "fiche-kind": "acteur-ess",
        "fiche-short_description": "Collecte, réparation et revente d'objets.",
        "fiche-sectors": [proposal.sector_id],
        "fiche-address": "10 rue exemple",
        "fiche-postcode": "13003",
        "fiche-city": "Marseille",
        "fiche-website": "",
        "fiche-email": "contact@ressourcerie.example",
        "fiche-phone": "04 91 00 00 10",
        "creer": "",
    }
    response = client.post(f"/admin/annuaire/propositions/{proposal.pk}/", form)
    assert response.status_code == 302, text(response)
    organisation = Organisation.objects.get(name="Ressourcerie exemple de la Belle de Mai")
    assert organisation.arrondissement == 3 and organisation.phone == "+33491000010"
    assert list(organisation.sectors.all()) == [proposal.sector]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.organisation == organisation
    assert proposal.proposer_email == ""  # erased once the outcome is sent
    message = smtp_server.wait_for(1)[0]
    assert smtp_server.envelopes[0][1] == ["camille@example.org"]
    assert "est dans l'annuaire" in message["Subject"]
    assert f"/annuaire/{organisation.slug}/" in smtp_server.body(message)
    client.logout()
    assert client.get(f"/annuaire/{organisation.slug}/").status_code == 200


def test_a_rejection_is_mailed_when_an_address_was_left(client, demo_site, moderator, smtp_server):
    client.post(PROPOSE, proposal_data())
    client.post(PROPOSE, proposal_data(name="Sans courriel", proposer_email=""))
    with_email, without = StructureProposal.objects.order_by("created_at")
    client.force_login(moderator)
    client.post(
        f"/admin/annuaire/propositions/{with_email.pk}/",
        {"message": "Cette structure est déjà dans l'annuaire sous un autre nom.", "refuser": ""},
    )
    client.post(f"/admin/annuaire/propositions/{without.pk}/", {"message": "", "refuser": ""})
    assert set(StructureProposal.objects.values_list("status", flat=True)) == {ProposalStatus.REJECTED}
    message = smtp_server.wait_for(1)[0]
    assert "n'a pas été retenue" in message["Subject"]
    assert "déjà dans l'annuaire sous un autre nom" in smtp_server.body(message)
    assert len(smtp_server.messages) == 1
    assert not StructureProposal.objects.exclude(proposer_email="").exists()


def test_only_moderation_reviews_proposals(client, demo_site):
    client.post(PROPOSE, proposal_data())
    editor = User.objects.create_user("redaction", "r@example.org", "motdepasse-solide")
    editor.groups.add(Group.objects.get(name="Rédaction"))
    client.force_login(editor)
    proposal = StructureProposal.objects.get()
    assert client.get(f"/admin/annuaire/propositions/{proposal.pk}/").status_code in (302, 403)


def test_the_form_has_bounded_queries(client, demo_site, django_assert_max_num_queries):
    """The form, a proposal and a refused one: a handful of queries each (the page's menus, the sectors)."""
    with django_assert_max_num_queries(14):
        assert client.get(PROPOSE).status_code == 200
    sector = Sector.objects.order_by("label").first()
    with django_assert_max_num_queries(12):
        response = client.post(PROPOSE, proposal_data(sector=sector.pk))
    assert "votre proposition est bien arrivée" in text(response)
    with django_assert_max_num_queries(11):
        assert client.post(PROPOSE, proposal_data(activity="")).status_code == 400
    assert StructureProposal.objects.count() == 1

"""Email alerts (issue 16): double opt-in, a weekly digest only when something is new (filtered by
organiser/type and by arrondissement/sector), one-click unsubscribe with List-Unsubscribe headers,
the manage/delete page, and the purge of personal data past what the personal-data page states.
Mail goes through a real local SMTP server."""

import datetime
import re
from html import unescape
from importlib import import_module
from urllib.parse import urlsplit

import pytest
from django.core.management.base import CommandError
from django.utils import timezone

from agenda.models import EventType
from alerts.models import Subscription
from directory.models import ProposalStatus, Sector, StructureProposal
from tests.helpers.commands import run_command
from tests.helpers.directory import make_organisation
from tests.helpers.events import agenda_page, publish_event


def text(response):
    return unescape(response.content.decode()).replace("\u00a0", " ")


def path_in(body, kind):
    return urlsplit(re.search(rf"https?://\S+/alertes/{kind}/\S+/", body).group(0)).path


def subscribe(client, **data):
    data.setdefault("email", "dominique@example.org")
    data.setdefault("website", "")
    return client.post("/alertes/", data)


@pytest.fixture
def confirmed(client, demo_site, smtp_server):
    """A subscription to new structures in the 3rd arrondissement, confirmed through its mail."""
    assert subscribe(client, structures="on", arrondissements=["3"]).status_code == 200
    body = smtp_server.body(smtp_server.wait_for(1)[0])
    client.post(path_in(body, "confirmer"))
    smtp_server.clear()
    return Subscription.objects.get()


def test_double_opt_in(client, demo_site, smtp_server):
    form = client.get("/alertes/")
    assert form.status_code == 200 and "Recevoir les nouveautés par courriel" in text(form)
    response = subscribe(client, structures="on", arrondissements=["3"])
    assert "Un courriel de confirmation vient de partir" in text(response)
    message = smtp_server.wait_for(1)[0]
    assert smtp_server.envelopes[0][1] == ["dominique@example.org"]
    assert message["Subject"].strip() == "Confirmez votre abonnement aux alertes de l'ESS à Marseille"
    assert message["List-Unsubscribe"].strip().startswith("<http") and message["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    subscription = Subscription.objects.get()
    assert not subscription.confirmed

    # Unconfirmed: nothing new reaches it.
    make_organisation("Structure exemple du 3e", "13003")
    smtp_server.clear()
    assert "Lettres envoyées\u00a0: 0" in run_command("send_alert_digests")

    body = smtp_server.body(message)
    confirm = path_in(body, "confirmer")
    page = client.get(confirm)  # a mail scanner opening the link confirms nothing
    assert "Confirmer mon abonnement" in text(page) and not Subscription.objects.get().confirmed
    client.post(confirm)
    assert Subscription.objects.get().confirmed


def test_a_subscription_needs_a_choice_and_an_address(client, demo_site, smtp_server):
    response = subscribe(client, email="pas-une-adresse")
    assert response.status_code == 400
    html = text(response)
    assert "Choisissez au moins une alerte" in html and "adresse de courriel valide" in html
    assert subscribe(client, structures="on", website="http://spam.example").status_code == 400
    assert not Subscription.objects.exists() and smtp_server.messages == []


def test_the_digest_lists_only_what_is_new_and_chosen(client, confirmed, smtp_server):
    make_organisation("Épicerie exemple du 3e", "13003")
    make_organisation("Atelier exemple du 8e", "13008")
    dry = run_command("send_alert_digests", dry_run=True)
    assert "[simulation] dominique@example.org\u00a0: 0 rendez-vous, 1 structure(s)" in dry
    assert smtp_server.messages == []

    assert "Lettres envoyées\u00a0: 1" in run_command("send_alert_digests")
    message = smtp_server.wait_for(1)[0]
    body = smtp_server.body(message)
    assert "Épicerie exemple du 3e" in body and "Atelier exemple du 8e" not in body
    unsubscribe_url = re.search(r"https?://\S+/alertes/desabonner/\S+/", body).group(0)
    assert message["List-Unsubscribe"].strip() == f"<{unsubscribe_url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/alertes/gerer/" in smtp_server.body(message, "html")

    # Nothing new since: no mail at all.
    assert "Lettres envoyées\u00a0: 0" in run_command("send_alert_digests")
    assert len(smtp_server.messages) == 1


def test_events_of_one_organiser_and_type(client, demo_site, smtp_server):
    organiser = make_organisation("Incubateur exemple", "13001")
    other = make_organisation("Autre organisateur", "13001")
    index = agenda_page()
    publish_event(index, "ancien-atelier", timezone.localdate(), organiser=organiser, event_type=EventType.WORKSHOP)
    assert (
        subscribe(client, events="on", event_organiser=organiser.pk, event_type=EventType.WORKSHOP).status_code == 200
    )
    client.post(path_in(smtp_server.body(smtp_server.wait_for(1)[0]), "confirmer"))
    smtp_server.clear()

    day = timezone.localdate() + datetime.timedelta(days=10)
    publish_event(
        index, "atelier-suivi", day, organiser=organiser, event_type=EventType.WORKSHOP, title="Atelier suivi"
    )
    publish_event(index, "permanence-suivie", day, organiser=organiser, title="Permanence d'un autre type")
    publish_event(
        index, "atelier-autre", day, organiser=other, event_type=EventType.WORKSHOP, title="Atelier d'un autre"
    )
    run_command("send_alert_digests")
    body = smtp_server.body(smtp_server.wait_for(1)[0])
    assert "Atelier suivi (Atelier)" in body
    assert (
        "ancien-atelier" not in body and "Permanence d'un autre type" not in body and "Atelier d'un autre" not in body
    )


def test_one_click_unsubscribe(client, confirmed, smtp_server):
    make_organisation("Épicerie exemple du 3e", "13003")
    run_command("send_alert_digests")
    message = smtp_server.wait_for(1)[0]
    url = message["List-Unsubscribe"].strip().strip("<>")
    # What a mail client does with List-Unsubscribe-Post (RFC 8058): a POST, no cookie, no token.
    response = client.post(
        urlsplit(url).path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200 and "Votre abonnement est supprimé" in text(response)
    assert not Subscription.objects.exists()


def test_see_and_delete_from_the_link_in_each_mail(client, confirmed, smtp_server):
    make_organisation("Épicerie exemple du 3e", "13003")
    run_command("send_alert_digests")
    manage = path_in(smtp_server.body(smtp_server.wait_for(1)[0]), "gerer")
    page = client.get(manage)
    assert "no-store" in page["Cache-Control"]
    html = text(page)
    assert "dominique@example.org" in html and "dans les arrondissements 3" in html
    client.post(manage, {"action": "supprimer"})
    assert not Subscription.objects.exists()
    assert client.get(manage).status_code == 404


def test_purge_keeps_nothing_longer_than_stated(client, demo_site, settings):
    now = timezone.now()
    old_unconfirmed = Subscription.objects.create(email="a@example.org", structures=True)
    Subscription.objects.filter(pk=old_unconfirmed.pk).update(created_at=now - datetime.timedelta(days=8))
    Subscription.objects.create(
        email="b@example.org", structures=True, created_at=now - datetime.timedelta(days=6)
    )  # within the 7 days
    inactive = Subscription.objects.create(
        email="c@example.org",
        structures=True,
        confirmed_at=now - datetime.timedelta(days=800),
        last_activity_at=now - datetime.timedelta(days=800),
    )
    active = Subscription.objects.create(
        email="d@example.org", structures=True, confirmed_at=now - datetime.timedelta(days=800), last_activity_at=now
    )
    StructureProposal.objects.create(
        name="Vieille proposition",
        activity="…",
        relation="autre",
        proposer_email="e@example.org",
        created_at=now - datetime.timedelta(days=200),
    )
    StructureProposal.objects.create(name="Récente", activity="…", relation="autre", proposer_email="f@example.org")

    dry = run_command("purge_personal_data", dry_run=True)
    assert "[simulation] abonnements non confirmés à effacer\u00a0: 1" in dry
    assert "[simulation] abonnements inactifs à effacer\u00a0: 1" in dry
    assert "[simulation] courriels de propositions sans réponse à effacer\u00a0: 1" in dry
    assert Subscription.objects.count() == 4

    run_command("purge_personal_data")
    assert set(Subscription.objects.values_list("email", flat=True)) == {"b@example.org", "d@example.org"}
    assert not Subscription.objects.filter(pk__in=[old_unconfirmed.pk, inactive.pk]).exists()
    assert Subscription.objects.filter(pk=active.pk).exists()
    assert list(StructureProposal.objects.exclude(proposer_email="").values_list("proposer_email", flat=True)) == [
        "f@example.org"
    ]
    assert StructureProposal.objects.filter(status=ProposalStatus.PENDING).count() == 2  # proposals themselves kept

    # What the personal-data page says is what the purge does.
    page = text(client.get("/donnees-personnelles/"))
    assert "Un abonnement non confirmé est effacé au bout de 7 jours" in page
    assert "au bout de 24 mois sans action de votre part" in page
    assert "au plus tard au bout de 6 mois" in page
    settings.ALERTS_UNCONFIRMED_DAYS = 3
    assert "effacé au bout de 3 jours" in text(client.get("/donnees-personnelles/"))


def test_the_directory_links_to_alerts(client, demo_site):
    assert Sector.objects.exists()
    assert 'href="/alertes/"' in client.get("/annuaire/").content.decode()


def test_the_alert_pages_have_bounded_queries(client, demo_site, smtp_server, django_assert_max_num_queries):
    """Form, confirmation, manage/delete and unsubscribe pages: a few queries each, however many
    sectors or arrondissements the subscription follows."""
    organiser = make_organisation("Organisateur exemple", "13001")
    publish_event(agenda_page(), "atelier-exemple", timezone.localdate(), organiser=organiser)
    sectors = list(Sector.objects.order_by("pk")[:3])
    with django_assert_max_num_queries(8):
        assert client.get("/alertes/").status_code == 200
    with django_assert_max_num_queries(14):
        response = subscribe(
            client,
            events="on",
            event_organiser=organiser.pk,
            structures="on",
            arrondissements=["1", "3", "13"],
            sectors=[sector.pk for sector in sectors],
        )
    assert response.status_code == 200 and "Un courriel de confirmation vient de partir" in text(response)
    subscription = Subscription.objects.get()
    assert subscription.sectors.count() == 3
    token = subscription.token

    with django_assert_max_num_queries(5):
        assert "Confirmer mon abonnement" in text(client.get(f"/alertes/confirmer/{token}/"))
    with django_assert_max_num_queries(6):
        assert "Votre abonnement est confirmé" in text(client.post(f"/alertes/confirmer/{token}/"))
    with django_assert_max_num_queries(7):
        page = text(client.get(f"/alertes/gerer/{token}/"))
    assert "organisés par Organisateur exemple" in page and "dans les arrondissements 1, 3, 13" in page
    assert all(sector.label in page for sector in sectors)
    with django_assert_max_num_queries(5):
        assert "Me désabonner" in text(client.get(f"/alertes/desabonner/{token}/"))
    with django_assert_max_num_queries(8):
        assert "Votre abonnement est supprimé" in text(client.post(f"/alertes/gerer/{token}/", {"action": "supprimer"}))
    assert not Subscription.objects.exists()


def test_a_scheduled_task_that_fails_fails_its_command(db, monkeypatch):
    """The command's work runs as a task (inline in tests): its failure reaches cron as the command's."""

    def broken(now=None, dry_run=False):
        raise RuntimeError("base indisponible")

    # The command binds `purge` (its --dry-run) when first imported: not to the broken one, or every
    # later test of the command in this process would fail.
    import_module("alerts.management.commands.purge_personal_data")
    monkeypatch.setattr("alerts.purge.purge", broken)
    with pytest.raises(CommandError, match="purge_task a échoué") as error:
        run_command("purge_personal_data")
    assert "base indisponible" in str(error.value)

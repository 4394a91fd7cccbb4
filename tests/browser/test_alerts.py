"""Alerts in a real browser (issue 16): the pages a subscriber reaches from the links in the mails —
confirmation, manage/delete, unsubscribe — each audited by axe, through to the deleted subscription."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _EXTRA_SETUP

pytestmark = pytest.mark.browser

TOKENS = {}


def _subscriptions():
    from alerts.models import Subscription
    from directory.models import Sector

    for key in ("confirm", "manage", "unsubscribe"):
        email = f"{key}@example.org"
        subscription = Subscription.objects.filter(email=email).first() or Subscription.objects.create(
            email=email, structures=True, arrondissements=[1, 3]
        )
        subscription.sectors.set(Sector.objects.order_by("pk")[:2])
        TOKENS[key] = subscription.token


_EXTRA_SETUP.append(_subscriptions)


def test_confirming_a_subscription(page, site_url, axe_audit):
    from alerts.models import Subscription

    page.goto(f"{site_url}/alertes/confirmer/{TOKENS['confirm']}/")
    expect(page.locator("h1")).to_have_text("Confirmer l'abonnement")
    expect(page.locator("main")).to_contain_text("confirm@example.org")
    axe_audit(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirmer mon abonnement").click()
    expect(page.locator("h1")).to_have_text("Votre abonnement est confirmé")
    axe_audit(page)
    page.get_by_role("link", name="Voir ou supprimer votre abonnement").click()
    expect(page.locator("h1")).to_have_text("Votre abonnement aux alertes")
    # (the database is read once the server is done writing: SQLite would lock it otherwise)
    assert Subscription.objects.get(email="confirm@example.org").confirmed


def test_seeing_then_deleting_a_subscription(page, site_url, axe_audit):
    from alerts.models import Subscription

    page.goto(f"{site_url}/alertes/gerer/{TOKENS['manage']}/")
    expect(page.locator("h1")).to_have_text("Votre abonnement aux alertes")
    details = page.locator("main dl")
    expect(details).to_contain_text("manage@example.org")
    expect(details).to_contain_text("dans les arrondissements 1, 3")
    axe_audit(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Supprimer mon adresse et mon abonnement").click()
    expect(page.locator("h1")).to_have_text("Votre abonnement est supprimé")
    axe_audit(page)
    response = page.goto(f"{site_url}/alertes/gerer/{TOKENS['manage']}/")
    assert response.status == 404
    assert not Subscription.objects.filter(email="manage@example.org").exists()


def test_unsubscribing(page, site_url, axe_audit):
    from alerts.models import Subscription

    page.goto(f"{site_url}/alertes/desabonner/{TOKENS['unsubscribe']}/")
    expect(page.locator("h1")).to_have_text("Se désabonner")
    expect(page.locator("main")).to_contain_text("unsubscribe@example.org")
    axe_audit(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Me désabonner").click()
    expect(page.locator("h1")).to_have_text("Votre abonnement est supprimé")
    axe_audit(page)
    assert not Subscription.objects.filter(email="unsubscribe@example.org").exists()

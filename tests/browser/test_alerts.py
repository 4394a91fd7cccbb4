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


def open_and_audit(page, url, heading, email, axe_audit):
    """The page a mail's link opens: its heading, the subscriber's address, no axe violation."""
    page.goto(url)
    expect(page.locator("h1")).to_have_text(heading)
    expect(page.locator("main")).to_contain_text(email)
    axe_audit(page)


def press_and_audit(page, button, heading, axe_audit):
    """Press the page's button: the next page has this heading and no axe violation."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    expect(page.locator("h1")).to_have_text(heading)
    axe_audit(page)


def test_confirming_a_subscription(page, site_url, axe_audit):
    from alerts.models import Subscription

    url = f"{site_url}/alertes/confirmer/{TOKENS['confirm']}/"
    open_and_audit(page, url, "Confirmer l'abonnement", "confirm@example.org", axe_audit)
    press_and_audit(page, "Confirmer mon abonnement", "Votre abonnement est confirmé", axe_audit)
    page.get_by_role("link", name="Voir ou supprimer votre abonnement").click()
    expect(page.locator("h1")).to_have_text("Votre abonnement aux alertes")
    # (the database is read once the server is done writing: SQLite would lock it otherwise)
    assert Subscription.objects.get(email="confirm@example.org").confirmed


def test_seeing_then_deleting_a_subscription(page, site_url, axe_audit):
    from alerts.models import Subscription

    url = f"{site_url}/alertes/gerer/{TOKENS['manage']}/"
    open_and_audit(page, url, "Votre abonnement aux alertes", "manage@example.org", axe_audit)
    expect(page.locator("main dl")).to_contain_text("dans les arrondissements 1, 3")
    press_and_audit(page, "Supprimer mon adresse et mon abonnement", "Votre abonnement est supprimé", axe_audit)
    response = page.goto(url)
    assert response.status == 404
    assert not Subscription.objects.filter(email="manage@example.org").exists()


def test_unsubscribing(page, site_url, axe_audit):
    from alerts.models import Subscription

    url = f"{site_url}/alertes/desabonner/{TOKENS['unsubscribe']}/"
    open_and_audit(page, url, "Se désabonner", "unsubscribe@example.org", axe_audit)
    press_and_audit(page, "Me désabonner", "Votre abonnement est supprimé", axe_audit)
    assert not Subscription.objects.filter(email="unsubscribe@example.org").exists()

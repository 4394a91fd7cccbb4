"""Login throttling (issue 12, item 11): django-axes on Wagtail's login view. After AXES_FAILURE_LIMIT
wrong passwords the account is locked (from any address) and so is the address (for any account),
with a French message; other accounts from other addresses are not affected. /django-admin/ is gone."""

from html import unescape

import pytest

LOGIN = "/admin/login/"
ATTACKER = "203.0.113.10"
ELSEWHERE = "198.51.100.20"


@pytest.fixture
def editors(db, django_user_model):
    alice = django_user_model.objects.create_user("alice", "alice@example.org", "motdepasse-alice-1", is_superuser=True)
    bob = django_user_model.objects.create_user("bob", "bob@example.org", "motdepasse-bob-2", is_superuser=True)
    return alice, bob


def login(client, username, password, ip):
    client.logout()
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def logged_in(response):
    return response.status_code == 302 and response["Location"].startswith("/admin/")


def test_wrong_passwords_lock_the_account_then_the_right_one_is_refused(client, editors, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, "alice", "mauvais", ATTACKER)
        assert not logged_in(response)
    refused = login(client, "alice", "motdepasse-alice-1", ATTACKER)
    assert not logged_in(refused)
    assert refused.status_code == 429
    page = unescape(refused.content.decode())
    assert "Trop de tentatives de connexion" in page and '<html lang="fr"' in page
    # The account is locked from anywhere (an attacker may change address)...
    assert not logged_in(login(client, "alice", "motdepasse-alice-1", ELSEWHERE))
    # ...and the address is locked for any account (an attacker may change account).
    assert not logged_in(login(client, "bob", "motdepasse-bob-2", ATTACKER))
    # Another editor elsewhere is not affected.
    assert logged_in(login(client, "bob", "motdepasse-bob-2", ELSEWHERE))


def test_a_few_typos_do_not_lock_anyone_out(client, editors, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "alice", "mauvais", ATTACKER)
    assert logged_in(login(client, "alice", "motdepasse-alice-1", ATTACKER))


def test_behind_the_proxy_visitors_are_told_apart_by_their_forwarded_address(client, editors, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.5"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "inconnu", "password": "x"}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
    # Same proxy, another visitor: not locked out by the attacker's failures.
    client.logout()
    response = client.post(
        LOGIN,
        {"username": "bob", "password": "motdepasse-bob-2"},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=ELSEWHERE,
    )
    assert logged_in(response)


def test_the_django_admin_route_is_gone(client, demo_site):
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404

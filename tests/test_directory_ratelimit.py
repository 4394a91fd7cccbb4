"""The correction form's rate limit behind a proxy (issue 12, item 12): counted in the shared cache
(Redis with REDIS_URL), so two server processes share one count, and keyed on the visitor's address
read TRUSTED_PROXY_COUNT hops from the right of X-Forwarded-For, never further."""

import secrets

import pytest
import requests
from django.db import connection
from django.test import RequestFactory

from directory.finder.views import CORRECTION_LIMIT
from directory.models import CorrectionRequest
from ess_site.clients import client_ip
from tests.helpers.servers import database_url, free_port, gunicorn, redis_server, server_env


def new_address():
    """A documentation IPv6 address of this run only: the Redis may outlive the test (CI's)."""
    return f"2001:db8::{secrets.token_hex(2)}:{secrets.token_hex(2)}"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.1"),  # no proxy configured: the header is ignored
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # what the client wrote before is ignored
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.1"),  # fewer hops than proxies: not trusted
        (1, "pas-une-adresse", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_address_is_read_from_the_right(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_the_production_settings_use_redis_when_redis_url_is_set():
    from ess_site.settings.base import cache_settings

    assert cache_settings("redis://cache:6379/1")["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache_settings("")["default"]["BACKEND"].endswith("LocMemCache")


class Visitor:
    """A browser behind the proxy: its own cookies, its address in X-Forwarded-For. The correction form
    carries no CSRF token (its page is cached and shared: ess_site/http_cache.py)."""

    def __init__(self, address):
        self.session = requests.Session()
        self.session.headers["X-Forwarded-For"] = address

    def send(self, base, path, message):
        form = self.session.get(base + path, timeout=30)
        assert form.status_code == 200, form.text[:500]
        response = self.session.post(base + path, data={"message": message}, timeout=30, allow_redirects=False)
        return response.status_code


@pytest.mark.django_db(transaction=True)
def test_two_server_processes_share_one_limit_per_visitor(orgs):
    path = f"/annuaire/{orgs['velo'].slug}/signaler-une-erreur/"
    with redis_server() as redis_url:
        env = server_env(
            DATABASE_URL=database_url(connection),
            REDIS_URL=redis_url,
            TRUSTED_PROXY_COUNT=1,
            GUNICORN_WORKERS=1,
            GUNICORN_ACCESS_LOG="",
        )
        ports = [free_port(), free_port()]
        with gunicorn(ports[0], env), gunicorn(ports[1], env):
            servers = [f"http://127.0.0.1:{port}" for port in ports]
            address = new_address()
            visitor = Visitor(address)
            statuses = [visitor.send(servers[i % 2], path, f"Signalement numéro {i} du visiteur.") for i in range(6)]
            assert statuses == [200] * CORRECTION_LIMIT.max_requests + [429]

            # Writing another address before the proxy's does not reset the count.
            visitor.session.headers["X-Forwarded-For"] = f"198.51.100.99, {address}"
            assert visitor.send(servers[1], path, "Encore un signalement déguisé.") == 429

            # Another visitor behind the same proxy is not affected.
            assert Visitor(new_address()).send(servers[0], path, "Un autre visiteur signale.") == 200
    assert CorrectionRequest.objects.count() == CORRECTION_LIMIT.max_requests + 1

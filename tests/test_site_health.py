"""The site when a dependency misbehaves (issue 12, item 9): a public form whose save fails answers
the form again with the visitor's text and a French « réessayez dans un instant » (503, never a bare
500); `/sante/` tells a load balancer what is down."""

from html import unescape
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from directory.models import CorrectionRequest

MESSAGE = "Le local a déménagé au 3 rue d'Aubagne, merci de corriger."


def text(response):
    return unescape(response.content.decode()).replace("\u00a0", " ")


def correction_url(organisation):
    return f"/annuaire/{organisation.slug}/signaler-une-erreur/"


def database_down():
    return mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=OperationalError("database is gone"))


def test_a_correction_whose_save_fails_gives_the_form_back(client, orgs):
    with mock.patch.object(CorrectionRequest, "save", side_effect=OperationalError("could not write")):
        response = client.post(correction_url(orgs["velo"]), {"message": MESSAGE, "contact_name": "Camille"})
    assert response.status_code == 503
    page = text(response)
    assert "réessayez dans un instant" in page
    assert MESSAGE in page and 'value="Camille"' in page
    assert '<form class="correction-form"' in response.content.decode()
    assert CorrectionRequest.objects.count() == 0
    # A moment later, the same post goes through.
    assert client.post(correction_url(orgs["velo"]), {"message": MESSAGE}).status_code == 200
    assert CorrectionRequest.objects.count() == 1


def test_a_public_post_while_the_database_is_unreachable_keeps_the_text(client, orgs):
    url = correction_url(orgs["velo"])
    with database_down():
        response = client.post(url, {"message": MESSAGE, "contact_email": "camille@example.org"})
    assert response.status_code == 503
    assert response["Retry-After"]
    page = text(response)
    assert "réessayez dans un instant" in page
    assert MESSAGE in page and "camille@example.org" in page
    html = response.content.decode()
    assert f'action="{url}"' in html and 'method="post"' in html
    assert "csrfmiddlewaretoken" in html


def test_health_says_everything_is_fine(client, db):
    response = client.get("/sante/")
    assert response.status_code == 200
    data = response.json()
    assert data["database"] == "ok" and data["cache"] == "ok" and data["status"] == "ok"
    assert data["search"] in ("ok", "database backend")
    assert response["Cache-Control"].startswith("no-cache") or "no-store" in response["Cache-Control"]


def test_health_names_the_database_when_it_is_down(client, db):
    with database_down():
        response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["database"] == "down" and response.json()["cache"] == "ok"
    assert response.json()["status"] == "down"


def test_health_names_the_cache_when_it_is_down(client, db):
    with mock.patch("django.core.cache.cache.set", side_effect=ConnectionError("redis is gone")):
        response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["cache"] == "down" and response.json()["database"] == "ok"


def test_a_search_engine_down_degrades_the_instance_without_taking_it_out(client, db):
    """Searches fall back to the database: the load balancer must keep this instance."""
    from ess_site import health

    with mock.patch.object(health, "check_search", side_effect=ConnectionError("engine is gone")):
        response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json()["search"] == "down" and response.json()["status"] == "degraded"


@pytest.mark.parametrize("configured", [False, True])
def test_health_asks_the_engine_when_one_is_configured(db, configured):
    """With an engine: its ping decides; without: the database backend answers searches."""
    from ess_site import health

    engine = mock.Mock()
    engine.es.ping.return_value = False
    backend = engine if configured else mock.Mock(spec=[])
    with mock.patch.object(health, "get_search_backend", return_value=backend):
        if configured:
            with pytest.raises(ConnectionError):
                health.check_search()
        else:
            assert health.check_search() == "database backend"

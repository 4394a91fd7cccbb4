"""The site behind the real reverse cache (Varnish, tools/cache-proxy with its VCL), purged on change.

A live app server runs on this test's database; Varnish forwards to it. In CI the proxy started by
.ci/run (CACHE_PROXY_URL, forwarding to CACHE_PROXY_BACKEND) is used; otherwise each session
starts its own. Without Varnish these tests are skipped locally and fail in CI.
"""

import os

import pytest
import requests
from django.contrib.auth.models import User
from wagtail.models import PageViewRestriction

from agenda.recurrence import Kind
from directory.models import CorrectionRequest
from ess_site.frontend_cache_config import frontend_cache_settings
from ess_site.models import SiteSettings
from tests.helpers.directory import make_organisation
from tests.helpers.events import next_weekday, publish_event
from tests.helpers.pages import add_page
from tests.helpers.servers import require
from tests.helpers.services import admin_session, cache_proxy, varnishd_path

# Committed for real (the app server reads them); the page tree of the migrations comes back after.
pytestmark = [pytest.mark.cache_proxy, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(scope="session")
def proxied_site(django_db_setup, django_db_blocker):
    """(proxy URL, app URL): Varnish in front of a live server of the test database."""
    from pytest_django.live_server_helper import LiveServer

    if not varnishd_path():
        yield None
        return
    ci_proxy, ci_backend = os.environ.get("CACHE_PROXY_URL"), os.environ.get("CACHE_PROXY_BACKEND")
    use_ci_proxy = ci_proxy and ci_backend and os.environ.get("PYTEST_XDIST_WORKER", "gw0") == "gw0"
    server = LiveServer(ci_backend if use_ci_proxy else "127.0.0.1:0")
    try:
        if use_ci_proxy:
            yield ci_proxy, server.url
        else:
            with cache_proxy(f"127.0.0.1:{server.thread.port}") as proxy:
                yield proxy, server.url
    finally:
        server.stop()


@pytest.fixture
def site(proxied_site, settings, demo_site):
    """The proxy's URL, with purges going to it and nothing cached from a previous test."""
    if proxied_site is None:
        require("Varnish", False, "apt-get install varnish")
    proxy, _app = proxied_site
    settings.WAGTAILFRONTENDCACHE = frontend_cache_settings(proxy)
    assert requests.request("PURGE", f"{proxy}/*", timeout=10).status_code == 200
    return proxy


def get(url, session=None):
    response = (session or requests).get(url, timeout=30, allow_redirects=False)
    return response, response.headers.get("X-Cache")


def cached(url):
    """GET twice: the second answer must come from the cache."""
    first, _ = get(url)
    second, state = get(url)
    assert state == "HIT", f"{url} not cached: {second.status_code} {second.headers.get('Cache-Control')}"
    return second


def test_a_publish_is_visible_through_the_proxy_on_the_next_request_and_others_stay_cached(site, home):
    page = add_page(home, "Appel à projets", intro="Version du lundi.")
    other = add_page(home, "Financer son projet", intro="Les aides.")
    response = cached(f"{site}{page.url}")
    assert "Version du lundi." in response.text
    assert response.headers["Cache-Control"].startswith("public") and "s-maxage=" in response.headers["Cache-Control"]
    assert not response.headers.get("Set-Cookie")
    cached(f"{site}{other.url}")

    page.intro = "Version du mardi."
    page.save_revision().publish()

    response, state = get(f"{site}{page.url}")
    assert state == "MISS" and "Version du mardi." in response.text
    # The purge named this page (and home, search): another page is still served from the cache.
    assert get(f"{site}{other.url}")[1] == "HIT"


def test_a_restricted_page_is_never_served_from_the_cache(site, home, django_user_model):
    page = add_page(home, "Espace partenaires", intro="Réservé aux partenaires.")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    for _ in range(2):
        response, state = get(f"{site}{page.url}")
        assert response.status_code == 302 and state == "MISS"
        assert "no-store" in response.headers["Cache-Control"]
    django_user_model.objects.create_superuser("partenaire", "p@example.org", "mot-de-passe-long-1")
    member = admin_session(site, "partenaire", "mot-de-passe-long-1")
    response, state = get(f"{site}{page.url}", member)
    assert response.status_code == 200 and "Réservé aux partenaires." in response.text
    assert "private" in response.headers["Cache-Control"]
    # What the member saw was not kept for the next anonymous visitor.
    response, state = get(f"{site}{page.url}")
    assert response.status_code == 302 and "Réservé aux partenaires." not in response.text


def test_an_editor_session_is_never_cached(site, home):
    User.objects.create_superuser("redactrice", "r@example.org", "mot-de-passe-long-2")
    cached(f"{site}/")
    session = admin_session(site, "redactrice", "mot-de-passe-long-2")
    for _ in range(2):
        response, state = get(f"{site}/", session)
        assert response.status_code == 200 and state == "MISS"
        assert "private" in response.headers["Cache-Control"]
    # The editor's page (with Wagtail's editing bar) never reaches an anonymous visitor.
    assert "wagtail-userbar" in response.text
    response, state = get(f"{site}/")
    assert state == "HIT" and "wagtail-userbar" not in response.text


def test_an_organisation_change_purges_the_finder_its_page_and_exports_not_the_rest(site, home):
    organisation = make_organisation("Recyclerie du Panier", "13002")
    other = add_page(home, "Financer son projet", intro="Les aides.")
    urls = [
        "/annuaire/",
        "/annuaire/?q=panier",
        "/annuaire/carte/points/",
        f"/annuaire/{organisation.slug}/",
        "/annuaire/export.csv",
    ]
    for url in urls:
        assert "Recyclerie du Panier" in cached(site + url).text, url
    cached(site + other.url)
    cached(f"{site}/")

    # A draft (an editor's change waiting for "Modération") changes nothing visitors see: no purge.
    organisation.name = "Ressourcerie du Panier"
    revision = organisation.save_revision()
    for url in urls:
        response, state = get(site + url)
        assert state == "HIT" and "Recyclerie du Panier" in response.text, url

    revision.publish()

    for url in urls:
        response, state = get(site + url)
        assert state == "MISS" and "Ressourcerie du Panier" in response.text, url
    assert get(f"{site}/")[1] == "MISS"
    assert get(site + other.url)[1] == "HIT"


def test_an_unpublished_organisation_leaves_the_finder_and_its_page_through_the_proxy(site, home):
    organisation = make_organisation("Recyclerie du Panier", "13002")
    page_url = f"{site}/annuaire/{organisation.slug}/"
    assert "Recyclerie du Panier" in cached(f"{site}/annuaire/").text
    cached(page_url)

    organisation.unpublish()

    assert "Recyclerie du Panier" not in get(f"{site}/annuaire/")[0].text
    assert get(page_url)[0].status_code == 404


def test_an_event_publish_purges_the_agenda_its_feeds_and_its_host(site, agenda):
    host = make_organisation("Maison de l'accompagnement", "13001")
    monday = next_weekday(0)
    month = f"/agenda/calendrier/{monday.year}/{monday.month:02d}/"
    urls = ["/agenda/", "/agenda/permanences/", month, "/agenda/agenda.ics", f"/annuaire/{host.slug}/"]
    for url in urls:
        cached(site + url)
    publish_event(
        agenda, "permanence-du-lundi", monday, recurrence=Kind.WEEKLY, place=host, title="Permanence du lundi"
    )
    for url in urls:
        response, state = get(site + url)
        assert state == "MISS" and "Permanence du lundi" in response.text, url


def test_site_settings_save_purges_every_page(site, home):
    other = add_page(home, "Financer son projet", intro="Les aides.")
    cached(f"{site}{other.url}")
    settings_row = SiteSettings.for_site(home.get_site())
    settings_row.contact_email = "ess-nouvelle-adresse@example.org"
    settings_row.save()
    response, state = get(f"{site}{other.url}")
    assert state == "MISS" and "ess-nouvelle-adresse@example.org" in response.text


def test_the_correction_form_of_a_cached_page_posts_through_the_proxy(site, home):
    organisation = make_organisation("Recyclerie du Panier", "13002")
    page = cached(f"{site}/annuaire/{organisation.slug}/")
    assert "csrfmiddlewaretoken" not in page.text
    sent = requests.post(
        f"{site}/annuaire/{organisation.slug}/signaler-une-erreur/",
        data={"message": "Le local a changé d'adresse.", "website": ""},
        headers={"Origin": site},
        timeout=30,
    )
    assert sent.status_code == 200 and "Merci, votre signalement est bien arrivé" in sent.text
    assert sent.headers.get("X-Cache") == "MISS" and "no-store" in sent.headers["Cache-Control"]
    assert CorrectionRequest.objects.filter(organisation=organisation).count() == 1

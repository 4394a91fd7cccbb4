"""Two app instances (two gunicorn processes on two ports) on one database and one Redis: what an
editor saves through one is served at once by the other (site settings, navigation, a published page).

Without Redis every process keeps its own copy of these lists for up to SITE_CACHE_TIMEOUT (5 minutes).
Redis comes from REDIS_URL (.ci/run) or is started here; missing locally, the test is skipped.
"""

import re
import uuid

import pytest
import requests
from django.contrib.auth.models import User

from tests.helpers.pages import add_page
from tests.helpers.servers import redis_server
from tests.helpers.services import admin_post, admin_session, gunicorn_instance

pytestmark = [pytest.mark.app_instances, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def main_navigation(html):
    return re.search(r'<nav id="navigation".*?</nav>', html, re.S).group(0)


def test_a_change_saved_through_one_instance_is_served_at_once_by_the_other(demo_site, home):
    User.objects.create_superuser("redactrice", "r@example.org", "mot-de-passe-long-3")
    page = add_page(home, "Appels à projets", intro="Les appels ouverts.", show_in_menus=True)
    with redis_server() as redis:
        # Keys of this test only: the Redis of CI outlives the test's database.
        shared = {"REDIS_URL": redis, "ESS_SHARED_CACHE": "1", "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        with gunicorn_instance(shared) as one, gunicorn_instance(shared) as two:
            # Both instances have read (and cached) the navigation and the footer's settings.
            for instance in (one, two):
                html = requests.get(f"{instance}{page.url}", timeout=30).text
                assert "Appels à projets" in main_navigation(html)
                assert "ess-nouvelle-adresse@example.org" not in html
            editor = admin_session(one, "redactrice", "mot-de-passe-long-3")

            # Site settings, saved through the first instance's admin form.
            # (Wagtail's settings URL names the site, not the settings row.)
            saved = admin_post(
                editor,
                f"{one}/admin/settings/ess_site/sitesettings/{home.get_site().pk}/",
                {"contact_email": "ess-nouvelle-adresse@example.org"},
            )
            assert saved.status_code == 200 and "ess-nouvelle-adresse@example.org" in saved.text
            assert "ess-nouvelle-adresse@example.org" in requests.get(f"{two}/", timeout=30).text

            # A page's new title, published through the first instance: the second one shows it in
            # the page and in its navigation (which it had cached) on the next request.
            page.title = "Appels à projets 2027"
            page.save_revision()
            published = admin_post(editor, f"{one}/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/")
            assert published.status_code == 200 and published.url.endswith("/admin/")
            page.refresh_from_db()
            assert page.live and page.title == "Appels à projets 2027"
            html = requests.get(f"{two}{page.url}", timeout=30).text
            assert "<h1>Appels à projets 2027</h1>" in html
            assert "Appels à projets 2027" in main_navigation(requests.get(f"{two}/", timeout=30).text)

            # Unpublished through the first: gone from the second's navigation at once.
            unpublished = admin_post(editor, f"{one}/admin/pages/{page.pk}/unpublish/")
            assert unpublished.status_code == 200
            page.refresh_from_db()
            assert not page.live
            assert "Appels à projets" not in main_navigation(requests.get(f"{two}/", timeout=30).text)

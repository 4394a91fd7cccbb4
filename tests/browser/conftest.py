"""Browser tests: Debian's Chromium driven by Playwright, against a live server of the demo site.

The demo content is loaded once, committed, and served by a live server thread for the whole
session; these tests only read it (make test runs them in their own pytest process and database).
"""

import os
import shutil
import threading

import pytest
from django.core.management import call_command

# Playwright's sync API keeps an event loop running in the main thread; Django's database code,
# called from the same thread by fixtures, would otherwise refuse to run "in an async context".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path():
    for candidate in [os.environ.get("CHROMIUM_PATH")] + CHROMIUM_CANDIDATES:
        if candidate and os.path.exists(candidate):
            return candidate
    return shutil.which("chromium")


def pytest_collection_modifyitems(items):
    # pytest-django creates the test database only for tests that ask for one: every browser test
    # does (through the live server), so mark them all; otherwise the server would use the real
    # database named in the settings.
    for item in items:
        item.add_marker(pytest.mark.django_db)
        item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_url(django_db_setup, django_db_blocker):
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        from django.db import connection

        assert connection.settings_dict["NAME"].split("/")[-1].startswith("test"), connection.settings_dict["NAME"]
        call_command("load_demo_content", stdout=open(os.devnull, "w"))
        for module_setup in _EXTRA_SETUP:
            module_setup()
        server = LiveServer("127.0.0.1:0")
        try:
            yield server.url
        finally:
            server.stop()
            _close_server_sessions(connection)


def _close_server_sessions(connection):
    """A request the browser left in flight keeps its server thread (a daemon, never joined) and its
    database session alive; PostgreSQL would then refuse to drop the test database. Let those
    threads finish, then end any session still open."""
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(timeout=5)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    # This fixture's own session too: Django's connections are per context, and pytest-django may
    # tear the database down from another one.
    connection.close()


# Feature modules may register extra session data (synthetic organisations, events...) here.
_EXTRA_SETUP = []


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        message = "Chromium introuvable : installez le paquet Debian « chromium » (apt-get install chromium)."
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def axe_audit():
    """Run axe-core on the page and fail with a readable report of every violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def audit(page):
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()
        return results

    return audit


# The admin as an editor-in-chief meets it: a superuser, signed in through the login form.
ADMIN = ("cheffe-de-redaction", "Un mot de passe assez long 2026")


def _create_admin():
    from django.contrib.auth.models import User

    if not User.objects.filter(username=ADMIN[0]).exists():
        User.objects.create_superuser(ADMIN[0], "cheffe@example.org", ADMIN[1])


_EXTRA_SETUP.append(_create_admin)


@pytest.fixture
def admin_page(browser, site_url):
    """admin_page(viewport): a new signed-in admin page of that size."""
    contexts = []

    def open_(viewport):
        context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(site_url + "/admin/login/")
        page.locator("#id_username").fill(ADMIN[0])
        page.locator("#id_password").fill(ADMIN[1])
        with page.expect_navigation():
            page.locator('form button[type="submit"]').click()
        return page

    yield open_
    for context in contexts:
        context.close()

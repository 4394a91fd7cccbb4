"""The users' admin as an editor-in-chief meets it: the role picker offers the project's two roles
only, each with what it may do (home/roles.py, home/migrations/0005)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import conftest

ADMIN = ("cheffe-de-redaction", "Un mot de passe assez long 2026")


def create_admin():
    from django.contrib.auth.models import User

    if not User.objects.filter(username=ADMIN[0]).exists():
        User.objects.create_superuser(ADMIN[0], "cheffe@example.org", ADMIN[1])


conftest._EXTRA_SETUP.append(create_admin)


@pytest.fixture
def admin_page(browser, site_url):
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


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 360, "height": 740}])
def test_the_role_picker_offers_the_two_roles_with_what_they_may_do(admin_page, site_url, axe_audit, viewport):
    page = admin_page(viewport)
    page.goto(site_url + "/admin/users/new/")
    page.locator("#tab-label-roles").click()
    roles = page.locator('input[name="groups"]')
    expect(roles).to_have_count(2)
    for name, words in (("Rédaction", "ne publie pas elle-même"), ("Modération", "Relit et publie")):
        checkbox = page.get_by_role("checkbox", name=re.compile(f"^{name}"))
        expect(checkbox).to_have_count(1)
        label = page.locator("label").filter(has=checkbox)
        expect(label.locator(".role-description")).to_contain_text(words)
        expect(label.locator(".role-description")).to_be_visible()
    expect(page.get_by_text("Moderators")).to_have_count(0)
    expect(page.get_by_text("Editors", exact=True)).to_have_count(0)
    axe_audit(page)

"""The users' admin as an editor-in-chief meets it: the role picker offers the project's two roles
only, each with what it may do (home/roles.py, home/migrations/0005)."""

import re

import pytest
from playwright.sync_api import expect


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

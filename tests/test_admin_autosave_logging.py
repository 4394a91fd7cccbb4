"""Wagtail's autosave of an incomplete form logs no « Bad Request » line; a real bad request still does.

Wagtail 8 posts the edit form with ``Accept: application/json`` every few seconds while an editor
types; an incomplete form answers 400 ``validation_error`` (ess_site/admin_logging.py).
"""

import logging

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.helpers.directory import make_organisation
from tests.helpers.pages import add_page
from tests.helpers.users import member_of

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def untitled(page):
    """The page's edit form as an editor leaves it after erasing the title."""
    return nested_form_data({"title": "", "slug": page.slug, "intro": rich_text(""), "body": streamfield([])})


@pytest.fixture
def moderator(demo_site):
    return member_of("Modération", "moderation")


def bad_request_lines(caplog):
    return [r for r in caplog.records if r.name == "django.request" and r.levelno >= logging.WARNING]


def test_an_autosave_of_an_incomplete_page_logs_nothing(client, moderator, home, caplog):
    page = add_page(home, "Permanence juridique")
    client.force_login(moderator)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.post(f"/admin/pages/{page.pk}/edit/", untitled(page), **AUTOSAVE)
    assert response.status_code == 400
    assert response.json()["error_code"] == "validation_error"
    assert bad_request_lines(caplog) == []


def test_an_autosave_of_an_unfinished_organisation_logs_nothing(client, moderator, caplog):
    # Wagtail saves a snippet's draft with empty required fields; a value still being typed is refused.
    regie = make_organisation("Régie du Panier", "13002")
    client.force_login(moderator)
    unfinished = {"name": regie.name, "opening_hours": "Tu 09:00-1"}
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.post(f"/admin/directory/organisation/edit/{regie.pk}/", unfinished, **AUTOSAVE)
    assert response.status_code == 400
    assert response.json()["error_code"] == "validation_error"
    assert bad_request_lines(caplog) == []


def test_an_autosave_refused_for_another_reason_is_still_logged(client, moderator, home, caplog):
    page = add_page(home, "Permanence juridique")
    other = member_of("Modération", "autre")
    page.locked, page.locked_by = True, other
    page.save()
    client.force_login(moderator)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.post(f"/admin/pages/{page.pk}/edit/", untitled(page), **AUTOSAVE)
    assert response.status_code == 400 and response.json()["error_code"] == "locked"
    assert [r.getMessage() for r in bad_request_lines(caplog)] == [f"Bad Request: /admin/pages/{page.pk}/edit/"]


def test_a_bad_request_of_the_api_is_still_logged(client, demo_site, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/api/v1/actualites/", {"categorie": "inconnue"}, **AUTOSAVE)
    assert response.status_code == 400
    assert [r.getMessage() for r in bad_request_lines(caplog)] == ["Bad Request: /api/v1/actualites/"]

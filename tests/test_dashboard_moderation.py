"""Approving from the dashboard: Wagtail's « Approuver » button posts to the workflow action view and
comes back to the dashboard; the moderator is told what happened (ess_site/workflow_messages.py)."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from directory.models import Organisation
from ess_site.typography import french
from tests.helpers.directory import make_organisation
from tests.helpers.users import member_of


@pytest.fixture
def people(demo_site):
    return {"redaction": member_of("Rédaction", "redaction"), "moderation": member_of("Modération", "moderation")}


def submit(obj, user, **changes):
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save_revision(user=user)
    obj.get_workflow().start(obj, user)


def dashboard_action_url(client, action):
    """The URL the dashboard's button for `action` posts to (workflow-action.js: a form with `next`)."""
    html = unescape(client.get("/admin/").content.decode())
    urls = re.findall(r'data-workflow-action-url="([^"]+)"', html)
    # « Approuver » and « Approuver avec un commentaire » share one URL (the second opens a modal first).
    matching = {url for url in urls if f"/{action}/" in url}
    assert len(matching) == 1, urls
    return matching.pop()


def act_from_dashboard(client, action, **data):
    response = client.post(dashboard_action_url(client, action), {"next": "/admin/", **data}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    return unescape(response.content.decode())


def test_approving_a_page_from_the_dashboard_says_it_is_online(client, people, demo_site):
    page = demo_site.specific
    submit(page, people["redaction"], title="Accueil relu")
    client.force_login(people["moderation"])
    html = act_from_dashboard(client, "approve")
    assert french("Approbation enregistrée : « Accueil relu » est en ligne dans sa version relue.") in html
    page.refresh_from_db()
    assert page.title == "Accueil relu" and not page.workflow_in_progress


def test_a_scheduled_page_is_announced_with_its_date(client, people, demo_site):
    page = demo_site.specific
    go_live_at = timezone.now() + timedelta(days=3)
    submit(page, people["redaction"], title="Accueil programmé", go_live_at=go_live_at)
    client.force_login(people["moderation"])
    html = act_from_dashboard(client, "approve")
    assert french("Approbation enregistrée : mise en ligne de « Accueil programmé » programmée le") in html
    assert timezone.localtime(go_live_at).strftime("%Y") in html


def test_requesting_changes_from_the_dashboard_says_nothing_was_published(client, people, demo_site):
    page = demo_site.specific
    submit(page, people["redaction"], title="Accueil à reprendre")
    client.force_login(people["moderation"])
    html = act_from_dashboard(client, "reject", comment="Le titre est trop vague.")
    assert (
        french("Modifications demandées pour « Accueil à reprendre » : la version soumise n'est pas publiée.") in html
    )
    page.refresh_from_db()
    assert page.title != "Accueil à reprendre"


def test_approving_an_organisation_from_the_dashboard_says_it_is_online(client, people):
    regie = make_organisation("Régie du Panier", "13002")
    submit(regie, people["redaction"], name="Régie du Panier (relue)")
    client.force_login(people["moderation"])
    html = act_from_dashboard(client, "approve")
    assert french("Approbation enregistrée : « Régie du Panier (relue) » est en ligne dans sa version relue.") in html
    assert Organisation.objects.get(pk=regie.pk).name == "Régie du Panier (relue)"

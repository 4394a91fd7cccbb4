"""The editors' dashboard lists the searches that found nothing, each with a link to add a synonym
group (search/wagtail_hooks.py): read at 1280 and 360 px, axe 0."""

import pytest
from playwright.sync_api import expect

from . import conftest


def _create_unanswered_searches():
    from django.utils import timezone

    from search.models import UnansweredSearch

    today = timezone.localdate()
    UnansweredSearch.objects.get_or_create(
        query_string="xylophone", place="recherche", date=today, defaults={"hits": 4}
    )
    UnansweredSearch.objects.get_or_create(query_string="xylophone", place="annuaire", date=today, defaults={"hits": 1})


conftest._EXTRA_SETUP.append(_create_unanswered_searches)


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 360, "height": 740}])
def test_the_dashboard_lists_unanswered_searches_with_a_way_to_add_synonyms(admin_page, site_url, axe_audit, viewport):
    page = admin_page(viewport)
    page.goto(site_url + "/admin/")
    panel = page.locator("section, div").filter(has_text="Recherches sans résultat (30 derniers jours)").last
    first = page.locator("tr").filter(has_text="xylophone").first
    expect(first).to_contain_text("Recherche du site")
    expect(first).to_contain_text("4")
    expect(panel).to_be_visible()
    first.get_by_role("link", name="Ajouter un groupe de synonymes pour « xylophone »").click()
    expect(page.locator("#id_terms")).to_have_value("xylophone, ")
    page.goto(site_url + "/admin/")
    axe_audit(page)

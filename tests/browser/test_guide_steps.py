"""The editors' guide (docs/guide-redaction.md), followed as an editor and a moderator would: a news
item scheduled with « Statut › Programmer », submitted to the review, approved from the dashboard;
an organisation's opening hours day by day. The test takes the guide's screenshots: in a temporary
directory, or with GUIDE_SCREENSHOTS_DIR=docs/images/guide, the committed ones (1280 × 800)."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .test_admin_opening_hours import NAME, set_week

VIEWPORT = {"width": 1280, "height": 800}
TITLE = "Navigateur : lancement de l'appel à projets ESS"


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("GUIDE_SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = folder / f"{name}.png"
        page.screenshot(path=path)
        assert path.stat().st_size > 10_000, path
        return path

    return take


def test_the_guide_steps_as_an_editor_and_a_moderator(admin_page, site_url, shots):
    from news.models import NewsIndexPage, NewsPage

    page = admin_page(VIEWPORT)
    index = NewsIndexPage.objects.get()
    # « Publier une actualité »: title, chapô, then « Statut › Programmer » for a later publication.
    page.goto(site_url + f"/admin/pages/add/news/newspage/{index.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_intro").fill("La Ville lance son appel à projets pour l'économie sociale et solidaire.")
    shots(page, "actualite-formulaire")
    page.get_by_role("button", name="Statut").first.click()
    page.get_by_role("button", name="Programmer").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_label("Date/heure de publication")).to_be_visible()
    expect(dialog.get_by_label("Date/heure d'expiration")).to_be_visible()
    shots(page, "programmer-publication")
    page.keyboard.press("Escape")

    # « Le circuit de relecture »: submitted to the review…
    page.get_by_role("button", name="Plus d'actions").first.click()
    page.get_by_role("button", name=re.compile("^Soumettre à Relecture")).click()
    expect(page.get_by_text(re.compile("créée et soumise pour modération"))).to_be_visible()
    news = NewsPage.objects.get(title=TITLE)
    assert news.workflow_in_progress and not news.live

    # … then approved from the dashboard, which says what happened.
    page.goto(site_url + "/admin/")
    row = page.locator("tr").filter(has_text=TITLE).filter(has=page.locator("[data-workflow-action-url]"))
    expect(row).to_be_visible()
    shots(page, "tableau-de-bord-relecture")
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approuver", exact=True).click()
    expect(page.get_by_text(re.compile("Approbation enregistrée"))).to_be_visible()
    news.refresh_from_db()
    assert news.live

    # « Les horaires d'une organisation »: day by day.
    from directory.models import Organisation

    organisation = Organisation.objects.get(name=f"{NAME} 1280")
    page.goto(site_url + f"/admin/directory/organisation/edit/{organisation.pk}/")
    page.get_by_role("tab", name="Horaires et accessibilité").click()
    set_week(page)
    shots(page, "horaires-jour-par-jour")

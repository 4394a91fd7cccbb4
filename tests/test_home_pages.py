"""Editorial pages: creation rules, rendering, demo content, navigation."""

import pytest
from wagtail.models import Page, Revision, Site
from wagtail.test.utils import WagtailPageTestCase

from ess_site.accessibility import conformity
from home.models import AccessibilityPage, ContentPage, GuidePage, HomePage, LegalPage, RoadmapPage, SitemapPage
from tests.helpers.commands import run_command

EDITORIAL_URLS = [
    "/",
    "/feuille-de-route/",
    "/etre-accompagne/",
    "/qu-est-ce-que-l-ess/",
    "/accessibilite/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/plan-du-site/",
]


class PageTreeRules(WagtailPageTestCase):
    def test_home_page_goes_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_singletons_and_legal_pages_live_under_the_home_page(self):
        for model in (RoadmapPage, GuidePage, AccessibilityPage, SitemapPage, LegalPage):
            self.assertAllowedParentPageTypes(model, {HomePage})

    def test_content_pages_nest_under_editorial_pages(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage, GuidePage, RoadmapPage})


def test_a_second_roadmap_cannot_be_created(demo_site):
    home = HomePage.objects.get()
    assert not RoadmapPage.can_create_at(home)
    assert not HomePage.can_create_at(Page.get_first_root_node())
    assert LegalPage.can_create_at(home)
    assert ContentPage.can_create_at(home)


@pytest.mark.parametrize("url", EDITORIAL_URLS)
def test_every_editorial_page_renders_in_french(client, demo_site, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert 'href="#contenu"' in html and 'id="contenu"' in html
    assert f"Accessibilité&nbsp;: {conformity().status}" in html  # computed from the audit file


def test_home_shows_the_programme_figures_axes_and_entry_points(client, demo_site):
    html = client.get("/").content.decode()
    for figure in ("40\u202f000", "92\u00a0%", "plus de 3\u202f000", "près du quart", "près d&#x27;1 sur 5"):
        assert figure in html, figure
    assert "Favoriser le développement de projets structurants écologiquement et socialement responsables" in html
    assert "Favoriser la structuration d&#x27;une économie sociale et solidaire populaire" in html
    for target in (
        'href="/annuaire/"',
        'href="/etre-accompagne/"',
        'href="/agenda/permanences/"',
        'href="/actualites/"',
    ):
        assert target in html
    # The four entry points each have a visible title.
    assert html.count('class="entry-point__title"') == 4


def test_roadmap_carries_the_programme(client, demo_site):
    html = client.get("/feuille-de-route/").content.decode()
    for text in (
        "commande publique",
        "France Active",
        "Régie de quartier Noailles-Belsunce",
        "RTES) depuis 2022",
        "URSCOP",
        "Les Têtes de l&#x27;Art",
        "Sommaire",
        'id="axe-1"',
        'href="#axe-2"',
    ):
        assert text in html, text


def test_main_navigation_follows_the_page_tree(client, demo_site):
    html = client.get("/feuille-de-route/").content.decode()
    nav = html.split('id="navigation"')[1].split("</nav>")[0]
    assert "Feuille de route ESS 2023-2030" in nav and "Être accompagné" in nav
    assert "Mentions légales" not in nav  # legal pages are in the footer, not the menu
    assert 'aria-current="page"' in nav


def test_breadcrumbs_lead_back_home(client, demo_site):
    html = client.get("/mentions-legales/").content.decode()
    crumbs = html.split('aria-label="Fil d\'Ariane"')[1].split("</nav>")[0]
    assert 'href="/"' in crumbs and "Accueil" in crumbs and 'aria-current="page"' in crumbs


def test_sitemap_page_lists_the_live_tree(client, demo_site):
    draft = LegalPage(title="Brouillon secret", slug="brouillon", live=False)
    demo_site.add_child(instance=draft)
    html = client.get("/plan-du-site/").content.decode()
    assert "Feuille de route ESS 2023-2030" in html and "Mentions légales" in html
    assert "Brouillon secret" not in html


def test_demo_content_is_idempotent(demo_site):
    counts = (Page.objects.count(), Revision.objects.count(), Site.objects.count())
    run_command("load_demo_content")
    assert (Page.objects.count(), Revision.objects.count(), Site.objects.count()) == counts
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)


def test_demo_content_keeps_editors_changes(demo_site):
    roadmap = RoadmapPage.objects.get()
    roadmap.title = "Notre feuille de route"
    roadmap.save_revision().publish()
    run_command("load_demo_content")
    assert RoadmapPage.objects.get().title == "Notre feuille de route"


def test_home_page_query_count_is_bounded(client, demo_site, django_assert_max_num_queries):
    client.get("/")  # warm caches that are per process, not per request
    with django_assert_max_num_queries(14):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("url", ["/feuille-de-route/", "/qu-est-ce-que-l-ess/", "/mentions-legales/", "/plan-du-site/"])
def test_editorial_page_query_count_is_bounded(client, demo_site, django_assert_max_num_queries, url):
    client.get(url)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_accessibility_statement_follows_the_official_model(client, demo_site):
    html = client.get("/accessibilite/").content.decode()
    for heading in (
        "État de conformité",
        "Résultats des tests",
        "Contenus non accessibles",
        "Établissement de cette déclaration d'accessibilité",
        "Retour d'information et contact",
        "Voies de recours",
        "Défenseur des droits",
        "Dérogations pour charge disproportionnée",
        "Contenus non soumis à l'obligation d'accessibilité",
    ):
        assert heading in html, heading
    assert f'<strong id="etat-de-conformite">{conformity().status}</strong>' in html


def test_navigation_and_footer_settings_are_cached_and_follow_editors_changes(
    client, demo_site, django_assert_max_num_queries
):
    from ess_site.models import SiteSettings

    client.get("/feuille-de-route/")
    with django_assert_max_num_queries(7):  # routing (6) and the page's own content; menu and footer cached
        client.get("/feuille-de-route/")

    page = ContentPage(title="Nouvelle rubrique", slug="nouvelle-rubrique", show_in_menus=True)
    demo_site.add_child(instance=page)
    page.save_revision().publish()
    assert ">Nouvelle rubrique</a></li>" in client.get("/feuille-de-route/").content.decode()

    page.unpublish()
    assert "Nouvelle rubrique" not in client.get("/feuille-de-route/").content.decode()

    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.filter(site=site).update(contact_email="ecrit@ailleurs.example")  # no signal
    assert SiteSettings.for_site(site).contact_email == "ecrit@ailleurs.example"  # the admin edits the row
    site_settings = SiteSettings.for_site(site)
    site_settings.contact_email = "ess@marseille.example"
    site_settings.save()
    assert "mailto:ess@marseille.example" in client.get("/feuille-de-route/").content.decode()

"""News: page rules, list and filters, feeds, the home page's latest news, demo content."""

from datetime import date, timedelta

import feedparser
import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import ContentPage, HomePage
from news.models import NewsCategory, NewsIndexPage, NewsPage
from news.selectors import latest_news


class NewsPageTreeRules(WagtailPageTestCase):
    def test_the_news_index_lives_under_the_home_page_and_holds_news(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})

    def test_news_cannot_be_created_elsewhere(self):
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(ContentPage, NewsPage)


def test_one_news_index_per_site_holds_the_news(demo_site):
    home = HomePage.objects.get()
    index = NewsIndexPage.objects.get()
    assert not NewsIndexPage.can_create_at(home)
    assert NewsPage.can_create_at(index)


def add_news(index, title, day, category=None, tags=()):
    page = NewsPage(title=title, date=day, intro=f"Chapô de {title}.", category=category)
    page.tags.add(*tags)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def news_index(demo_site):
    return NewsIndexPage.objects.get()


def test_demo_builds_the_index_and_three_news_items_once(demo_site):
    from news import demo

    index = NewsIndexPage.objects.get()
    assert index.url == "/actualites/"
    assert index.title == "Actualités" and index.show_in_menus
    assert NewsPage.objects.live().count() == 3
    assert demo.load() == 0
    assert NewsPage.objects.count() == 3
    titles = " ".join(NewsPage.objects.values_list("title", flat=True))
    for subject in ("France Active", "Régie de quartier Noailles-Belsunce", "RTES"):
        assert subject in titles


def test_demo_never_overwrites_an_editors_change(demo_site):
    from news import demo

    page = NewsPage.objects.get(slug="partenariat-france-active")
    page.title = "Titre corrigé par la rédaction"
    page.save_revision().publish()
    demo.load()
    assert NewsPage.objects.get(slug="partenariat-france-active").title == "Titre corrigé par la rédaction"


def test_latest_news_are_the_three_most_recent_live_ones(news_index):
    today = timezone.localdate()
    newest = add_news(news_index, "Toute dernière nouvelle", today)
    draft = NewsPage(title="Brouillon", date=today, intro="Pas encore publié.", live=False)
    news_index.add_child(instance=draft)
    latest = latest_news(limit=3)
    assert len(latest) == 3
    assert latest[0] == newest
    assert draft not in latest
    assert [item.date for item in latest] == sorted((item.date for item in latest), reverse=True)


def test_home_page_lists_the_latest_news(client, news_index):
    html = client.get("/").content.decode()
    assert "/actualites/partenariat-france-active/" in html
    assert "Aucune actualité publiée" not in html


def test_news_list_and_page_render(client, news_index):
    response = client.get("/actualites/")
    assert response.status_code == 200
    html = response.content.decode()
    # Dated by the facts they report: the 2023-2030 roadmap after the France Active partnership (end of 2022).
    assert html.index("feuille-de-route-ess-et-rtes") < html.index("partenariat-france-active")
    assert 'type="application/rss+xml"' in html
    response = client.get("/actualites/partenariat-france-active/")
    assert response.status_code == 200
    assert "France Active" in response.content.decode()


def test_category_and_tag_filters(client, news_index):
    quartiers = NewsCategory.objects.get(name="Quartiers")
    html = client.get("/actualites/", {"categorie": quartiers.slug}).content.decode()
    assert "regie-de-quartier-noailles-belsunce" in html
    assert "partenariat-france-active/" not in html
    html = client.get("/actualites/", {"etiquette": "rtes"}).content.decode()
    assert "feuille-de-route-ess-et-rtes" in html
    assert "regie-de-quartier-noailles-belsunce/" not in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"categorie": "n-existe-pas"}, "La catégorie demandée n&#x27;existe pas"),
        ({"etiquette": "<script>"}, "Le mot-clé demandé n&#x27;existe pas"),
        ({"page": "99999"}, "Cette page de résultats n&#x27;existe pas."),
        ({"page": "abc"}, "Cette page de résultats n&#x27;existe pas."),
        ({"page": "-1"}, "Cette page de résultats n&#x27;existe pas."),
    ],
)
def test_bad_filter_values_answer_in_french_never_500(client, news_index, params, message):
    response = client.get("/actualites/", params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_news_list_is_paginated_with_bounded_queries(client, news_index, django_assert_max_num_queries):
    category = NewsCategory.objects.get(name="Partenariats")
    for number in range(25):
        add_news(news_index, f"Nouvelle {number}", date(2025, 1, 1) + timedelta(days=number), category, ["lot"])
    with django_assert_max_num_queries(20):
        response = client.get("/actualites/")
    assert response.status_code == 200
    with django_assert_max_num_queries(20):
        response = client.get("/actualites/", {"categorie": category.slug, "page": 2})
    html = response.content.decode()
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2<' in html
    assert "Page précédente" in html


def test_rss_feed_is_valid_absolute_french_and_dated(client, news_index):
    response = client.get("/actualites/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.language == "fr"
    assert len(feed.entries) == 3
    entry = next(e for e in feed.entries if e.link.endswith("/actualites/partenariat-france-active/"))
    assert all(e.link.startswith("https://ess.example.fr/actualites/") for e in feed.entries)  # SITE_URL
    assert entry.published.endswith("+0100") or entry.published.endswith("+0200")
    assert "France Active" in entry.summary


def test_atom_feed_is_valid_absolute_french_and_dated(client, news_index):
    response = client.get("/actualites/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.get("language") == "fr"
    assert all(entry.link.startswith("https://ess.example.fr/actualites/") for entry in feed.entries)  # SITE_URL
    published = feed.entries[0].published
    assert published[-6:] in ("+01:00", "+02:00")
    assert feed.entries[0].published_parsed is not None


def test_feeds_leave_out_unpublished_news(client, news_index):
    NewsPage.objects.get(slug="partenariat-france-active").unpublish()
    feed = feedparser.parse(client.get("/actualites/rss/").content)
    assert len(feed.entries) == 2


def test_related_items_and_tags_link_back(client, news_index):
    page = NewsPage.objects.get(slug="partenariat-france-active")
    other = NewsPage.objects.get(slug="feuille-de-route-ess-et-rtes")
    page.related_links.create(target=other)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "À lire aussi" in html and other.url in html
    assert "?etiquette=france-active" in html
    assert Page.objects.filter(pk=other.pk).exists()

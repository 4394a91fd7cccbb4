"""RSS 2.0 and Atom feeds of the news, built on Django's syndication framework."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from ess_site.public_url import absolute_url

FEED_SIZE = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "fr"

    def get_object(self, request, index_page):
        self.request = request
        return index_page

    def title(self, index_page):
        return f"{index_page.title} — ESS Marseille"

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def description(self, index_page):
        return "Les actualités du programme de la Ville de Marseille pour l'économie sociale et solidaire."

    def feed_url(self, index_page):
        return absolute_url(self.request.get_full_path(), self.request)

    def items(self, index_page):
        return index_page.news_items()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.publication_datetime

    def item_updateddate(self, item):
        return item.last_published_at or item.publication_datetime

    def item_categories(self, item):
        return [item.category.name] if item.category else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description

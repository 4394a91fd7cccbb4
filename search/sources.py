"""The kinds of public content the site search covers, and how each is searched and shown.

Each source starts from what a visitor may see (live and public pages of this site, published
organisations that are not synthetic, upcoming events) and lets the search backend rank within it.
Other apps are reached through their models and one named selector, never their templates.
"""

import logging
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.html import strip_tags
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Fuzzy, Or, PlainText

from agenda import selectors as agenda_selectors
from agenda.models import EventPage
from directory import selectors as directory_selectors
from directory import synonyms
from directory.models import Organisation
from ess_site.site_cache import page_tree_value
from ess_site.visibility import visible_to_public
from news.models import NewsPage

logger = logging.getLogger("search")

EXCERPT_WORDS = 30


@dataclass
class Hit:
    title: str
    url: str
    kind: str  # the source's key
    kind_label: str  # French, singular: "Organisation", "Actualité"...
    excerpt: str = ""
    details: list = field(default_factory=list)  # short French facts: a date, an arrondissement...
    datetime: date | None = None


# Breaking white space only: the non-breaking spaces of French typography stay (str.split() would take them).
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def _excerpt(*candidates):
    for text in candidates:
        words = [word for word in _SPACES.split(strip_tags(str(text or ""))) if word]
        if words:
            return " ".join(words[:EXCERPT_WORDS]) + (" …" if len(words) > EXCERPT_WORDS else "")
    return ""


def _streamfield_text(page, name):
    value = getattr(page, name, None)
    block = getattr(value, "stream_block", None)
    if block is None:
        return value if isinstance(value, str) else ""
    return " ".join(str(text) for text in block.get_searchable_content(value))


def _specific_in_order(pages):
    """The specific pages for base Page results, in one query per page type, order kept."""
    pages = list(pages)
    if not pages or all(type(page) is not Page for page in pages):
        return pages
    specifics = {page.pk: page for page in Page.objects.filter(pk__in=[page.pk for page in pages]).specific()}
    return [specifics.get(page.pk, page) for page in pages]


def search_expression(terms, loose=False, fuzzy=False):
    """What every backend (SQLite, PostgreSQL, the engines) searches: all the words (any of them when
    `loose`), or the same with a term replaced by one of its synonyms (directory/synonyms.py).
    `fuzzy`: the words give or take a typo (the engines' fuzziness, pg_trgm on PostgreSQL; SQLite has
    none and raises NotImplementedError), for searches that found nothing otherwise (views.py)."""
    if fuzzy:
        return Fuzzy(terms, operator="and")
    operator = "or" if loose else "and"
    queries = [terms, *synonyms.expanded_queries(terms)]
    expressions = [PlainText(query, operator=operator) for query in queries]
    return expressions[0] if len(expressions) == 1 else Or(expressions)


class Source:
    key = ""
    label = ""  # plural, for headings and filters
    singular = ""

    def available(self):
        return True

    def queryset(self, request):
        raise NotImplementedError

    def search(self, request, terms, queryset=None, loose=False, fuzzy=False):
        # Through the backend, not queryset.search(): Organisation's queryset is a plain one.
        return get_search_backend().search(
            search_expression(terms, loose, fuzzy), self.queryset(request) if queryset is None else queryset
        )

    def autocomplete(self, request, terms):
        # Every word (the engines' default is any of them: « restauration solidaire » would suggest
        # every name with « solidaire »).
        return get_search_backend().autocomplete(terms, self.queryset(request), operator="and")

    def hits(self, objects):
        return [self.hit(obj) for obj in objects]

    def hit(self, obj):
        raise NotImplementedError


class PageSource(Source):
    """Pages of the current site, live and public, optionally of some page types only."""

    def site_pages(self, request):
        site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
        pages = visible_to_public(Page.objects.all(), for_search=True)
        if site:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        return pages

    def hits(self, objects):
        return [self.hit(page) for page in _specific_in_order(objects)]

    def hit(self, page):
        return Hit(
            title=page.title,
            url=page.url,
            kind=self.key,
            kind_label=self.singular,
            excerpt=_excerpt(
                page.search_description,
                getattr(page, "intro", ""),
                _streamfield_text(page, "body"),
            ),
        )


class EditorialPages(PageSource):
    key = "pages"
    label = "Pages"
    singular = "Page"

    def queryset(self, request):
        return self.site_pages(request).not_type(NewsPage, EventPage)


class NewsPages(PageSource):
    key = "actualites"
    label = "Actualités"
    singular = "Actualité"

    def queryset(self, request):
        return self.site_pages(request).type(NewsPage)

    def hit(self, page):
        hit = super().hit(page)
        published = getattr(page, "date", None)
        if published:
            hit.datetime = published
            hit.details.append("Publiée le " + date_format(published, "j F Y"))
        return hit


class EventPages(PageSource):
    """Events with an occurrence not yet over (past ones are not worth finding), next date shown."""

    key = "agenda"
    label = "Événements"
    singular = "Événement"

    def queryset(self, request):
        pages = self.site_pages(request).type(EventPage)
        occurrences = agenda_selectors.upcoming()
        # A list, not a subquery: search engines filter on values.
        return pages.filter(pk__in=list(occurrences.order_by().values_list("event_id", flat=True).distinct()))

    def hits(self, objects):
        pages = _specific_in_order(objects)
        next_occurrence = {}
        if pages:
            for occurrence in agenda_selectors.upcoming().filter(event_id__in=[page.pk for page in pages]):
                next_occurrence.setdefault(occurrence.event_id, occurrence)
        hits = []
        for page in pages:
            hit = self.hit(page)
            occurrence = next_occurrence.get(page.pk)
            if occurrence is not None:
                hit.datetime = occurrence.local_start
                hit.details.append(f"Prochaine date\u00a0: {occurrence.when}")
            hits.append(hit)
        return hits


class Organisations(Source):
    key = "organisations"
    label = "Organisations"
    singular = "Organisation"

    # What a hit shows (`hit()`), the only columns read: the database backend joins every published
    # row to the index, and the whole row is three times as wide.
    HIT_FIELDS = ("name", "slug", "kind", "arrondissement", "city", "short_description", "description")

    def queryset(self, request):
        # public(): published and never synthetic, the directory's own definition.
        return Organisation.objects.public().only(*self.HIT_FIELDS)

    def hit(self, organisation):
        details = []
        if organisation.kind:
            details.append(organisation.get_kind_display())
        if organisation.arrondissement:
            details.append(organisation.arrondissement_label)
        elif organisation.city:
            details.append(organisation.city)
        return Hit(
            title=organisation.name,
            url=organisation.get_absolute_url(),
            kind=self.key,
            kind_label=self.singular,
            excerpt=_excerpt(organisation.short_description, organisation.description),
            details=details,
        )


class SectionResults(list):
    """Sections found, answering what the search view asks of a backend's results."""

    def count(self):
        return len(self)


class SiteSections(Source):
    """Views of a page that are not pages (the directory's map, the agenda's permanences, calendar and
    archives...): found by their title, description and keywords, so that each has a second way in."""

    key = "rubriques"
    label = "Rubriques"
    singular = "Rubrique"

    def queryset(self, request):
        # Read from the page tree: cached until it changes (two queries per source saved per search).
        return page_tree_value(
            "site-sections", lambda: directory_selectors.site_sections() + agenda_selectors.site_sections()
        )

    def search(self, request, terms, queryset=None, loose=False, fuzzy=False):
        return SectionResults(section for section in self.queryset(request) if section.matches(terms))

    def autocomplete(self, request, terms):
        return SectionResults(section for section in self.queryset(request) if section.matches(terms, prefix=True))

    def hit(self, section):
        return Hit(
            title=section.title, url=section.url, kind=self.key, kind_label=self.singular, excerpt=section.description
        )


# In the order results are grouped on the page, and suggestions interleaved.
SOURCES = [Organisations(), EditorialPages(), SiteSections(), NewsPages(), EventPages()]


def available_sources():
    return [source for source in SOURCES if source.available()]


def source_by_key(key):
    return next((source for source in available_sources() if source.key == key), None)

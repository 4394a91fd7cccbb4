from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from agenda import selectors as agenda_selectors
from agenda.selectors import upcoming_occurrences
from directory import selectors as directory_selectors
from directory.selectors import open_data_exports, support_matcher_context
from ess_site.accessibility import conformity
from ess_site.blocks import BodyBlock, KeyFigureBlock
from ess_site.page_forms import EditorPageForm
from ess_site.visibility import visible_to_public
from news import selectors as news_selectors
from news.selectors import latest_news

from .blocks import AxisBlock, EntryPointBlock, PartnerBlock, RoadmapSectionBlock, StageBlock

INTRO_FEATURES = ["bold", "italic", "link"]


class EditorialPage(Page):
    """What every editorial page has: a short introduction, searchable."""

    intro = RichTextField("introduction", features=INTRO_FEATURES, blank=True, max_length=1200)

    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True


class HomePage(EditorialPage):
    hero_title = models.CharField("titre d'accroche", max_length=160)
    key_figures = StreamField([("figure", KeyFigureBlock())], verbose_name="chiffres clés", blank=True)
    axes = StreamField([("axis", AxisBlock())], verbose_name="axes de la feuille de route", blank=True)
    entry_points = StreamField([("entry", EntryPointBlock())], verbose_name="portes d'entrée", blank=True, max_num=4)

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("intro"),
        FieldPanel("key_figures"),
        FieldPanel("axes"),
        FieldPanel("entry_points"),
    ]

    class Meta:
        verbose_name = "page d'accueil"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = latest_news(limit=3)
        context["next_events"] = upcoming_occurrences(limit=3)
        return context


class ContentPage(EditorialPage):
    base_form_class = EditorPageForm  # an abandoned draft does not block the address (ess_site/page_forms.py)

    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)

    parent_page_types = ["home.HomePage", "home.ContentPage", "home.GuidePage", "home.RoadmapPage"]
    search_fields = EditorialPage.search_fields + [index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = "page de contenu"


class RoadmapPage(EditorialPage):
    key_figures = StreamField([("figure", KeyFigureBlock())], verbose_name="chiffres clés", blank=True)
    sections = StreamField([("section", RoadmapSectionBlock())], verbose_name="sections", blank=True)
    partners = StreamField([("partner", PartnerBlock())], verbose_name="partenaires", blank=True)
    rtes_membership_year = models.PositiveSmallIntegerField("année d'adhésion au RTES", null=True, blank=True)
    source_url = models.URLField("texte officiel (lien)", blank=True)

    parent_page_types = ["home.HomePage"]
    max_count = 1
    search_fields = EditorialPage.search_fields + [index.SearchField("sections"), index.SearchField("partners")]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("key_figures"),
        FieldPanel("sections"),
        MultiFieldPanel(
            [FieldPanel("partners"), FieldPanel("rtes_membership_year"), FieldPanel("source_url")],
            heading="Partenaires et réseau",
        ),
    ]

    class Meta:
        verbose_name = "feuille de route"


class GuidePage(EditorialPage):
    """The project holder's guide; the directory adds the support matcher to its template."""

    stages = StreamField([("stage", StageBlock())], verbose_name="étapes du projet", blank=True)
    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)

    parent_page_types = ["home.HomePage"]
    max_count = 1
    search_fields = EditorialPage.search_fields + [index.SearchField("stages"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("stages"), FieldPanel("body")]

    class Meta:
        verbose_name = "guide du porteur de projet"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(support_matcher_context(request))
        return context


class BaseLegalPage(EditorialPage):
    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)
    last_updated = models.DateField("dernière mise à jour", default=timezone.localdate)

    parent_page_types = ["home.HomePage"]
    search_fields = EditorialPage.search_fields + [index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body"), FieldPanel("last_updated")]

    class Meta:
        abstract = True


class LegalPage(BaseLegalPage):
    # The personal-data page (this slug) also states, from the settings that the purge applies, how
    # long contributions and alert subscriptions are kept: the page cannot drift from the practice.
    PERSONAL_DATA_SLUG = "donnees-personnelles"

    class Meta:
        verbose_name = "page légale"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.slug == self.PERSONAL_DATA_SLUG:
            context["retention"] = {
                "link_days": min(settings.DIRECTORY_UPDATE_LINK_DAYS, 7),
                "unconfirmed_days": settings.ALERTS_UNCONFIRMED_DAYS,
                "inactive_months": settings.ALERTS_INACTIVE_MONTHS,
                "proposal_email_months": settings.PROPOSAL_EMAIL_MONTHS,
            }
        return context


class LegalNoticePage(BaseLegalPage):
    """/mentions-legales/: the publisher, the publication director and the host come from the site
    settings (« Mentions légales »); a field left empty there is left out here, and the admin's
    dashboard tells editors what is missing. The body adds anything else (reuse of the content...)."""

    max_count = 1
    content_panels = BaseLegalPage.content_panels + [
        HelpPanel(
            content="<p>L'éditeur, le directeur ou la directrice de la publication et l'hébergeur se "
            "saisissent dans <strong>Paramètres › Paramètres du site › Mentions légales</strong>.</p>"
        )
    ]

    class Meta:
        verbose_name = "mentions légales"


class AccessibilityPage(EditorialPage):
    """The accessibility statement, following the official French model (RGAA 4.1).

    Its status, rate, test environment, sample pages and failing criteria come from the audit file
    (docs/accessibilite-audit.md, read by ess_site.accessibility); editors write the rest.
    """

    non_compliant_content = RichTextField(
        "précisions sur les contenus non accessibles",
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text="Ajoutées à la liste des critères non conformes de l'audit, qui s'affiche seule.",
    )
    derogations = StreamField(
        BodyBlock(),
        verbose_name="dérogations pour charge disproportionnée",
        blank=True,
        help_text="Laisser vide si aucune dérogation n'est invoquée.",
    )
    exempt_content = StreamField(
        BodyBlock(),
        verbose_name="contenus non soumis à l'obligation d'accessibilité",
        blank=True,
    )
    statement_date = models.DateField("date d'établissement de la déclaration", default=timezone.localdate)

    parent_page_types = ["home.HomePage"]
    max_count = 1
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("statement_date"),
        FieldPanel("non_compliant_content"),
        FieldPanel("derogations"),
        FieldPanel("exempt_content"),
    ]

    class Meta:
        verbose_name = "déclaration d'accessibilité"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["conformity"] = conformity()
        return context


LICENCE = (
    "Licence Ouverte / Open Licence version 2.0 (Etalab)",
    "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
)


class OpenDataPage(EditorialPage):
    """/donnees-ouvertes/: every export of the site with its format, schema, licence and update time.
    The list is built from the exports themselves; editors write the introduction and the body."""

    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)

    parent_page_types = ["home.HomePage"]
    max_count = 1
    search_fields = EditorialPage.search_fields + [index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = "données ouvertes"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events_updated = agenda_selectors.last_published()
        news_updated = news_selectors.last_published()
        exports = open_data_exports() + [
            {
                "title": "Agenda des rendez-vous (iCalendar)",
                "url": "/agenda/agenda.ics",
                "format": "iCalendar (RFC 5545)",
                "schema": "Un événement (VEVENT) par date à venir, avec lieu, lien et description\u00a0; accepte "
                "les filtres de la page Agenda.",
                "updated": events_updated,
            },
            {
                "title": "Actualités (RSS)",
                "url": "/actualites/rss/",
                "format": "RSS 2.0",
                "schema": "Les 20 dernières actualités\u00a0: titre, résumé, lien, date, catégorie.",
                "updated": news_updated,
            },
            {
                "title": "Actualités (Atom)",
                "url": "/actualites/atom/",
                "format": "Atom (RFC 4287)",
                "schema": "Le même contenu que le flux RSS.",
                "updated": news_updated,
            },
        ]
        context["exports"] = exports
        context["licence"] = LICENCE
        return context


class SitemapPage(EditorialPage):
    """The human sitemap: the live page tree, read in one query."""

    parent_page_types = ["home.HomePage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "plan du site"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent()
        pages = list(
            visible_to_public(Page.objects.all())
            .descendant_of(home, inclusive=True)
            .filter(depth__lte=home.depth + 2)
            .only("id", "title", "url_path", "path", "depth", "show_in_menus")
        )
        # The views of a page that are not pages (the map, the permanences...) are listed under it.
        sections = directory_selectors.site_sections() + agenda_selectors.site_sections()
        context["sitemap_tree"] = build_tree(pages, home.depth, sections)
        return context


def build_tree(pages, root_depth, sections=()):
    """Nest pages (ordered by tree path) into [(page, children), ...] under the root; each section
    (ess_site.sections.Section) goes first among the children of the page it belongs to."""
    pages = sorted(pages, key=lambda p: p.path)
    nodes = {p.path: (p, []) for p in pages}
    by_id = {p.pk: nodes[p.path] for p in pages}
    for section in sections:
        if section.parent_id in by_id:
            by_id[section.parent_id][1].append((section, []))
    roots = []
    for page in pages:
        node = nodes[page.path]
        parent = nodes.get(page.path[: -Page.steplen])
        if page.depth == root_depth or parent is None:
            roots.append(node)
        else:
            parent[1].append(node)
    return roots

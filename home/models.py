from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from agenda.selectors import upcoming_occurrences
from directory.selectors import support_matcher_context
from ess_site.blocks import BodyBlock, KeyFigureBlock
from ess_site.visibility import visible_to_public
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


class LegalPage(EditorialPage):
    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)
    last_updated = models.DateField("dernière mise à jour", default=timezone.localdate)

    parent_page_types = ["home.HomePage"]
    search_fields = EditorialPage.search_fields + [index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body"), FieldPanel("last_updated")]

    class Meta:
        verbose_name = "page légale"


class AccessibilityPage(EditorialPage):
    """The accessibility statement, following the official French model (RGAA 4.1).

    The conformity status itself is a site setting: the footer shows it on every page.
    """

    audit_date = models.DateField("date de l'audit", null=True, blank=True)
    audit_by = models.CharField("audit réalisé par", max_length=200, blank=True)
    compliance_rate = models.DecimalField(
        "taux de conformité (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    non_compliant_content = RichTextField(
        "contenus non accessibles", features=["bold", "italic", "link", "ul"], blank=True
    )
    technologies = models.CharField(
        "technologies utilisées", max_length=300, default="HTML5, CSS, JavaScript (amélioration progressive)"
    )
    test_environment = RichTextField("environnement de test", features=["ul", "bold"], blank=True)
    tools = models.CharField(
        "outils d'évaluation", max_length=300, default="axe-core, contrôles manuels au clavier et au lecteur d'écran"
    )
    pages_audited = RichTextField("pages ayant fait l'objet de la vérification", features=["ul", "link"], blank=True)
    statement_date = models.DateField("date d'établissement de la déclaration", default=timezone.localdate)

    parent_page_types = ["home.HomePage"]
    max_count = 1
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("audit_date"),
                FieldPanel("audit_by"),
                FieldPanel("compliance_rate"),
                FieldPanel("statement_date"),
            ],
            heading="Résultats des tests",
        ),
        FieldPanel("non_compliant_content"),
        MultiFieldPanel(
            [
                FieldPanel("technologies"),
                FieldPanel("test_environment"),
                FieldPanel("tools"),
                FieldPanel("pages_audited"),
            ],
            heading="Établissement de cette déclaration",
        ),
    ]

    class Meta:
        verbose_name = "déclaration d'accessibilité"


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
        context["sitemap_tree"] = build_tree(pages, home.depth)
        return context


def build_tree(pages, root_depth):
    """Nest pages (ordered by tree path) into [(page, children), ...] under the root."""
    pages = sorted(pages, key=lambda p: p.path)
    nodes = {p.path: (p, []) for p in pages}
    roots = []
    for page in pages:
        node = nodes[page.path]
        parent = nodes.get(page.path[: -Page.steplen])
        if page.depth == root_depth or parent is None:
            roots.append(node)
        else:
            parent[1].append(node)
    return roots

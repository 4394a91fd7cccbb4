"""News: an index page at /actualites/ (list, filters, feeds) and its news items."""

from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ess_site.blocks import BodyBlock
from ess_site.images import ALT_TEXT_HELP, ALT_TEXT_MISSING, alternative_text
from ess_site.page_forms import EditorPageForm
from ess_site.pagination import page_or_message
from ess_site.visibility import visible_to_public

from .feeds import NewsAtomFeed, NewsRssFeed

INTRO_FEATURES = ["bold", "italic", "link"]
NEWS_PER_PAGE = 10


class NewsCategory(models.Model):
    """A small editable list (appels à projets, vie du programme, partenariats...)."""

    name = models.CharField("nom", max_length=80, unique=True)
    slug = models.SlugField(
        "identifiant", max_length=80, unique=True, blank=True, help_text="Utilisé dans l'adresse du filtre."
    )

    class Meta:
        verbose_name = "catégorie d'actualité"
        verbose_name_plural = "catégories d'actualité"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsIndexPage(RoutablePageMixin, Page):
    intro = RichTextField("introduction", features=INTRO_FEATURES, blank=True, max_length=1200)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "liste des actualités"

    def news_items(self):
        return (
            visible_to_public(NewsPage.objects.all())
            .descendant_of(self)
            .select_related("category", "image")
            .prefetch_related("image__renditions")
            .order_by("-date", "-first_published_at", "-pk")
        )

    @path("")
    def index(self, request):
        # Imported when served: filters.py imports these models at its top.
        from .filters import NewsFilters

        filters = NewsFilters(request.GET)
        items = filters.apply(self.news_items())
        news_page, page_error = page_or_message(
            items, NEWS_PER_PAGE, request.GET.get("page"), "Cette page de résultats n'existe pas."
        )
        context = {
            "filters": filters,
            "news_page": news_page,
            "page_error": page_error,
            "categories": NewsCategory.objects.filter(pages__live=True).distinct(),
        }
        return self.render(request, context_overrides=context)

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return NewsRssFeed()(request, index_page=self)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return NewsAtomFeed()(request, index_page=self)


class NewsPage(Page):
    base_form_class = EditorPageForm  # an abandoned draft does not block the address (ess_site/page_forms.py)

    date = models.DateField(
        "date de publication",
        default=timezone.localdate,
        help_text="Affichée avec l'actualité\u00a0; elle ordonne la liste (la plus récente en premier).",
    )
    intro = models.TextField(
        "chapô",
        max_length=400,
        help_text="Deux ou trois phrases\u00a0: elles apparaissent dans la liste et les flux RSS.",
    )
    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt = models.CharField(
        "texte alternatif de l'image",
        max_length=250,
        blank=True,
        help_text=ALT_TEXT_HELP,
    )
    category = models.ForeignKey(
        NewsCategory, verbose_name="catégorie", null=True, blank=True, on_delete=models.SET_NULL, related_name="pages"
    )
    tags = ClusterTaggableManager("mots-clés", through=NewsPageTag, blank=True)

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Image"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("category"), FieldPanel("tags")], heading="Classement"),
        InlinePanel("related_links", label="Contenus liés", max_num=6),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = "actualité"

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.date > timezone.localdate() + timedelta(days=365):
            errors["date"] = "Cette date est dans plus d'un an\u00a0: vérifiez l'année."
        if self.image_id and not alternative_text(self.image, self.image_alt):
            errors["image_alt"] = ALT_TEXT_MISSING
        if errors:
            raise ValidationError(errors)

    @property
    def publication_datetime(self):
        """The moment feeds announce: the first publication if it happened on `date`, else noon that day."""
        first = self.first_published_at
        if first and timezone.localtime(first).date() == self.date:
            return first
        return timezone.make_aware(datetime.combine(self.date, time(12)))

    def live_related_pages(self):
        return [link.target for link in self.related_links.all() if link.target_id and link.target.live]


class NewsRelatedLink(Orderable):
    page = ParentalKey(NewsPage, related_name="related_links", on_delete=models.CASCADE)
    target = models.ForeignKey("wagtailcore.Page", verbose_name="page liée", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = "contenu lié"
        verbose_name_plural = "contenus liés"

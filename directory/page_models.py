"""The public finder's page (/annuaire/) and the corrections visitors send about an entry.

Imported at the bottom of directory/models.py so Django sees them as the directory app's models.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.snippets.models import register_snippet


class DirectoryPage(RoutablePageMixin, Page):
    """The finder: the list at its root, the map at carte/, one organisation at <slug>/.

    Organisations are Django models, not pages: this page routes to them.
    """

    intro = RichTextField("introduction", features=["bold", "italic", "link"], blank=True, max_length=1200)

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "annuaire"

    # Routes are tried in this order: the fixed ones before the organisation's slug.
    @path("")
    def finder(self, request):
        from .finder_views import finder_list

        return finder_list(request, self)

    @path("carte/", name="map")
    def map(self, request):
        from .finder_views import finder_map

        return finder_map(request, self)

    @path("carte/points/", name="map_points")
    def map_points(self, request):
        from .finder_views import map_points

        return map_points(request, self)

    @path("<slug:slug>/signaler-une-erreur/", name="correction")
    def correction(self, request, slug):
        from .finder_views import correction

        return correction(request, self, slug)

    @path("<slug:slug>/", name="organisation")
    def organisation(self, request, slug):
        from .finder_views import organisation_detail

        return organisation_detail(request, self, slug)

    def get_sitemap_urls(self, request=None):
        from .models import Organisation

        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            for slug, updated in Organisation.objects.public().values_list("slug", "updated_at"):
                urls.append({"location": f"{base}{slug}/", "lastmod": updated})
        return urls


class CorrectionStatus(models.TextChoices):
    NEW = "nouvelle", "Nouvelle"
    DONE = "traitee", "Traitée"


class CorrectionRequest(models.Model):
    """A visitor's "Signaler une erreur" message about one organisation, kept until an editor closes it."""

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name="organisation",
        on_delete=models.SET_NULL,
        null=True,
        related_name="correction_requests",
    )
    # Kept even if the organisation is deleted later: the request is never lost.
    organisation_name = models.CharField("organisation (nom au moment de la demande)", max_length=200)
    message = models.TextField("message", max_length=3000)
    contact_name = models.CharField("nom", max_length=120, blank=True)
    contact_email = models.EmailField("courriel", blank=True)
    status = models.CharField("statut", max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.NEW)
    editor_note = models.TextField("note de la rédaction", blank=True)
    created_at = models.DateTimeField("reçue le", auto_now_add=True)
    handled_at = models.DateTimeField("traitée le", null=True, blank=True)

    panels = [
        FieldPanel("organisation", read_only=True),
        FieldPanel("message", read_only=True),
        FieldPanel("contact_name", read_only=True),
        FieldPanel("contact_email", read_only=True),
        FieldPanel("status"),
        FieldPanel("editor_note"),
    ]

    class Meta:
        verbose_name = "signalement d'erreur"
        verbose_name_plural = "signalements d'erreur"
        ordering = ["status", "-created_at"]

    def __str__(self):
        return f"{self.organisation_name} — {self.created_at:%d/%m/%Y}" if self.created_at else self.organisation_name

    def save(self, *args, **kwargs):
        from django.utils import timezone

        if self.status == CorrectionStatus.DONE and self.handled_at is None:
            self.handled_at = timezone.now()
        elif self.status == CorrectionStatus.NEW:
            self.handled_at = None
        super().save(*args, **kwargs)


# The admin listing (filters by status) is a snippet view set; registration waits until apps are ready.
register_snippet(CorrectionRequest, viewset="directory.correction_admin.CorrectionRequestViewSet")

from . import finder_signals  # noqa: E402,F401  (cache invalidation receivers)

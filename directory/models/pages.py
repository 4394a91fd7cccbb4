"""The public finder's page (/annuaire/): it routes to the list, the map and each organisation."""

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from ess_site.sections import Section
from ess_site.site_cache import page_tree_value

from .organisation import Organisation


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

    def sections(self):
        """The directory's views that are not pages of their own, for the sitemap and the site search.
        Each organisation's page is reached from the whole list in alphabetical order."""
        return [
            Section(
                "La carte de l'annuaire",
                self.url + self.reverse_subpage("map"),
                "Les organisations de l'annuaire sur une carte, avec la liste des résultats en alternative.",
                ("carte", "plan", "localiser"),
                self.pk,
            ),
            Section(
                "Toutes les organisations, de A à Z",
                self.url + "?tri=nom",
                "La liste complète de l'annuaire par ordre alphabétique\u00a0: chaque nom mène à la fiche de l'organisation.",
                ("fiche", "liste", "alphabétique", "organisation"),
                self.pk,
            ),
        ]

    # Routes are tried in this order: the fixed ones before the organisation's slug. The views are
    # imported when a route is served: they import the models, which load before any view may.
    @path("")
    def finder(self, request):
        from directory.finder.views import finder_list

        return finder_list(request, self)

    @path("carte/", name="map")
    def map(self, request):
        from directory.finder.views import finder_map

        return finder_map(request, self)

    @path("carte/points/", name="map_points")
    def map_points(self, request):
        from directory.finder.views import map_points

        return map_points(request, self)

    @path("integrer/", name="widget_builder")
    def widget_builder(self, request):
        from directory.finder.embed import widget_builder

        return widget_builder(request, self)

    @path("glossaire/", name="glossary")
    def glossary(self, request):
        from directory.finder.glossary import glossary

        return glossary(request, self)

    @path("proposer/", name="propose")
    def propose(self, request):
        from directory.finder.views import propose_structure

        return propose_structure(request, self)

    @path("<slug:slug>/signaler-une-erreur/", name="correction")
    def correction(self, request, slug):
        from directory.finder.views import correction

        return correction(request, self, slug)

    @path("<slug:slug>/mettre-a-jour/", name="update_link")
    def update_link(self, request, slug):
        from directory.finder.views import request_update_link

        return request_update_link(request, self, slug)

    @path("<slug:slug>/mettre-a-jour/<str:token>/", name="update_entry")
    def update_entry(self, request, slug, token):
        from directory.finder.views import update_entry

        return update_entry(request, self, slug, token)

    @path("<slug:slug>/", name="organisation")
    def organisation(self, request, slug):
        from directory.finder.views import organisation_detail

        return organisation_detail(request, self, slug)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            for slug, updated in Organisation.objects.public().values_list("slug", "updated_at"):
                urls.append({"location": f"{base}{slug}/", "lastmod": updated})
        return urls


def directory_url():
    """The finder's URL (/annuaire/ in the demo), from the live DirectoryPage; cached until the page
    tree changes."""

    def live_url():
        page = DirectoryPage.objects.live().first()
        return (page.url if page else None) or "/annuaire/"

    return page_tree_value("directory-url", live_url)

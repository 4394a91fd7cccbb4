from django.conf import settings
from django.conf.urls.static import static
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from ess_site import health, views

urlpatterns = [
    # No /django-admin/: everything is edited in the Wagtail admin (fewer login forms to protect).
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("integrer/redimensionner.js", views.embed_resize_js, name="embed_resize_js"),
    path("sante/", health.health, name="health"),
    path("recherche/", include("search.urls")),
    # App routes that sit under a page's URL (/annuaire/..., /actualites/..., /agenda/...) are
    # served by the pages themselves (RoutablePageMixin); these includes are for the rest.
    path("", include("directory.urls")),
    path("", include("news.urls")),
    path("", include("agenda.urls")),
    path("", include("api.urls")),
    path("alertes/", include("alerts.urls")),
]

if settings.DEBUG:
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "ess_site.views.page_not_found"
handler500 = "ess_site.views.server_error"

# The public API (/api/v1/), its description (/api/v1/schema/) and its documentation (/api/).
from django.urls import path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import docs, problems, views

urlpatterns = [
    path("api/", docs.index, name="api_docs"),
    path("api/v1/", RedirectView.as_view(url="/api/", permanent=False)),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_swagger"),
    path("api/v1/organisations/", views.OrganisationList.as_view(), name="api_organisations"),
    path("api/v1/organisations/<slug:slug>/", views.OrganisationDetail.as_view(), name="api_organisation"),
    path("api/v1/services/", views.ServiceList.as_view(), name="api_services"),
    path("api/v1/evenements/", views.OccurrenceList.as_view(), name="api_evenements"),
    path("api/v1/actualites/", views.NewsList.as_view(), name="api_actualites"),
    re_path(r"^api/", problems.not_found),
]

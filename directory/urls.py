# Routes of the directory app that are not served by a page (open-data exports, the widget).
from django.urls import path

from .exchange import views
from .finder.embed import directory_widget

app_name = "directory"

urlpatterns = [
    path("annuaire/export.csv", views.export_csv, name="export_csv"),
    path("annuaire/export.geojson", views.export_geojson, name="export_geojson"),
    path("annuaire/export/data-inclusion/structures.json", views.export_di_structures, name="export_di_structures"),
    path("annuaire/export/data-inclusion/services.json", views.export_di_services, name="export_di_services"),
    path("integrer/annuaire/", directory_widget, name="directory_widget"),
]

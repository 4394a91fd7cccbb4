"""Open-data export views: the published directory (or the current finder filters), streamed."""

from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from directory.finder.query import filter_organisations
from directory.models import Organisation
from directory.models.pages import directory_url
from ess_site.public_url import absolute_url

from . import exporters

FILENAME = "annuaire-ess-marseille"


def _filtered(request):
    result = filter_organisations(Organisation.objects.public(), request.GET)
    if result.errors:
        message = "Export impossible\u00a0: " + " ".join(result.errors)
        return None, HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    return result.queryset, None


def _stream(chunks, content_type, filename=None):
    response = StreamingHttpResponse(chunks, content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Open data: any site may fetch it; a short cache keeps repeated downloads cheap.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response


def _directory_page_url(request):
    """The finder's absolute URL: organisation pages are under it."""
    return absolute_url(directory_url(), request)


@require_GET
def export_csv(request):
    queryset, error = _filtered(request)
    if error:
        return error
    return _stream(exporters.csv_chunks(queryset), "text/csv; charset=utf-8", f"{FILENAME}.csv")


@require_GET
def export_geojson(request):
    queryset, error = _filtered(request)
    if error:
        return error
    return _stream(exporters.geojson_chunks(queryset), "application/geo+json", f"{FILENAME}.geojson")


@require_GET
def export_di_structures(request):
    queryset, error = _filtered(request)
    if error:
        return error
    return _stream(
        exporters.di_structures_chunks(queryset, _directory_page_url(request)), "application/json; charset=utf-8"
    )


@require_GET
def export_di_services(request):
    queryset, error = _filtered(request)
    if error:
        return error
    return _stream(
        exporters.di_services_chunks(queryset, _directory_page_url(request)), "application/json; charset=utf-8"
    )

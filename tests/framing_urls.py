"""URLconf for tests/test_site_headers.py: the site plus a dummy embeddable route that opts in to
framing with view decorators, as the widget routes under /integrer/ will."""

from csp.decorators import csp_replace
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.clickjacking import xframe_options_exempt


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["https://partenaire.example"]})
def embeddable(request):
    return HttpResponse("<!DOCTYPE html><p>Widget</p>")


def ordinary(request):
    return HttpResponse("<!DOCTYPE html><p>Page</p>")


urlpatterns = [
    path("integrer/essai/", embeddable),
    path("essai-ordinaire/", ordinary),
    path("", include("ess_site.urls")),
]

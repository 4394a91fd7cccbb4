"""The human page of the API (/api/): what it serves, with curl examples, in the site's layout."""

from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from agenda.models import EventType
from directory.finder.vocabulary import CHOICE_FILTERS

from .views import MAX_PER_PAGE, PER_PAGE


@require_GET
@cache_control(public=True, max_age=300)
def index(request):
    base = request.build_absolute_uri("/api/v1/")
    context = {
        "base": base,
        "per_page": PER_PAGE,
        "max_per_page": MAX_PER_PAGE,
        "kinds": CHOICE_FILTERS["type"][1].choices,
        "event_types": EventType.choices,
        "site": request.build_absolute_uri("/").rstrip("/"),
    }
    return render(request, "api/index.html", context)

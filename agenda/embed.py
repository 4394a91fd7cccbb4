"""The agenda widget partners put on their sites (/integrer/agenda/): the next dates of an
organiser or a type, in a light page that other sites may frame (ess_site/framing.py)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ess_site.framing import embeddable

from .views import filtered_upcoming

DEFAULT_COUNT = 10
MAX_COUNT = 50


def widget_count(raw):
    try:
        return min(MAX_COUNT, max(1, int(str(raw)[:4])))
    except (TypeError, ValueError):
        return DEFAULT_COUNT


@require_GET
@embeddable
def agenda_widget(request):
    form, occurrences = filtered_upcoming(request)
    query = form.querystring()
    site = request.build_absolute_uri("/").rstrip("/")
    shown = list(occurrences[: widget_count(request.GET.get("nombre"))])
    for occurrence in shown:
        # On the address the partner's visitors reached us by (the frame's), not only the configured site's.
        occurrence.link = request.build_absolute_uri(occurrence.event.get_url(request))
    context = {
        "occurrences": shown,
        "filter_form": form,
        "site_url": site,
        "agenda_url": f"{site}/agenda/" + (f"?{query}" if query else ""),
        "ics_url": f"{site}/agenda/agenda.ics" + (f"?{query}" if query else ""),
        "organiser": dict(form.fields["organisateur"].choices).get(form.valid_data.get("organisateur") or ""),
    }
    return render(request, "events/embed_agenda.html", context)

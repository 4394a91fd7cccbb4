"""The directory widget partners put on their sites (/integrer/annuaire/: list, map or both, for
the finder's filters) and the page that builds its snippet (/annuaire/integrer/).

The widget is a light page that other sites may frame (ess_site/framing.py); every link to the
site opens in a new tab, and says so to screen readers.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agenda.filters import organisers_with_events
from agenda.models import EventType
from directory.models import ARRONDISSEMENT_CHOICES, Kind
from directory.models.pages import directory_url
from ess_site.framing import embeddable

from . import results
from .vocabulary import load_terms

VIEWS = [("liste", "Liste"), ("carte", "Carte"), ("les-deux", "Liste et carte")]
DEFAULT_HEIGHT = 600
WIDGET_PARAMS = ("vue", "hauteur")
DIRECTORY_TITLE = "Annuaire de l'ESS à Marseille"
AGENDA_TITLE = "Agenda de l'ESS à Marseille"


def _querystring(params, drop=WIDGET_PARAMS):
    return urlencode([(key, value) for key in params for value in params.getlist(key) if value and key not in drop])


@require_GET
@embeddable
def directory_widget(request):
    view = request.GET.get("vue") if request.GET.get("vue") in dict(VIEWS) else "liste"
    result = results.find(request.GET, paginate=False)
    query = _querystring(request.GET)
    site = request.build_absolute_uri("/").rstrip("/")
    base = directory_url()
    context = {
        "result": result,
        "view": view,
        "site_url": site,
        "organisation_base": f"{site}{base}",
        "finder_url": f"{site}{base}" + (f"?{query}" if query else ""),
        "points_url": f"{base}carte/points/" + (f"?{query}" if query else ""),
        "map_tiles_url": settings.MAP_TILES_URL,
        "map_tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
        # The legend's count of approximate points, as on the map page (one query, with the map only).
        "map_summary": results.map_summary(request.GET, list_unlocated=False) if view != "liste" else None,
    }
    return render(request, "directory/embed_directory.html", context)


class WidgetForm(forms.Form):
    """What a partner chooses: the directory's filters, a view and a height; the agenda's organiser and type."""

    filiere = forms.ChoiceField(label="Filière", required=False)
    service = forms.ChoiceField(label="Service d'accompagnement", required=False)
    arrondissement = forms.ChoiceField(
        label="Arrondissement",
        required=False,
        choices=[("", "Tous")] + [(str(n), label) for n, label in ARRONDISSEMENT_CHOICES],
    )
    type = forms.ChoiceField(label="Type de structure", required=False, choices=[("", "Tous les types")] + Kind.choices)
    vue = forms.ChoiceField(label="Affichage", choices=VIEWS, initial="liste", widget=forms.RadioSelect)
    hauteur = forms.IntegerField(
        label="Hauteur du cadre (en pixels)", min_value=200, max_value=2000, initial=DEFAULT_HEIGHT, required=False
    )
    organisateur = forms.ChoiceField(label="Organisateur des rendez-vous", required=False)
    type_rendez_vous = forms.ChoiceField(
        label="Type de rendez-vous", required=False, choices=[("", "Tous les types")] + EventType.choices
    )

    def __init__(self, data=None, terms=None, organisers=()):
        super().__init__(data)
        terms = terms or {}
        self.fields["filiere"].choices = [("", "Toutes")] + [
            (slug, label) for _, slug, label in terms.get("filiere", [])
        ]
        self.fields["service"].choices = [("", "Tous")] + [(slug, label) for _, slug, label in terms.get("service", [])]
        self.fields["organisateur"].choices = [("", "Tous les organisateurs")] + [(o.slug, o.name) for o in organisers]
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"widget-{name}")


def _pairs(data, names):
    return [(name, data[name]) for name in names if data.get(name)]


def snippet(url, title, height, resize_script):
    frame = f'<iframe src="{url}" title="{title}" width="100%" height="{height}" loading="lazy"></iframe>'
    return f'{frame}\n<script src="{resize_script}" async></script>'


def widget_builder(request, page):
    """/annuaire/integrer/: choose, preview, copy. A GET form, so it works without JavaScript."""
    form = WidgetForm(request.GET or None, terms=load_terms(), organisers=organisers_with_events())
    data = form.cleaned_data if form.is_bound and form.is_valid() else {"vue": "liste"}
    height = data.get("hauteur") or DEFAULT_HEIGHT
    site = request.build_absolute_uri("/").rstrip("/")
    resize_script = f"{site}/integrer/redimensionner.js"
    directory_pairs = _pairs(data, ("filiere", "service", "arrondissement", "type")) + [
        ("vue", data.get("vue") or "liste")
    ]
    agenda_pairs = _pairs(data, ("organisateur",)) + (
        [("type", data["type_rendez_vous"])] if data.get("type_rendez_vous") else []
    )
    directory_widget_url = f"{site}/integrer/annuaire/?{urlencode(directory_pairs)}"
    agenda_query = urlencode(agenda_pairs)
    agenda_widget_url = f"{site}/integrer/agenda/" + (f"?{agenda_query}" if agenda_query else "")
    feed_suffix = f"?{agenda_query}" if agenda_query else ""
    context = {
        "form": form,
        "directory_fields": [form[name] for name in ("filiere", "service", "arrondissement", "type", "hauteur")],
        "height": height,
        "directory_widget_url": directory_widget_url,
        "agenda_widget_url": agenda_widget_url,
        "directory_snippet": snippet(directory_widget_url, DIRECTORY_TITLE, height, resize_script),
        "agenda_snippet": snippet(agenda_widget_url, AGENDA_TITLE, height, resize_script),
        "directory_title": DIRECTORY_TITLE,
        "agenda_title": AGENDA_TITLE,
        "feeds": [
            ("Calendrier iCal", f"{site}/agenda/agenda.ics{feed_suffix}"),
            ("Flux RSS", f"{site}/agenda/agenda.rss{feed_suffix}"),
            ("Flux Atom", f"{site}/agenda/agenda.atom{feed_suffix}"),
        ],
        "api_url": "/api/",
    }
    return page.render(request, template="directory/embed_builder.html", context_overrides=context)

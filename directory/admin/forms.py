"""The organisation's edit form in the Wagtail admin: geocoding after save (a task) and a small map of the point."""

import math

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import Panel

import geography
from directory.geo.location import refresh_location
from directory.geo.tasks import geocode_organisation
from directory.names import display_name, is_shouting

ADDRESS_FIELDS = ("address", "postcode", "city")
POINT_FIELDS = ("latitude", "longitude")


class OrganisationForm(WagtailAdminModelForm):
    def clean_name(self):
        # A name typed (or pasted from a register) in capitals gets its display form; the typed one
        # stays visible as « nom dans la source ». A name in mixed case is the editor's choice.
        name = self.cleaned_data["name"]
        if "name" in self.changed_data and is_shouting(name):
            readable = display_name(name)
            if readable != name:
                self.instance.raw_name = name
                return readable
        return name

    def save(self, commit=True):
        organisation = super().save(commit=False)
        # The postcode's point stands in at once; the address service is asked by a task (the
        # worker in production), so the editor never waits on it and an outage never prevents saving.
        refresh_location(
            organisation,
            address_changed=any(name in self.changed_data for name in ADDRESS_FIELDS) or organisation.pk is None,
            point_changed=any(name in self.changed_data for name in POINT_FIELDS),
            use_geocoder=False,
        )
        if commit:
            organisation.save()
            self.save_m2m()
            if organisation.needs_geocoding:
                geocode_organisation.enqueue(organisation.pk)
        return organisation


# A tiny self-contained map (the 16 arrondissements as SVG): no tiles, no third-party request.
SVG_WIDTH = 280


def _projection():
    boxes = [a.bbox for a in geography.arrondissements()]
    min_lon, min_lat = min(b[0] for b in boxes), min(b[1] for b in boxes)
    max_lon, max_lat = max(b[2] for b in boxes), max(b[3] for b in boxes)

    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    scale = SVG_WIDTH / ((max_lon - min_lon) * kx)
    height = (max_lat - min_lat) * scale

    def project(lat, lon):
        return round((lon - min_lon) * kx * scale, 1), round((max_lat - lat) * scale, 1)

    return project, round(height, 1)


def point_preview_svg(latitude, longitude, arrondissement=None):
    project, height = _projection()
    shapes = []
    for area in geography.arrondissements():
        ring = area.rings[0]
        points = " ".join(f"{x},{y}" for x, y in (project(lat, lon) for lon, lat in ring))
        fill = "#cfe3f6" if area.number == arrondissement else "#f2f2f2"
        shapes.append(f'<polygon points="{points}" fill="{fill}" stroke="#777" stroke-width="0.6"/>')
    marker = ""
    if latitude is not None and longitude is not None:
        x, y = project(latitude, longitude)
        if -20 <= x <= SVG_WIDTH + 20 and -20 <= y <= height + 20:
            marker = f'<circle cx="{x}" cy="{y}" r="5" fill="#c1121f" stroke="#fff" stroke-width="1.5"/>'
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SVG_WIDTH}" height="{height}" '
        f'viewBox="0 0 {SVG_WIDTH} {height}" role="img" aria-hidden="true">{"".join(shapes)}{marker}</svg>'
    )


class PointPreviewPanel(Panel):
    """Where the point falls among the arrondissements, and how it was obtained."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "directory/admin/point_preview_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            organisation = self.instance
            located = organisation.latitude is not None and organisation.longitude is not None
            context.update(
                {
                    "organisation": organisation,
                    "located": located,
                    "svg": point_preview_svg(
                        organisation.latitude, organisation.longitude, organisation.arrondissement
                    ),
                    "outside": located and organisation.arrondissement is None,
                }
            )
            return context


def location_summary(organisation):
    if organisation.latitude is None:
        return "Non localisée"
    text = organisation.get_location_source_display()
    if organisation.geocoding_score is not None:
        text += f" (score {organisation.geocoding_score:.2f})".replace(".", ",")
    if organisation.needs_geocoding:
        text += " · à géocoder"
    return format_html("{}", text)

"""Open-data exports of the directory: CSV, GeoJSON (RFC 7946) and data·inclusion v1 JSON.

Each export is a generator of text chunks, so a view can stream it without holding the directory
in memory. Callers pass an already filtered queryset (see directory/filters.py); synthetic and
unpublished organisations must be excluded by the caller (`Organisation.objects.public()`).
"""

import json
import logging

from data_inclusion.schema import v1
from django.utils import timezone
from pydantic import ValidationError

from directory.models.services import (
    DI_MOBILISATION,
    MARSEILLE_INSEE,
    Area,
    Cost,
    Mobilisation,
    arrondissement_insee,
)
from ess_site.spreadsheet import SafeCsvWriter

from . import csv_format
from .importers import OUR_SOURCE

logger = logging.getLogger(__name__)

PREFETCH = ("sectors", "labels", "support_services", "audiences", "service_sheets__service")
CHUNK = 500
LICENCE = "Licence Ouverte / Open Licence version 2.0 (Etalab)"


def _rows(queryset):
    return queryset.prefetch_related(*PREFETCH).order_by("pk").iterator(chunk_size=CHUNK)


class _Echo:
    """A file-like object whose write() returns the text: csv.writer then yields lines."""

    def write(self, value):
        return value


def csv_chunks(queryset):
    writer = SafeCsvWriter(_Echo())
    buffer = [writer.writerow(csv_format.HEADER)]
    for organisation in _rows(queryset):
        buffer.append(writer.writerow(csv_format.organisation_row(organisation)))
        if len(buffer) >= 200:
            yield "".join(buffer)
            buffer = []
    yield "".join(buffer)


def geojson_feature(organisation):
    properties = dict(zip(csv_format.HEADER, csv_format.organisation_row(organisation), strict=True))
    for name in ("latitude", "longitude"):
        properties.pop(name)
    properties["arrondissement"] = organisation.arrondissement
    return {
        "type": "Feature",
        "id": organisation.slug,
        "geometry": {
            "type": "Point",
            "coordinates": [round(organisation.longitude, 6), round(organisation.latitude, 6)],
        },
        "properties": properties,
    }


def geojson_chunks(queryset):
    """Located organisations only (the others have no geometry to draw)."""
    located = _rows(queryset.filter(latitude__isnull=False, longitude__isnull=False))
    return _json_list(
        (geojson_feature(organisation) for organisation in located),
        head='{"type":"FeatureCollection","features":[',
        separator=",",
        tail="]}",
    )


def _json_list(records, head="[", separator=",\n", tail="]\n"):
    """A JSON array streamed in chunks of 200 records (`head` and `tail` may wrap it in an object)."""
    yield head
    buffer = []
    first = True
    for record in records:
        buffer.append(("" if first else separator) + json.dumps(record, ensure_ascii=False))
        first = False
        if len(buffer) >= 200:
            yield "".join(buffer)
            buffer = []
    buffer.append(tail)
    yield "".join(buffer)


# ---------------------------------------------------------------------------------------------
# data·inclusion v1


def structure_id(organisation):
    if organisation.source and organisation.source_id:
        return organisation.source, f"{organisation.source}--{organisation.source_id}"
    return OUR_SOURCE, f"{OUR_SOURCE}--{organisation.slug}"


def _date_maj(organisation):
    today = timezone.localdate()
    day = organisation.last_verified or timezone.localdate(organisation.updated_at)
    return min(day, today).isoformat()


def _insee(organisation):
    return f"132{organisation.arrondissement:02d}" if organisation.arrondissement else None


def _or_none(value):
    return value if value not in ("", None) else None


def _location(organisation):
    return {
        "commune": _or_none(organisation.city),
        "code_postal": _or_none(organisation.postcode),
        "code_insee": _insee(organisation),
        "adresse": _or_none(organisation.address),
        "complement_adresse": _or_none(organisation.address_complement),
        "longitude": organisation.longitude,
        "latitude": organisation.latitude,
        "telephone": _or_none(organisation.phone),
        "courriel": _or_none(organisation.email),
    }


def _page_link(organisation, directory_page_url):
    return f"{directory_page_url}{organisation.slug}/" if directory_page_url else None


def structure_record(organisation, directory_page_url=""):
    """`directory_page_url`: the finder's absolute URL, computed once per export, not per row."""
    source, identifier = structure_id(organisation)
    short = organisation.short_description.strip()
    reseaux = sorted({label.di_reseau_porteur for label in organisation.labels.all() if label.di_reseau_porteur})
    record = {
        "source": source,
        "id": identifier,
        "nom": organisation.name.strip(),
        "date_maj": _date_maj(organisation),
        "description": short if len(short) >= 5 else None,
        "lien_source": _page_link(organisation, directory_page_url),
        "siret": _or_none(organisation.siret),
        **_location(organisation),
        "site_web": _or_none(organisation.website),
        "horaires_accueil": _or_none(organisation.opening_hours),
        "accessibilite_lieu": _or_none(organisation.acceslibre_url),
        "reseaux_porteurs": reseaux or None,
    }
    return record


def di_publics(organisation):
    """The data·inclusion publics of its audiences (prefetch `audiences`)."""
    publics = sorted({a.di_public for a in organisation.audiences.all() if a.di_public})
    if "tous-publics" in publics and len(publics) > 1:
        publics.remove("tous-publics")  # the schema forbids mixing it with other publics
    return publics


def service_record(organisation, sheet, publics, directory_page_url=""):
    """One data·inclusion Service: the sheet (a ServiceSheet) of a service `organisation` offers.
    What the sheet leaves « non renseigné » is left out (null), never guessed."""
    service = sheet.service
    source, structure = structure_id(organisation)
    description = service.description.strip() or f"{service.label} proposé par {organisation.name}"
    return {
        "source": source,
        "structure_id": structure,
        "id": f"{structure}--{service.slug}",
        "nom": service.label,
        "description": description,
        "lien_source": _page_link(organisation, directory_page_url),
        "date_maj": _date_maj(organisation),
        "type": (service.di_types or [None])[0],
        "thematiques": sorted(service.di_thematiques) or None,
        "publics": publics or None,
        **_location(organisation),
        "horaires_accueil": _or_none(organisation.opening_hours),
        **sheet_fields(sheet),
    }


def sheet_fields(sheet):
    """The data·inclusion fields a service sheet fills: cost, conditions, how to ask, area."""
    modes = sorted({DI_MOBILISATION[code] for code in sheet.mobilisation or [] if code in DI_MOBILISATION})
    if sheet.mobilisation_url:
        modes = sorted({*modes, "utiliser-lien-mobilisation"})
    by = ["usagers"] if set(sheet.mobilisation or []) - {Mobilisation.REFERRAL} else []
    if Mobilisation.REFERRAL in (sheet.mobilisation or []):
        by.append("professionnels")
    cost_details = sheet.cost_details.strip()
    if sheet.cost == Cost.QUOTE:  # data·inclusion v1 knows « gratuit » and « payant » only
        cost_details = "; ".join(filter(None, ["Sur devis", cost_details]))
    zone = None
    if sheet.area == Area.CITY:
        zone = [MARSEILLE_INSEE]
    elif sheet.area == Area.ARRONDISSEMENTS:
        zone = [arrondissement_insee(number) for number in sheet.arrondissement_numbers] or None
    return {
        "frais": {Cost.FREE: "gratuit", Cost.PAID: "payant", Cost.QUOTE: "payant"}.get(sheet.cost),
        "frais_precisions": cost_details or None,
        "publics_precisions": _or_none(sheet.audience_details.strip()),
        "conditions_acces": _or_none(sheet.access_conditions.strip()),
        "modes_accueil": sorted(sheet.reception) or None,
        "modes_mobilisation": modes or None,
        "mobilisable_par": by or None,
        "mobilisation_precisions": _or_none(sheet.mobilisation_details.strip()),
        "lien_mobilisation": _or_none(sheet.mobilisation_url),
        "zone_eligibilite": zone,
    }


def service_records(organisation, directory_page_url=""):
    publics = di_publics(organisation)
    for sheet in organisation.service_sheets.all():
        yield service_record(organisation, sheet, publics, directory_page_url)


def validated(model, record):
    """The record if the data·inclusion model accepts it; an optional field it refuses is dropped."""
    for _attempt in range(5):
        try:
            model.model_validate(record)
            return record
        except ValidationError as error:
            fields = {problem["loc"][0] for problem in error.errors() if problem.get("loc")}
            required = {name for name, info in model.model_fields.items() if info.is_required()}
            if not fields or fields & required:
                logger.warning("Record %s left out of the data·inclusion export: %s", record.get("id"), error)
                return None
            for name in fields:
                record[name] = None
    return None


def di_structures_chunks(queryset, directory_page_url=""):
    records = (validated(v1.Structure, structure_record(o, directory_page_url)) for o in _rows(queryset))
    return _json_list(r for r in records if r is not None)


def di_services_chunks(queryset, directory_page_url=""):
    def records():
        for organisation in _rows(queryset.filter(service_sheets__isnull=False).distinct()):
            for record in service_records(organisation, directory_page_url):
                record = validated(v1.Service, record)
                if record is not None:
                    yield record

    return _json_list(records())

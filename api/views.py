"""The public API's endpoints (read-only): organisations, services, evenements, actualites.

Each list answers one page (`page`, `taille`) with `count`, `next`, `previous` and `results`; `fields`
trims the records. Every successful answer carries Cache-Control, an ETag and Last-Modified, and a
conditional request that matches gets a 304. Errors are problem details (api/problems.py).
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from agenda.filters import MAX_RANGE_DAYS
from agenda.models import Audience as EventAudience
from agenda.models import EventType
from directory.finder.criteria import MAX_RADIUS_KM
from directory.finder.sorting import SORTS
from directory.finder.vocabulary import CHOICE_FILTERS, load_terms
from directory.models import ARRONDISSEMENT_CHOICES, ProjectStage
from directory.models.pages import directory_url
from ess_site.typography import french

from . import records
from .problems import PROBLEM_CONTENT_TYPE, InvalidParameters
from .serializers import (
    NewsSerializer,
    OccurrenceSerializer,
    OrganisationSerializer,
    ProblemSerializer,
    ServiceSerializer,
    page_of,
)

PER_PAGE = 20
MAX_PER_PAGE = 100


# ---------------------------------------------------------------------------------------------
# Shared parameters and answers


def _choices(enum):
    return [value for value, _ in enum.choices]


def array_param(name, description, enum=None, item_type=OpenApiTypes.STR):
    schema = {"type": "array", "items": {"type": "string"}}
    if enum:
        schema["items"]["enum"] = list(enum)
    return OpenApiParameter(name, schema, OpenApiParameter.QUERY, description=description, explode=True)


def fields_param(serializer_class):
    names = [name for name in serializer_class().fields if name != "id"]
    return OpenApiParameter(
        "fields",
        {"type": "array", "items": {"type": "string", "enum": names}},
        OpenApiParameter.QUERY,
        description="Champs à renvoyer, séparés par des virgules (`id` est toujours renvoyé). Exemple\u00a0: `nom,latitude,longitude`.",
        style="form",
        explode=False,
    )


PAGE_PARAMS = [
    OpenApiParameter(
        "page", {"type": "integer", "minimum": 1}, OpenApiParameter.QUERY, description="Numéro de page (1 par défaut)."
    ),
    OpenApiParameter(
        "taille",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        OpenApiParameter.QUERY,
        description=f"Résultats par page ({PER_PAGE} par défaut, {MAX_PER_PAGE} au plus).",
    ),
]

ARRONDISSEMENTS = [str(number) for number, _ in ARRONDISSEMENT_CHOICES]

DIRECTORY_PARAMS = [
    OpenApiParameter("q", str, description="Mots recherchés (nom, présentation, filières, services)."),
    OpenApiParameter(
        "pres-de",
        {"type": "string", "maxLength": 200},
        OpenApiParameter.QUERY,
        description="Code postal ou adresse\u00a0: les résultats dans le rayon autour de ce point, triés par distance.",
    ),
    OpenApiParameter(
        "lat",
        {"type": "number", "minimum": -90, "maximum": 90},
        OpenApiParameter.QUERY,
        description="Latitude du point (avec lon).",
    ),
    OpenApiParameter(
        "lon",
        {"type": "number", "minimum": -180, "maximum": 180},
        OpenApiParameter.QUERY,
        description="Longitude du point (avec lat).",
    ),
    OpenApiParameter(
        "rayon",
        {"type": "number", "minimum": 0, "exclusiveMinimum": True, "maximum": MAX_RADIUS_KM},
        OpenApiParameter.QUERY,
        description=f"Rayon autour du point, en kilomètres (5 par défaut, {MAX_RADIUS_KM} au plus).",
    ),
    array_param("type", "Type de structure.", _choices(CHOICE_FILTERS["type"][1])),
    array_param("forme", "Forme juridique.", _choices(CHOICE_FILTERS["forme"][1])),
    array_param("fauteuil", "Accès en fauteuil roulant.", _choices(CHOICE_FILTERS["fauteuil"][1])),
    array_param("filiere", "Filière (identifiant\u00a0; voir le champ `filieres`)."),
    array_param("service", "Service d'accompagnement (identifiant)."),
    array_param("public", "Public accueilli (identifiant)."),
    array_param("label", "Label ou réseau (identifiant)."),
    array_param("arrondissement", "Arrondissement (1 à 16).", ARRONDISSEMENTS),
    array_param("etape", "Étape de projet accompagnée.", _choices(ProjectStage)),
    array_param("code-postal", "Code postal (5 chiffres)."),
    OpenApiParameter(
        "ouvert",
        {"type": "string", "enum": ["1", "oui", "on", "true"]},
        OpenApiParameter.QUERY,
        description="Seulement les structures ouvertes en ce moment.",
    ),
]

PROBLEM = OpenApiResponse(ProblemSerializer, description="Problème (RFC 9457), `detail` en français.")
NOT_MODIFIED = OpenApiResponse(
    description="Non modifié depuis l'ETag (If-None-Match) ou la date (If-Modified-Since) envoyés."
)
ERRORS = {
    304: NOT_MODIFIED,
    (429, PROBLEM_CONTENT_TYPE): OpenApiResponse(
        ProblemSerializer, description="Limite de requêtes atteinte\u00a0: voir l'en-tête Retry-After."
    ),
}


def list_responses(page_serializer):
    return {
        200: page_serializer,
        (400, PROBLEM_CONTENT_TYPE): PROBLEM,
        (404, PROBLEM_CONTENT_TYPE): OpenApiResponse(ProblemSerializer, description="Page au-delà de la dernière."),
        **ERRORS,
    }


# ---------------------------------------------------------------------------------------------
# Base view: pages, fields, cache validators


class PublicView(APIView):
    """A read-only endpoint whose answers carry cache validators."""

    serializer_class = None  # the record's shape: `fields` names come from it

    def parse_fields(self, params, errors):
        raw = params.get("fields")
        if raw is None:
            return None
        known = set(self.serializer_class().fields)
        wanted = [name.strip() for name in raw.split(",") if name.strip()]
        unknown = [name for name in wanted if name not in known]
        if unknown:
            errors.append(
                french(
                    f"Champ inconnu dans « fields » : {', '.join(unknown)[:200]}. Champs possibles : {', '.join(sorted(known))}."
                )
            )
        return {"id", *wanted}

    def parse_page(self, params, errors):
        numbers = []
        for name, default, maximum in (("page", 1, None), ("taille", PER_PAGE, MAX_PER_PAGE)):
            raw = (params.get(name) or "").strip()
            if not raw:
                numbers.append(default)
                continue
            try:
                value = int(raw[:12])
                if value < 1 or (maximum and value > maximum):
                    raise ValueError
                numbers.append(value)
            except ValueError:
                limit = f" entre 1 et {maximum}" if maximum else " supérieur ou égal à 1"
                errors.append(
                    french(f"Paramètre « {name} » invalide : « {raw[:20]} » (un nombre entier{limit} attendu).")
                )
                numbers.append(default)
        return numbers

    def check(self, errors):
        if errors:
            raise InvalidParameters(errors)

    def page(self, request, queryset, number, size):
        """(rows, count, next URL, previous URL); a page past the last one is a 404."""
        start = (number - 1) * size
        rows = list(queryset[start : start + size])
        # The first page, not full: it holds every result, no count query needed.
        count = len(rows) if number == 1 and len(rows) < size else queryset.count()
        if number > 1 and not rows:
            pages = max(1, -(-count // size))
            raise NotFound(french(f"La page {number} n'existe pas : il y a {pages} page(s) de résultats."))
        return (
            rows,
            count,
            self.link(request, number + 1 if start + size < count else None),
            self.link(request, number - 1 if number > 1 else None),
        )

    def link(self, request, number):
        if number is None:
            return None
        pairs = [(key, value) for key in request.GET for value in request.GET.getlist(key) if key != "page"]
        if number > 1:
            pairs.append(("page", str(number)))
        return request.build_absolute_uri(request.path + ("?" + urlencode(pairs) if pairs else ""))

    def trimmed(self, record, fields):
        return record if fields is None else {key: value for key, value in record.items() if key in fields}

    def answer(self, request, data, last_modified=None):
        response = Response(data)
        response.last_modified_at = last_modified
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code != 200 or request.method not in ("GET", "HEAD"):
            if response.status_code == 429:
                response["Cache-Control"] = "no-store"
            return response
        response.render()
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={settings.API_CACHE_SECONDS}"
        last_modified = getattr(response, "last_modified_at", None)
        timestamp = int(last_modified.timestamp()) if last_modified else None
        if timestamp:
            response["Last-Modified"] = http_date(timestamp)
        return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)


class PublicList(PublicView):
    """One page of records: `query` reads the filters (appending French messages to `errors`),
    `record` builds one record, `modified` tells when a row last changed."""

    def query(self, request, errors):
        raise NotImplementedError

    def record(self, request, row):
        raise NotImplementedError

    def modified(self, row):
        raise NotImplementedError

    def get(self, request):
        errors = []
        queryset = self.query(request, errors)
        number, size = self.parse_page(request.GET, errors)
        fields = self.parse_fields(request.GET, errors)
        self.check(errors)
        rows, count, next_url, previous_url = self.page(request, queryset, number, size)
        results = [self.trimmed(self.record(request, row), fields) for row in rows]
        data = {"count": count, "next": next_url, "previous": previous_url, "results": results}
        return self.answer(request, data, _latest(self.modified(row) for row in rows))


def _latest(values):
    values = [value for value in values if value]
    return max(values) if values else None


# ---------------------------------------------------------------------------------------------
# Organisations and services


@extend_schema_view(
    get=extend_schema(
        operation_id="organisations_list",
        summary="Organisations de l'annuaire",
        description=(
            "Les organisations publiées, avec les filtres de l'annuaire (mêmes paramètres que /annuaire/). "
            "Avec un point (`pres-de` ou `lat`/`lon`), les résultats sont ceux du rayon, triés par distance, "
            "et chacun porte sa `distance` en mètres. Noms de champs du schéma data·inclusion quand il en a un."
        ),
        parameters=DIRECTORY_PARAMS
        + [
            OpenApiParameter(
                "tri",
                {"type": "string", "enum": list(SORTS)},
                OpenApiParameter.QUERY,
                description="Ordre des résultats.",
            ),
            *PAGE_PARAMS,
            fields_param(OrganisationSerializer),
        ],
        responses=list_responses(page_of(OrganisationSerializer, "PageOrganisations")),
        tags=["annuaire"],
    )
)
class OrganisationList(PublicList):
    serializer_class = OrganisationSerializer

    def query(self, request, errors):
        queryset, self.criteria = records.organisations(request.GET, errors)
        self.directory_url, self.terms = request.build_absolute_uri(directory_url()), load_terms()
        return queryset

    def record(self, request, row):
        return records.organisation_record(row, self.directory_url, self.terms, self.criteria.origin)

    def modified(self, row):
        return row.updated_at


@extend_schema_view(
    get=extend_schema(
        operation_id="organisations_detail",
        summary="Une organisation",
        description="Une organisation publiée, par son identifiant d'adresse (`slug`).",
        parameters=[fields_param(OrganisationSerializer)],
        responses={
            200: OrganisationSerializer,
            (400, PROBLEM_CONTENT_TYPE): PROBLEM,
            (404, PROBLEM_CONTENT_TYPE): OpenApiResponse(ProblemSerializer, description="Organisation introuvable."),
            **ERRORS,
        },
        tags=["annuaire"],
    )
)
class OrganisationDetail(PublicView):
    serializer_class = OrganisationSerializer

    def get(self, request, slug):
        errors = []
        fields = self.parse_fields(request.GET, errors)
        self.check(errors)
        organisation = records.public_organisation(slug)
        if organisation is None:
            raise NotFound(french(f"Aucune organisation publiée n'a l'identifiant « {slug[:80]} »."))
        url = request.build_absolute_uri(directory_url())
        record = records.organisation_record(organisation, url, load_terms())
        return self.answer(request, self.trimmed(record, fields), organisation.updated_at)


@extend_schema_view(
    get=extend_schema(
        operation_id="services_list",
        summary="Services d'accompagnement",
        description=(
            "Chaque service d'accompagnement proposé par une organisation publiée (un enregistrement Service du "
            "schéma data·inclusion). Les filtres de l'annuaire s'appliquent aux organisations\u00a0; `service` limite "
            "aussi les services renvoyés."
        ),
        parameters=DIRECTORY_PARAMS + [*PAGE_PARAMS, fields_param(ServiceSerializer)],
        responses=list_responses(page_of(ServiceSerializer, "PageServices")),
        tags=["annuaire"],
    )
)
class ServiceList(PublicList):
    serializer_class = ServiceSerializer

    def query(self, request, errors):
        self.directory_url = request.build_absolute_uri(directory_url())
        return records.services(request.GET, errors)

    def record(self, request, row):
        return records.service_row_record(row, self.directory_url)

    def modified(self, row):
        return row.organisation.updated_at


# ---------------------------------------------------------------------------------------------
# Agenda and news


DATE = {"type": "string", "format": "date"}


@extend_schema_view(
    get=extend_schema(
        operation_id="evenements_list",
        summary="Événements et permanences à venir",
        description=(
            "Les dates à venir des événements publiés (une entrée par séance\u00a0: une permanence hebdomadaire "
            "donne une entrée par semaine), les mêmes filtres que /agenda/ et /agenda/agenda.ics. "
            f"Une période de {MAX_RANGE_DAYS} jours au plus."
        ),
        parameters=[
            OpenApiParameter("du", DATE, OpenApiParameter.QUERY, description="À partir de cette date (AAAA-MM-JJ)."),
            OpenApiParameter(
                "au", DATE, OpenApiParameter.QUERY, description="Jusqu'à cette date incluse (AAAA-MM-JJ)."
            ),
            OpenApiParameter(
                "type",
                {"type": "string", "enum": _choices(EventType)},
                OpenApiParameter.QUERY,
                description="Type d'événement.",
            ),
            OpenApiParameter(
                "organisateur", str, description="Identifiant (slug) de l'organisation qui organise, dans l'annuaire."
            ),
            OpenApiParameter(
                "arrondissement",
                {"type": "string", "enum": ARRONDISSEMENTS},
                OpenApiParameter.QUERY,
                description="Arrondissement du lieu.",
            ),
            OpenApiParameter(
                "public",
                {"type": "string", "enum": _choices(EventAudience)},
                OpenApiParameter.QUERY,
                description="Public visé.",
            ),
            OpenApiParameter(
                "gratuit", {"type": "boolean"}, OpenApiParameter.QUERY, description="Seulement les gratuits."
            ),
            OpenApiParameter(
                "en_ligne", {"type": "boolean"}, OpenApiParameter.QUERY, description="Seulement ceux en ligne."
            ),
            *PAGE_PARAMS,
            fields_param(OccurrenceSerializer),
        ],
        responses=list_responses(page_of(OccurrenceSerializer, "PageEvenements")),
        tags=["agenda"],
    )
)
class OccurrenceList(PublicList):
    serializer_class = OccurrenceSerializer

    def query(self, request, errors):
        return records.occurrences(request, errors)

    def record(self, request, row):
        return records.occurrence_record(row, request)

    def modified(self, row):
        return row.event.last_published_at


@extend_schema_view(
    get=extend_schema(
        operation_id="actualites_list",
        summary="Actualités",
        description="Les actualités publiées, les plus récentes d'abord.",
        parameters=[
            OpenApiParameter("categorie", str, description="Identifiant de la catégorie."),
            OpenApiParameter("etiquette", str, description="Identifiant du mot-clé."),
            *PAGE_PARAMS,
            fields_param(NewsSerializer),
        ],
        responses=list_responses(page_of(NewsSerializer, "PageActualites")),
        tags=["actualites"],
    )
)
class NewsList(PublicList):
    serializer_class = NewsSerializer

    def query(self, request, errors):
        return records.news_items(request.GET, errors)

    def record(self, request, row):
        return records.news_record(row, request)

    def modified(self, row):
        return row.last_published_at

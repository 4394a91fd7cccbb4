"""What each API resource reads and returns: querysets from the apps' own filters, and records.

The directory's records are the data·inclusion ones (directory/exchange/exporters.py) plus the
fields data·inclusion has no name for; the queries are the finder's (directory/finder), the agenda's
(agenda/filters.py, agenda/selectors.py) and the news list's (news/filters.py): one rule for what
is public, and the same filters as the pages and the exports.
"""

from django.db.models import Prefetch, Subquery
from django.utils import timezone

import geography
from agenda.views import filtered_upcoming
from directory.exchange.exporters import di_publics, service_record, structure_record
from directory.finder.query import filter_organisations
from directory.finder.sorting import choose_sort, ordered
from directory.finder.term_lists import attach_terms, with_term_ids
from directory.models import Label, Organisation, ServiceSheet, SupportService
from directory.models.search_text import SEARCH_COLUMNS
from ess_site.typography import french
from ess_site.visibility import visible_to_public
from news.filters import NewsFilters
from news.models import NewsPage

# Columns an organisation record never needs (the long rich-text description, the search columns).
HEAVY_COLUMNS = ("description", *SEARCH_COLUMNS)
TERM_PARAMS = ("filiere", "service", "public")


def _terms(pairs):
    return [{"slug": slug, "libelle": label} for slug, label in pairs]


# ---------------------------------------------------------------------------------------------
# Organisations


def organisations(params, errors):
    """(ordered queryset, criteria) for the finder's GET parameters; problems go to `errors`."""
    result = filter_organisations(Organisation.objects.public(), params)
    errors.extend(result.errors)
    criteria = result.criteria
    sort_messages = []
    sort = choose_sort((params.get("tri") or "").strip(), criteria, sort_messages)
    errors.extend(sort_messages)
    queryset = ordered(result.queryset, sort, criteria)
    return organisation_rows(queryset), criteria


def organisation_rows(queryset):
    """The columns and terms a record needs: term ids in the row, labels (and their network) prefetched."""
    queryset = with_term_ids(queryset.defer(*HEAVY_COLUMNS), TERM_PARAMS)
    return queryset.prefetch_related(Prefetch("labels", queryset=Label.objects.order_by("label")))


def organisation_record(organisation, directory_page_url, terms, origin=None):
    attach_terms([organisation], terms, TERM_PARAMS)
    record = structure_record(organisation, directory_page_url)
    distance = None
    if origin is not None and organisation.is_located:
        distance = round(
            geography.distance_m(origin.latitude, origin.longitude, organisation.latitude, organisation.longitude)
        )
    record.update(
        {
            "slug": organisation.slug,
            "rna": organisation.rna or None,
            "type": organisation.kind,
            "forme_juridique": organisation.legal_form or None,
            "filieres": _terms(organisation.sector_list),
            "services": _terms(organisation.service_list),
            "publics": _terms(organisation.audience_list),
            "labels": _terms((label.slug, label.label) for label in organisation.labels.all()),
            "etapes": list(organisation.project_stages or []),
            "arrondissement": organisation.arrondissement,
            "accessibilite_fauteuil": organisation.wheelchair,
            "distance": distance,
        }
    )
    return record


def public_organisation(slug):
    return organisation_rows(Organisation.objects.public().filter(slug=slug)).first()


# ---------------------------------------------------------------------------------------------
# Services (a support service offered by an organisation: data·inclusion's Service)


def services(params, errors):
    result = filter_organisations(Organisation.objects.public(), params)
    errors.extend(result.errors)
    rows = ServiceSheet.objects.filter(organisation_id__in=Subquery(result.queryset.values("pk")))
    wanted = result.criteria.term_ids.get("service")
    if wanted:
        rows = rows.filter(service_id__in=wanted)
    return (
        rows.select_related("organisation", "service")
        .defer(*(f"organisation__{column}" for column in HEAVY_COLUMNS))
        .prefetch_related("organisation__audiences")
        .order_by("organisation__name", "organisation_id", "service__label")
    )


def service_row_record(row, directory_page_url):
    """One service sheet (`row`) as the API's service record."""
    organisation, service = row.organisation, row.service
    record = service_record(organisation, row, di_publics(organisation), directory_page_url)
    record.update(
        {
            "service": {"slug": service.slug, "libelle": service.label},
            "structure": {"slug": organisation.slug, "nom": organisation.name},
        }
    )
    return record


def support_service_slugs():
    return list(SupportService.objects.values_list("slug", flat=True))


# ---------------------------------------------------------------------------------------------
# Events (materialised occurrences, permanences included)


def form_errors(form):
    """The form's refusals as "du : Saisissez une date valide." lines."""
    return [f"{name}\u00a0: {message}" for name, messages in form.errors.items() for message in messages]


BOOLEAN_PARAMS = ("gratuit", "en_ligne")


def occurrences(request, errors):
    """The agenda's public upcoming occurrences for the GET filters (agenda/views.py)."""
    for name in BOOLEAN_PARAMS:
        wrong = [value for value in request.GET.getlist(name) if value not in ("true", "false")]
        if wrong:
            errors.append(french(f"Paramètre « {name} » invalide : « {wrong[0][:20]} » (true ou false)."))
    form, queryset = filtered_upcoming(request)
    errors.extend(form_errors(form))
    return queryset


def _public(organisation):
    return organisation is not None and organisation.is_public


def occurrence_record(occurrence, request):
    event = occurrence.event
    start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
    place = event.place if _public(event.place) else None
    organiser = event.organiser if _public(event.organiser) else None
    point = event.point if (place or not event.place_id) else None
    url = request.build_absolute_uri(event.get_url(request))
    return {
        "id": f"{event.slug}--{start:%Y%m%dT%H%M}",
        "evenement": event.slug,
        "titre": event.title,
        "type": event.event_type,
        "presentation": event.intro,
        "debut": start.isoformat(),
        "fin": end.isoformat(),
        "toute_la_journee": occurrence.all_day,
        "lien": url,
        "ics": f"{url}ics/" if url else None,
        "public": event.audience,
        "gratuit": event.is_free,
        "tarif": event.price or None,
        "inscription": event.registration_url or None,
        "en_ligne": event.online_url or None,
        "lieu": {
            "nom": (place.name if place else event.place_name) or None,
            "adresse": ", ".join(event.place_lines) if (place or not event.place_id) else None,
            "arrondissement": event.arrondissement if (place or not event.place_id) else None,
            "latitude": point[0] if point else None,
            "longitude": point[1] if point else None,
            "structure": place.slug if place else None,
        },
        "organisateur": {"slug": organiser.slug, "nom": organiser.name} if organiser else None,
        "date_maj": event.last_published_at.isoformat() if event.last_published_at else None,
    }


# ---------------------------------------------------------------------------------------------
# News


def news_items(params, errors):
    filters = NewsFilters(params)
    items = filters.apply(
        visible_to_public(NewsPage.objects.all())
        .select_related("category")
        .prefetch_related("tags")
        .defer_streamfields()
        .order_by("-date", "-first_published_at", "-pk")
    )
    if filters.category_slug and filters.category is None:
        errors.append(french(f"Catégorie d'actualité inconnue : « {filters.category_slug} »."))
    if filters.tag_slug and filters.tag is None:
        errors.append(french(f"Mot-clé inconnu : « {filters.tag_slug} »."))
    return items


def news_record(item, request):
    return {
        "id": item.slug,
        "titre": item.title,
        "date": item.date.isoformat(),
        "chapo": item.intro,
        "categorie": {"slug": item.category.slug, "nom": item.category.name} if item.category else None,
        "mots_cles": sorted(tag.slug for tag in item.tags.all()),
        "lien": request.build_absolute_uri(item.get_url(request)),
        "date_maj": item.last_published_at.isoformat() if item.last_published_at else None,
    }

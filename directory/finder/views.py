"""Views behind DirectoryPage's routes: the finder list, the map, its points, an organisation, corrections."""

import datetime
import gzip
import hashlib
import json
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

import geography
from agenda.selectors import next_permanences_for, upcoming_for_organisation
from directory import synonyms, validators
from directory.models import CorrectionRequest, Organisation, ProjectStage, ProposedChange, StructureProposal
from directory.models.search_text import SEARCH_COLUMNS
from ess_site.http_cache import mark_private
from ess_site.middleware import permissions_policy
from ess_site.typography import french

from . import hours, opening, results, typos, update_links
from .criteria import DEFAULT_RADIUS_KM, MAX_RADIUS_KM, RADIUS_CHOICES_KM, parse_radius
from .forms import CorrectionForm, OrganisationUpdateForm, ProposalForm
from .jsonld import organisation_jsonld
from .ratelimit import RateLimit
from .signals import searched_without_results
from .term_lists import attach_terms, with_term_ids
from .vocabulary import OPEN_NOW_PARAM, directory_version, load_terms

logger = logging.getLogger(__name__)

CORRECTION_LIMIT = RateLimit("correction", max_requests=5, window_seconds=3600)


def _querystring(params, drop=(), **changes):
    """The GET parameters as a query string, without `drop` and `page`, with `changes` applied."""
    items = []
    for key in params:
        if key in drop or key == "page" or key in changes:
            continue
        for value in params.getlist(key):
            if value != "":
                items.append((key, value))
    for key, value in changes.items():
        if value not in (None, ""):
            items.append((key, value))
    return urlencode(items)


def _active_filters(result, params):
    """[(French label, query string without it)]: the chips a visitor can remove one by one."""
    active = []
    criteria = result.criteria
    # A postcode typed among the words (« insertion 13015 »): each chip removes its own part of `q`.
    from_query = criteria.place_from_query
    if criteria.query:
        without_words = _querystring(params, q=from_query) if from_query else _querystring(params, drop=("q",))
        active.append((f"Recherche\u00a0: «\u00a0{criteria.query}\u00a0»", without_words))
    if criteria.origin:
        label = criteria.origin.label or "votre position"
        drop = ("pres-de", "lat", "lon", "rayon")
        if from_query and criteria.query:
            without_place = _querystring(params, drop=drop, q=criteria.query)
        else:
            without_place = _querystring(params, drop=drop + (("q",) if from_query else ()))
        active.append((f"Près de\u00a0: {label}", without_place))
    for facet in result.facets:
        for option in facet.options:
            if option.selected:
                remaining = [v for v in params.getlist(facet.param) if v != option.value]
                query = params.copy()
                query.setlist(facet.param, remaining)
                active.append((f"{facet.legend}\u00a0: {option.label}", _querystring(query)))
    return [(french(label), qs) for label, qs in active]


def _wider_radius(result, params):
    if not result.criteria.origin:
        return None
    current_km = result.criteria.origin.radius_m / 1000
    wider = next((km for km in RADIUS_CHOICES_KM if km > current_km), None)
    if wider is None:
        return None
    return wider, _querystring(params, rayon=str(wider))


def _closest_terms(result):
    """Known words close to what was typed, for a search that found nothing."""
    if not result.criteria.query:
        return []
    labels = [label for param in ("filiere", "service") for _, _, label in result.criteria.terms.get(param, [])]
    return synonyms.closest_terms(result.criteria.query, labels)


def finder_context(request, page):
    params = request.GET
    result = typos.find_forgiving(params)
    if not result.total and result.criteria.query and result.page_number == 1:
        searched_without_results.send(sender=finder_context, request=request, query=result.criteria.query)
    origin = result.criteria.origin
    radius_km = (origin.radius_m / 1000) if origin else parse_radius((params.get("rayon") or "").strip())[0] / 1000
    querystring = _querystring(params)
    return {
        "result": result,
        "params": params,
        "querystring": querystring,
        "querystring_without_point": _querystring(params, drop=("lat", "lon")),
        "active_filters": _active_filters(result, params),
        # The « Filtrer (n) » button of small screens: how many facet options are ticked.
        "facet_filter_count": sum(option.selected for facet in result.facets for option in facet.options),
        "wider_radius": _wider_radius(result, params) if not result.total else None,
        "closest_terms": _closest_terms(result) if not result.total else [],
        "sector_links": result.criteria.terms.get("filiere", []) if not result.total else [],
        "radius_choices": RADIUS_CHOICES_KM,
        "radius_km": radius_km if radius_km in RADIUS_CHOICES_KM else DEFAULT_RADIUS_KM,
        "max_radius_km": MAX_RADIUS_KM,
        "near_value": (params.get("pres-de") or result.criteria.place_from_query)[:200],
        "has_point": origin is not None and not params.get("pres-de") and not result.criteria.place_from_query,
        "lat_value": (params.get("lat") or "")[:20] if origin else "",
        "lon_value": (params.get("lon") or "")[:20] if origin else "",
    }


def finder_list(request, page):
    context = finder_context(request, page)
    response = page.render(request, template="directory/finder.html", context_overrides=context)
    return permissions_policy(response, geolocation="self")  # the « Autour de moi » button


def finder_map(request, page):
    context = finder_context(request, page)
    context.update(
        {
            "map_tiles_url": settings.MAP_TILES_URL,
            "map_tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
            "points_url": page.url + "carte/points/" + (f"?{context['querystring']}" if context["querystring"] else ""),
            "map_summary": results.map_summary(request.GET),
        }
    )
    response = page.render(request, template="directory/map.html", context_overrides=context)
    return permissions_policy(response, geolocation="self")  # the « Autour de moi » button


MAP_POINTS_CACHE_SECONDS = 24 * 3600


def _map_points_body(request, page):
    """The JSON of the map's points and its gzip, computed once per query and directory version.

    Thousands of points take ~150 ms to read and serialise; they change only when an organisation or
    a term does (directory_version), so the shared cache keeps the bytes. "Open now" depends on the
    hour: computed each time (the reverse cache still keeps it s-maxage)."""

    def compute():
        criteria, rows = results.map_points(request.GET)
        base = page.url
        payload = {
            "count": len(rows),
            "origin": [criteria.origin.latitude, criteria.origin.longitude] if criteria.origin else None,
            # [lat, lon, name, url, distance label, approximate (1 or 0)]: compact, since a map may carry
            # thousands of points.
            "points": [[lat, lon, name, f"{base}{slug}/", *rest] for lat, lon, name, slug, *rest in rows],
        }
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        return body, gzip.compress(body, compresslevel=6, mtime=0)

    if request.GET.get(OPEN_NOW_PARAM):
        return compute()
    query = "&".join(sorted(f"{k}={v}" for k in request.GET for v in request.GET.getlist(k) if k != "page"))
    digest = hashlib.sha256(f"{page.pk}|{query}".encode()).hexdigest()[:32]
    key = f"directory:map-points:{directory_version()}:{digest}"
    return cache.get_or_set(key, compute, MAP_POINTS_CACHE_SECONDS)


def map_points(request, page):
    body, compressed = _map_points_body(request, page)
    # Gzip: thousands of points compress about fivefold; the JSON carries no secret (no BREACH risk).
    accepts_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    response = HttpResponse(compressed if accepts_gzip else body, content_type="application/json")
    if accepts_gzip:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def _script_safe_json(data):
    """JSON for a <script type="application/ld+json"> block: no "</script>" can close it early."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _public_organisation(slug, with_terms=False):
    queryset = Organisation.objects.public().filter(slug=slug).defer(*SEARCH_COLUMNS)
    if with_terms:
        queryset = with_term_ids(queryset)
    organisation = queryset.first()
    if organisation is None:
        raise Http404("Organisation introuvable")
    if with_terms:
        attach_terms([organisation], load_terms())
    return organisation


def upcoming_events(organisation, limit=5):
    """The next events it hosts or organises."""
    return list(upcoming_for_organisation(organisation, limit))


def organiser_feeds(organisation, events):
    """[(label, URL)] of the agenda's feeds for what it organises (when some listed event is its own)."""
    if not any(occurrence.event.organiser_id == organisation.pk for occurrence in events):
        return []
    query = urlencode({"organisateur": organisation.slug})
    return [
        ("calendrier iCal", f"/agenda/agenda.ics?{query}"),
        ("flux RSS", f"/agenda/agenda.rss?{query}"),
        ("flux Atom", f"/agenda/agenda.atom?{query}"),
    ]


def organisation_detail(request, page, slug, correction_form=None, status=200):
    organisation = _public_organisation(slug, with_terms=True)
    now = timezone.now()
    events = upcoming_events(organisation)
    service_sheets = list(organisation.service_sheets.select_related("service"))
    context = {
        "service_sheets": service_sheets,
        "permanences": next_permanences_for([organisation], 3)[organisation.pk] if service_sheets else [],
        "organisation": organisation,
        "organiser_feeds": organiser_feeds(organisation, events),
        "opening_lines": hours.describe(organisation.opening_hours),
        "opening": opening.opening_status(organisation.opening_hours, now),
        "events": events,
        "jsonld": _script_safe_json(organisation_jsonld(organisation, request, page)),
        "correction_form": correction_form or CorrectionForm(),
        "map_tiles_url": settings.MAP_TILES_URL,
        "map_tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
        "arrondissement": geography.arrondissement_by_number(organisation.arrondissement)
        if organisation.arrondissement
        else None,
        "social_links": [line.strip() for line in organisation.social_links.splitlines() if line.strip()],
        "stage_labels": [dict(ProjectStage.choices).get(code, code) for code in organisation.project_stages or []],
        "phone_display": validators.display_phone(organisation.phone) if organisation.phone else "",
    }
    response = page.render(request, template="directory/organisation.html", context_overrides=context)
    response.status_code = status
    return response


def correction(request, page, slug):
    """GET: the form alone; POST: store the request (never lose it), or say why not."""
    organisation = _public_organisation(slug)
    context = {"organisation": organisation}
    if request.method != "POST":
        context["correction_form"] = CorrectionForm()
        return page.render(request, template="directory/correction.html", context_overrides=context)

    form = CorrectionForm(request.POST)
    context["correction_form"] = form
    if not CORRECTION_LIMIT.allow(request):
        # The visitor's text is shown back so it can be copied and sent later.
        context["rate_limited"] = True
        context["message_text"] = (request.POST.get("message") or "")[:3000]
        response = page.render(request, template="directory/correction.html", context_overrides=context)
        response.status_code = 429
        response["Retry-After"] = str(CORRECTION_LIMIT.window_seconds)
        return response
    if not form.is_valid():
        response = page.render(request, template="directory/correction.html", context_overrides=context)
        response.status_code = 400
        return response
    try:
        CorrectionRequest.objects.create(
            organisation=organisation,
            organisation_name=organisation.name,
            message=form.cleaned_data["message"],
            contact_name=form.cleaned_data["contact_name"],
            contact_email=form.cleaned_data["contact_email"],
        )
    except DatabaseError:
        # The database is briefly unavailable: the form comes back filled in, to send again.
        logger.exception("Could not store a correction request for %s", organisation.slug)
        context["save_failed"] = True
        response = page.render(request, template="directory/correction.html", context_overrides=context)
        response.status_code = 503
        response["Retry-After"] = "30"
        return response
    context["sent"] = True
    return page.render(request, template="directory/correction.html", context_overrides=context)


UPDATE_LINK_LIMIT = RateLimit("update-link", max_requests=5, window_seconds=3600)
# At most this many links per entry and day, whoever asks: the entry's mailbox is never flooded.
UPDATE_LINKS_PER_DAY = 3


def request_update_link(request, page, slug):
    """GET: what the link is and where it goes; POST: mail it to the entry's own address (if any).
    The answer never shows the address: the page only says the entry's address receives it."""
    organisation = _public_organisation(slug)
    context = {"organisation": organisation, "link_days": update_links.max_age() // (24 * 3600)}
    if request.method != "POST":
        return page.render(request, template="directory/update_request.html", context_overrides=context)
    if request.POST.get("website") or not UPDATE_LINK_LIMIT.allow(request):
        context["rate_limited"] = True
        response = page.render(request, template="directory/update_request.html", context_overrides=context)
        response.status_code = 429
        response["Retry-After"] = str(UPDATE_LINK_LIMIT.window_seconds)
        return response
    since = timezone.now() - datetime.timedelta(days=1)
    if organisation.email and organisation.update_links.filter(created_at__gte=since).count() < UPDATE_LINKS_PER_DAY:
        update_links.send_update_link(organisation)
    # The same answer whether a link left or the day's quota was reached: nothing to probe.
    context["sent"] = bool(organisation.email)
    return page.render(request, template="directory/update_request.html", context_overrides=context)


def _update_form_initial(organisation):
    values = update_links.current_values(organisation)
    values["opening_hours"] = "\n".join(hours.describe(organisation.opening_hours)) or organisation.opening_hours
    if organisation.phone:
        values["phone"] = validators.display_phone(organisation.phone)
    return values


def update_entry(request, page, slug, token):
    """The organisation's own update form, opened from its single-use link. Private: never cached."""
    mark_private(request)
    organisation = _public_organisation(slug)
    context = {"organisation": organisation}
    try:
        link = update_links.read_token(token, organisation)
    except update_links.LinkError as error:
        context["link_error"] = error.reason
        response = page.render(request, template="directory/update_form.html", context_overrides=context)
        response.status_code = 410 if error.reason in ("expire", "utilise") else 404
        return response

    if request.method == "POST" and request.POST.get("action") == "rien-n-a-change":
        if update_links.use_link(link):
            Organisation.objects.filter(pk=organisation.pk).update(last_verified=timezone.localdate(), to_verify=False)
        context["confirmed"] = True
        return page.render(request, template="directory/update_form.html", context_overrides=context)

    if request.method == "POST":
        form = OrganisationUpdateForm(request.POST)
        if form.is_valid():
            previous = update_links.current_values(organisation)
            with transaction.atomic():
                if not update_links.use_link(link):
                    context["link_error"] = "utilise"
                    response = page.render(request, template="directory/update_form.html", context_overrides=context)
                    response.status_code = 410
                    return response
                ProposedChange.objects.create(
                    organisation=organisation,
                    link=link,
                    proposed=form.proposed_values(),
                    previous=previous,
                    note=form.cleaned_data["note"],
                )
            context["sent"] = True
            return page.render(request, template="directory/update_form.html", context_overrides=context)
        status = 400
    else:
        form = OrganisationUpdateForm(initial=_update_form_initial(organisation))
        status = 200
    context["form"] = form
    response = page.render(request, template="directory/update_form.html", context_overrides=context)
    response.status_code = status
    return response


PROPOSAL_LIMIT = RateLimit("proposal", max_requests=5, window_seconds=3600)


def propose_structure(request, page):
    """/annuaire/proposer/: GET the form; POST store the proposal for "Modération", or say why not."""
    context = {"form": ProposalForm()}
    if request.method != "POST":
        return page.render(request, template="directory/propose.html", context_overrides=context)
    form = ProposalForm(request.POST)
    context["form"] = form
    if not PROPOSAL_LIMIT.allow(request):
        context["rate_limited"] = True
        response = page.render(request, template="directory/propose.html", context_overrides=context)
        response.status_code = 429
        response["Retry-After"] = str(PROPOSAL_LIMIT.window_seconds)
        return response
    if not form.is_valid():
        response = page.render(request, template="directory/propose.html", context_overrides=context)
        response.status_code = 400
        return response
    data = form.cleaned_data
    StructureProposal.objects.create(
        name=data["name"],
        activity=data["activity"],
        sector=data["sector"],
        address=data["address"],
        postcode=data["postcode"],
        website=data["structure_website"],
        contact_email=data["structure_email"],
        phone=data["structure_phone"],
        relation=data["relation"],
        proposer_email=data["proposer_email"],
    )
    context["sent"] = True
    context["with_email"] = bool(data["proposer_email"])
    return page.render(request, template="directory/propose.html", context_overrides=context)

"""The support matcher of the project holder's guide: stage, needs, intended status and place in;
the support structures that fit out, ranked by status, needs covered, area served, then distance.

Nobody is stranded: a need no structure answers, and the needs the programme gives the City
(`SupportService.city_lever`), lead to the City's ESS contact (site settings). Networks of local
authorities (`Kind.AUTHORITIES_NETWORK`) are never offered: project holders are not their members."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

import geography
from agenda.selectors import next_permanences_for
from ess_site.typography import french

from .models import CITY_CONTACT_SOURCE, IntendedStatus, Kind, Organisation, ProjectStage, ServiceSheet, SupportService

MAX_RESULTS = 10
STAGE_PARAM, NEED_PARAM, PLACE_PARAM, STATUS_PARAM = "etape", "besoin", "ou", "statut"
PARAMS = (STAGE_PARAM, NEED_PARAM, PLACE_PARAM, STATUS_PARAM)


def coverage_sentence(covered, asked):
    """« Répond à votre besoin », « Répond à vos 2 besoins », « Répond à 2 de vos 3 besoins »."""
    if asked == 1:
        return "Répond à votre besoin" if covered else "Ne répond pas à votre besoin"
    if covered == asked:
        return f"Répond à vos {asked} besoins"
    return f"Répond à {covered} de vos {asked} besoins"


@dataclass
class Match:
    organisation: object
    covered: list  # SupportService objects among the needs
    distance_m: float | None = None
    distance_label: str = ""
    permanences: list = field(default_factory=list)
    sheets: list = field(default_factory=list)  # ServiceSheet objects of the covered needs
    status_match: bool = False
    area_label: str = ""  # « Intervient dans toute la ville », « Intervient dans le 3e »…
    area_rank: int = 1  # 0: serves the place asked, 1: unknown, 2: says it does not
    needs_asked: int = 0

    @property
    def coverage(self):
        return coverage_sentence(len(self.covered), self.needs_asked) if self.needs_asked else ""


@dataclass
class MatcherResult:
    submitted: bool
    stage: str = ""
    needs: list = field(default_factory=list)
    place: str = ""
    point: tuple | None = None
    arrondissement: int | None = None
    place_label: str = ""
    place_error: str = ""  # shown next to the « Où ? » field, which refers to it
    matches: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    services: list = field(default_factory=list)
    stages: list = field(default_factory=list)
    statuses: list = field(default_factory=list)
    status: str = ""
    city_needs: list = field(default_factory=list)  # SupportService objects the City answers
    show_city_contact: bool = False

    @property
    def need_labels(self):
        return [service.label for service in self.services if service.slug in self.needs]


def parse_place(raw):
    """A Marseille postcode ("13003"), arrondissement ("3", "3e", "1er") or quartier ("Belle de Mai")
    -> (point, label) or (None, "")."""
    value = raw.strip().lower().replace(" ", "")[:20]
    if not value:
        return None, ""
    point = geography.postcode_reference_point(value)
    if point:
        return point, value
    number = value.removesuffix("arrondissement").removesuffix("e").removesuffix("er")
    if number.isdigit() and 1 <= int(number) <= 16:
        area = geography.arrondissement_by_number(int(number))
        return area.reference_point, area.label
    quartier = geography.find_quartier(raw)
    if quartier is not None:
        return quartier.point, quartier.label
    return None, ""


def match(params, limit=MAX_RESULTS):
    services = list(SupportService.objects.order_by("label"))
    result = MatcherResult(
        submitted=any(params.get(name) for name in PARAMS),
        services=services,
        stages=list(ProjectStage.choices),
        statuses=list(IntendedStatus.choices),
    )
    if not result.submitted:
        return result

    stage = (params.get(STAGE_PARAM) or "").strip()[:40]
    if stage and stage not in ProjectStage.values:
        result.messages.append(french(f"Étape inconnue : « {stage} ». Toutes les étapes sont prises en compte."))
        stage = ""
    result.stage = stage

    status = (params.get(STATUS_PARAM) or "").strip()[:40]
    if status and status not in IntendedStatus.values:
        result.messages.append(french(f"Statut inconnu : « {status} ». Tous les statuts sont pris en compte."))
        status = ""
    result.status = status

    by_slug = {service.slug: service for service in services}
    wanted = [value.strip()[:120] for value in params.getlist(NEED_PARAM) if value.strip()][:20]
    unknown = [value for value in wanted if value not in by_slug]
    if unknown:
        result.messages.append(french(f"Besoin inconnu : {', '.join(unknown)}."))
    result.needs = list(dict.fromkeys(value for value in wanted if value in by_slug))

    result.place = (params.get(PLACE_PARAM) or "").strip()[:40]
    result.point, result.place_label = parse_place(result.place)
    if result.point:
        result.arrondissement = geography.find_arrondissement(*result.point)
    if result.place and result.point is None:
        result.place_error = french(
            f"Lieu non reconnu : « {result.place} ». Indiquez un code postal de Marseille (13001 à 13016), un arrondissement (1 à 16) ou un quartier."
        )

    candidates = (
        Organisation.objects.public()
        .filter(kind=Kind.SUPPORT)
        .exclude(source=CITY_CONTACT_SOURCE[0], source_id=CITY_CONTACT_SOURCE[1])  # answered below
        .only(
            "pk",
            "name",
            "slug",
            "short_description",
            "project_stages",
            "latitude",
            "longitude",
            "arrondissement",
            "city",
            "statuses_supported",
        )
        .prefetch_related(Prefetch("service_sheets", ServiceSheet.objects.select_related("service")))
    )
    needs = set(result.needs)
    matches = []
    for organisation in candidates:
        stages = organisation.project_stages or []
        if stage and stages and stage not in stages:
            continue
        sheets = [sheet for sheet in organisation.service_sheets.all() if not needs or sheet.service.slug in needs]
        covered = sorted((sheet.service for sheet in sheets), key=lambda s: s.label) if needs else []
        status_match = bool(status) and status in (organisation.statuses_supported or [])
        # A structure that specialises in the status asked is offered even for needs it does not list.
        if needs and not covered and not status_match:
            continue
        item = Match(
            organisation=organisation,
            covered=covered,
            sheets=sheets,
            status_match=status_match,
            needs_asked=len(needs),
        )
        if result.arrondissement:
            item.area_rank, item.area_label = area_fit(sheets, result.arrondissement)
        if result.point and organisation.is_located:
            item.distance_m = geography.distance_m(*result.point, organisation.latitude, organisation.longitude)
            # The place asked is a postcode's or an arrondissement's reference point: an approximate distance.
            same = organisation.arrondissement if organisation.arrondissement == result.arrondissement else None
            item.distance_label = geography.format_approximate_distance(item.distance_m, same)
        matches.append(item)
    matches.sort(
        key=lambda m: (
            not m.status_match,
            -len(m.covered),
            m.area_rank,
            m.distance_m if m.distance_m is not None else float("inf"),
            m.organisation.name.lower(),
        )
    )
    result.matches = matches[:limit]
    attach_permanences(result.matches)
    answered = {service.slug for m in result.matches for service in m.covered}
    result.city_needs = [
        service
        for service in services
        if service.slug in needs and (service.city_lever or service.slug not in answered)
    ]
    result.show_city_contact = bool(result.city_needs) or not result.matches
    return result


def area_fit(sheets, arrondissement):
    """(rank, label) of the area the sheets say they serve, for the arrondissement asked."""
    answers = [sheet.covers(arrondissement) for sheet in sheets]
    label = dict(geography.ARRONDISSEMENT_CHOICES).get(arrondissement, "")
    if any(sheet.area == "ville" for sheet in sheets):
        return 0, "Intervient dans toute la ville"
    if True in answers:
        return 0, f"Intervient dans le {label} arrondissement"
    if answers and all(answer is False for answer in answers):
        return 2, f"N'intervient pas dans le {label} arrondissement"
    return 1, ""


def attach_permanences(matches):
    """The next permanences of each structure."""
    if not matches:
        return
    by_organisation = next_permanences_for([m.organisation for m in matches], 3)
    for item in matches:
        item.permanences = list(by_organisation.get(item.organisation.pk, []))

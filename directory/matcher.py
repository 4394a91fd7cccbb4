"""The support matcher of the project holder's guide: stage, needs and place in; the support
structures that fit out, ranked by needs covered, then distance."""

from dataclasses import dataclass, field

import geography
from agenda.selectors import next_permanences_for
from ess_site.typography import french

from .models import Kind, Organisation, ProjectStage, SupportService

MAX_RESULTS = 10
STAGE_PARAM, NEED_PARAM, PLACE_PARAM = "etape", "besoin", "ou"


@dataclass
class Match:
    organisation: object
    covered: list  # SupportService objects among the needs
    distance_m: float | None = None
    distance_label: str = ""
    permanences: list = field(default_factory=list)


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
        submitted=any(params.get(name) for name in (STAGE_PARAM, NEED_PARAM, PLACE_PARAM)),
        services=services,
        stages=list(ProjectStage.choices),
    )
    if not result.submitted:
        return result

    stage = (params.get(STAGE_PARAM) or "").strip()[:40]
    if stage and stage not in ProjectStage.values:
        result.messages.append(french(f"Étape inconnue : « {stage} ». Toutes les étapes sont prises en compte."))
        stage = ""
    result.stage = stage

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
        )
        .prefetch_related("support_services")
    )
    needs = set(result.needs)
    matches = []
    for organisation in candidates:
        stages = organisation.project_stages or []
        if stage and stages and stage not in stages:
            continue
        covered = [service for service in organisation.support_services.all() if service.slug in needs]
        if needs and not covered:
            continue
        item = Match(organisation=organisation, covered=covered)
        if result.point and organisation.is_located:
            item.distance_m = geography.distance_m(*result.point, organisation.latitude, organisation.longitude)
            # The place asked is a postcode's or an arrondissement's reference point: an approximate distance.
            same = organisation.arrondissement if organisation.arrondissement == result.arrondissement else None
            item.distance_label = geography.format_approximate_distance(item.distance_m, same)
        matches.append(item)
    matches.sort(
        key=lambda m: (
            -len(m.covered),
            m.distance_m if m.distance_m is not None else float("inf"),
            m.organisation.name.lower(),
        )
    )
    result.matches = matches[:limit]
    attach_permanences(result.matches)
    return result


def attach_permanences(matches):
    """The next permanences of each structure."""
    if not matches:
        return
    by_organisation = next_permanences_for([m.organisation for m in matches], 3)
    for item in matches:
        item.permanences = list(by_organisation.get(item.organisation.pk, []))

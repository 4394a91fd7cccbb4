"""Demo directory: the structures the programme's text names, with only what the text says of them.

No street address, phone or e-mail is invented. Where the text gives a place (the Régie de quartier:
1er and 7e arrondissements) the arrondissement's reference point is used and marked as such; the
others stay unlocated (listed, not on the map) until editors complete them.
"""

import geography
from ess_site.demo import ensure_page, home_page
from ess_site.typography import french as fr

from .models import DirectoryPage, Kind, Label, LocationSource, Organisation, ProjectStage, Sector, SupportService

SOURCE = "programme-ess-2023"
DIRECTORY_INTRO = (
    "<p>Les organisations de l'économie sociale et solidaire à Marseille : cherchez par nom ou par activité, "
    "autour de vous ou près d'une adresse, et affinez par filière, public ou service d'accompagnement.</p>"
)

ORGANISATIONS = [
    {
        "source_id": "cress",
        "name": "CRESS – Chambre régionale de l'économie sociale et solidaire",
        "kind": Kind.SUPPORT,
        "short_description": "Anime le territoire aux côtés de la Ville de Marseille pour mieux accompagner les porteurs de projets et promouvoir l'économie sociale et solidaire.",
        "services": ["mise-en-reseau"],
        "sectors": [],
        "labels": [],
        "stages": [],
    },
    {
        "source_id": "france-active-paca",
        "name": "France Active Provence-Alpes-Côte d'Azur",
        "kind": Kind.SUPPORT,
        "short_description": "Partenaire de la Ville depuis fin 2022 : permanences et formations collectives pour les porteurs de projets, outil de relais de trésorerie pour les associations, solutions de financement.",
        "services": ["financement", "formation", "accompagnement-creation"],
        "sectors": ["finance-solidaire"],
        "labels": ["france-active"],
        "stages": [ProjectStage.CREATION, ProjectStage.DEVELOPMENT],
    },
    {
        "source_id": "rtes",
        "name": "RTES – Réseau des collectivités territoriales pour une économie solidaire",
        "kind": Kind.SUPPORT,
        "short_description": "Réseau de collectivités engagées pour l'économie solidaire ; la Ville de Marseille y adhère depuis 2022.",
        "services": ["mise-en-reseau"],
        "sectors": [],
        "labels": [],
        "stages": [],
    },
    {
        "source_id": "urscop",
        "name": "URSCOP – Union régionale des sociétés coopératives",
        "kind": Kind.SUPPORT,
        "short_description": "Acteur-relais présent à Marseille, soutenu par la Ville pour mieux accompagner les porteurs de projets.",
        "services": ["accompagnement-creation"],
        "sectors": [],
        "labels": ["reseau-des-scop"],
        "stages": [],
    },
    {
        "source_id": "marseille-solutions",
        "name": "Marseille Solutions",
        "kind": Kind.SUPPORT,
        "short_description": "Acteur-relais présent à Marseille, soutenu par la Ville pour mieux accompagner les porteurs de projets.",
        "services": ["accompagnement-creation"],
        "sectors": [],
        "labels": [],
        "stages": [],
    },
    {
        "source_id": "inter-made",
        "name": "Inter-Made",
        "kind": Kind.SUPPORT,
        "short_description": "Acteur-relais présent à Marseille, soutenu par la Ville pour mieux accompagner les porteurs de projets.",
        "services": ["accompagnement-creation"],
        "sectors": [],
        "labels": [],
        "stages": [],
    },
    {
        "source_id": "tetes-de-l-art",
        "name": "Les Têtes de l'Art",
        "kind": Kind.SUPPORT,
        "short_description": "Acteur-relais présent à Marseille, soutenu par la Ville pour mieux accompagner les porteurs de projets.",
        "services": ["accompagnement-creation"],
        "sectors": ["culture-industries-creatives"],
        "labels": [],
        "stages": [],
    },
    {
        "source_id": "l-apres-m",
        "name": "L'Après M",
        "kind": Kind.ESS_ACTOR,
        "short_description": "Fast-food social et solidaire et plateforme d'entraide, né de la solidarité d'anciens salariés du McDonald's de Saint-Barthélémy, d'associations, de syndicats et d'habitants.",
        "services": [],
        "sectors": ["alimentation", "action-sociale"],
        "labels": [],
        "stages": [],
    },
    {
        "source_id": "regie-noailles-belsunce",
        "name": "Régie de quartier Noailles-Belsunce",
        "kind": Kind.ESS_ACTOR,
        "short_description": "Structure d'insertion par l'activité économique de l'hypercentre (1er et 7e arrondissements) : lien social, médiation, végétalisation et propreté urbaine réalisés par des salariés en insertion.",
        "services": [],
        "sectors": ["insertion", "cadre-de-vie"],
        "labels": ["regies-de-quartier"],
        "stages": [],
        "arrondissement": 1,
    },
]


def load(stdout=None):
    created = 0
    for entry in ORGANISATIONS:
        if Organisation.objects.filter(source=SOURCE, source_id=entry["source_id"]).exists():
            continue  # never overwrite what editors have completed since
        organisation = Organisation(
            source=SOURCE,
            source_id=entry["source_id"],
            name=entry["name"],
            kind=entry["kind"],
            short_description=fr(entry["short_description"]),
            project_stages=list(entry["stages"]),
            city="Marseille",
            live=True,
        )
        if entry.get("arrondissement"):
            area = geography.arrondissement_by_number(entry["arrondissement"])
            organisation.postcode = area.postcode
            organisation.latitude, organisation.longitude = area.reference_point
            organisation.location_source = LocationSource.ARRONDISSEMENT
            organisation.arrondissement = area.number
        else:
            organisation.city = ""
        # Parental many-to-many fields (drafts carry them): written by save().
        organisation.support_services.set(SupportService.objects.filter(slug__in=entry["services"]))
        organisation.sectors.set(Sector.objects.filter(slug__in=entry["sectors"]))
        organisation.labels.set(Label.objects.filter(slug__in=entry["labels"]))
        organisation.save()
        created += 1
    if stdout is not None and created:
        stdout.write(f"Annuaire : {created} structure(s) du programme ajoutée(s).")
    return created + load_directory_page(stdout)


def load_directory_page(stdout=None):
    """Create the DirectoryPage if missing; returns how many pages were created (0 or 1)."""
    home = home_page()
    if home is None:
        return 0
    _, created = ensure_page(
        home,
        DirectoryPage,
        "annuaire",
        title="Annuaire",
        show_in_menus=True,
        intro=fr(DIRECTORY_INTRO),
        seo_title="Annuaire des acteurs de l'ESS à Marseille",
    )
    return int(created)

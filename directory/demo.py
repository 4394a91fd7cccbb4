"""Demo directory: the structures the programme's text names, with only what the text says of them.

No street address, phone or e-mail is invented. Where the text gives a place (the Régie de quartier:
1er and 7e arrondissements) the arrondissement's reference point is used and marked as such; the
others stay unlocated (listed, not on the map) until editors complete them.
"""

from pathlib import Path

from django.conf import settings

import geography
from ess_site.demo import ensure_page, home_page
from ess_site.typography import french as fr

from .exchange.importers import import_file
from .models import (
    CITY_CONTACT_SOURCE,
    DEMO_SAMPLE_SOURCE,
    DirectoryPage,
    IntendedStatus,
    Kind,
    Label,
    LocationSource,
    Organisation,
    ProjectStage,
    Sector,
    SupportService,
)

SOURCE = CITY_CONTACT_SOURCE[0]
DIRECTORY_INTRO = (
    "<p>Les organisations de l'économie sociale et solidaire à Marseille\u00a0: cherchez par nom ou par activité, "
    "autour de vous ou près d'une adresse, et affinez par filière, public ou service d'accompagnement.</p>"
)

RELAY = (
    "Acteur-relais présent à Marseille, cité par le programme ESS de la Ville parmi les acteurs qu'elle soutient "
    "ou avec qui elle est en partenariat pour mieux accompagner les porteurs de projets."
)

# Only what the programme's text says of each structure. `website` is the organisation's own public
# site, given only where it is known for certain; otherwise the page sends visitors to the City's ESS
# contact (site settings) until editors complete the entry.
ORGANISATIONS = [
    {
        "source_id": CITY_CONTACT_SOURCE[1],
        "name": "Ville de Marseille – interlocuteurs ESS de la Direction de l'Économie",
        "kind": Kind.SUPPORT,
        "short_description": "La Ville souhaite désigner des interlocuteurs dédiés à l'ESS au sein de la Direction de "
        "l'Économie, du Tourisme, de l'Emploi, du Commerce et de l'Enseignement supérieur\u00a0: ils orientent les porteurs "
        "de projets.",
        "website": "https://www.marseille.fr/",
        "services": [],
        "sectors": [],
        "labels": [],
        "stages": [],
    },
    {
        "source_id": "cress",
        "name": "CRESS – Chambre régionale de l'économie sociale et solidaire",
        "kind": Kind.SUPPORT,
        "short_description": "Anime le territoire avec France Active et le RTES, selon le programme ESS de la Ville de Marseille.",
        "website": "https://www.cresspaca.org/",
        "services": ["mise-en-reseau"],
        "sectors": [],
        "labels": [],
        "stages": [],
    },
    {
        "source_id": "france-active-paca",
        "name": "France Active Provence-Alpes-Côte d'Azur",
        "kind": Kind.SUPPORT,
        "short_description": "Partenaire de la Ville depuis fin 2022\u00a0: permanences et formations collectives pour les porteurs de projets, outil de relais de trésorerie pour les associations, solutions de financement.",
        "website": "https://franceactive-paca.org/",
        "services": ["financement", "formation", "accompagnement-creation"],
        # Only the programme's words: « test d'un nouvel outil de relai de trésorerie pour le monde
        # associatif », « permanences et sessions de formation collectives ». Cost, conditions and how
        # to ask stay « non renseigné ».
        "sheets": {
            "financement": {
                "audience_details": "Associations\u00a0: un outil de relais de trésorerie pour le monde associatif, "
                "en test à Marseille."
            },
            "formation": {"audience_details": "Porteurs de projets\u00a0: sessions de formation collectives."},
        },
        "sectors": ["finance-solidaire"],
        "labels": ["france-active"],
        # A relais de trésorerie is for associations short of cash: the « Difficulté » stage.
        "stages": [ProjectStage.CREATION, ProjectStage.DEVELOPMENT, ProjectStage.DIFFICULTY],
    },
    {
        "source_id": "rtes",
        "name": "RTES – Réseau des collectivités territoriales pour une économie solidaire",
        "kind": Kind.AUTHORITIES_NETWORK,
        "short_description": "Réseau de collectivités engagées pour l'économie solidaire\u00a0; la Ville de Marseille y adhère depuis 2022.",
        "website": "https://www.rtes.fr/",
        "services": ["mise-en-reseau"],
        "sectors": [],
        "labels": [],
        "stages": [],
    },
    {
        "source_id": "urscop",
        "name": "URSCOP – Union régionale des sociétés coopératives",
        "kind": Kind.SUPPORT,
        "short_description": RELAY,
        "services": [],
        "sectors": [],
        "labels": ["reseau-des-scop"],
        "stages": [],
        "statuses": [IntendedStatus.COOPERATIVE],
    },
    {
        "source_id": "marseille-solutions",
        "name": "Marseille Solutions",
        "kind": Kind.SUPPORT,
        "short_description": RELAY,
        "services": [],
        "sectors": [],
        "labels": [],
        "stages": [],
    },
    {
        "source_id": "inter-made",
        "name": "Inter-Made",
        "kind": Kind.SUPPORT,
        "short_description": RELAY,
        "services": [],
        "sectors": [],
        "labels": [],
        "stages": [],
    },
    {
        "source_id": "tetes-de-l-art",
        "name": "Les Têtes de l'Art",
        "kind": Kind.SUPPORT,
        "short_description": RELAY,
        "website": "https://www.lestetesdelart.fr/",
        "services": [],
        "sectors": [],
        "labels": [],
        "stages": [],
    },
    {
        "source_id": "l-apres-m",
        "name": "L'Après M",
        "kind": Kind.ESS_ACTOR,
        "short_description": "Fast-food social et solidaire et plateforme d'entraide, né de la solidarité d'anciens salariés du McDonald's de Saint-Barthélémy, d'associations, de syndicats et d'habitants\u00a0; appuyé par la Ville.",
        "services": [],
        "sectors": ["alimentation", "action-sociale"],
        "labels": [],
        "stages": [],
    },
    {
        "source_id": "regie-noailles-belsunce",
        "name": "Régie de quartier Noailles-Belsunce",
        "kind": Kind.ESS_ACTOR,
        "short_description": "Structure d'insertion par l'activité économique de l'hypercentre (1er et 7e arrondissements)\u00a0; elle a vocation à proposer des services de proximité (lien social, médiation, végétalisation, propreté urbaine) réalisés par des salariés en insertion.",
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
            website=entry.get("website", ""),
            project_stages=list(entry["stages"]),
            statuses_supported=list(entry.get("statuses", [])),
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
        organisation.set_services(SupportService.objects.filter(slug__in=entry["services"]))
        for sheet in organisation.service_sheets.all():
            for name, value in entry.get("sheets", {}).get(sheet.service.slug, {}).items():
                setattr(sheet, name, fr(value))
        organisation.sectors.set(Sector.objects.filter(slug__in=entry["sectors"]))
        organisation.labels.set(Label.objects.filter(slug__in=entry["labels"]))
        organisation.save()
        created += 1
    if stdout is not None and created:
        stdout.write(f"Annuaire\u00a0: {created} structure(s) du programme ajoutée(s).")
    return created + load_open_data_sample(stdout) + load_directory_page(stdout)


SAMPLE_PATH = Path(__file__).resolve().parent / "data" / "mednum-hubdusud-marseille-2023.csv"


def load_open_data_sample(stdout=None):
    """Real structures from open data under the Licence Ouverte (directory/data/README.md), imported
    once through the importer editors use, at the points the file gives. Never re-imported over what
    editors have changed since."""
    if not settings.DIRECTORY_DEMO_SAMPLE or Organisation.objects.filter(source=DEMO_SAMPLE_SOURCE).exists():
        return 0
    report = import_file(SAMPLE_PATH)
    if stdout is not None and report.created:
        stdout.write(
            fr(
                f"Annuaire\u00a0: {report.created} structure(s) de l'échantillon de données ouvertes importée(s) "
                "(lieux de médiation numérique de l'ANCT, 2023)."
            )
        )
    return report.created


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

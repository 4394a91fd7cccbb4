"""The directory's CSV columns: one list, shared by the export and the import (so they round-trip).

Documented for reusers and editors in docs/annuaire-donnees.md.
"""

from directory.models import ARRONDISSEMENT_CHOICES, Kind, LegalForm, LocationSource, ProjectStage, Wheelchair
from directory.validators import display_phone

LIST_SEPARATOR = "|"

# (column, model field, what it holds)
COLUMNS = [
    ("identifiant", "slug", "identifiant stable de la fiche (adresse /annuaire/<identifiant>/)"),
    ("nom", "name", "nom de l'organisation (obligatoire)"),
    ("type", "kind", "acteur-ess, structure-accompagnement ou tiers-lieu"),
    (
        "forme_juridique",
        "legal_form",
        "association, scop, scic, cae, mutuelle, fondation, entreprise-ess, fonds-de-dotation, autre",
    ),
    ("presentation", "short_description", "présentation courte (280 caractères au plus)"),
    ("description", "description", "description (HTML simple\u00a0: p, strong, em, a, ul, ol, li)"),
    ("siret", "siret", "14 chiffres"),
    ("rna", "rna", "W suivi de 9 chiffres"),
    ("site_web", "website", "adresse web complète (https://…)"),
    ("courriel", "email", "adresse électronique"),
    ("telephone", "phone", "numéro de téléphone"),
    ("reseaux_sociaux", "social_links", "adresses web séparées par des espaces"),
    ("filieres", "sectors", "identifiants de filières séparés par |"),
    ("labels", "labels", "identifiants de labels et réseaux séparés par |"),
    ("services", "support_services", "identifiants de services d'accompagnement séparés par |"),
    (
        "etapes",
        "project_stages",
        "étapes de projet accompagnées séparées par | (idee, creation, developpement, changement-echelle, difficulte)",
    ),
    ("publics", "audiences", "identifiants de publics séparés par |"),
    ("adresse", "address", "numéro et voie"),
    ("complement_adresse", "address_complement", "complément d'adresse"),
    ("code_postal", "postcode", "5 chiffres"),
    ("commune", "city", "commune"),
    ("arrondissement", "arrondissement", "1 à 16\u00a0; calculé (ignoré à l'import)"),
    ("latitude", "latitude", "degrés décimaux (WGS 84)"),
    ("longitude", "longitude", "degrés décimaux (WGS 84)"),
    ("origine_point", "location_source", "geocodeur, code-postal, arrondissement, saisie, import"),
    ("horaires", "opening_hours", "horaires au format OpenStreetMap opening_hours"),
    ("acces_fauteuil", "wheelchair", "oui, partiel, non ou inconnu"),
    ("acceslibre", "acceslibre_url", "lien vers la fiche Acceslibre"),
    ("derniere_verification", "last_verified", "date AAAA-MM-JJ"),
    ("source", "source", "producteur de la donnée"),
    ("id_source", "source_id", "identifiant chez le producteur"),
]
# Accepted at import only (the export holds published organisations only).
IMPORT_ONLY_COLUMNS = [("publiee", "live", "oui ou non (oui par défaut)")]

HEADER = [name for name, _, _ in COLUMNS]
FIELD_BY_COLUMN = {name: field for name, field, _ in COLUMNS + IMPORT_ONLY_COLUMNS}
COLUMN_BY_FIELD = {field: name for name, field, _ in COLUMNS + IMPORT_ONLY_COLUMNS}
M2M_FIELDS = ("sectors", "labels", "support_services", "audiences")

CHOICE_FIELDS = {
    "kind": Kind,
    "legal_form": LegalForm,
    "project_stages": ProjectStage,
    "wheelchair": Wheelchair,
    "location_source": LocationSource,
}
ARRONDISSEMENT_LABELS = dict(ARRONDISSEMENT_CHOICES)


def _number(value):
    return "" if value is None else repr(float(value))


def organisation_row(organisation):
    """The CSV row of an organisation whose m2m relations are prefetched."""

    def slugs(manager):
        return LIST_SEPARATOR.join(sorted(term.slug for term in manager.all()))

    return [
        organisation.slug,
        organisation.name,
        organisation.kind,
        organisation.legal_form,
        organisation.short_description,
        organisation.description,
        organisation.siret,
        organisation.rna,
        organisation.website,
        organisation.email,
        display_phone(organisation.phone) if organisation.phone else "",
        " ".join(line.strip() for line in organisation.social_links.splitlines() if line.strip()),
        slugs(organisation.sectors),
        slugs(organisation.labels),
        slugs(organisation.support_services),
        LIST_SEPARATOR.join(organisation.project_stages or []),
        slugs(organisation.audiences),
        organisation.address,
        organisation.address_complement,
        organisation.postcode,
        organisation.city,
        "" if organisation.arrondissement is None else str(organisation.arrondissement),
        _number(organisation.latitude),
        _number(organisation.longitude),
        organisation.location_source,
        organisation.opening_hours,
        organisation.wheelchair,
        organisation.acceslibre_url,
        organisation.last_verified.isoformat() if organisation.last_verified else "",
        organisation.source,
        organisation.source_id,
    ]

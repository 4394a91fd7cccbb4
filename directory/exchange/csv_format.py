"""The directory's CSV columns: one list, shared by the export and the import (so they round-trip).

The import also accepts the headers partners' files use (`ALIASES`: French and English, with or
without accents, any case, spaces or hyphens for underscores). The same table gives the admin's
column documentation and CSV template, and docs/annuaire-donnees.md (« Colonnes du fichier
d'import »; a test keeps it true).
"""

import unicodedata

from directory.models import ARRONDISSEMENT_CHOICES, Kind, LegalForm, LocationSource, ProjectStage, Wheelchair
from directory.validators import display_phone
from ess_site.typography import french

LIST_SEPARATOR = "|"

# (column, model field, what it holds)
COLUMNS = [
    ("identifiant", "slug", "identifiant stable de la fiche (adresse /annuaire/<identifiant>/)"),
    ("nom", "name", "nom de l'organisation (obligatoire)"),
    (
        "nom_source",
        "raw_name",
        "nom tel que l'a écrit la source (registre en capitales), avant sa mise en forme\u00a0; "
        "il ne remplace jamais le nom affiché (colonne nom)",
    ),
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
IMPORT_ONLY_COLUMNS = [
    ("publiee", "live", "oui ou non (oui par défaut)"),
    # What a register says, kept for the filière rules (docs/annuaire-donnees.md).
    ("code_naf", "naf_code", "code NAF / APE (88.99B)"),
    ("thematiques", "source_thematiques", "thématiques data·inclusion séparées par |"),
]

# Other headers partners' files use for our columns, written in `header_key` form. Declared once:
# the importer, the admin's column page, its mapping step and the docs read this table.
ALIASES = {
    "identifiant": ("slug", "identifier"),
    "nom": (
        "name",
        "raison_sociale",
        "denomination",
        "denomination_sociale",
        "nom_structure",
        "nom_de_la_structure",
        "structure",
        "organisation",
        "organization",
        "enseigne",
    ),
    "nom_source": ("raw_name", "nom_brut", "nom_d_origine", "nom_origine"),
    "type": ("kind", "type_structure", "type_de_structure", "typologie"),
    "forme_juridique": ("legal_form", "statut", "statut_juridique", "forme"),
    "presentation": ("presentation_resume", "resume", "short_description", "summary"),
    "description": ("presentation_detail", "description_longue"),
    "siret": ("numero_siret", "n_siret", "siret_number"),
    "rna": ("numero_rna", "n_rna"),
    "site_web": ("website", "site", "site_internet", "url", "web", "site_web_url"),
    "courriel": ("email", "e_mail", "mail", "adresse_mail", "adresse_email", "adresse_electronique"),
    "telephone": ("phone", "tel", "telephone_fixe", "phone_number", "numero_de_telephone"),
    "reseaux_sociaux": ("social_links", "reseaux"),
    "filieres": ("filiere", "sectors", "sector", "secteur", "secteurs"),
    "labels": ("label", "reseaux_porteurs"),
    "services": ("support_services", "service"),
    "etapes": ("etape", "project_stages", "stages"),
    "publics": ("public", "audiences", "audience"),
    "adresse": ("address", "adresse_postale", "rue", "street", "voie", "numero_et_voie", "address_line_1"),
    "complement_adresse": ("address_complement", "adresse_complement", "complement", "address_line_2"),
    "code_postal": ("post_code", "postcode", "postal_code", "zip", "zip_code", "cp", "code_post"),
    "commune": ("city", "ville", "town", "localite", "libelle_commune"),
    "latitude": ("lat",),
    "longitude": ("lng", "lon", "long"),
    "origine_point": ("location_source",),
    "horaires": ("opening_hours", "horaires_accueil", "hours"),
    "acces_fauteuil": ("wheelchair", "accessibilite_fauteuil"),
    "acceslibre": ("acceslibre_url", "accessibilite_lieu"),
    "derniere_verification": ("last_verified", "date_maj", "mise_a_jour", "updated_at", "last_update"),
    "source": ("producteur",),
    "id_source": ("source_id", "identifiant_source"),
    "publiee": ("published", "live", "publie"),
    "code_naf": ("naf", "code_ape", "ape", "naf_code", "code_naf_ape", "activite_principale"),
    "thematiques": ("thematique", "thematics", "themes"),
}


def header_key(text):
    """ "Code Postal", "code-postal", " CODE_POSTAL " -> "code_postal" (accents, case, spaces)."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in text).split()
    return "_".join(words)


HEADER = [name for name, _, _ in COLUMNS]
FIELD_BY_COLUMN = {name: field for name, field, _ in COLUMNS + IMPORT_ONLY_COLUMNS}
COLUMN_BY_FIELD = {field: name for name, field, _ in COLUMNS + IMPORT_ONLY_COLUMNS}
M2M_FIELDS = ("sectors", "labels", "support_services", "audiences")

IMPORT_COLUMNS = [name for name, _, _ in COLUMNS + IMPORT_ONLY_COLUMNS if name != "arrondissement"]
DESCRIPTION_BY_COLUMN = {name: text for name, _, text in COLUMNS + IMPORT_ONLY_COLUMNS}
_COLUMN_BY_KEY = {name: name for name in FIELD_BY_COLUMN}
_COLUMN_BY_KEY.update({alias: name for name, aliases in ALIASES.items() for alias in aliases})


def column_for_header(text):
    """Our column for a header of a partner's file ("Post code" -> "code_postal"), or None."""
    return _COLUMN_BY_KEY.get(header_key(text))


def documented_columns():
    """[(column, description, aliases)] in file order, for the admin page, the template and the docs."""
    return [(name, french(DESCRIPTION_BY_COLUMN[name]), ALIASES.get(name, ())) for name in IMPORT_COLUMNS]


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
        organisation.raw_name,
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

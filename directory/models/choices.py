"""The directory's fixed lists: kind, legal form, project stage, wheelchair access, how the point was obtained.

Choices, not tables: editors don't extend them, and imports and exports name their codes.
"""

from django.db import models


class Kind(models.TextChoices):
    ESS_ACTOR = "acteur-ess", "Acteur de l'ESS"
    SUPPORT = "structure-accompagnement", "Structure d'accompagnement"
    THIRD_PLACE = "tiers-lieu", "Tiers-lieu"
    # Networks of local authorities (the RTES): their members are cities, not project holders, so
    # the support matcher never offers them.
    AUTHORITIES_NETWORK = "reseau-collectivites", "Réseau de collectivités"


class LegalForm(models.TextChoices):
    ASSOCIATION = "association", "Association"
    SCOP = "scop", "SCOP (société coopérative et participative)"
    SCIC = "scic", "SCIC (société coopérative d'intérêt collectif)"
    CAE = "cae", "CAE (coopérative d'activité et d'emploi)"
    MUTUELLE = "mutuelle", "Mutuelle"
    FONDATION = "fondation", "Fondation"
    ESUS = "entreprise-ess", "Entreprise de l'ESS / ESUS"
    FONDS_DOTATION = "fonds-de-dotation", "Fonds de dotation"
    OTHER = "autre", "Autre"


class ProjectStage(models.TextChoices):
    IDEA = "idee", "Idée"
    CREATION = "creation", "Création"
    DEVELOPMENT = "developpement", "Développement"
    SCALING = "changement-echelle", "Changement d'échelle"
    DIFFICULTY = "difficulte", "Difficulté"


class IntendedStatus(models.TextChoices):
    """The matcher's « Quel statut envisagez-vous ? », and the statuses a structure specialises in."""

    ASSOCIATION = "association", "Association"
    COOPERATIVE = "cooperative", "Coopérative (SCOP, SCIC, CAE)"
    SOCIAL_ENTERPRISE = "entreprise-sociale", "Entreprise sociale (ESUS)"


class Wheelchair(models.TextChoices):
    YES = "oui", "Oui"
    PARTIAL = "partiel", "Partiel"
    NO = "non", "Non"
    UNKNOWN = "inconnu", "Inconnu"


class LocationSource(models.TextChoices):
    NONE = "", "Non localisée"
    GEOCODER = "geocodeur", "Géocodeur (Base Adresse Nationale)"
    POSTCODE = "code-postal", "Point de référence du code postal"
    ARRONDISSEMENT = "arrondissement", "Point de référence de l'arrondissement"
    MANUAL = "saisie", "Saisie à la main"
    IMPORT = "import", "Fourni par la source importée"

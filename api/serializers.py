"""The shapes of the API's records, for the OpenAPI description (api/records.py builds the values).

Schemathesis checks every response against these (tests/test_api_schemathesis.py): a field added
to a record and not here, or of another type, fails the build. Only `id` is always present: the
`fields` parameter may leave out every other field.
"""

from rest_framework import serializers

from agenda.models import Audience as EventAudience
from agenda.models import EventType
from directory.models import Kind, LegalForm, ProjectStage, Wheelchair


def text(help_text, **kwargs):
    return serializers.CharField(help_text=help_text, required=False, allow_null=True, **kwargs)


def number(help_text):
    return serializers.FloatField(help_text=help_text, required=False, allow_null=True)


class TermSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="Identifiant, utilisable comme filtre.")
    libelle = serializers.CharField(help_text="Libellé en français.")


class NamedSerializer(serializers.Serializer):
    slug = serializers.CharField()
    nom = serializers.CharField()


class LocationFields(serializers.Serializer):
    """data·inclusion's location and contact fields."""

    commune = text("Commune.")
    code_postal = text("Code postal.")
    code_insee = text("Code INSEE de l'arrondissement (132xx).")
    adresse = text("Numéro et voie.")
    complement_adresse = text("Complément d'adresse.")
    longitude = number("Longitude (WGS 84).")
    latitude = number("Latitude (WGS 84).")
    telephone = text("Téléphone au format international.")
    courriel = text("Courriel.")
    horaires_accueil = text("Horaires au format OpenStreetMap opening_hours.")


class OrganisationSerializer(LocationFields):
    id = serializers.CharField(help_text="Identifiant data·inclusion (source--identifiant). Toujours présent.")
    source = text("Producteur de la donnée (data·inclusion).")
    slug = text("Identifiant d'adresse\u00a0: /api/v1/organisations/{slug}/ et la page de l'annuaire.")
    nom = text("Nom.")
    description = text("Présentation courte (280 caractères au plus).")
    date_maj = serializers.DateField(help_text="Date de mise à jour.", required=False, allow_null=True)
    lien_source = serializers.URLField(help_text="Page de l'organisation sur le site.", required=False, allow_null=True)
    siret = text("SIRET (14 chiffres).")
    rna = text("Numéro RNA (W suivi de 9 chiffres).")
    site_web = text("Site web.")
    accessibilite_lieu = text("Fiche Acceslibre.")
    reseaux_porteurs = serializers.ListField(
        child=serializers.CharField(),
        help_text="Réseaux porteurs (référentiel data·inclusion).",
        required=False,
        allow_null=True,
    )
    type = serializers.ChoiceField(choices=Kind.choices, help_text="Type de structure.", required=False)
    forme_juridique = serializers.ChoiceField(
        choices=LegalForm.choices, help_text="Forme juridique.", required=False, allow_null=True
    )
    filieres = TermSerializer(many=True, required=False, help_text="Filières.")
    services = TermSerializer(many=True, required=False, help_text="Services d'accompagnement proposés.")
    publics = TermSerializer(many=True, required=False, help_text="Publics accueillis.")
    labels = TermSerializer(many=True, required=False, help_text="Labels et réseaux.")
    etapes = serializers.ListField(
        child=serializers.ChoiceField(choices=ProjectStage.choices),
        required=False,
        help_text="Étapes de projet accompagnées.",
    )
    arrondissement = serializers.IntegerField(
        min_value=1, max_value=16, required=False, allow_null=True, help_text="Arrondissement de Marseille."
    )
    accessibilite_fauteuil = serializers.ChoiceField(
        choices=Wheelchair.choices, required=False, help_text="Accès en fauteuil roulant."
    )
    distance = serializers.IntegerField(
        required=False, allow_null=True, help_text="Distance en mètres depuis le point demandé (pres-de, lat/lon)."
    )


class ServiceSerializer(LocationFields):
    id = serializers.CharField(help_text="Identifiant data·inclusion du service. Toujours présent.")
    source = text("Producteur de la donnée.")
    structure_id = text("Identifiant data·inclusion de la structure.")
    nom = text("Nom du service.")
    description = text("Description du service.")
    lien_source = serializers.URLField(required=False, allow_null=True, help_text="Page de la structure sur le site.")
    date_maj = serializers.DateField(required=False, allow_null=True)
    type = text("Type de service (référentiel data·inclusion).")
    thematiques = serializers.ListField(child=serializers.CharField(), required=False, allow_null=True)
    frais = text(
        "Frais\u00a0: «\u00a0gratuit\u00a0» ou «\u00a0payant\u00a0»\u00a0; absent tant que la structure ne l'a pas dit."
    )
    frais_precisions = text("Précisions sur le coût («\u00a0Sur devis\u00a0»…).")
    publics = serializers.ListField(child=serializers.CharField(), required=False, allow_null=True)
    publics_precisions = text("Pour qui, en clair.")
    conditions_acces = text("Conditions d'accès.")
    modes_accueil = serializers.ListField(child=serializers.CharField(), required=False, allow_null=True)
    modes_mobilisation = serializers.ListField(
        child=serializers.CharField(), required=False, allow_null=True, help_text="Comment demander le service."
    )
    mobilisable_par = serializers.ListField(
        child=serializers.CharField(), required=False, allow_null=True, help_text="usagers, professionnels."
    )
    mobilisation_precisions = text("Précisions pour mobiliser le service.")
    lien_mobilisation = serializers.URLField(required=False, allow_null=True, help_text="Formulaire ou rendez-vous.")
    zone_eligibilite = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        allow_null=True,
        help_text="Codes INSEE couverts\u00a0: 13055 pour toute la ville, 13201 à 13216 pour des arrondissements.",
    )
    service = TermSerializer(required=False, help_text="Le service d'accompagnement (filtre «\u00a0service\u00a0»).")
    structure = NamedSerializer(required=False, help_text="La structure qui le propose.")


class PlaceSerializer(serializers.Serializer):
    nom = text("Nom du lieu.")
    adresse = text("Adresse.")
    arrondissement = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=16)
    latitude = number("Latitude.")
    longitude = number("Longitude.")
    structure = text("Identifiant de la structure de l'annuaire qui accueille, s'il y a lieu.")


class OccurrenceSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Événement et date de la séance. Toujours présent.")
    evenement = text("Identifiant de l'événement.")
    titre = text("Titre.")
    type = serializers.ChoiceField(choices=EventType.choices, required=False)
    presentation = text("Présentation courte.")
    debut = serializers.DateTimeField(required=False, help_text="Début (heure de Paris, ISO 8601).")
    fin = serializers.DateTimeField(required=False, help_text="Fin (heure de Paris, ISO 8601).")
    toute_la_journee = serializers.BooleanField(required=False)
    lien = serializers.URLField(required=False, allow_null=True, help_text="Page de l'événement.")
    ics = serializers.URLField(required=False, allow_null=True, help_text="Fichier iCalendar de l'événement.")
    public = serializers.ChoiceField(choices=EventAudience.choices, required=False)
    # None when the fee is not known (nothing is assumed).
    gratuit = serializers.BooleanField(required=False, allow_null=True)
    tarif = text("Tarif d'un événement payant.")
    inscription = serializers.URLField(required=False, allow_null=True)
    en_ligne = serializers.URLField(required=False, allow_null=True)
    lieu = PlaceSerializer(required=False)
    organisateur = NamedSerializer(required=False, allow_null=True)
    date_maj = serializers.DateTimeField(required=False, allow_null=True)


class NewsSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Identifiant d'adresse de l'actualité. Toujours présent.")
    titre = text("Titre.")
    date = serializers.DateField(required=False)
    chapo = text("Chapô.")
    categorie = NamedSerializer(required=False, allow_null=True)
    mots_cles = serializers.ListField(child=serializers.CharField(), required=False)
    lien = serializers.URLField(required=False, allow_null=True)
    date_maj = serializers.DateTimeField(required=False, allow_null=True)


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField(help_text="Adresse de la documentation des erreurs.")
    title = serializers.CharField(help_text="Intitulé du problème.")
    status = serializers.IntegerField(help_text="Code HTTP.")
    detail = serializers.CharField(help_text="Explication en français.")
    instance = serializers.CharField(required=False, help_text="La requête concernée.")
    erreurs = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Un message par paramètre refusé."
    )


def page_of(serializer_class, name):
    """A paginated list of `serializer_class` records (count, next, previous, results)."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(help_text="Nombre total de résultats."),
            "next": serializers.URLField(allow_null=True, help_text="Page suivante, ou null."),
            "previous": serializers.URLField(allow_null=True, help_text="Page précédente, ou null."),
            "results": serializer_class(many=True),
            "__doc__": f"Une page de résultats ({name}).",
        },
    )

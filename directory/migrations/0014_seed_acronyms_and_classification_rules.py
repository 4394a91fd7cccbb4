"""The first acronyms and spellings (Annuaire > Sigles et graphies) and filière rules (Annuaire >
Règles de classement), documented in docs/annuaire-donnees.md. Existing rows are never overwritten."""

from django.db import migrations

# term, expansion ("" = a spelling kept as written, not listed in the glossary)
ACRONYMS = [
    ("ACI", "atelier et chantier d'insertion"),
    ("AI", "association intermédiaire"),
    ("EI", "entreprise d'insertion"),
    ("ETTI", "entreprise de travail temporaire d'insertion"),
    ("EITI", "entreprise d'insertion par le travail indépendant"),
    ("GEIQ", "groupement d'employeurs pour l'insertion et la qualification"),
    ("SIAE", "structure d'insertion par l'activité économique"),
    ("IAE", "insertion par l'activité économique"),
    ("ESAT", "établissement et service d'accompagnement par le travail"),
    ("EA", "entreprise adaptée"),
    ("SCOP", "société coopérative et participative"),
    ("SCIC", "société coopérative d'intérêt collectif"),
    ("CAE", "coopérative d'activité et d'emploi"),
    ("CRESS", "chambre régionale de l'économie sociale et solidaire"),
    ("URSCOP", "union régionale des SCOP et des SCIC"),
    ("ESS", "économie sociale et solidaire"),
    ("ESUS", "entreprise solidaire d'utilité sociale"),
    ("RTES", "réseau des collectivités territoriales pour une économie solidaire"),
    ("CCAS", "centre communal d'action sociale"),
    ("QPV", "quartier prioritaire de la politique de la ville"),
    ("AMAP", "association pour le maintien d'une agriculture paysanne"),
    ("NAF", "nomenclature d'activités française"),
    ("APE", "activité principale exercée"),
    ("SIRET", "système d'identification du répertoire des établissements"),
    ("RNA", "répertoire national des associations"),
    ("ADPEI", ""),
    ("PACA", "Provence-Alpes-Côte d'Azur"),
    ("SARL", "société à responsabilité limitée"),
    ("SAS", "société par actions simplifiée"),
] + [
    (word, "")
    for word in (
        "Activité Création Développement Économie Économique Écologie Écologique Éducation Égalité Énergie "
        "Épicerie Génération Intérêt Médiation Méditerranée Réemploi Régie Régional Régionale Réseau Santé "
        "Société Solidarité Coopérative Vallée Quartier"
    ).split()
]

INSERTION = "insertion"
# (criterion, value, sector slug, note)
RULES = [
    ("label", "siae-aci", INSERTION, "Type de SIAE"),
    ("label", "siae-ai", INSERTION, "Type de SIAE"),
    ("label", "siae-ei", INSERTION, "Type de SIAE"),
    ("label", "siae-etti", INSERTION, "Type de SIAE"),
    ("label", "siae-eiti", INSERTION, "Type de SIAE"),
    ("label", "geiq", INSERTION, "Groupement d'employeurs pour l'insertion"),
    ("label", "ressourceries", "economie-circulaire-reemploi", ""),
    ("label", "regies-de-quartier", "cadre-de-vie", ""),
    ("naf", "01", "alimentation", "Culture et production animale"),
    ("naf", "03", "maritime", "Pêche et aquaculture"),
    ("naf", "10", "alimentation", "Industries alimentaires"),
    ("naf", "11", "alimentation", "Fabrication de boissons"),
    ("naf", "3011", "maritime", "Construction de navires"),
    ("naf", "3012", "maritime", "Construction de bateaux de plaisance"),
    ("naf", "3315", "maritime", "Réparation et maintenance navale"),
    ("naf", "35", "transition-ecologique", "Production et distribution d'énergie"),
    ("naf", "38", "economie-circulaire-reemploi", "Collecte, traitement des déchets, récupération"),
    ("naf", "39", "transition-ecologique", "Dépollution"),
    ("naf", "41", "habitat", "Construction de bâtiments"),
    ("naf", "43", "habitat", "Travaux de construction spécialisés"),
    ("naf", "4711", "alimentation", "Commerce de détail à prédominance alimentaire"),
    ("naf", "472", "alimentation", "Commerce de détail alimentaire en magasin spécialisé"),
    ("naf", "4779", "economie-circulaire-reemploi", "Commerce de détail de biens d'occasion"),
    ("naf", "50", "maritime", "Transports par eau"),
    ("naf", "56", "alimentation", "Restauration"),
    ("naf", "58", "culture-industries-creatives", "Édition"),
    ("naf", "59", "culture-industries-creatives", "Cinéma, vidéo, enregistrement sonore"),
    ("naf", "60", "culture-industries-creatives", "Programmation et diffusion"),
    ("naf", "62", "numerique", "Programmation, conseil informatique"),
    ("naf", "63", "numerique", "Services d'information"),
    ("naf", "64", "finance-solidaire", "Services financiers"),
    ("naf", "68", "habitat", "Activités immobilières"),
    ("naf", "81", "cadre-de-vie", "Services aux bâtiments, nettoyage, aménagement paysager"),
    ("naf", "85", "education", "Enseignement"),
    ("naf", "86", "sante", "Activités pour la santé humaine"),
    ("naf", "87", "action-sociale", "Hébergement médico-social et social"),
    ("naf", "88", "action-sociale", "Action sociale sans hébergement"),
    ("naf", "90", "culture-industries-creatives", "Activités créatives, artistiques et de spectacle"),
    ("naf", "91", "culture-industries-creatives", "Bibliothèques, archives, musées"),
    ("naf", "95", "economie-circulaire-reemploi", "Réparation d'ordinateurs et de biens personnels"),
    ("thematique", "mobilite", "mobilite", ""),
    ("thematique", "numerique", "numerique", ""),
    ("thematique", "sante", "sante", ""),
    ("thematique", "logement-hebergement", "habitat", ""),
    ("thematique", "equipement-et-alimentation--alimentation", "alimentation", ""),
    ("thematique", "se-former", "education", ""),
    ("thematique", "lecture-ecriture-calcul", "education", ""),
]

MODELS = {"acronym": "sigle ou graphie", "classificationrule": "règle de classement"}
ACTIONS = {"Rédaction": ["add", "change", "view"], "Modération": ["add", "change", "delete", "view"]}


def seed(apps, schema_editor):
    Acronym = apps.get_model("directory", "Acronym")
    Rule = apps.get_model("directory", "ClassificationRule")
    Sector = apps.get_model("directory", "Sector")
    Label = apps.get_model("directory", "Label")
    Label.objects.get_or_create(
        slug="siae-eiti",
        defaults={
            "label": "SIAE : entreprise d'insertion par le travail indépendant (EITI)",
            "di_reseau_porteur": "eiti",
        },
    )
    for term, expansion in ACRONYMS:
        Acronym.objects.get_or_create(term=term, defaults={"expansion": expansion})
    sectors = dict(Sector.objects.values_list("slug", "pk"))
    for criterion, value, slug, note in RULES:
        if slug in sectors:
            Rule.objects.get_or_create(
                criterion=criterion, value=value, sector_id=sectors[slug], defaults={"note": note}
            )
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for model, verbose in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="directory", model=model)
        for group_name, actions in ACTIONS.items():
            group, _ = Group.objects.get_or_create(name=group_name)
            for action in actions:
                perm, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {verbose}"},
                )
                group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0013_glossary_acronyms_classification_rules_and_source_facts"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

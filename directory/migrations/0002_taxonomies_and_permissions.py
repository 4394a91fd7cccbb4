"""The directory's starting taxonomies (with their data·inclusion codes) and the editors' permissions.

Rédaction may add and change organisations and taxonomies; only Modération may delete them. Existing
rows are never overwritten (editors may have renamed a label).
"""

from django.db import migrations

EDITOR = "Rédaction"
MODERATOR = "Modération"
MODELS = ["organisation", "sector", "supportservice", "audience", "label"]
ACTIONS = {EDITOR: ["add", "change", "view"], MODERATOR: ["add", "change", "delete", "view"]}

SECTORS = [
    ("maritime", "Maritime"),
    ("culture-industries-creatives", "Culture et industries créatives"),
    ("action-sociale", "Action sociale"),
    ("transition-ecologique", "Transition écologique"),
    ("economie-circulaire-reemploi", "Économie circulaire et réemploi"),
    ("alimentation", "Alimentation"),
    ("insertion", "Insertion par l'activité économique"),
    ("habitat", "Habitat"),
    ("mobilite", "Mobilité"),
    ("sante", "Santé"),
    ("education", "Éducation"),
    ("numerique", "Numérique"),
    ("finance-solidaire", "Finance solidaire"),
    ("cadre-de-vie", "Cadre de vie et services de proximité"),
]

CREATE = "creer-une-entreprise--definir-son-projet-de-creation-dentreprise"
STRUCTURE = "creer-une-entreprise--structurer-son-projet-de-creation-dentreprise"
DEVELOP = "creer-une-entreprise--developper-son-entreprise"
ADMIN = "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"

# slug, label, description, data·inclusion thematiques, type, frais
SUPPORT_SERVICES = [
    ("financement", "Financement", "Recherche de financements, prêts, garanties et outils de trésorerie pour les projets de l'ESS.", [STRUCTURE, DEVELOP], ["aide-financiere"], ["gratuit"]),
    ("accompagnement-creation", "Accompagnement à la création", "Accompagnement des porteurs et porteuses de projet, de l'idée à la création de la structure.", [CREATE, STRUCTURE], ["accompagnement"], ["gratuit"]),
    ("formation", "Formation", "Sessions de formation individuelles ou collectives pour entreprendre dans l'ESS.", [STRUCTURE, DEVELOP], ["formation"], ["gratuit"]),
    ("hebergement-locaux", "Hébergement et locaux", "Recherche de locaux, hébergement de projets, occupation temporaire.", [DEVELOP], ["aide-materielle"], ["gratuit"]),
    ("mise-en-reseau", "Mise en réseau", "Mise en relation avec les acteurs, réseaux et partenaires de l'ESS du territoire.", [DEVELOP], ["information"], ["gratuit"]),
    ("conseil-juridique", "Conseil juridique", "Choix du statut, gouvernance, démarches administratives et juridiques.", [STRUCTURE, ADMIN], ["accompagnement"], ["gratuit"]),
    ("commande-publique", "Accès à la commande publique", "Information et appui pour répondre aux marchés publics socialement et écologiquement responsables.", [DEVELOP], ["information"], ["gratuit"]),
]

AUDIENCES = [
    ("tous-publics", "Tout public", "tous-publics"),
    ("porteurs-de-projet", "Porteurs et porteuses de projet", ""),
    ("associations", "Associations", ""),
    ("entreprises-ess", "Entreprises de l'ESS", ""),
    ("demandeurs-emploi", "Personnes en recherche d'emploi", "demandeurs-emploi"),
    ("jeunes", "Jeunes", "jeunes"),
    ("femmes", "Femmes", "femmes"),
    ("personnes-handicap", "Personnes en situation de handicap", "personnes-en-situation-de-handicap"),
    ("habitants-qpv", "Habitants des quartiers prioritaires", "residents-qpv-frr"),
]

LABELS = [
    ("esus", "Agrément ESUS", ""),
    ("siae-ei", "SIAE : entreprise d'insertion (EI)", "ei"),
    ("siae-aci", "SIAE : atelier et chantier d'insertion (ACI)", "aci"),
    ("siae-etti", "SIAE : entreprise de travail temporaire d'insertion (ETTI)", "etti"),
    ("siae-ai", "SIAE : association intermédiaire (AI)", "ai"),
    ("ea", "Entreprise adaptée (EA)", "ea"),
    ("esat", "ESAT", "esat"),
    ("geiq", "GEIQ", "geiq"),
    ("france-active", "Réseau France Active", "france-active"),
    ("initiative-france", "Initiative France", "initiative-france"),
    ("reseau-entreprendre", "Réseau Entreprendre", "reseau-entreprendre"),
    ("adie", "Adie", "adie"),
    ("ressourceries", "Réseau des ressourceries", "ressourceries"),
    ("fabrique-de-territoire", "Fabrique de territoire", "fabrique-de-territoire"),
    ("regies-de-quartier", "Réseau des régies de quartier", ""),
    ("reseau-des-scop", "Réseau des Scop", ""),
    ("membre-cress", "Membre de la CRESS", ""),
]


def seed(apps, schema_editor):
    Sector = apps.get_model("directory", "Sector")
    SupportService = apps.get_model("directory", "SupportService")
    Audience = apps.get_model("directory", "Audience")
    Label = apps.get_model("directory", "Label")
    for slug, label in SECTORS:
        Sector.objects.get_or_create(slug=slug, defaults={"label": label})
    for slug, label, description, thematiques, types, frais in SUPPORT_SERVICES:
        SupportService.objects.get_or_create(
            slug=slug,
            defaults={"label": label, "description": description, "di_thematiques": thematiques, "di_types": types, "di_frais": frais},
        )
    for slug, label, public in AUDIENCES:
        Audience.objects.get_or_create(slug=slug, defaults={"label": label, "di_public": public})
    for slug, label, reseau in LABELS:
        Label.objects.get_or_create(slug=slug, defaults={"label": label, "di_reseau_porteur": reseau})

    # Permissions may not exist yet on a fresh database (post_migrate creates them later).
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group_name, actions in ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model in MODELS:
            content_type, _ = ContentType.objects.get_or_create(app_label="directory", model=model)
            for action in actions:
                perm, _ = Permission.objects.get_or_create(
                    content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
                )
                group.permissions.add(perm)


def unseed(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[EDITOR, MODERATOR]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="directory"))


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("home", "0002_editor_groups_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, unseed)]

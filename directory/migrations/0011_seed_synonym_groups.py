"""The first groups of equivalent search terms (editors change them in Annuaire > Synonymes)."""

from django.db import migrations

GROUPS = [
    ("recyclerie, ressourcerie, réemploi, fripe, friperie", "Économie circulaire"),
    ("épicerie solidaire, épicerie sociale", ""),
    ("tiers-lieu, tiers lieu, tiers-lieux", ""),
    ("SCOP, société coopérative, coopérative", "Coopératives (SCOP, SCIC…)"),
    ("SIAE, insertion, insertion par l'activité économique, IAE", ""),
    ("ACI, atelier chantier d'insertion, chantier d'insertion", "Structures d'insertion (SIAE)"),
    ("entreprise d'insertion, EI", ""),
    ("ETTI, entreprise de travail temporaire d'insertion", ""),
    ("association intermédiaire, AI", ""),
    ("GEIQ, groupement d'employeurs pour l'insertion et la qualification", ""),
    ("ESS, économie sociale et solidaire", ""),
    ("ESUS, entreprise solidaire d'utilité sociale", ""),
    ("emploi, travail, embauche, recrutement", ""),
    ("financement, financer, subvention", ""),
    ("vélo, cycle, bicyclette", ""),
]


# Rédaction edits the vocabulary as it edits the taxonomies; Modération may also delete groups.
ACTIONS = {"Rédaction": ["add", "change", "view"], "Modération": ["add", "change", "delete", "view"]}


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("directory", "SynonymGroup")
    if not SynonymGroup.objects.exists():
        SynonymGroup.objects.bulk_create(SynonymGroup(terms=terms, note=note) for terms, note in GROUPS)
    # Permissions may not exist yet on a fresh database (post_migrate creates them later).
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="directory", model="synonymgroup")
    for group_name, actions in ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for action in actions:
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_synonymgroup",
                defaults={"name": f"Can {action} groupe de synonymes"},
            )
            group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [("directory", "0010_synonym_groups"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

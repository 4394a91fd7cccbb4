"""« créer » and « création » are the same need (« créer une association » finds the structures that
support the creation of one). Editors change the groups in Annuaire > Synonymes."""

from django.db import migrations

TERMS = "créer, création, créateur, créatrice"


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("directory", "SynonymGroup")
    if not SynonymGroup.objects.filter(terms__icontains="création").exists():
        SynonymGroup.objects.create(terms=TERMS, note="Création d'une structure")


def unseed(apps, schema_editor):
    apps.get_model("directory", "SynonymGroup").objects.filter(terms=TERMS).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0018_french_typography_help_texts")]
    operations = [migrations.RunPython(seed, unseed)]

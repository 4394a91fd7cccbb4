"""« SOS » kept in capitals in names imported in capitals (« GROUPE SOS SOLIDARITES » reads « Groupe SOS
Solidarités », not « Groupe Sos »): the demo's open-data sample has two such entries. Editors change
the list in Annuaire > Sigles et graphies; an existing row is never overwritten."""

from django.db import migrations


def seed(apps, schema_editor):
    apps.get_model("directory", "Acronym").objects.get_or_create(term="SOS", defaults={"expansion": ""})


class Migration(migrations.Migration):
    dependencies = [("directory", "0020_organisation_name_words_search_words")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

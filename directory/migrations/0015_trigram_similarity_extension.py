"""PostgreSQL's `pg_trgm` extension, for the typo tolerance of searches that found nothing
(directory/spelling.py; Wagtail's `Fuzzy` queries on the database backend). Nothing to do
elsewhere. `pg_trgm` is in Debian's `postgresql-15` package and trusted (a database owner may create
it); if it cannot be created, a warning says so and spelling falls back to the edit distance."""

import logging

from django.db import migrations, transaction

logger = logging.getLogger("search")


def create_extension(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as error:  # noqa: BLE001 - any failure leaves us without the extension
        logger.warning("PostgreSQL extension 'pg_trgm' unavailable (%s): typos are corrected in Python.", error)


class Migration(migrations.Migration):
    dependencies = [("directory", "0014_seed_acronyms_and_classification_rules")]

    operations = [migrations.RunPython(create_extension, migrations.RunPython.noop, elidable=False)]

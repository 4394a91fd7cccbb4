"""PostgreSQL text search configurations for French without accents (nothing to do elsewhere).

`french_unaccent` = `french` (Snowball stemmer, French stop words) after `unaccent`, so that
"cooperatives" finds "Coopérative"; `simple_unaccent` does the same for autocomplete, which must
not stem. If the `unaccent` extension cannot be created (no contrib package, no privilege), the
configurations are plain copies, searches still work, accents then count: a warning says so.
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger("search")

CONFIGURATIONS = [("french_unaccent", "french", "french_stem"), ("simple_unaccent", "simple", "simple")]


def create_configurations(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            has_unaccent = True
        except Exception as error:  # noqa: BLE001 - any failure leaves us without the extension
            has_unaccent = False
            logger.warning("PostgreSQL extension 'unaccent' unavailable (%s): searches will be accent-sensitive.", error)
        for name, template, dictionary in CONFIGURATIONS:
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [name])
            if cursor.fetchone():
                continue
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {template})")
            if has_unaccent:
                cursor.execute(
                    f"ALTER TEXT SEARCH CONFIGURATION {name} "
                    f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary}"
                )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, _template, _dictionary in CONFIGURATIONS:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_configurations, drop_configurations, elidable=False)]

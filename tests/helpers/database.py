"""PostgreSQL test databases copied from a migrated template instead of migrated one by one.

Every pytest process creates its own test database (one per pytest-xdist worker; `make test` then
runs the server modules, the browser tests and CI's Elasticsearch pass in processes of their own),
and running the ~50 migrations of the project and of Wagtail costs tens of seconds each time. The
first process migrates a template database once (named after the database and a digest of every
installed migration file, so a changed migration gets a new one); every test database is then a
`CREATE DATABASE ... TEMPLATE` copy of it, on which Django's `migrate` finds nothing to do. The data
migrations (groups, permissions, synonyms...) are in the copy, as they would be after migrating.
Templates of other migration states are dropped when a new one is built. SQLite: nothing changes.
"""

import hashlib
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections


def migrations_digest():
    digest = hashlib.sha256(settings.SETTINGS_MODULE.encode())
    for app in sorted(apps.get_app_configs(), key=lambda app: app.label):
        try:
            module = import_module(f"{app.name}.migrations")
        except ImportError:
            continue
        for path in sorted(Path(next(iter(module.__path__))).glob("*.py")):
            digest.update(f"{app.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def use_migrated_template(alias="default", verbosity=0):
    """Make Django create this alias's test database as a copy of a migrated template (PostgreSQL only)."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return None
    template = f"{connection.settings_dict['NAME']}_migrated_{migrations_digest()}"[:63]
    # One process builds the template, the others (pytest-xdist workers) wait for it.
    lock_key = int(hashlib.sha256(template.encode()).hexdigest()[:15], 16)
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [lock_key])
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None:
                _build_template(connection, cursor, template, verbosity)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_key])
    connection.settings_dict["TEST"]["TEMPLATE"] = template
    return template


def _build_template(connection, cursor, template, verbosity):
    quote = connection.ops.quote_name
    building = f"{template[:54]}_building"
    name, test_settings = connection.settings_dict["NAME"], connection.settings_dict["TEST"]
    saved_test_name = test_settings.get("NAME")
    test_settings["NAME"] = building
    try:
        # Django's own test database creation (migrate included), under the building name.
        connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False, keepdb=False)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = settings.DATABASES[connection.alias]["NAME"] = name
        test_settings["NAME"] = saved_test_name
    cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
    prefix = template[: template.rindex("_migrated_") + len("_migrated_")]
    cursor.execute(
        "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s", [prefix, template]
    )
    for (stale,) in cursor.fetchall():
        try:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)}")
        except Exception:  # noqa: BLE001 - in use by another run: left for the next build
            pass

"""The demo site, built once per test process and shared by the tests that ask for it.

`load_demo_content` costs hundreds of page saves and revisions (seconds on CI, ~20 s on a busy
machine). Every test that asks for `demo_site` (directly or through `home`, `agenda`, `orgs`...)
used to build it again inside its own transaction. Now the first of them opens an outer
transaction and builds the demo site there; each of these tests then runs in a savepoint of it
(pytest-django's per-test transaction, nested), so every one still starts from exactly the site
`load_demo_content` builds on an empty database, and its own changes are rolled back after it.

Tests that must not see the demo site close the layer first (it is rolled back): tests without
`demo_site`, transactional tests (they commit, and other processes read what they commit: they
build their own demo site), Django TestCase classes. tests/conftest.py runs the demo tests after
the others, so a test process builds the layer about once. With a search engine, the documents
the demo site wrote are kept and put back after each test that wrote to the engine
(search/testing.py).
"""

from django.db import transaction
from pytest_django.fixtures import validate_django_db

from search.testing import drop_engine_baseline, keep_engine_baseline
from tests.helpers.commands import run_command

# Fixtures with which a test commits (TransactionTestCase): no shared uncommitted layer for them.
TRANSACTIONAL_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def django_order(item):
    """pytest-django's (and Django's) order of tests: plain database tests (0), transactional ones (1),
    the others (2). Transactional tests flush the database, migrations' rows included: they go after."""
    from django.test import TestCase, TransactionTestCase

    test_cls = getattr(item, "cls", None)
    if test_cls and issubclass(test_cls, TransactionTestCase):
        return 0 if issubclass(test_cls, TestCase) else 1
    names = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    transactional = bool(names & {"transactional_db", "live_server"})
    if marker is not None:
        transaction_, reset_sequences, _databases, _serialized, _apps = validate_django_db(marker)
        transactional = transactional or transaction_ or reset_sequences
    if transactional:
        return 1
    return 0 if marker is not None or "db" in names else 2


def uses_demo_layer(item):
    """Whether this test runs on the shared demo site: it asks for `demo_site` in a plain database test."""
    names = set(getattr(item, "fixturenames", ()))
    if "demo_site" not in names or names & TRANSACTIONAL_FIXTURES:
        return False
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transactional, reset_sequences, databases, serialized_rollback, _apps = validate_django_db(marker)
        if (
            transactional
            or reset_sequences
            or serialized_rollback
            or databases not in (None, ["default"], ("default",))
        ):
            return False
    return True


class DemoLayer:
    """An outer transaction holding the demo site, open between the first demo test and the next other test."""

    def __init__(self):
        self._atomic = None
        self._blocker = None

    @property
    def is_open(self):
        return self._atomic is not None

    def open(self, django_db_blocker):
        if self._atomic is not None:
            return
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            # Like TestCase's class-level transaction: a durable atomic block may still run inside.
            atomic._from_testcase = True
            atomic.__enter__()
            try:
                run_command("load_demo_content")
                keep_engine_baseline()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                drop_engine_baseline()
                raise
        self._atomic, self._blocker = atomic, django_db_blocker

    def close(self):
        if self._atomic is None:
            return
        atomic, self._atomic = self._atomic, None
        with self._blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            drop_engine_baseline()

import pytest

from directory.models import Organisation

# With OPENSEARCH_URL/ELASTICSEARCH_URL: per-run engine indexes, emptied after each test (no-ops otherwise).
from search.testing import search_engine_indexes, search_engine_isolation  # noqa: F401
from tests.helpers.commands import run_command
from tests.helpers.database import use_migrated_template
from tests.helpers.demo_layer import DemoLayer, django_order, uses_demo_layer
from tests.helpers.directory import make_finder_directory

# A real local SMTP server (aiosmtpd) that Django sends to during a test: see tests/helpers/smtp.py.
from tests.helpers.smtp import smtp_server  # noqa: F401


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, django_db_use_migrations, django_db_blocker
):
    """PostgreSQL: the test database is a copy of a template migrated once (tests/helpers/database.py)."""
    if django_db_use_migrations:
        with django_db_blocker.unblock():
            use_migrated_template()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back rows must not survive in cached lists."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# The demo site shared by the tests that ask for it: see tests/helpers/demo_layer.py.
_demo_layer = DemoLayer()


def pytest_collection_modifyitems(items):
    """The tests on the shared demo site run after the other plain database tests (each group in its
    order), so that each test process builds it about once (pytest-xdist hands tests out to its
    workers in this order); transactional tests still come after them, as in pytest-django."""
    items.sort(key=lambda item: (django_order(item), uses_demo_layer(item)))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture of a test that must not see it (Django TestCase classes included).
    if not uses_demo_layer(item):
        _demo_layer.close()


@pytest.fixture(scope="session")
def _shared_demo_layer(django_db_setup, django_db_blocker):
    yield _demo_layer
    _demo_layer.close()  # before the test database is dropped


@pytest.fixture
def _demo_layer_switch(request, _shared_demo_layer, django_db_blocker):
    if uses_demo_layer(request.node):
        _shared_demo_layer.open(django_db_blocker)
    else:
        _shared_demo_layer.close()


@pytest.fixture
def _django_db_helper(_demo_layer_switch, _django_db_helper):
    """pytest-django's per-test transaction, opened after the shared demo site (a savepoint inside it)."""
    yield


@pytest.fixture
def demo_site(db):
    """The demo page tree, as `make run` builds it."""
    if not _demo_layer.is_open:  # a transactional test builds (and commits) its own
        run_command("load_demo_content")
    from ess_site.demo import home_page

    return home_page()


@pytest.fixture
def home(demo_site):
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def agenda(demo_site):
    """The demo site's agenda page (/agenda/)."""
    from tests.helpers.events import agenda_page

    return agenda_page()


@pytest.fixture
def orgs(demo_site):
    """Only the organisations the finder tests place, at known points: counts and orders are exact."""
    Organisation.objects.all().delete()
    return make_finder_directory()

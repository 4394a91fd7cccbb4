import pytest

from directory.models import Organisation

# With OPENSEARCH_URL/ELASTICSEARCH_URL: per-run engine indexes, emptied after each test (no-ops otherwise).
from search.testing import search_engine_indexes, search_engine_isolation  # noqa: F401
from tests.helpers.commands import run_command
from tests.helpers.directory import make_finder_directory

# A real local SMTP server (aiosmtpd) that Django sends to during a test: see tests/helpers/smtp.py.
from tests.helpers.smtp import smtp_server  # noqa: F401


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back rows must not survive in cached lists."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_site(db):
    """The demo page tree, as `make run` builds it."""
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

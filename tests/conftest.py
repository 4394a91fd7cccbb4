import pytest
from django.core.management import call_command

# With OPENSEARCH_URL/ELASTICSEARCH_URL: per-run engine indexes, emptied after each test (no-ops otherwise).
from search.testing import search_engine_indexes, search_engine_isolation  # noqa: F401


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
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    from ess_site.demo import home_page

    return home_page()


@pytest.fixture
def home(demo_site):
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def agenda(demo_site):
    """The demo site's agenda page (/agenda/)."""
    from tests.events_factory import agenda_page

    return agenda_page()

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db):
    """The demo page tree, as `make run` builds it."""
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    from ess_site.demo import home_page

    return home_page()

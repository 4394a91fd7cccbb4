import os

from search.backends import isolated_for_tests

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "tmp" / "test-media"  # noqa: F405
# Tests never reach the outside world: the geocoder and tiles point at closed local ports unless
# a test starts its own server.
GEOCODER_URL = "http://127.0.0.1:9/search/"
MAP_TILES_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory: the browser tests' live server thread must see the same database.
    # One file per process, so parallel runs never share it.
    os.makedirs(BASE_DIR / "tmp", exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "tmp" / f"test-db-{os.getpid()}.sqlite3")}  # noqa: F405

# The demo tree tests rely on stays the programme's structures; tests of the open-data sample turn it on.
DIRECTORY_DEMO_SAMPLE = False

# Serve static files straight from the apps and static/ (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# With OPENSEARCH_URL or ELASTICSEARCH_URL: indexes of this test run only, readable right after writes.
WAGTAILSEARCH_BACKENDS = isolated_for_tests(WAGTAILSEARCH_BACKENDS, run_id=os.getpid())  # noqa: F405

# The public address absolute links must use (feeds, iCal, sitemap, canonical, JSON-LD); never the
# host a request named. load_demo_content writes it into Wagtail's default Site.
SITE_URL = "https://ess.example.fr"
WAGTAILADMIN_BASE_URL = SITE_URL
# Tasks run inline, in the test's transaction (production queues them for the worker).
TASKS = {"default": {"BACKEND": TASK_BACKENDS["immediate"]}}  # noqa: F405
# One cache per test process, even when REDIS_URL is exported (CI): parallel workers must not share
# rate-limit counters nor clear each other's cache. The app instances started by
# tests/test_shared_state.py and tests/test_directory_ratelimit.py share Redis (ESS_SHARED_CACHE=1).
if not os.environ.get("ESS_SHARED_CACHE"):
    CACHES = cache_settings(None)  # noqa: F405
    SITE_CACHE_TIMEOUT = 300
# No reverse cache unless a test puts one in front (tests/test_cache_proxy.py).
WAGTAILFRONTENDCACHE = frontend_cache_settings(os.environ.get("ESS_TEST_FRONTEND_CACHE_URL", ""))  # noqa: F405

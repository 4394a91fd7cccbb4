"""`GET /sante/` for load balancers and monitoring: 200 when the database and the cache answer, 503
naming what is down. A search engine that is down makes the report "degraded" but not 503: searches
are then answered from the database (search.fallback), so the instance can still serve everything
and a load balancer must not take it out. JSON, never cached, no session, no template."""

import logging
import secrets

from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

OK, DOWN = "ok", "down"
# Checks the site cannot answer without; the others have a fallback and only degrade the service.
REQUIRED = ("database", "cache")


def check_database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return OK


def check_cache():
    """A round trip: a cache that swallows its errors (django-redis IGNORE_EXCEPTIONS) loses the value."""
    key, value = "health:probe", secrets.token_hex(8)
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise ConnectionError("the cache did not keep a value")
    return OK


def check_search():
    """ "ok" when the configured engine answers a ping, "database backend" when there is no engine."""
    backend = get_search_backend("default")
    client = getattr(backend, "es", None)
    if client is None:
        return "database backend"
    if not client.ping():
        raise ConnectionError("the search engine does not answer")
    return OK


@never_cache
@require_GET
def health(request):
    report = {}
    checks = {"database": check_database, "cache": check_cache, "search": check_search}
    for name, check in checks.items():
        try:
            report[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure means "down", and is logged
            logger.warning("Health check %s failed: %s", name, error)
            report[name] = DOWN
    if any(report[name] == DOWN for name in REQUIRED):
        report["status"], status = "down", 503
    else:
        report["status"], status = ("degraded" if DOWN in report.values() else OK), 200
    return JsonResponse(report, status=status)

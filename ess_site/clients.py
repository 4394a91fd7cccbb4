"""The address of the visitor, behind a configurable number of trusted reverse proxies.

Each proxy appends the address it received the request from to X-Forwarded-For, so behind
TRUSTED_PROXY_COUNT proxies the visitor is the TRUSTED_PROXY_COUNT-th entry from the right.
Anything further left was written by the client and is never trusted. With 0 (the default, no
proxy) or a header shorter than expected, REMOTE_ADDR is the answer. Used by the rate limits,
the login throttling (django-axes) and the search log.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "") or "inconnue"
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        return remote
    return _valid(hops[-count]) or remote


def login_client_ip(request):
    """client_ip for django-axes, which stores it in an address column: None when it is not an address
    (a login without a request address, as Django's test client's login() makes); PostgreSQL's inet
    type refuses anything else."""
    return _valid(client_ip(request))

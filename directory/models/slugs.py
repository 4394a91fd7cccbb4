"""Organisation slugs: an organisation's page is /annuaire/<slug>/, so its slug is unique and is never
one of the directory's fixed sub-paths (/annuaire/carte/, /annuaire/glossaire/...), which are tried
first and would make the organisation unreachable.

The reserved slugs are read from the routes themselves (the DirectoryPage's and the site's URLconf
under the directory's URL), never written by hand: a route added tomorrow is reserved at once."""

import functools
import re

from django.urls import URLPattern, URLResolver, get_resolver, get_urlconf
from django.urls.resolvers import RegexPattern
from django.utils.text import slugify

# What Django's <slug:...> converter (the organisation's route) matches: only such segments can collide.
SLUG_SEGMENT = re.compile(r"^[-a-zA-Z0-9_]+$")
DIRECTORY_PREFIX = "annuaire/"  # where directory/urls.py puts its routes (exports)
MAX_BASE_LENGTH = 200

RESERVED_SLUG_MESSAGE = (
    "L'identifiant «\u00a0{slug}\u00a0» est réservé\u00a0: /annuaire/{slug}/ est déjà une page de "
    "l'annuaire, la fiche de l'organisation serait inaccessible. Choisissez-en un autre, "
    "par exemple «\u00a0{suggestion}\u00a0»."
)


def _first_fixed_segment(route):
    """'carte/points/' -> 'carte'; '<slug:slug>/' -> None (a parameter, not a fixed path)."""
    segment = route.split("/", 1)[0]
    if not segment or "<" in segment or not SLUG_SEGMENT.match(segment):
        return None
    return segment


def _routes(patterns, prefix=""):
    """Every route of a URLconf as a full route string ('annuaire/export.csv'); regex routes skipped."""
    for entry in patterns:
        if isinstance(entry.pattern, RegexPattern):
            continue
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def fixed_routes(resolver=None):
    """The routes under /annuaire/ an organisation's slug could collide with: the DirectoryPage's own
    (carte/, glossaire/...) and the site's URLconf's under the directory (export.csv...), relative
    to /annuaire/."""
    from .pages import DirectoryPage  # pages.py imports the Organisation model

    routes = [str(entry.pattern) for entry in DirectoryPage.get_subpage_urls()]
    routes += [
        route.removeprefix(DIRECTORY_PREFIX)
        for route in _routes((resolver or get_resolver()).url_patterns)
        if route.startswith(DIRECTORY_PREFIX)
    ]
    return routes


@functools.cache
def _reserved(resolver):
    return frozenset(filter(None, (_first_fixed_segment(route) for route in fixed_routes(resolver))))


def reserved_slugs():
    """The first fixed segment of every route under /annuaire/ ('carte', 'glossaire', 'export'...),
    for the URLconf in use (the request's, else ROOT_URLCONF)."""
    return _reserved(get_resolver(get_urlconf()))


def is_reserved(slug):
    return (slug or "").lower() in reserved_slugs()


def free_slug(text, taken):
    """slugify(text), suffixed -2, -3... while `taken(slug)` or reserved ('carte' -> 'carte-2')."""
    base = slugify(text)[:MAX_BASE_LENGTH] or "organisation"
    slug, n = base, 2
    while is_reserved(slug) or taken(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug

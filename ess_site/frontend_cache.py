"""Purging the reverse cache (Varnish or a CDN, FRONTEND_CACHE_URL) when content changes.

Wagtail's frontend cache app purges a page's own URL when it is published or unpublished. Pages here
show more than themselves: every page carries the main navigation, home lists the latest news and
events, an index page has routes (/agenda/permanences/, /actualites/rss/...), and the directory and
the agenda serve URLs that are not pages at all. So:

- a page published, unpublished, moved or deleted: the page and everything under it, its parent's
  section (or only the home page when the parent is the root), home and search; everything when the
  page is in the main menu (its title is on every page);
- site settings saved: everything (the footer is on every page);
- apps purge their own non-page URLs through `purge_paths` (directory/finder/signals.py,
  agenda/signals.py).

Paths follow tools/cache-proxy/default.vcl: `/path/` purges that path with every query string,
`/path/*` everything under it, `/*` everything. Purges are tasks (django-tasks): inline in
development and tests, done by the worker in production, so the editor does not wait on them.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

EVERYTHING = "/*"
# Home lists the latest of everything; search and its suggestions; the sitemap lists every URL.
ALWAYS = ("/", "/recherche/*", "/sitemap.xml")


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _root_url():
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else "http://localhost"


def purge_paths(paths):
    """Purge these site paths (see the module's docstring for `*`) from every configured proxy."""
    if not enabled():
        return
    paths = sorted(set(paths))
    if EVERYTHING in paths:
        paths = [EVERYTHING]
    root = _root_url()
    urls = [root + path for path in paths]
    # After the commit: a purge sent before it would let a visitor cache the old version again.
    transaction.on_commit(lambda: purge_urls_from_cache(urls))


def purge_everything(**kwargs):
    purge_paths([EVERYTHING])


def section(url):
    """`/agenda/` -> `/agenda/*`."""
    return url.rstrip("/") + "/*"


def page_paths(page):
    """What to purge when `page` changes (before a move or delete: its old place)."""
    url = page.get_url()
    if not url or not url.startswith("/"):
        return [EVERYTHING]  # another site, or no longer routable: be safe
    paths = [*ALWAYS, url, section(url)]
    parent = page.get_parent()
    if parent is None or parent.depth <= 1 or url == "/":
        return [EVERYTHING]  # the home page itself, or a site root
    is_top_level = parent.depth == 2
    if is_top_level and page.show_in_menus:
        return [EVERYTHING]  # its title is in the main navigation of every page
    parent_url = parent.get_url()
    if parent_url and not is_top_level:
        paths += [parent_url, section(parent_url)]
    return paths


def _on_page_change(sender, instance, **kwargs):
    if enabled():
        purge_paths(page_paths(instance))


def _before_page_delete(sender, instance, **kwargs):
    if enabled() and isinstance(instance, Page):
        instance._ess_purge_paths = page_paths(instance)


def _after_page_delete(sender, instance, **kwargs):
    paths = getattr(instance, "_ess_purge_paths", None)
    if paths:
        purge_paths(paths)


def _before_page_move(sender, instance, **kwargs):
    if enabled():
        purge_paths(page_paths(instance))


def connect(settings_models):
    page_published.connect(_on_page_change, dispatch_uid="ess_purge_published")
    page_unpublished.connect(_on_page_change, dispatch_uid="ess_purge_unpublished")
    # Both places: where it was (pre_page_move) and where it is now (post_page_move).
    pre_page_move.connect(_before_page_move, dispatch_uid="ess_purge_before_move")
    post_page_move.connect(_on_page_change, dispatch_uid="ess_purge_moved")
    pre_delete.connect(_before_page_delete, dispatch_uid="ess_purge_before_delete")
    post_delete.connect(_after_page_delete, dispatch_uid="ess_purge_deleted")
    for model in settings_models:
        post_save.connect(purge_everything, sender=model, dispatch_uid=f"ess_purge_settings_{model.__name__}")

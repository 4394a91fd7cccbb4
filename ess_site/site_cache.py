"""What every public page shows, cached across requests: the main navigation, the footer's settings,
and values read from the page tree (such as the directory's URL).

They change a few times a year but cost a query each on every page. They are forgotten as soon as a
page is published, unpublished, moved or deleted, a view restriction is set or removed, or the
settings are saved. With REDIS_URL the cache is shared by every process and every app instance, so
the change is served at once everywhere (tests/test_shared_state.py); without it the cache is per
process and SITE_CACHE_TIMEOUT (5 minutes) bounds how long another process may lag.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .visibility import visible_to_public

NAVIGATION_KEY = "ess:navigation:{site_id}"
SETTINGS_KEY = "ess:site-settings:{site_id}"
PAGE_TREE_KEY = "ess:page-tree:{name}"
# Every name given to page_tree_value(), listed here (not collected at run time) so any process
# forgets them all from a shared cache.
PAGE_TREE_VALUES = ("directory-url", "site-sections")


def navigation_for_site(site):
    """Public (live, unrestricted), in-menu children of the site's root page, in menu order."""
    if site is None:
        return []

    def live_menu():
        root = site.root_page
        pages = visible_to_public(Page.objects.in_menu().filter(depth=root.depth + 1, path__startswith=root.path))
        return list(pages)

    return cache.get_or_set(NAVIGATION_KEY.format(site_id=site.pk), live_menu, settings.SITE_CACHE_TIMEOUT)


def page_tree_value(name, compute):
    """`compute()` through the cache, forgotten whenever the page tree changes."""
    assert name in PAGE_TREE_VALUES, f"{name} must be listed in PAGE_TREE_VALUES"
    return cache.get_or_set(PAGE_TREE_KEY.format(name=name), compute, settings.SITE_CACHE_TIMEOUT)


def cached_site_setting(model, site, load):
    """`load(site)` through the cache (`model` names the key: one setting model per site)."""
    return cache.get_or_set(_settings_key(model, site.pk), lambda: load(site), settings.SITE_CACHE_TIMEOUT)


def _settings_key(model, site_id):
    return SETTINGS_KEY.format(site_id=site_id) + f":{model._meta.label_lower}"


def forget_page_tree(**kwargs):
    """Forget everything read from the page tree."""
    keys = [NAVIGATION_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)]
    keys += [PAGE_TREE_KEY.format(name=name) for name in PAGE_TREE_VALUES]
    cache.delete_many(keys)


def forget_site_settings(sender, instance, **kwargs):
    cache.delete(_settings_key(sender, instance.site_id))


def _forget_page_tree_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_page_tree()


def connect(settings_models):
    page_published.connect(forget_page_tree, dispatch_uid="ess_navigation_published")
    page_unpublished.connect(forget_page_tree, dispatch_uid="ess_navigation_unpublished")
    post_page_move.connect(forget_page_tree, dispatch_uid="ess_navigation_moved")
    post_delete.connect(_forget_page_tree_on_page_delete, dispatch_uid="ess_navigation_deleted")
    post_save.connect(forget_page_tree, sender=PageViewRestriction, dispatch_uid="ess_navigation_restricted")
    post_delete.connect(forget_page_tree, sender=PageViewRestriction, dispatch_uid="ess_navigation_unrestricted")
    for model in settings_models:
        post_save.connect(forget_site_settings, sender=model, dispatch_uid=f"ess_settings_saved_{model.__name__}")
        post_delete.connect(forget_site_settings, sender=model, dispatch_uid=f"ess_settings_deleted_{model.__name__}")

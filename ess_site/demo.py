"""Helpers the apps' demo loaders share: create what is missing, never overwrite an editor's work."""

from wagtail.models import Page, Site


def child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()


def ensure_page(parent, model, slug, **fields):
    """Return (page, created). An existing page with that slug is left exactly as editors left it."""
    existing = child_by_slug(parent, slug)
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def home_page():
    """The default site's root page (the home page), or None before the home demo has run."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None


def root_page():
    return Page.get_first_root_node()

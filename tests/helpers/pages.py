"""Helpers for tests that need editorial pages, created the way editors do."""

from home.models import ContentPage


def add_page(parent, title, intro="", publish=True, model=ContentPage, **fields):
    # Like the admin: a page is created as a draft, then published (or not).
    page = model(title=title, intro=intro, live=False, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page

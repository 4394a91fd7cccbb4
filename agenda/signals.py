"""Keep occurrences in step with what is live: publication (also scheduled), changes, unpublication (also expiry)."""

from wagtail.signals import page_published, page_unpublished

from . import occurrences
from .models import EventPage


def on_published(sender, instance, **kwargs):
    occurrences.rebuild(instance)


def on_unpublished(sender, instance, **kwargs):
    occurrences.clear(instance)


def connect():
    page_published.connect(on_published, sender=EventPage, dispatch_uid="events_rebuild_on_publish")
    page_unpublished.connect(on_unpublished, sender=EventPage, dispatch_uid="events_clear_on_unpublish")

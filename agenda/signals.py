"""Keep occurrences in step with what is live: publication (also scheduled), changes, unpublication (also expiry)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import occurrences
from .filters import forget_organiser_choices
from .models import EventPage


def on_published(sender, instance, **kwargs):
    occurrences.rebuild(instance)


def on_unpublished(sender, instance, **kwargs):
    occurrences.clear(instance)


def connect():
    page_published.connect(on_published, sender=EventPage, dispatch_uid="events_rebuild_on_publish")
    page_unpublished.connect(on_unpublished, sender=EventPage, dispatch_uid="events_clear_on_unpublish")
    # The filters' list of structures (agenda/filters.py organiser_choices).
    organisation = EventPage._meta.get_field("organiser").related_model
    for signal, sender, name in [
        (post_save, EventPage, "event_saved"),
        (post_delete, EventPage, "event_deleted"),
        (page_published, EventPage, "event_published"),
        (page_unpublished, EventPage, "event_unpublished"),
        (post_page_move, None, "page_moved"),
        (post_save, PageViewRestriction, "restriction_saved"),
        (post_delete, PageViewRestriction, "restriction_deleted"),
        (post_save, organisation, "structure_saved"),
        (post_delete, organisation, "structure_deleted"),
    ]:
        signal.connect(forget_organiser_choices, sender=sender, dispatch_uid=f"events_organisers_{name}")

"""Forget the finder's cached lists, and purge the reverse cache, when editors change what they show
(connected by apps.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.urls import reverse
from wagtail.signals import page_published, page_unpublished, published, unpublished

from agenda.models import EventPage
from directory.models import Audience, Label, Organisation, Sector, SupportService, SynonymGroup
from directory.models.pages import directory_url
from ess_site.frontend_cache import ALWAYS, enabled, purge_paths, section

from .vocabulary import forget_vocabulary

# Terms are the taxonomies; organisations carry the opening-hours expressions; synonym groups are read with them.
for _model in (Sector, SupportService, Audience, Label, Organisation, SynonymGroup):
    for _signal in (post_save, post_delete):
        _signal.connect(
            forget_vocabulary, sender=_model, dispatch_uid=f"finder-vocabulary-{_model.__name__}-{id(_signal)}"
        )


# The reverse cache (ess_site/frontend_cache.py): an organisation is shown by the finder's list,
# map and points, its own page, the open-data exports, home and search; an event by the pages of
# the organisations hosting or organising it.
def organisation_paths(slugs=()):
    base = directory_url()
    paths = [base, f"{base}carte/", f"{base}carte/points/", *ALWAYS]
    paths += [f"{base}{slug}/" for slug in slugs]
    paths += [reverse(f"directory:{name}") for name in EXPORT_ROUTES]
    return paths


def all_organisation_paths():
    """After an import: the whole directory."""
    return [section(directory_url()), *organisation_paths()]


def _purge_organisation(sender, instance, **kwargs):
    if enabled():
        purge_paths(organisation_paths([instance.slug]))


# Saves that only keep Wagtail's moderation books (a draft revision, a lock, a workflow step): the
# live row visitors see is unchanged, so nothing is purged.
MODERATION_FIELDS = {"latest_revision", "has_unpublished_changes", "locked", "locked_by", "locked_at"}


def _purge_direct_write(sender, instance, update_fields=None, **kwargs):
    """A live organisation's row written outside moderation, naming its fields (the geocoder's point).

    Publishing and unpublishing purge through Wagtail's `published`/`unpublished` signals; a draft
    (a revision, or a new organisation saved unpublished) leaves the cache alone."""
    if update_fields and instance.live and not set(update_fields) <= MODERATION_FIELDS:
        _purge_organisation(sender, instance)


def _purge_event_hosts(sender, instance, **kwargs):
    if not enabled():
        return
    pks = [pk for pk in (instance.place_id, instance.organiser_id) if pk]
    slugs = Organisation.objects.filter(pk__in=pks).values_list("slug", flat=True)
    if slugs:
        purge_paths(f"{directory_url()}{slug}/" for slug in slugs)


EXPORT_ROUTES = ("export_csv", "export_geojson", "export_di_structures", "export_di_services")
# Organisations follow moderation (directory/admin/organisations.py): what visitors see changes when
# "Modération" publishes or unpublishes, not when an editor saves a draft.
published.connect(_purge_organisation, sender=Organisation, dispatch_uid="finder-purge-organisation-published")
unpublished.connect(_purge_organisation, sender=Organisation, dispatch_uid="finder-purge-organisation-unpublished")
post_save.connect(_purge_direct_write, sender=Organisation, dispatch_uid="finder-purge-organisation-written")
post_delete.connect(_purge_organisation, sender=Organisation, dispatch_uid="finder-purge-organisation-deleted")
page_published.connect(_purge_event_hosts, sender=EventPage, dispatch_uid="finder-purge-event-published")
page_unpublished.connect(_purge_event_hosts, sender=EventPage, dispatch_uid="finder-purge-event-unpublished")


# Sent by the finder for a visitor's search that found nothing (request, query): the search app
# counts it for the editors' « Recherches sans résultat » panel (the directory does not import search).
searched_without_results = Signal()

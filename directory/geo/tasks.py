"""Geocoding outside the editor's request (django-tasks: the worker in production, inline in tests)."""

from django_tasks import task
from wagtail.signals import published

from directory.models import Organisation

from .location import geocode_and_save


@task()
def geocode_organisation(organisation_id):
    organisation = Organisation.objects.filter(pk=organisation_id, needs_geocoding=True).first()
    if organisation is not None:
        geocode_and_save(organisation)


def geocode_when_published(sender, instance, **kwargs):
    """The admin's form places a new address at its postcode's point ("à géocoder") and Wagtail's
    snippet views save it as a draft: the address service is asked once the address is in the live
    row, when "Modération" publishes."""
    if instance.needs_geocoding:
        geocode_organisation.enqueue(instance.pk)


def connect():
    published.connect(geocode_when_published, sender=Organisation, dispatch_uid="directory-geocode-published")

"""Geocoding outside the editor's request (django-tasks: the worker in production, inline in tests)."""

from django_tasks import task

from directory.models import Organisation

from .location import geocode_and_save


@task()
def geocode_organisation(organisation_id):
    organisation = Organisation.objects.filter(pk=organisation_id, needs_geocoding=True).first()
    if organisation is not None:
        geocode_and_save(organisation)

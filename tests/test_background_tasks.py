"""Slow work leaves the request (django-tasks): indexing after an import, geocoding, outgoing mail.

Tests run tasks inline (the immediate backend); these also run the production path: the database
backend queues them and `manage.py db_worker` (the worker process) does them.
"""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.search.backends import get_search_backend

from directory.exchange.importers import import_file
from directory.models import Organisation

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The worker commits for real, so these tests do too. Every such test in the suite restores the
# migrations' rows (serialized_rollback): a plain flush would recreate content types under new ids,
# which the next test restoring them would collide with.

CSV = (
    "nom;type;code_postal;commune;source;id_source\n"
    "Ressourcerie des Calanques;acteur-ess;13009;Marseille;test;1\n"
    "Jardin partagé de la Belle de Mai;tiers-lieu;13003;Marseille;test;2\n"
).encode()


def searchable(text):
    return [organisation.name for organisation in get_search_backend().search(text, Organisation)]


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_import_is_searchable_once_the_worker_has_indexed_it(settings):
    settings.TASKS = DATABASE_TASKS
    report = import_file(CSV)
    assert report.created == 2
    # The rows are in; their indexing waits in the queue, as one task for the whole import.
    assert DBTaskResult.objects.filter(task_path__endswith="index_organisations").count() == 1
    assert searchable("calanques") == []
    run_worker()
    assert searchable("calanques") == ["Ressourcerie des Calanques"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db
def test_an_import_is_searchable_at_once_with_tasks_inline():
    import_file(CSV)
    assert searchable("belle mai") == ["Jardin partagé de la Belle de Mai"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_mail_is_queued_and_sent_by_the_worker(settings):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "ess_site.mail.TaskEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = mail.EmailMultiAlternatives(
        "Page à relire", "La page « Agenda » attend votre relecture.", "site@example.org", ["relecture@example.org"]
    )
    message.attach_alternative("<p>La page « Agenda » attend votre relecture.</p>", "text/html")
    assert message.send() == 1
    assert mail.outbox == []  # queued, not sent during the request
    run_worker()
    [sent] = mail.outbox
    assert sent.subject == "Page à relire" and sent.to == ["relecture@example.org"]
    assert sent.alternatives[0][1] == "text/html"

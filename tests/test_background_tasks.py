"""Slow work leaves the request (django-tasks): indexing after an import, geocoding, outgoing mail.

Tests run tasks inline (the immediate backend); these also run the production path: the database
backend queues them and `manage.py db_worker` (the worker process) does them.
"""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.search.backends import get_search_backend

from alerts.models import Subscription
from directory.exchange.importers import import_file
from directory.models import Organisation, UpdateLink
from tests.helpers.commands import run_command
from tests.helpers.directory import make_organisation

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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_scheduled_commands_queue_their_work_for_the_worker(settings):
    """Cron runs the commands; each queues one task, and the worker does the work: reminders, digests, purge."""
    settings.TASKS = DATABASE_TASKS
    now = timezone.now()
    day = datetime.timedelta(days=1)
    make_organisation(
        "Recyclerie exemple", "13001", email="recyclerie@example.org", last_verified=(now - 400 * day).date()
    )
    Subscription.objects.create(
        email="dominique@example.org",
        structures=True,
        confirmed_at=now - 2 * day,
        last_digest_at=now - 2 * day,
        last_activity_at=now,
    )
    forgotten = Subscription.objects.create(email="oubli@example.org", structures=True)
    Subscription.objects.filter(pk=forgotten.pk).update(created_at=now - 8 * day)
    earlier = list(DBTaskResult.objects.values_list("pk", flat=True))  # what saving the entry queued

    # --dry-run says what would be done and queues nothing.
    assert "[simulation] Recyclerie exemple" in run_command("send_freshness_reminders", dry_run=True)
    assert "[simulation] dominique@example.org\u00a0: 0 rendez-vous, 1 structure(s)" in run_command(
        "send_alert_digests", dry_run=True
    )
    assert "[simulation] abonnements non confirmés à effacer\u00a0: 1" in run_command(
        "purge_personal_data", dry_run=True
    )
    assert not DBTaskResult.objects.exclude(pk__in=earlier).exists()

    for command in ("send_freshness_reminders", "send_alert_digests", "purge_personal_data"):
        assert "mise en file" in run_command(command)
    ours = DBTaskResult.objects.exclude(pk__in=earlier).exclude(task_path__endswith="send_mail_task")
    queued = ours.values_list("task_path", flat=True)
    assert sorted(path.rsplit(".", 1)[1] for path in queued) == ["purge_task", "send_digests_task", "send_reminders"]
    # Nothing done yet: no link, no mail, the forgotten subscription still there.
    assert (
        not UpdateLink.objects.exists() and mail.outbox == [] and Subscription.objects.filter(pk=forgotten.pk).exists()
    )

    run_worker()
    assert set(ours.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert sorted(message.to[0] for message in mail.outbox) == ["dominique@example.org", "recyclerie@example.org"]
    assert UpdateLink.objects.get().organisation.name == "Recyclerie exemple"
    assert list(Subscription.objects.values_list("email", flat=True)) == ["dominique@example.org"]

"""Scheduled work (docs/deploiement.md): cron runs a management command, the command enqueues the
work as a task (django-tasks). The database worker (`manage.py db_worker`) does it in production;
the immediate backend does it at once, in development and tests, and the command then reports it."""

import datetime

from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks import TaskResultStatus


def now_argument():
    """The command's clock, as a task argument (JSON): the run is about when cron started it."""
    return timezone.now().isoformat()


def parse_now(value):
    return datetime.datetime.fromisoformat(value)


def enqueue(command, task, *args):
    """Enqueue `task`; its return value when it already ran (immediate backend), else None once the
    command has said the work waits for the worker. A task that failed fails the command."""
    result = task.enqueue(*args)
    if not result.is_finished:
        command.stdout.write(f"Tâche {result.id} mise en file\u00a0: le worker (manage.py db_worker) va l'exécuter.")
        return None
    if result.status == TaskResultStatus.FAILED:
        details = result.errors[-1].traceback if result.errors else ""
        raise CommandError(f"La tâche {task.name} a échoué.\n{details}")
    return result.return_value

"""The outgoing mail queue as editors see it: mail not yet sent (waiting for the worker) and mail
whose sending failed, read from django-tasks' database results (production's `database` backend).
With the `immediate` backend (development, tests) mail is sent at once and nothing is queued."""

import datetime

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .mail import send_mail_task

MAIL_TASK = send_mail_task.module_path
# A mail still waiting after this long means the worker is not running (or the server refuses).
STUCK_AFTER = datetime.timedelta(minutes=15)


def unsent(now=None):
    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        task_path=MAIL_TASK,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
        enqueued_at__lt=now - STUCK_AFTER,
    )


def failed():
    return DBTaskResult.objects.filter(task_path=MAIL_TASK, status=TaskResultStatus.FAILED)


def _row(result):
    data = (result.args_kwargs.get("args") or [{}])[0]
    return {
        "subject": data.get("subject", ""),
        "to": ", ".join(data.get("to", [])),
        "enqueued_at": result.enqueued_at,
        "status": "échec" if result.status == TaskResultStatus.FAILED else "en attente",
        "error": result.exception_class_path.rsplit(".", 1)[-1] if result.exception_class_path else "",
    }


def may_see(user):
    return user.is_superuser or user.groups.filter(name="Modération").exists()


def mail_queue(request):
    if not may_see(request.user):
        raise PermissionDenied
    rows = [_row(result) for result in (failed() | unsent()).order_by("-enqueued_at")[:200]]
    return TemplateResponse(request, "ess_site/admin/mail_queue.html", {"rows": rows})

"""Outgoing mail as a task: Wagtail's notifications (moderation, password reset...) never make the
editor wait on the mail server, and a slow or down server does not fail their request.

EMAIL_BACKEND = "ess_site.mail.TaskEmailBackend" queues each message (the worker sends it in
production, inline in development); EMAIL_DELIVERY_BACKEND is the backend that really sends
(SMTP by default, configured by Django's EMAIL_HOST, EMAIL_PORT... settings).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django_tasks import task


def _as_data(message):
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
    }


@task()
def send_mail_task(data):
    alternatives = data.pop("alternatives", [])
    message = EmailMultiAlternatives(**data)
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    with get_connection(backend=settings.EMAIL_DELIVERY_BACKEND) as connection:
        connection.send_messages([message])


class TaskEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            if message.attachments:  # files are not queued: sent now, as before
                with get_connection(backend=settings.EMAIL_DELIVERY_BACKEND) as connection:
                    sent += connection.send_messages([message])
                continue
            send_mail_task.enqueue(_as_data(message))
            sent += 1
        return sent


def send_templated(template, context, to, subject, headers=None):
    """Send `template`.txt (plain text) with `template`.html as its alternative to the `to` addresses,
    through EMAIL_BACKEND (a task). French subject and bodies; the templates write absolute links."""
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=list(to), headers=headers or {})
    message.attach_alternative(html, "text/html")
    return message.send()

"""A real SMTP server for tests that send mail: aiosmtpd on a free local port, in a thread.

Use the `smtp_server` fixture (registered in tests/conftest.py):

    def test_something_sends_mail(smtp_server, client):
        client.post(...)                       # Django sends through SMTP to the local server
        message = smtp_server.wait_for(1)[0]   # an email.message.EmailMessage, already parsed
        assert message["To"] == "camille@example.org"
        body = smtp_server.body(message)       # the text/plain part, decoded

The fixture switches Django to the SMTP backend (not locmem) and points EMAIL_HOST/EMAIL_PORT at the
server, without TLS nor authentication, for the duration of the test. `smtp_server.messages` holds
every message received, in order; `smtp_server.envelopes` the SMTP envelopes (sender, recipients).
"""

import email
import email.policy
import threading
import time

import pytest
from aiosmtpd.controller import Controller

from tests.helpers.servers import free_port


class _Collector:
    def __init__(self):
        self.envelopes = []
        self.messages = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.arrived:
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self.messages.append(message)
            self.arrived.notify_all()
        return "250 Message accepted for delivery"


class LocalSMTPServer:
    """aiosmtpd on 127.0.0.1 (a free port); `start()` / `stop()`, or use the `smtp_server` fixture."""

    def __init__(self):
        self._collector = _Collector()
        self._controller = Controller(self._collector, hostname="127.0.0.1", port=free_port())

    def start(self):
        self._controller.start()
        return self

    def stop(self):
        self._controller.stop()

    @property
    def host(self):
        return self._controller.hostname

    @property
    def port(self):
        return self._controller.port

    @property
    def messages(self):
        return list(self._collector.messages)

    @property
    def envelopes(self):
        return list(self._collector.envelopes)

    def wait_for(self, count=1, timeout=10):
        """The messages once at least `count` have arrived; fails the test after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._collector.arrived:
            while len(self._collector.messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    pytest.fail(f"expected {count} message(s), {len(self._collector.messages)} arrived")
                self._collector.arrived.wait(remaining)
            return list(self._collector.messages)

    def clear(self):
        with self._collector.arrived:
            self._collector.messages.clear()
            self._collector.envelopes.clear()

    @staticmethod
    def body(message, subtype="plain"):
        """The decoded text of a message's text/plain (or text/html) part."""
        part = message.get_body(preferencelist=(subtype,))
        return part.get_content() if part is not None else ""


@pytest.fixture
def smtp_server(settings):
    """A real local SMTP server; Django's mail goes to it through the SMTP backend during the test."""
    server = LocalSMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield server
    finally:
        server.stop()

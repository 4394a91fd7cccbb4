"""Outgoing mail (issue 12, item 14): settings from EMAIL_URL or EMAIL_*, DEFAULT_FROM_EMAIL; Wagtail's
password reset and moderation notifications really go out through SMTP (a local aiosmtpd server)."""

import re
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.models import ContentPage
from tests.test_site_security import BASE_DIR, production_env

PRINT_MAIL_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.EMAIL_DELIVERY_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, "
    "s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.EMAIL_TIMEOUT, s.DEFAULT_FROM_EMAIL, s.SERVER_EMAIL, sep='|')"
)


def production_mail_settings(**env):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PRINT_MAIL_SETTINGS],
        cwd=BASE_DIR,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split("|")


def test_production_reads_email_url():
    values = production_mail_settings(
        EMAIL_URL="smtp://ess%40ville.fr:s3cr%C3%A9t@smtp.example.org:587/?tls=1",
        DEFAULT_FROM_EMAIL="ESS Marseille <ne-pas-repondre@ess.example.org>",
    )
    backend, host, port, user, password, tls, ssl, timeout, from_email, server_email = values
    # What really sends the mail that ess_site.mail.TaskEmailBackend queues.
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
    assert (host, port, user, password) == ("smtp.example.org", "587", "ess@ville.fr", "s3crét")
    assert (tls, ssl) == ("True", "False")
    assert timeout == "10"
    assert from_email == server_email == "ESS Marseille <ne-pas-repondre@ess.example.org>"


def test_production_reads_the_separate_email_variables():
    values = production_mail_settings(
        EMAIL_HOST="relais.example.org",
        EMAIL_PORT="2525",
        EMAIL_HOST_USER="ess",
        EMAIL_HOST_PASSWORD="secret",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="ess@example.org",
    )
    backend, host, port, user, password, tls, *_ = values
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
    assert (host, port, user, password, tls) == ("relais.example.org", "2525", "ess", "secret", "True")


def test_the_smtp_fixture_receives_what_django_sends(smtp_server, settings):
    from django.core.mail import send_mail

    send_mail("Objet accentué", "Corps du message, é à ç.", "ess@example.org", ["camille@example.org"])
    message = smtp_server.wait_for(1)[0]
    assert message["Subject"] == "Objet accentué"
    assert smtp_server.body(message).strip() == "Corps du message, é à ç."
    assert smtp_server.envelopes[0] == ("ess@example.org", ["camille@example.org"])


def test_wagtail_password_reset_mail_arrives_with_a_working_link(client, db, smtp_server, settings, django_user_model):
    settings.DEFAULT_FROM_EMAIL = "ESS Marseille <ne-pas-repondre@ess.example.org>"
    django_user_model.objects.create_user("camille", "camille@example.org", "ancien-mot-de-passe-9", is_superuser=True)

    response = client.post("/admin/password_reset/", {"email": "camille@example.org"})
    assert response.status_code == 302
    message = smtp_server.wait_for(1)[0]
    assert message["To"] == "camille@example.org"
    assert "ne-pas-repondre@ess.example.org" in message["From"]
    link = re.search(r"https?://[^\s]+/admin/password_reset/confirm/[^\s]+/", smtp_server.body(message)).group(0)

    path = "/" + link.split("/", 3)[3]
    form = client.get(path, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"new_password1": "nouveau-mot-de-passe-42", "new_password2": "nouveau-mot-de-passe-42"},
    )
    assert done.status_code == 302
    client.logout()
    login = client.post("/admin/login/", {"username": "camille", "password": "nouveau-mot-de-passe-42"})
    assert login.status_code == 302 and login["Location"].startswith("/admin/")


@pytest.mark.django_db
def test_a_page_submitted_for_moderation_notifies_the_moderators_by_mail(client, demo_site, smtp_server):
    users = get_user_model()
    moderator = users.objects.create_user("modo", "modo@example.org", "mot-de-passe-modo-1")
    moderator.groups.add(Group.objects.get(name="Modération"))
    editor = users.objects.create_user("redac", "redac@example.org", "mot-de-passe-redac-1")
    editor.groups.add(Group.objects.get(name="Rédaction"))

    page = ContentPage.objects.live().first()
    page.title = page.title + " (mise à jour)"
    revision = page.save_revision(user=editor)
    workflow = page.get_workflow()
    assert workflow is not None
    workflow.start(page, editor)
    messages = smtp_server.wait_for(1)
    recipients = [address for _, tos in smtp_server.envelopes for address in tos]
    assert "modo@example.org" in recipients
    assert any(page.title.split(" (")[0] in (m["Subject"] or "") + smtp_server.body(m) for m in messages)
    assert revision.pk

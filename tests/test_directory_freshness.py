"""Freshness over simulated months (issue 16): a reminder after DIRECTORY_FRESHNESS_MONTHS, a second
one 30 days later, then « à vérifier » for the editors; the page says how old the information is;
« rien n'a changé » starts the cycle again. Mail goes to a real local SMTP server."""

import datetime
import re
from contextlib import contextmanager
from html import unescape
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from directory.models import Organisation, UpdateLink
from tests.helpers.commands import run_command
from tests.helpers.directory import make_organisation

START = timezone.now()


@contextmanager
def on_day(days):
    """Django's clock `days` after the start of the simulation."""
    with mock.patch("django.utils.timezone.now", return_value=START + datetime.timedelta(days=days)):
        yield


def text(response):
    return unescape(response.content.decode()).replace("\u00a0", " ")


@pytest.fixture
def only_ours(demo_site):
    """Only the entries each test makes: counts are exact."""
    Organisation.objects.all().delete()


@pytest.fixture
def entry(only_ours):
    return make_organisation(
        "Recyclerie exemple du Vieux-Port", "13001", email="recyclerie@example.org", last_verified=START.date()
    )


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderation", "moderation@example.org", "motdepasse-solide")
    user.groups.add(Group.objects.get(name="Modération"))
    return user


def test_a_year_of_silence_then_two_reminders_then_a_flag(client, entry, moderator, smtp_server):
    page = text(client.get(f"/annuaire/{entry.slug}/"))
    assert f"Informations vérifiées le {START.date():%-d}" in page and "peut-être anciennes" not in page

    with on_day(360):  # eleven months and a bit: nothing yet
        assert "Premiers rappels envoyés\u00a0: 0" in run_command("send_freshness_reminders")
    assert smtp_server.messages == []

    with on_day(367):  # past twelve months: « Votre fiche est-elle à jour ? »
        dry = run_command("send_freshness_reminders", dry_run=True)
        assert "[simulation] Recyclerie exemple du Vieux-Port" in dry and "premier rappel" in dry
        assert not UpdateLink.objects.exists()  # a dry run sends nothing
        out = run_command("send_freshness_reminders")
        assert "Premiers rappels envoyés\u00a0: 1" in out
        page = text(client.get(f"/annuaire/{entry.slug}/"))
        assert "Informations peut-être anciennes." in page
    message = smtp_server.wait_for(1)[0]
    assert smtp_server.envelopes[0][1] == ["recyclerie@example.org"]
    assert (
        message["Subject"].strip()
        == "Votre fiche «\u00a0Recyclerie exemple du Vieux-Port\u00a0» est-elle à jour\u00a0?"
    )
    assert "Rien n'a changé\u00a0?" in smtp_server.body(message)

    with on_day(380):  # the same reminder is never sent twice
        assert "Premiers rappels envoyés\u00a0: 0\u00a0; seconds rappels\u00a0: 0" in run_command(
            "send_freshness_reminders"
        )
    with on_day(398):  # 31 days after the first: the second reminder
        assert "seconds rappels\u00a0: 1" in run_command("send_freshness_reminders")
    second = smtp_server.wait_for(2)[1]
    assert second["Subject"].strip().startswith("Rappel\u00a0: votre fiche")
    with on_day(420):
        assert "«\u00a0à vérifier\u00a0»\u00a0: 0" in run_command("send_freshness_reminders")
    with on_day(430):  # 32 days after the second: flagged for the editors
        assert "«\u00a0à vérifier\u00a0»\u00a0: 1" in run_command("send_freshness_reminders")
    assert Organisation.objects.get(pk=entry.pk).to_verify
    assert len(smtp_server.messages) == 2  # flagging mails no one

    client.force_login(moderator)
    dashboard = text(client.get("/admin/"))
    listing_url, count = re.search(r'<a href="([^"]+)">Fiches à vérifier[^<]*</a></td><td>(\d+)<', dashboard).groups()
    assert count == "1"
    listing = text(client.get(listing_url.replace("&amp;", "&")))
    assert "Recyclerie exemple du Vieux-Port" in listing
    client.logout()

    # The organisation finally answers from the second mail: « rien n'a changé ».
    body = smtp_server.body(second)
    path = urlsplit(re.search(r"https?://\S+/mettre-a-jour/\S+/", body).group(0)).path
    with on_day(431):
        client.post(path, {"action": "rien-n-a-change"})
        entry.refresh_from_db()
        assert entry.last_verified == (START + datetime.timedelta(days=431)).date()
        assert not entry.to_verify
        page = text(client.get(f"/annuaire/{entry.slug}/"))
        assert "peut-être anciennes" not in page
    with on_day(431 + 300):  # the cycle starts again from the new date
        assert "Premiers rappels envoyés\u00a0: 0" in run_command("send_freshness_reminders")
    with on_day(431 + 370):
        assert "Premiers rappels envoyés\u00a0: 1" in run_command("send_freshness_reminders")


def test_an_entry_without_address_is_flagged_at_once(only_ours, settings):
    settings.DIRECTORY_FRESHNESS_MONTHS = 6
    silent = make_organisation("Collectif sans courriel", "13003", last_verified=START.date())
    fresh = make_organisation("Fiche récente", "13003", email="recente@example.org", last_verified=START.date())
    with on_day(120):
        assert "«\u00a0à vérifier\u00a0»\u00a0: 0" in run_command("send_freshness_reminders")
    with on_day(190):  # six months is the configured limit
        out = run_command("send_freshness_reminders")
    assert "Collectif sans courriel (vérifiée le" in out and "signalée «\u00a0à vérifier\u00a0»" in out
    assert Organisation.objects.get(pk=silent.pk).to_verify
    assert UpdateLink.objects.filter(organisation=fresh).count() == 1


def test_never_verified_entries_count_from_their_creation(only_ours):
    recent = make_organisation("Nouvelle structure", "13005", email="nouvelle@example.org")
    with on_day(30):
        assert "Nouvelle structure" not in run_command("send_freshness_reminders", dry_run=True)
    with on_day(400):
        assert "Nouvelle structure" in run_command("send_freshness_reminders", dry_run=True)
    assert not UpdateLink.objects.filter(organisation=recent).exists()

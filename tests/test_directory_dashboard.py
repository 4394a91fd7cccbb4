"""The admin dashboard shows editors the flow (issue 16): pending proposals, proposed changes, entries
to verify, unsent and failed mail, each count linking to its review screen."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from directory.models import ProposedChange, StructureProposal
from ess_site.mail_queue import MAIL_TASK
from tests.helpers.directory import make_organisation


def text(response):
    return unescape(response.content.decode()).replace("\u00a0", " ")


def member(group, username):
    user = User.objects.create_user(username, f"{username}@example.org", "motdepasse-solide")
    user.groups.add(Group.objects.get(name=group))
    return user


def mail_result(status, subject, minutes_ago, exception=""):
    result = DBTaskResult.objects.create(
        task_path=MAIL_TASK,
        args_kwargs={"args": [{"subject": subject, "to": ["contact@example.org"]}], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
        status=status,
        exception_class_path=exception,
        traceback="",
    )
    DBTaskResult.objects.filter(pk=result.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )


@pytest.fixture
def flow(demo_site):
    organisation = make_organisation("Structure exemple à vérifier", "13001", to_verify=True)
    ProposedChange.objects.create(organisation=organisation, proposed={"phone": "+33491000000"}, previous={})
    StructureProposal.objects.create(name="Proposée", activity="Une activité d'exemple.", relation="autre")
    mail_result(TaskResultStatus.FAILED, "Votre lien pour mettre à jour", 5, "smtplib.SMTPRecipientsRefused")
    mail_result(TaskResultStatus.READY, "Du nouveau dans l'ESS à Marseille", 60)
    mail_result(TaskResultStatus.READY, "Tout juste en file", 1)  # not late yet


def count_of(html, label):
    match = re.search(rf'<a href="([^"]+)">{re.escape(label)}[^<]*</a></td><td>(\d+)<', html)
    assert match, label
    return match.group(1), int(match.group(2))


def test_moderation_sees_every_list_with_its_count(client, flow):
    client.force_login(member("Modération", "moderation"))
    html = text(client.get("/admin/"))
    assert count_of(html, "Modifications proposées par les organisations") == ("/admin/annuaire/modifications/", 1)
    assert count_of(html, "Structures proposées par les visiteurs") == ("/admin/annuaire/propositions/", 1)
    url, count = count_of(html, "Fiches à vérifier")
    assert count == 1 and "Structure exemple à vérifier" in text(client.get(url))
    assert count_of(html, "Courriels non envoyés") == ("/admin/courriels/", 1)
    assert count_of(html, "Courriels en échec") == ("/admin/courriels/", 1)
    queue = text(client.get("/admin/courriels/"))
    assert "Votre lien pour mettre à jour" in queue and "SMTPRecipientsRefused" in queue
    assert "Du nouveau dans l'ESS à Marseille" in queue and "Tout juste en file" not in queue


def test_redaction_sees_only_what_it_handles(client, flow):
    client.force_login(member("Rédaction", "redaction"))
    html = text(client.get("/admin/"))
    assert "Fiches à vérifier" in html
    assert "Modifications proposées par les organisations" not in html and "Courriels en échec" not in html
    assert client.get("/admin/courriels/").status_code in (302, 403)

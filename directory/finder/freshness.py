"""Keeping entries fresh (docs/annuaire-donnees.md): an entry not verified for
DIRECTORY_FRESHNESS_MONTHS gets a reminder with its update link (« Votre fiche est-elle à jour ? »),
a second one DIRECTORY_SECOND_REMINDER_DAYS later, and, when that one too stays unanswered as long,
is flagged « à vérifier » for the editors. An entry with no address is flagged at once. Verifying
the entry (« rien n'a changé », an accepted change, an editor) starts the cycle again.

`manage.py send_freshness_reminders` runs it daily, as a task (`send_reminders`); `--dry-run` prints
what it would do."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from directory.models import LinkReason, Organisation
from ess_site.scheduled import parse_now

from .update_links import send_update_link

REMINDERS = (LinkReason.REMINDER, LinkReason.SECOND_REMINDER)


@dataclass
class Step:
    organisation: Organisation
    action: str  # "rappel", "relance" or "a-verifier"

    def describe(self):
        label = {
            "rappel": "premier rappel à l'adresse de la fiche",
            "relance": "second rappel à l'adresse de la fiche",
            "a-verifier": "signalée «\u00a0à vérifier\u00a0» à la rédaction",
        }[self.action]
        return f"{self.organisation.name} (vérifiée le {self.organisation.freshness_date:%d/%m/%Y})\u00a0: {label}"


def plan(now=None):
    """What today's run does, entry by entry: [Step]."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    wait = datetime.timedelta(days=settings.DIRECTORY_SECOND_REMINDER_DAYS)
    stale = (
        Organisation.objects.public()
        .stale(today)
        .filter(to_verify=False)
        .only("pk", "name", "slug", "email", "last_verified", "created_at")
        .order_by("pk")
    )
    steps = []
    for organisation in stale:
        if not organisation.email:
            steps.append(Step(organisation, "a-verifier"))
            continue
        sent = {
            reason: created
            for reason, created in organisation.update_links.filter(
                reason__in=REMINDERS, created_at__date__gte=organisation.freshness_date
            )
            .order_by("created_at")
            .values_list("reason", "created_at")
        }
        if LinkReason.REMINDER not in sent:
            steps.append(Step(organisation, "rappel"))
        elif LinkReason.SECOND_REMINDER not in sent:
            if sent[LinkReason.REMINDER] <= now - wait:
                steps.append(Step(organisation, "relance"))
        elif sent[LinkReason.SECOND_REMINDER] <= now - wait:
            steps.append(Step(organisation, "a-verifier"))
    return steps


def run(now=None, dry_run=False):
    """Carry out today's steps (mail goes out as tasks); returns them."""
    now = now or timezone.now()
    steps = plan(now)
    if dry_run:
        return steps
    for step in steps:
        if step.action == "a-verifier":
            Organisation.objects.filter(pk=step.organisation.pk).update(to_verify=True)
        else:
            reason = LinkReason.REMINDER if step.action == "rappel" else LinkReason.SECOND_REMINDER
            send_update_link(step.organisation, reason, now=now)
    return steps


def report(steps):
    """Steps as the command prints them (and as a task returns them: JSON)."""
    return [[step.describe(), step.action] for step in steps]


@task()
def send_reminders(now):
    """Today's run (`now`: ISO date-time) on the task framework; what it did, as `report`."""
    return report(run(parse_now(now)))

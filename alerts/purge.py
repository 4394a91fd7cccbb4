"""Personal data kept no longer than the personal-data page says (settings ALERTS_UNCONFIRMED_DAYS,
ALERTS_INACTIVE_MONTHS, PROPOSAL_EMAIL_MONTHS): `manage.py purge_personal_data`, daily."""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from directory.models import ProposalStatus, StructureProposal
from ess_site.scheduled import parse_now

from .models import Subscription


def _months(months):
    return datetime.timedelta(days=round(months * 30.44))


def purge(now=None, dry_run=False):
    """{label: count} of what is (or would be) deleted."""
    now = now or timezone.now()
    unconfirmed = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - datetime.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)
    )
    inactive = Subscription.objects.filter(
        confirmed_at__isnull=False, last_activity_at__lt=now - _months(settings.ALERTS_INACTIVE_MONTHS)
    )
    proposal_emails = StructureProposal.objects.filter(
        status=ProposalStatus.PENDING, created_at__lt=now - _months(settings.PROPOSAL_EMAIL_MONTHS)
    ).exclude(proposer_email="")
    counts = {
        "abonnements non confirmés": unconfirmed.count(),
        "abonnements inactifs": inactive.count(),
        "courriels de propositions sans réponse": proposal_emails.count(),
    }
    if not dry_run:
        unconfirmed.delete()
        inactive.delete()
        proposal_emails.update(proposer_email="")
    return counts


@task()
def purge_task(now):
    """The purge (`now`: ISO date-time) on the task framework; {label: count} deleted."""
    return purge(parse_now(now))

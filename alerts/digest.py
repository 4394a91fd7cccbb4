"""The weekly digest: for each confirmed subscription, what is new since its last digest, mailed only
when there is something; every mail carries one-click unsubscribe (and List-Unsubscribe headers)
and the link to see or delete the address and choices."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from agenda.selectors import published_between
from directory.selectors import organisations_added_between
from ess_site.public_url import absolute_url
from ess_site.scheduled import parse_now

from .models import Subscription


def links(subscription):
    return {
        "manage_url": absolute_url(f"/alertes/gerer/{subscription.token}/"),
        "unsubscribe_url": absolute_url(f"/alertes/desabonner/{subscription.token}/"),
    }


def send(subscription, template, subject, context):
    """A mail to the subscriber, with the unsubscribe headers (RFC 2369, RFC 8058 one click)."""
    context = {**context, **links(subscription), "subscription": subscription}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"alerts/mail/{template}.txt", context),
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"alerts/mail/{template}.html", context), "text/html")
    message.send()


def news_for(subscription, until):
    since = subscription.last_digest_at or subscription.confirmed_at
    events, structures = [], []
    if subscription.events:
        events = [
            {"title": event.title, "url": absolute_url(event.url or ""), "type": event.get_event_type_display()}
            for event in published_between(since, until, subscription.event_organiser_id, subscription.event_type)
        ]
    if subscription.structures:
        sector_ids = [sector.pk for sector in subscription.sectors.all()]
        structures = [
            {
                "name": organisation.name,
                "url": absolute_url(organisation.get_absolute_url()),
                "where": organisation.arrondissement_label,
            }
            for organisation in organisations_added_between(since, until, subscription.arrondissements, sector_ids)
        ]
    return events, structures


def send_digests(now=None, dry_run=False):
    """[(subscription, events, structures)] for the digests sent (or that would be, with dry_run)."""
    now = now or timezone.now()
    sent = []
    for subscription in Subscription.objects.filter(confirmed_at__isnull=False).prefetch_related("sectors"):
        events, structures = news_for(subscription, now)
        if events or structures:
            sent.append((subscription, events, structures))
            if not dry_run:
                send(
                    subscription,
                    "digest",
                    "Du nouveau dans l'ESS à Marseille",
                    {"events": events, "structures": structures},
                )
        if not dry_run:
            Subscription.objects.filter(pk=subscription.pk).update(last_digest_at=now)
    return sent


def report(sent):
    """[[email, events, structures]]: what the command prints (and the task returns, as JSON)."""
    return [[subscription.email, len(events), len(structures)] for subscription, events, structures in sent]


@task()
def send_digests_task(now):
    """The weekly digests (`now`: ISO date-time) on the task framework; what was sent, as `report`."""
    return report(send_digests(parse_now(now)))

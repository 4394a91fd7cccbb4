"""Visitors' email alerts: what they follow (new events and permanences, new structures), confirmed
by double opt-in, each with a secret token for the links in every mail (manage, unsubscribe).
Retention is stated on the personal-data page and applied by `purge_personal_data`."""

import secrets

from django.db import models
from django.utils import timezone

from agenda.models import EventType


def new_token():
    return secrets.token_urlsafe(24)


class Subscription(models.Model):
    email = models.EmailField("courriel")
    token = models.CharField("jeton", max_length=64, unique=True, default=new_token, editable=False)
    # (a) new events and permanences, optionally of one organiser or one type
    events = models.BooleanField("nouveaux rendez-vous", default=False)
    event_organiser = models.ForeignKey(
        "directory.Organisation",
        verbose_name="organisateur suivi",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    event_type = models.CharField("type de rendez-vous", max_length=30, choices=EventType.choices, blank=True)
    # (b) new structures, optionally in chosen arrondissements or sectors
    structures = models.BooleanField("nouvelles structures", default=False)
    arrondissements = models.JSONField("arrondissements", default=list, blank=True)
    sectors = models.ManyToManyField("directory.Sector", verbose_name="filières", blank=True, related_name="+")

    created_at = models.DateTimeField("créée le", default=timezone.now)
    confirmed_at = models.DateTimeField("confirmée le", null=True, blank=True)
    # What the next digest starts from; and the last time the person acted (confirmed, managed).
    last_digest_at = models.DateTimeField("dernière lettre", null=True, blank=True)
    last_activity_at = models.DateTimeField("dernière action de l'abonné·e", default=timezone.now)

    class Meta:
        verbose_name = "abonnement aux alertes"
        verbose_name_plural = "abonnements aux alertes"
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def confirmed(self):
        return self.confirmed_at is not None

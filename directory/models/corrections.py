"""The corrections visitors send about an entry ("Signaler une erreur"), kept until an editor closes them."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class CorrectionStatus(models.TextChoices):
    NEW = "nouvelle", "Nouvelle"
    DONE = "traitee", "Traitée"


class CorrectionRequest(models.Model):
    """A visitor's "Signaler une erreur" message about one organisation, kept until an editor closes it."""

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name="organisation",
        on_delete=models.SET_NULL,
        null=True,
        related_name="correction_requests",
    )
    # Kept even if the organisation is deleted later: the request is never lost.
    organisation_name = models.CharField("organisation (nom au moment de la demande)", max_length=200)
    message = models.TextField("message", max_length=3000)
    contact_name = models.CharField("nom", max_length=120, blank=True)
    contact_email = models.EmailField("courriel", blank=True)
    status = models.CharField("statut", max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.NEW)
    editor_note = models.TextField("note de la rédaction", blank=True)
    created_at = models.DateTimeField("reçue le", auto_now_add=True)
    handled_at = models.DateTimeField("traitée le", null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="traitée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # The admin form (status, note) and the request beside the entry: admin/corrections.py.

    class Meta:
        verbose_name = "signalement d'erreur"
        verbose_name_plural = "signalements d'erreur"
        ordering = ["status", "-created_at"]

    def __str__(self):
        return f"{self.organisation_name} — {self.created_at:%d/%m/%Y}" if self.created_at else self.organisation_name

    def save(self, *args, **kwargs):
        if self.status == CorrectionStatus.DONE and self.handled_at is None:
            self.handled_at = timezone.now()
        elif self.status == CorrectionStatus.NEW:
            self.handled_at = None
            self.handled_by = None
        super().save(*args, **kwargs)

"""What organisations send about their own entry: single-use update links mailed to the entry's
address, and the proposed changes "Modération" accepts (all or part) or rejects."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class LinkReason(models.TextChoices):
    REQUESTED = "demande", "Demandé depuis la fiche"
    REMINDER = "rappel", "Rappel de fraîcheur"
    SECOND_REMINDER = "relance", "Second rappel de fraîcheur"


class UpdateLink(models.Model):
    """One update link mailed to an organisation's address; its signed token names this row, which
    records its single use."""

    organisation = models.ForeignKey(
        "directory.Organisation", verbose_name="organisation", on_delete=models.CASCADE, related_name="update_links"
    )
    reason = models.CharField("motif", max_length=10, choices=LinkReason.choices, default=LinkReason.REQUESTED)
    created_at = models.DateTimeField("envoyé le", default=timezone.now)
    used_at = models.DateTimeField("utilisé le", null=True, blank=True)

    class Meta:
        verbose_name = "lien de mise à jour"
        verbose_name_plural = "liens de mise à jour"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation} — {self.created_at:%d/%m/%Y}"


class Reviewed(models.Model):
    """What "Modération" decides about a contribution: by whom, when, with what message."""

    reviewer_message = models.TextField("message de la modération", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="revue par", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("reçue le", default=timezone.now)
    reviewed_at = models.DateTimeField("revue le", null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def close(self, status, user, message=""):
        """Record the decision (saved by the caller)."""
        self.status = status
        self.reviewed_by = user
        self.reviewed_at = timezone.now()
        self.reviewer_message = message


class ChangeStatus(models.TextChoices):
    PENDING = "en-attente", "En attente"
    ACCEPTED = "acceptee", "Acceptée"
    PARTIAL = "partielle", "Acceptée en partie"
    REJECTED = "refusee", "Refusée"


# The entry's fields an organisation may change itself, in the form's and the review's order.
# (Field, French label.) Values are kept as text (support services: their slugs).
UPDATABLE_FIELDS = [
    ("short_description", "Présentation courte"),
    ("description", "Description"),
    ("email", "Courriel"),
    ("phone", "Téléphone"),
    ("website", "Site web"),
    ("address", "Adresse"),
    ("address_complement", "Complément d'adresse"),
    ("postcode", "Code postal"),
    ("city", "Commune"),
    ("opening_hours", "Horaires d'ouverture"),
    ("support_services", "Services d'accompagnement"),
    # {service slug: the sheet's fields} (models/services.py SHEET_FIELDS), for the services offered.
    ("service_sheets", "Description des services"),
]


class ProposedChange(Reviewed):
    """An organisation's proposed update of its entry: the values it sent and those of the entry at
    the time, compared field by field by "Modération"."""

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="proposed_changes",
    )
    link = models.OneToOneField(
        UpdateLink, verbose_name="lien utilisé", null=True, blank=True, on_delete=models.SET_NULL, related_name="change"
    )
    proposed = models.JSONField("valeurs proposées", default=dict)
    previous = models.JSONField("valeurs de la fiche à la proposition", default=dict)
    note = models.TextField("message de l'organisation", blank=True, max_length=2000)
    status = models.CharField("statut", max_length=12, choices=ChangeStatus.choices, default=ChangeStatus.PENDING)
    accepted_fields = models.JSONField("champs acceptés", default=list, blank=True)

    class Meta:
        verbose_name = "modification proposée"
        verbose_name_plural = "modifications proposées"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation} — {self.created_at:%d/%m/%Y}"

    @property
    def changed_fields(self):
        """The names of the fields whose proposed value differs from the entry's at the time."""
        return [
            name
            for name, _ in UPDATABLE_FIELDS
            if name in self.proposed and self.proposed[name] != self.previous.get(name)
        ]


class ProposerRelation(models.TextChoices):
    MEMBER = "membre", "J'en fais partie (salarié·e, bénévole, dirigeant·e)"
    USER = "usager", "J'en suis usager ou usagère, client·e, adhérent·e"
    PARTNER = "partenaire", "Je travaille avec elle (partenaire, réseau)"
    OTHER = "autre", "Autre"


class ProposalStatus(models.TextChoices):
    PENDING = "en-attente", "En attente"
    ACCEPTED = "acceptee", "Ajoutée à l'annuaire"
    REJECTED = "refusee", "Refusée"


class StructureProposal(Reviewed):
    """A structure a visitor proposes for the directory (/annuaire/proposer/). The proposer's email,
    optional, only serves to tell the outcome: it is erased once the outcome is mailed (and purged
    by `purge_personal_data` past its retention)."""

    name = models.CharField("nom de la structure", max_length=200)
    activity = models.TextField("ce qu'elle fait", max_length=2000)
    address = models.CharField("adresse", max_length=255, blank=True)
    postcode = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=100, blank=True, default="Marseille")
    website = models.CharField("site web", max_length=300, blank=True)
    contact_email = models.EmailField("courriel de la structure", blank=True)
    phone = models.CharField("téléphone de la structure", max_length=20, blank=True)
    sector = models.ForeignKey(
        "directory.Sector", verbose_name="filière", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    relation = models.CharField("lien avec la structure", max_length=12, choices=ProposerRelation.choices)
    proposer_email = models.EmailField("courriel pour connaître la suite", blank=True)
    status = models.CharField("statut", max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.PENDING)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name="fiche créée",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "structure proposée"
        verbose_name_plural = "structures proposées"
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

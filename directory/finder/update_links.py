"""Update links: signed (Django's signing), single use, valid DIRECTORY_UPDATE_LINK_DAYS (≤ 7 days),
mailed only to the address already on the entry. The token names an UpdateLink row, which records
its use; the signature's timestamp bounds its life."""

import base64
import html
import re

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from directory.models import UPDATABLE_FIELDS, LinkReason, UpdateLink
from directory.models.services import described_values, sheet_values
from ess_site.mail import send_templated
from ess_site.public_url import absolute_url

SALT = "directory.update-link"

SUBJECTS = {
    LinkReason.REQUESTED: "Votre lien pour mettre à jour la fiche «\u00a0{name}\u00a0»",
    LinkReason.REMINDER: "Votre fiche «\u00a0{name}\u00a0» est-elle à jour\u00a0?",
    LinkReason.SECOND_REMINDER: "Rappel\u00a0: votre fiche «\u00a0{name}\u00a0» est-elle à jour\u00a0?",
}


class LinkError(Exception):
    """Why a link cannot be used: "invalide", "expire" or "utilise" (its `reason`)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def max_age():
    return min(settings.DIRECTORY_UPDATE_LINK_DAYS, 7) * 24 * 3600


def token_for(link):
    # Wagtail routes only path segments of [\w-]: the signed value (with its ":") is base64url-encoded.
    signed = signing.dumps({"l": link.pk, "o": link.organisation_id}, salt=SALT)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def update_path(link):
    return f"{link.organisation.get_absolute_url()}mettre-a-jour/{token_for(link)}/"


def read_token(token, organisation):
    """The unused UpdateLink of `organisation` that `token` names; raises LinkError otherwise."""
    try:
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        data = signing.loads(signed, salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        raise LinkError("expire") from None
    except (signing.BadSignature, ValueError):
        raise LinkError("invalide") from None
    if not isinstance(data, dict) or data.get("o") != organisation.pk:
        raise LinkError("invalide")
    link = UpdateLink.objects.filter(pk=data.get("l"), organisation=organisation).first()
    if link is None:
        raise LinkError("invalide")
    if link.used_at is not None:
        raise LinkError("utilise")
    return link


@transaction.atomic
def use_link(link):
    """Mark the link used, once: False when another request used it first (two tabs, a double click)."""
    return UpdateLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=timezone.now()) == 1


def send_update_link(organisation, reason=LinkReason.REQUESTED, now=None):
    """Mail a new update link to the entry's own address; None when the entry has no address."""
    if not organisation.email:
        return None
    link = UpdateLink.objects.create(organisation=organisation, reason=reason, created_at=now or timezone.now())
    context = {
        "organisation": organisation,
        "url": absolute_url(update_path(link)),
        "page_url": absolute_url(organisation.get_absolute_url()),
        "days": max_age() // (24 * 3600),
        "reason": reason,
        "is_reminder": reason != LinkReason.REQUESTED,
    }
    send_templated(
        "directory/mail/update_link",
        context,
        [organisation.email],
        SUBJECTS[LinkReason(reason)].format(name=organisation.name),
    )
    return link


_BLOCK_END = re.compile(r"</(p|li|h\d|div)>|<br\s*/?>", re.IGNORECASE)


def rich_to_plain(value):
    """The text of a rich-text description: one paragraph per block, no markup."""
    text = _BLOCK_END.sub("\n\n", value or "")
    text = html.unescape(strip_tags(text))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.splitlines())).strip()


def plain_to_rich(text):
    """Plain text (paragraphs separated by blank lines) as the description's rich text, escaped."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", (text or "").strip()) if p.strip()]
    return "".join("<p>" + html.escape(p).replace("\n", "<br/>") + "</p>" for p in paragraphs)


def current_values(organisation):
    """The entry's updatable fields as the form and the review show them (text; services: slugs)."""
    values = {}
    for name, _label in UPDATABLE_FIELDS:
        if name == "support_services":
            values[name] = sorted(organisation.support_services.values_list("slug", flat=True))
        elif name == "service_sheets":
            sheets = organisation.service_sheets.select_related("service")
            values[name] = described_values({sheet.service.slug: sheet_values(sheet) for sheet in sheets})
        elif name == "description":
            values[name] = rich_to_plain(organisation.description)
        else:
            values[name] = getattr(organisation, name) or ""
    return values

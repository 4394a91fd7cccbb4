"""Field validators for the directory, with messages in French (editors and import reports read them)."""

import functools
import re
from urllib.parse import urlsplit

import opening_hours
import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.deconstruct import deconstructible

SIRET_RE = re.compile(r"^\d{14}$")
RNA_RE = re.compile(r"^W\d{9}$")
POSTCODE_RE = re.compile(r"^\d{5}$")
# La Poste's SIRETs do not follow Luhn (one SIREN, thousands of establishments): they follow
# "sum of digits divisible by 5" instead, as INSEE documents.
LA_POSTE_SIREN = "356000000"


def luhn_ok(digits):
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def compact_siret(value):
    return re.sub(r"[\s.\u00a0\u202f-]", "", value or "")


def validate_siret(value):
    digits = compact_siret(value)
    if not SIRET_RE.match(digits):
        raise ValidationError("Le SIRET doit comporter 14 chiffres.", code="siret_format")
    if digits.startswith(LA_POSTE_SIREN):
        if sum(int(c) for c in digits) % 5 == 0:
            return
    elif luhn_ok(digits):
        return
    raise ValidationError(
        "Ce SIRET n'est pas valide (la clé de contrôle ne correspond pas)\u00a0: vérifiez les chiffres.",
        code="siret_checksum",
    )


def validate_rna(value):
    if not RNA_RE.match((value or "").strip().upper()):
        raise ValidationError(
            "Le numéro RNA doit commencer par W suivi de 9 chiffres (exemple\u00a0: W133012345).", code="rna_format"
        )


def validate_postcode(value):
    if not POSTCODE_RE.match((value or "").strip()):
        raise ValidationError(
            "Le code postal doit comporter 5 chiffres (exemple\u00a0: 13001).", code="postcode_format"
        )


@functools.lru_cache(maxsize=4096)
def normalise_phone(value):
    """The E.164 form of a French (or international) number, or raise ValidationError. Cached: a
    save validates the typed number, then stores its E.164 form (two parses of one text otherwise)."""
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            "Ce numéro de téléphone n'est pas valide (exemple\u00a0: 04 91 55 11 11).", code="phone_invalid"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value):
    normalise_phone(value)


def display_phone(value):
    """The national French display form ("04 91 55 11 11"), or the value unchanged."""
    if len(value) == 12 and value.startswith("+33") and value[1:].isdigit():
        # Stored E.164 French numbers: the common case, formatted without parsing (exports of 10 000 rows).
        national = "0" + value[3:]
        return " ".join(national[i : i + 2] for i in range(0, 10, 2))
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        return value
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def validate_opening_hours(value):
    if not value:
        return
    if not opening_hours.validate(value):
        raise ValidationError(
            "Ces horaires ne sont pas au format OpenStreetMap «\u00a0opening_hours\u00a0» "
            "(exemple\u00a0: Mo-Fr 09:00-12:30,14:00-17:30; PH off).",
            code="opening_hours_invalid",
        )


_url_validator = URLValidator(schemes=["http", "https"])


WEB_URL_MESSAGE = "Cette adresse web n'est pas valide\u00a0: elle doit commencer par https:// ou http://."


def validate_web_url(value):
    try:
        _url_validator(value)
    except ValidationError:
        raise ValidationError(WEB_URL_MESSAGE, code="url_invalid") from None


def validate_acceslibre_url(value):
    """The host only: a malformed address is reported by the field (WebAddressField), once."""
    try:
        _url_validator(value)
    except ValidationError:
        return
    host = urlsplit(value).hostname or ""
    if not (
        host == "acceslibre.beta.gouv.fr" or host.endswith(".acceslibre.beta.gouv.fr") or host == "acceslibre.info"
    ):
        raise ValidationError("Le lien Acceslibre doit pointer vers acceslibre.beta.gouv.fr.", code="acceslibre_host")


@deconstructible
class LinesOfUrlsValidator:
    """Each non-empty line of a text is a web address (social links)."""

    def __call__(self, value):
        for line in (value or "").splitlines():
            if line.strip():
                validate_web_url(line.strip())

    def __eq__(self, other):
        return isinstance(other, LinesOfUrlsValidator)

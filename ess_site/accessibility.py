"""The accessibility audit (docs/accessibilite-audit.md) read as data: the accessibility statement and
the footer's « Accessibilité : … » mention are computed from it, so they cannot say more than it does.

The file's format: "- **Label** : value" lines for the audit's facts, a table of the sample pages
(| P01 | title | `url` |) and a table of the 106 criteria (| 1.1 | title | C | NA | NC | ... |), one
column per sample page, in the sample's order.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings

from .typography import french

CRITERIA_COUNT = 106
STATUSES = ("C", "NC", "NA")
_FACT = re.compile(r"^- \*\*(?P<label>[^*]+)\*\* : (?P<value>.+)$")
_PAGE = re.compile(r"^\| (?P<code>P\d+) \| (?P<title>.+?) \| `(?P<url>[^`]+)` \|$")
_CRITERION = re.compile(
    r"^\| (?P<number>\d{1,2}\.\d{1,2}) \| (?P<title>.+?) \| (?P<statuses>(?:C|NC|NA)(?: \| (?:C|NC|NA))*) \|$"
)


class AuditFileError(ValueError):
    pass


@dataclass
class Criterion:
    number: str
    title: str
    by_page: dict  # page code -> "C" | "NC" | "NA"

    @property
    def status(self):
        """RGAA: non conforme on one page is enough; conforme when C somewhere and never NC."""
        values = set(self.by_page.values())
        if "NC" in values:
            return "NC"
        return "C" if "C" in values else "NA"

    @property
    def failing_pages(self):
        return [code for code, status in self.by_page.items() if status == "NC"]


@dataclass
class Audit:
    facts: dict  # label -> value, as written
    pages: list  # [(code, title, url)]
    criteria: list = field(default_factory=list)

    @property
    def date(self):
        return date.fromisoformat(self.facts["Date de l'audit"])

    auditor = property(lambda self: self.facts.get("Réalisé par", ""))
    technologies = property(lambda self: self.facts.get("Technologies utilisées", ""))
    environment = property(lambda self: self.facts.get("Environnement de test", ""))
    tools = property(lambda self: self.facts.get("Outils", ""))
    conforming_count = property(lambda self: self.count("C"))
    failing_count = property(lambda self: self.count("NC"))
    not_applicable_count = property(lambda self: self.count("NA"))

    def count(self, status):
        return sum(1 for criterion in self.criteria if criterion.status == status)

    @property
    def rate(self):
        """Conforming criteria over applicable ones, in percent (Decimal, 2 places), None if none apply."""
        applicable = self.count("C") + self.count("NC")
        if not applicable:
            return None
        return (Decimal(100) * self.count("C") / applicable).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def failing(self):
        return [criterion for criterion in self.criteria if criterion.status == "NC"]

    def page_title(self, code):
        return next(title for page_code, title, _url in self.pages if page_code == code)


def parse_audit(text):
    facts, pages, criteria = {}, [], []
    for line in text.splitlines():
        line = line.strip()
        if match := _FACT.match(line):
            facts[match["label"].strip()] = french(match["value"].strip())
        elif match := _PAGE.match(line):
            pages.append((match["code"], french(match["title"]), match["url"]))
        elif match := _CRITERION.match(line):
            statuses = [value.strip() for value in match["statuses"].split("|")]
            if len(statuses) != len(pages):
                raise AuditFileError(
                    f"Critère {match['number']}\u00a0: {len(statuses)} statuts pour {len(pages)} pages."
                )
            criteria.append(
                Criterion(
                    match["number"], french(match["title"]), dict(zip([p[0] for p in pages], statuses, strict=True))
                )
            )
    if "Date de l'audit" not in facts:
        raise AuditFileError("La date de l'audit manque («\u00a0- **Date de l'audit**\u00a0: AAAA-MM-JJ\u00a0»).")
    numbers = [criterion.number for criterion in criteria]
    if len(numbers) != CRITERIA_COUNT or len(set(numbers)) != CRITERIA_COUNT:
        raise AuditFileError(f"{len(set(numbers))} critères distincts au lieu de {CRITERIA_COUNT}.")
    return Audit(facts=facts, pages=pages, criteria=criteria)


_cache = {}


def current_audit():
    """The audit in settings.ACCESSIBILITY_AUDIT_FILE, or None without one (read again when it changes)."""
    path = Path(getattr(settings, "ACCESSIBILITY_AUDIT_FILE", "") or "")
    if not path.is_file():
        return None
    stamp = (str(path), path.stat().st_mtime_ns)
    if _cache.get("stamp") != stamp:
        _cache.update(stamp=stamp, audit=parse_audit(path.read_text(encoding="utf-8")))
    return _cache["audit"]


@dataclass(frozen=True)
class Conformity:
    status: str  # "totalement conforme", "partiellement conforme" or "non conforme"
    rate: Decimal | None
    audit: Audit | None

    @property
    def rate_label(self):
        if self.rate is None:
            return ""
        return french(f"{self.rate.normalize():f} %".replace(".", ","))


def conformity(audit=None):
    """The site's status from its audit (RGAA: 100 % totalement, 50 % partiellement, else non conforme)."""
    audit = audit if audit is not None else current_audit()
    rate = audit.rate if audit else None
    if rate is None:
        return Conformity("non conforme", None, audit)
    if rate == 100:
        status = "totalement conforme"
    elif rate >= 50:
        status = "partiellement conforme"
    else:
        status = "non conforme"
    return Conformity(status, rate, audit)

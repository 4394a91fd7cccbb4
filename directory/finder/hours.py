"""Opening hours (OpenStreetMap `opening_hours` syntax) for French readers.

The parsing, the "open now" state and the next change come from opening-hours-py; this module only
words its normal form in French. Anything it cannot word is shown as written, never dropped.
"""

import re
import zoneinfo

import opening_hours
from django.utils import timezone

from ess_site.typography import MONTHS as MONTH_NAMES
from ess_site.typography import NBSP, WEEKDAYS, format_clock

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
DAYS = dict(zip(["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"], WEEKDAYS, strict=True))
MONTHS = dict(
    zip(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], MONTH_NAMES, strict=True)
)
_TIME = re.compile(r"^(\d{2}):(\d{2})$")
_DAY_RANGE = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$")
_MONTH_RANGE = re.compile(
    r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?:-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))?$"
)


def parse(value):
    """An OpeningHours for Marseille (French public holidays), or None when empty or invalid."""
    if not value or not opening_hours.validate(value):
        return None
    try:
        return opening_hours.OpeningHours(value, timezone=PARIS, country="FR")
    except (SyntaxError, ValueError):
        return None


def _time(text):
    match = _TIME.match(text)
    if not match:
        return None
    return format_clock(int(match.group(1)), int(match.group(2)))


def _times(text):
    spans = []
    for span in text.split(","):
        start, _, end = span.partition("-")
        start_fr, end_fr = _time(start), _time(end)
        if not (start_fr and end_fr):
            return None
        spans.append(f"de {start_fr} à {end_fr}")
    return " et ".join(spans)


def _days(text):
    parts = []
    for item in text.split(","):
        if item == "PH":
            parts.append("les jours fériés")
            continue
        match = _DAY_RANGE.match(item)
        if not match:
            return None
        first, last = match.groups()
        parts.append(f"du {DAYS[first]} au {DAYS[last]}" if last else f"le {DAYS[first]}")
    return ", ".join(parts)


def _months(text):
    parts = []
    for item in text.split(","):
        match = _MONTH_RANGE.match(item)
        if not match:
            return None
        first, last = match.groups()
        parts.append(f"de {MONTHS[first]} à {MONTHS[last]}" if last else f"en {MONTHS[first]}")
    return ", ".join(parts)


_COMMENT = re.compile(r'^(?P<rule>[^"]*?)\s*"(?P<comment>[^"]*)"$')


def _rule(rule):
    rule = rule.strip()
    # A day « sur rendez-vous » is written `Th off "sur rendez-vous"` (closed to walk-in visitors).
    commented = _COMMENT.match(rule)
    if commented:
        base = commented["rule"].split()
        closed = bool(base) and base[-1] in ("off", "closed")
        text = _rule(" ".join(base[:-1] if closed else base)) if base else ""
        if text is None:
            return None
        comment = commented["comment"].strip()
        days_only = len(base) - closed <= 1
        return f"{text} {comment}".strip() if days_only else f"{text} ({comment})"
    if rule == "24/7":
        return f"Ouvert 24{NBSP}h/24, 7{NBSP}j/7"
    words = rule.split()
    phrase = []
    closed = False
    for word in words:
        if word in ("off", "closed"):
            closed = True
        elif (fr := _months(word)) is not None:
            phrase.append(fr)
        elif (fr := _days(word)) is not None:
            phrase.append(fr)
        elif (fr := _times(word)) is not None:
            phrase.append(fr)
        else:
            return None
    text = " ".join(phrase)
    if closed:
        return f"Fermé {text}".strip()
    return text[:1].upper() + text[1:]


def describe(value):
    """French lines for an opening-hours expression: ["Du lundi au vendredi de 9 h à 12 h 30", ...]."""
    oh = parse(value)
    if oh is None:
        return []
    try:
        normal = str(oh.normalize())
    except Exception:  # noqa: BLE001 - the library may refuse to normalise exotic rules
        normal = value
    lines = []
    for rule in normal.split(";"):
        if not rule.strip():
            continue
        lines.append(_rule(rule) or rule.strip())
    return lines


def status(value, at=None):
    """{"open": bool|None, "next_change": datetime|None, "label": French text} at a moment (now by default)."""
    oh = parse(value)
    if oh is None:
        return {"open": None, "next_change": None, "label": ""}
    at = (at or timezone.now()).astimezone(PARIS)
    is_open = oh.is_open(at)
    next_change = oh.next_change(at)
    label = "Ouvert maintenant" if is_open else "Fermé actuellement"
    if next_change is not None:
        next_change = next_change.astimezone(PARIS) if next_change.tzinfo else next_change.replace(tzinfo=PARIS)
        when = _time(next_change.strftime("%H:%M"))
        day = "" if next_change.date() == at.date() else " " + list(DAYS.values())[next_change.weekday()]
        label += f" · {'ferme' if is_open else 'ouvre'}{day} à {when}"
    return {"open": is_open, "next_change": next_change, "label": label}

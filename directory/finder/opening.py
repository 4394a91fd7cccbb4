"""Opening hours for the finder: "open now" as a filter, and the short French status of one entry.

`hours.py` parses and words the rules; this module adds what the finder needs on top: parsing each
distinct expression once per process, and the set of expressions open at a given moment (the
"Ouvert maintenant" facet becomes `opening_hours IN (...)` in SQL).
"""

import datetime
from functools import lru_cache

from django.utils import timezone

from . import hours
from .hours import DAYS, NBSP, PARIS
from .vocabulary import load_vocabulary

# Closed-state changes skipped when looking for the next opening (two a day over a fortnight).
MAX_CLOSED_CHANGES = 28


@lru_cache(maxsize=4096)
def parsed(value):
    return hours.parse(value)


def is_open(value, at):
    oh = parsed(value)
    if oh is None:
        return None
    try:
        return bool(oh.is_open(at.astimezone(PARIS).replace(tzinfo=None)))
    except Exception:  # noqa: BLE001 - an exotic rule the library accepts but cannot evaluate
        return None


def open_hours_values(at=None):
    """The distinct opening-hours expressions of the directory that are open at `at` (now by default)."""
    at = at or timezone.now()
    return [value for value in load_vocabulary()["opening_hours"] if is_open(value, at)]


def _time(moment):
    text = f"{moment.hour}{NBSP}h"
    return text + (f"{NBSP}{moment.minute:02d}" if moment.minute else "")


def _when(moment, at):
    days = (moment.date() - at.date()).days
    if days == 0:
        return f"à {_time(moment)}"
    if days == 1:
        return f"demain à {_time(moment)}"
    if days < 7:
        return f"{list(DAYS.values())[moment.weekday()]} à {_time(moment)}"
    return f"le {moment.day}{'er' if moment.day == 1 else ''} {_month(moment)} à {_time(moment)}"


def _month(moment):
    return list(hours.MONTHS.values())[moment.month - 1]


def opening_status(value, at=None):
    """{"open": bool|None, "label": "Ouvert maintenant · ferme à 17 h" | "Fermé — ouvre mardi à 9 h" | ""}."""
    oh = parsed(value)
    if oh is None:
        return {"open": None, "label": ""}
    at = (at or timezone.now()).astimezone(PARIS)
    naive = at.replace(tzinfo=None)
    try:
        open_now = bool(oh.is_open(naive))
        next_change = oh.next_change(naive)
        # A closed day with a comment (`Th off "sur rendez-vous"`) is a change of state, not an opening:
        # look past such changes for the next real opening, within a bounded number of steps.
        for _ in range(MAX_CLOSED_CHANGES):
            if open_now or next_change is None or oh.is_open(next_change):
                break
            next_change = oh.next_change(next_change)
    except Exception:  # noqa: BLE001
        return {"open": None, "label": ""}
    if isinstance(next_change, datetime.datetime) and next_change.tzinfo is not None:
        next_change = next_change.astimezone(PARIS).replace(tzinfo=None)
    # The library answers a far-away sentinel when nothing changes any more (24/7, always closed).
    if next_change is not None and next_change.year > at.year + 1:
        next_change = None
    if open_now:
        label = "Ouvert maintenant"
        if next_change is not None:
            label += f" · ferme {_when(next_change, naive)}"
    else:
        label = "Fermé"
        if next_change is not None:
            label += f" — ouvre {_when(next_change, naive)}"
    return {"open": open_now, "label": label}

"""French typography for texts we write in code (demo content, messages)."""

import re

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: thousands separator

_BEFORE = re.compile(r" ([:;!?»%€])")
_AFTER = re.compile(r"« ")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}\b)")


def french(text):
    """Non-breaking spaces where French typography wants them: before : ; ! ? » % €, after «,
    and between groups of thousands ("40 000")."""
    text = _BEFORE.sub(NBSP + r"\1", text)
    text = _AFTER.sub("«" + NBSP, text)
    return _THOUSANDS.sub(NNBSP, text)


WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def format_clock(hour, minute):
    """9, 0 -> "9 h"; 9, 30 -> "9 h 30" (non-breaking spaces); 24, 0 -> "24 h" for opening hours."""
    text = f"{hour}{NBSP}h"
    return f"{text}{NBSP}{minute:02d}" if minute else text


def format_time(value):
    """A datetime.time as the French write it: "9 h", "9 h 30"."""
    return format_clock(value.hour, value.minute)


def format_time_range(start, end=None):
    if end is None or end == start:
        return f"à {format_time(start)}"
    return f"de {format_time(start)} à {format_time(end)}"

"""French wording of dates and times as the site writes them ("mardi 12 mai 2026", "de 9 h à 12 h")."""

# The shared French wording; re-exported because the agenda's modules import it from here.
from ess_site.typography import MONTHS, NBSP, WEEKDAYS, format_time, format_time_range  # noqa: F401


def day_number(day):
    return "1er" if day == 1 else str(day)


def ordinal(n):
    """1 -> "1er", 2 -> "2e" (French abbreviated ordinals)."""
    return "1er" if n == 1 else f"{n}e"


def format_date(value, weekday=True, year=True):
    text = f"{day_number(value.day)}{NBSP}{MONTHS[value.month - 1]}"
    if year:
        text += f" {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def format_month(year, month):
    return f"{MONTHS[month - 1]} {year}"

"""French wording of dates and times as the site writes them ("mardi 12 mai 2026", "de 9 h à 12 h")."""

NBSP = "\u00a0"
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


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


def format_time(value):
    """9:00 -> "9 h", 9:30 -> "9 h 30" (non-breaking spaces)."""
    text = f"{value.hour}{NBSP}h"
    return f"{text}{NBSP}{value.minute:02d}" if value.minute else text


def format_time_range(start, end=None):
    if end is None or end == start:
        return f"à {format_time(start)}"
    return f"de {format_time(start)} à {format_time(end)}"

"""Recurrence of events: the editor's simple choice turned into an RFC 5545 rule, expanded in local time.

Rules are expanded on naive *local wall times* (Europe/Paris) and only then made aware, so a weekly
09:00 permanence stays at 09:00 across daylight-saving changes. python-dateutil does the expansion;
the same rule (parts) is written into .ics files by events.ical.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar.prop import vRecur

from .formatting import WEEKDAYS, format_date, format_time_range, ordinal

PARIS = ZoneInfo("Europe/Paris")
DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
# Parts an editor may not put in a custom rule: the start and the end have their own fields.
FORBIDDEN_PARTS = {"UNTIL", "COUNT", "DTSTART"}
MAX_OCCURRENCES = 400  # per event and window: a daily event over a year, with room to spare


class Kind:
    NONE = "aucune"
    WEEKLY = "hebdomadaire"
    MONTHLY_NTH = "mensuelle-rang"
    MONTHLY_LAST = "mensuelle-dernier"
    CUSTOM = "personnalisee"

    CHOICES = [
        (NONE, "Pas de répétition (une seule date)"),
        (WEEKLY, "Chaque semaine, le même jour que la première séance"),
        (MONTHLY_NTH, "Chaque mois, le même rang de jour que la première séance (ex.\u00a0: le 2e mardi)"),
        (
            MONTHLY_LAST,
            "Chaque mois, le dernier jour de la semaine de la première séance (ex.\u00a0: le dernier vendredi)",
        ),
        (CUSTOM, "Règle personnalisée (format RFC 5545, pour les cas particuliers)"),
    ]


class RecurrenceError(ValueError):
    """A rule we cannot use; the message is French, for editors."""


@dataclass(frozen=True)
class Schedule:
    """When an event happens, as the editor entered it (local wall times, Europe/Paris)."""

    start_date: date
    start_time: time | None = None
    end_date: date | None = None
    end_time: time | None = None
    all_day: bool = False
    kind: str = Kind.NONE
    interval: int = 1
    rule: str = ""
    until: date | None = None
    count: int | None = None
    exdates: frozenset = field(default_factory=frozenset)

    @property
    def recurring(self):
        return self.kind != Kind.NONE

    @property
    def first_start(self):
        """The first occurrence's start, naive local time."""
        if self.all_day or self.start_time is None:
            return datetime.combine(self.start_date, time.min)
        return datetime.combine(self.start_date, self.start_time)

    @property
    def duration(self):
        end_date = self.end_date or self.start_date
        if self.all_day or self.start_time is None:
            return timedelta(days=(end_date - self.start_date).days + 1)
        if self.end_time is None:
            return timedelta(0)
        return datetime.combine(end_date, self.end_time) - self.first_start


def week_of_month(day):
    return (day.day - 1) // 7 + 1


def parse_custom_rule(text):
    """{part: [values]} from an editor's rule such as "FREQ=WEEKLY;BYDAY=TU,TH"; RecurrenceError if unusable."""
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        raise RecurrenceError("Saisissez une règle, par exemple FREQ=WEEKLY;BYDAY=TU,TH.")
    try:
        parts = vRecur.from_ical(text)
        rrulestr(text, dtstart=datetime(2000, 1, 1))  # dateutil must understand it too
    except (ValueError, TypeError, KeyError) as error:
        raise RecurrenceError(f"Cette règle n'est pas au format RFC 5545\u00a0: {text}") from error
    names = {name.upper() for name in parts}
    forbidden = names & FORBIDDEN_PARTS
    if forbidden:
        raise RecurrenceError(
            "Indiquez la fin de la répétition dans les champs «\u00a0jusqu'au\u00a0» ou «\u00a0nombre de séances\u00a0», "
            f"pas dans la règle ({', '.join(sorted(forbidden))})."
        )
    frequency = [str(value).upper() for value in parts.get("FREQ", [])]
    if not frequency or frequency[0] not in ALLOWED_FREQUENCIES:
        raise RecurrenceError("La règle doit commencer par FREQ=DAILY, WEEKLY, MONTHLY ou YEARLY.")
    return parts


def rule_parts(schedule):
    """The RRULE parts (without UNTIL/COUNT) for a recurring schedule, else None."""
    weekday = DAY_CODES[schedule.start_date.weekday()]
    interval = max(1, int(schedule.interval or 1))
    if schedule.kind == Kind.NONE:
        return None
    if schedule.kind == Kind.WEEKLY:
        parts = {"FREQ": ["WEEKLY"], "BYDAY": [weekday]}
    elif schedule.kind == Kind.MONTHLY_NTH:
        nth = week_of_month(schedule.start_date)
        if nth > 4:
            raise RecurrenceError(
                f"Le 5e {WEEKDAYS[schedule.start_date.weekday()]} n'existe pas tous les mois\u00a0: "
                "choisissez «\u00a0le dernier jour de la semaine du mois\u00a0»."
            )
        parts = {"FREQ": ["MONTHLY"], "BYDAY": [f"{nth}{weekday}"]}
    elif schedule.kind == Kind.MONTHLY_LAST:
        parts = {"FREQ": ["MONTHLY"], "BYDAY": [f"-1{weekday}"]}
    elif schedule.kind == Kind.CUSTOM:
        return parse_custom_rule(schedule.rule)
    else:
        raise RecurrenceError(f"Type de répétition inconnu\u00a0: {schedule.kind}")
    if interval > 1:
        parts["INTERVAL"] = [interval]
    return parts


def rule_text(parts):
    return vRecur(parts).to_ical().decode()


def build_rule(schedule):
    """A dateutil rrule on naive local times, or None for a single date."""
    parts = rule_parts(schedule)
    if parts is None:
        return None
    rule = rrulestr(rule_text(parts), dtstart=schedule.first_start, cache=False)
    if schedule.until:
        rule = rule.replace(until=datetime.combine(schedule.until, time.max.replace(microsecond=0)))
    elif schedule.count:
        rule = rule.replace(count=schedule.count)
    return rule


def validate(schedule):
    """Raise RecurrenceError (French) when the schedule cannot be expanded as the editor expects."""
    rule = build_rule(schedule)
    if rule is None:
        return
    if schedule.until and schedule.until < schedule.start_date:
        raise RecurrenceError("La date de fin de la répétition est avant la première séance.")
    first = next(iter(rule), None)
    if first is None:
        raise RecurrenceError("Cette règle ne donne aucune date.")
    if first != schedule.first_start:
        # RFC 5545 counts DTSTART as the first occurrence; calendars would disagree with us otherwise.
        raise RecurrenceError(
            f"La première séance doit suivre la règle\u00a0: la première date qu'elle donne est le {format_date(first.date())}."
        )


def local_starts(schedule, window_start, window_end):
    """Naive local start times of the occurrences whose date is in [window_start, window_end], exceptions removed."""
    low = datetime.combine(window_start, time.min)
    high = datetime.combine(window_end, time.max)
    rule = build_rule(schedule)
    if rule is None:
        starts = [schedule.first_start] if low <= schedule.first_start <= high else []
    else:
        starts = []
        for start in rule.xafter(max(low, schedule.first_start), inc=True):
            if start > high or len(starts) >= MAX_OCCURRENCES:
                break
            starts.append(start)
    return [start for start in starts if start.date() not in schedule.exdates]


def aware(local):
    """A naive Europe/Paris wall time made aware (zoneinfo picks the right offset for the date)."""
    return local.replace(tzinfo=PARIS)


def occurrences(schedule, window_start, window_end):
    """[(start, end)] aware datetimes of the occurrences in the window."""
    duration = schedule.duration
    return [(aware(start), aware(start + duration)) for start in local_starts(schedule, window_start, window_end)]


def describe(schedule):
    """The schedule in words: "Chaque 2e mardi du mois, de 9 h à 12 h, jusqu'au 30 juin 2027"."""
    weekday = WEEKDAYS[schedule.start_date.weekday()]
    interval = max(1, int(schedule.interval or 1))
    if schedule.kind == Kind.NONE:
        text = "Le " + format_date(schedule.start_date)
        if schedule.end_date and schedule.end_date != schedule.start_date:
            text = f"Du {format_date(schedule.start_date)} au {format_date(schedule.end_date)}"
    elif schedule.kind == Kind.WEEKLY:
        if interval == 1:
            text = f"Chaque {weekday}"
        elif interval == 2:
            text = f"Un {weekday} sur deux"
        else:
            text = f"Toutes les {interval} semaines, le {weekday}"
    elif schedule.kind in (Kind.MONTHLY_NTH, Kind.MONTHLY_LAST):
        rank = "dernier" if schedule.kind == Kind.MONTHLY_LAST else ordinal(week_of_month(schedule.start_date))
        text = f"Chaque {rank} {weekday} du mois" if interval == 1 else f"Tous les {interval} mois, le {rank} {weekday}"
    else:
        text = "Selon un calendrier particulier"
    if schedule.all_day:
        text += ", toute la journée"
    elif schedule.start_time:
        end_time = schedule.end_time if (schedule.end_date or schedule.start_date) == schedule.start_date else None
        text += ", " + format_time_range(schedule.start_time, end_time)
    if schedule.recurring:
        if schedule.until:
            text += f", jusqu'au {format_date(schedule.until, weekday=False)}"
        elif schedule.count:
            text += f", {schedule.count} séances"
    return text

"""A week of opening hours for the organisation's admin form, written as OpenStreetMap `opening_hours`.

Each weekday is « Fermé », one or more time ranges, or « Sur rendez-vous » (`Th off "sur rendez-vous"`:
closed to walk-in visitors, so « ouvert maintenant » never shows it), plus « fermé les jours fériés »
(`PH off`). The raw expression stays available (« Saisie avancée »). A stored value is shown day by day
only when it is made of rules this widget writes; otherwise the raw field opens and says which rule.
Validity is the model's own validator (`directory/validators.py`, the opening-hours library); the
day and time patterns are the ones `finder/hours.py` words for visitors.
"""

import re

from django import forms

from directory.finder.hours import _DAY_RANGE, DAYS
from ess_site.typography import french

OSM_DAYS = list(DAYS)
DAY_LABELS = [name.capitalize() for name in DAYS.values()]
RANGES_PER_DAY = 3
CLOSED, OPEN, APPOINTMENT = "ferme", "horaires", "rendez-vous"
STATES = [(CLOSED, "Fermé"), (OPEN, "Horaires"), (APPOINTMENT, "Sur rendez-vous")]
APPOINTMENT_COMMENT = "sur rendez-vous"
WEEK, RAW = "semaine", "avance"

_TIMES = re.compile(r"^\d{2}:\d{2}-\d{2}:\d{2}(,\d{2}:\d{2}-\d{2}:\d{2})*$")
_RULE = re.compile(r'^(?P<days>\S+)(?:\s+(?P<what>off|closed|\S+))?(?:\s+"(?P<comment>[^"]*)")?$')


class NotAWeek(ValueError):
    """The value uses a rule the day-by-day widget cannot show (the message says which, in French)."""


def empty_week():
    return {"days": [{"state": CLOSED, "ranges": []} for _ in OSM_DAYS], "holidays_closed": False}


def _day_indexes(text):
    indexes = []
    for item in text.split(","):
        match = _DAY_RANGE.match(item)
        if not match:
            return None
        first, last = match.groups()
        start, end = OSM_DAYS.index(first), OSM_DAYS.index(last or first)
        if end < start:
            return None
        indexes.extend(range(start, end + 1))
    return indexes


def week_from_osm(value):
    """The widget's week for a stored expression; raises NotAWeek when a rule is beyond it."""
    week = empty_week()
    for rule in filter(None, (part.strip() for part in (value or "").split(";"))):
        if rule in ("PH off", "PH closed"):
            week["holidays_closed"] = True
            continue
        match = _RULE.match(rule)
        days = match and _day_indexes(match["days"])
        what, comment = (match["what"], match["comment"]) if match else (None, None)
        if days is None:
            raise NotAWeek(f"la règle «\u00a0{rule}\u00a0» ne nomme pas seulement des jours de la semaine")
        if comment is not None and comment.strip().lower() != APPOINTMENT_COMMENT:
            raise NotAWeek(
                f"la règle «\u00a0{rule}\u00a0» porte un commentaire autre que «\u00a0{APPOINTMENT_COMMENT}\u00a0»"
            )
        if comment is not None and what in (None, "off", "closed"):
            day = {"state": APPOINTMENT, "ranges": []}
        elif what in ("off", "closed"):
            day = {"state": CLOSED, "ranges": []}
        elif what and _TIMES.match(what) and comment is None:
            ranges = [tuple(span.split("-")) for span in what.split(",")]
            if len(ranges) > RANGES_PER_DAY:
                raise NotAWeek(f"la règle «\u00a0{rule}\u00a0» a plus de {RANGES_PER_DAY} plages horaires par jour")
            day = {"state": OPEN, "ranges": ranges}
        else:
            raise NotAWeek(f"la règle «\u00a0{rule}\u00a0» n'est pas une liste de jours suivie d'horaires")
        for index in days:
            week["days"][index] = dict(day)
    return week


def _day_rule(day):
    if day["state"] == APPOINTMENT:
        return f'off "{APPOINTMENT_COMMENT}"'
    if day["state"] == OPEN and day["ranges"]:
        return ",".join(f"{start}-{end}" for start, end in day["ranges"])
    return None


def _day_list(indexes):
    """[0, 1, 2, 3, 4, 6] -> "Mo-Fr,Su": runs of three days or more become ranges."""
    parts, run = [], [indexes[0]]
    for index in indexes[1:] + [None]:
        if index is not None and index == run[-1] + 1:
            run.append(index)
            continue
        if len(run) >= 3:
            parts.append(f"{OSM_DAYS[run[0]]}-{OSM_DAYS[run[-1]]}")
        else:
            parts.extend(OSM_DAYS[i] for i in run)
        run = [index]
    return ",".join(parts)


def osm_from_week(week):
    """The expression for a week; days alike share a rule (Mo-Fr 09:00-17:00). "" when every day is closed."""
    groups = {}
    for index, day in enumerate(week["days"]):
        rule = _day_rule(day)
        if rule:
            groups.setdefault(rule, []).append(index)
    rules = [f"{_day_list(indexes)} {rule}" for rule, indexes in groups.items()]
    if rules and week["holidays_closed"]:
        rules.append("PH off")
    return "; ".join(rules)


class OpeningHoursWidget(forms.Widget):
    """Per weekday: state and time ranges; « Saisie avancée »: the raw expression. Without JavaScript
    both are plain form controls; the radio « Jour par jour » / « Saisie avancée » says which one counts."""

    template_name = "directory/admin/widgets/opening_hours.html"

    class Media:
        js = ["js/admin-opening-hours.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        raw = value or ""
        try:
            week, reason = week_from_osm(raw), None
        except NotAWeek as error:
            week, reason = empty_week(), french(str(error))
        days = []
        for index, (code, label) in enumerate(zip(OSM_DAYS, DAY_LABELS, strict=True)):
            day = week["days"][index]
            slots = list(day["ranges"]) + [("", "")] * (RANGES_PER_DAY - len(day["ranges"]))
            days.append(
                {
                    "code": code,
                    "label": label,
                    "prefix": f"{name}-{code}",
                    "state": day["state"],
                    "ranges": [{"number": n, "start": s, "end": e} for n, (s, e) in enumerate(slots, start=1)],
                }
            )
        context["hours"] = {
            "raw": raw,
            "mode": RAW if reason else WEEK,
            "reason": reason,
            "days": days,
            "states": STATES,
            "holidays_closed": week["holidays_closed"],
            "WEEK": WEEK,
            "RAW": RAW,
            "OPEN": OPEN,
        }
        return context

    def value_from_datadict(self, data, files, name):
        if data.get(f"{name}-mode") != WEEK:
            return data.get(name, "")
        week = empty_week()
        week["holidays_closed"] = bool(data.get(f"{name}-PH"))
        for index, code in enumerate(OSM_DAYS):
            state = data.get(f"{name}-{code}-state", CLOSED)
            ranges = []
            for number in range(1, RANGES_PER_DAY + 1):
                start, end = data.get(f"{name}-{code}-{number}-start", ""), data.get(f"{name}-{code}-{number}-end", "")
                if start or end:
                    # An incomplete range stays visible in the stored text, so the validator refuses it.
                    ranges.append((start[:5] or "?", end[:5] or "?"))
            week["days"][index] = {"state": state, "ranges": ranges}
        return osm_from_week(week)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}-mode" not in data

"""Opening hours typed in plain French, turned into OpenStreetMap's `opening_hours` syntax.

Organisations updating their own entry write "du lundi au vendredi de 9 h à 12 h 30 et de 14 h à
17 h ; samedi de 10 h à 12 h ; fermé les jours fériés" rather than OSM's syntax. This parser reads the
common phrasings (one rule per line or per « ; »): day ranges and lists, « tous les jours », « en
semaine », « le week-end », times written 9 h, 9h30, 09:00 or « midi », « fermé », the public
holidays. An expression already in OSM syntax is kept as it is. Anything else is refused with a
French message, never guessed. `hours.describe()` writes the French this parser reads back.
"""

import re
import unicodedata

import opening_hours

OSM_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
_DAY_WORDS = {
    "lundi": 0,
    "lun": 0,
    "mardi": 1,
    "mar": 1,
    "mercredi": 2,
    "mer": 2,
    "jeudi": 3,
    "jeu": 3,
    "vendredi": 4,
    "ven": 4,
    "samedi": 5,
    "sam": 5,
    "dimanche": 6,
    "dim": 6,
}
_DAY = re.compile(r"\b(" + "|".join(sorted(_DAY_WORDS, key=len, reverse=True)) + r")s?\b\.?")
_RANGE_JOIN = re.compile(r"^\s*(au|a|-|–|jusqu'au|jusqu au)\s*$")
_TIME = re.compile(r"\b(\d{1,2})\s*(?:h|:|heures?)\s*(\d{2})?\b|\bmidi\b|\bminuit\b")
_HOLIDAYS = re.compile(r"(les\s+)?jours?\s+feries?")


class HoursError(ValueError):
    """The text could not be read; the message says why, in French, for the form."""


def _fold(text):
    text = unicodedata.normalize("NFKD", text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def _days(text):
    """OSM days ("Mo-Fr", "Mo,We") named in a clause, or "" when it names none."""
    if re.search(r"tous les jours|7\s*j\s*/\s*7|chaque jour", text):
        return "Mo-Su"
    if "en semaine" in text:
        return "Mo-Fr"
    if re.search(r"week-?end", text):
        return "Sa-Su"
    found = list(_DAY.finditer(text))
    if not found:
        return ""
    parts = []
    index = 0
    while index < len(found):
        first = _DAY_WORDS[found[index].group(1)]
        if index + 1 < len(found) and _RANGE_JOIN.match(text[found[index].end() : found[index + 1].start()]):
            last = _DAY_WORDS[found[index + 1].group(1)]
            parts.append(f"{OSM_DAYS[first]}-{OSM_DAYS[last]}")
            index += 2
        else:
            parts.append(OSM_DAYS[first])
            index += 1
    return ",".join(parts)


def _clock(match):
    word = match.group(0)
    if word == "midi":
        return 12, 0
    if word == "minuit":
        return 24, 0
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 24 or minute > 59:
        raise HoursError(f"«\u00a0{word.strip()}\u00a0» n'est pas une heure valable.")
    return hour, minute


def _times(text):
    clocks = [_clock(match) for match in _TIME.finditer(text)]
    if len(clocks) % 2:
        raise HoursError(
            "Chaque plage horaire a une heure de début et une heure de fin, par exemple «\u00a0de 9 h à 12 h\u00a0»."
        )
    spans = []
    for (h1, m1), (h2, m2) in zip(clocks[::2], clocks[1::2], strict=True):
        spans.append(f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}")
    return ",".join(spans)


def _clause(clause):
    """One French rule -> a list of OSM rules (a clause may end with « sauf les jours fériés »)."""
    text = _fold(clause).rstrip(".")
    rules = []
    holidays = _HOLIDAYS.search(text)
    if holidays and "sauf" in text[: holidays.start()]:
        text = text[: text.rindex("sauf", 0, holidays.start())] + text[holidays.end() :]
        rules.append("PH off")
        holidays = None
    closed = bool(re.search(r"\bfermee?s?\b", text))
    days = _days(text)
    if holidays:
        days = ",".join(filter(None, [days, "PH"]))
    times = "" if closed else _times(text)
    if not (days or times):
        raise HoursError(
            f"«\u00a0{clause.strip()}\u00a0»\u00a0: indiquez des jours ou des heures, par exemple «\u00a0du lundi au vendredi de 9 h à 17 h\u00a0»."
        )
    if closed:
        if not days:
            raise HoursError(f"«\u00a0{clause.strip()}\u00a0»\u00a0: précisez quels jours c'est fermé.")
        return [f"{days} off"] + rules
    if not times:
        raise HoursError(
            f"«\u00a0{clause.strip()}\u00a0»\u00a0: indiquez les heures, par exemple «\u00a0de 9 h à 12 h\u00a0»."
        )
    return [" ".join(filter(None, [days, times]))] + rules


def to_osm(text):
    """The OSM `opening_hours` expression for French text (or OSM syntax kept as is); "" for nothing.

    Raises HoursError with a French message when the text cannot be read."""
    text = (text or "").strip()
    if not text:
        return ""
    if opening_hours.validate(text):
        return text
    rules = []
    for clause in re.split(r"[;\n]+", text):
        if clause.strip(" .,"):
            rules.extend(rule for rule in _clause(clause) if rule not in rules)
    # Closing rules come last: in OSM a later rule overrides an earlier one for the same days.
    rules.sort(key=lambda rule: rule.endswith(" off"))
    value = "; ".join(rules)
    if not opening_hours.validate(value):
        raise HoursError(
            "Ces horaires n'ont pas pu être lus\u00a0: écrivez une règle par ligne, par exemple «\u00a0du lundi au vendredi de 9 h à 17 h\u00a0»."
        )
    return value

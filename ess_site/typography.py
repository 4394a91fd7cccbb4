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

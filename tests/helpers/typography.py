"""French typography of what people read: one checker for pages, mails, feeds and API messages.

A non-breaking space (U+00A0, or the narrow U+202F) goes before : ; ! ? and the closing », and after
the opening «. `typography_faults` lists every place where a breaking space, or no space, stands there
instead, in the visible text of a page (text nodes and the title, alt, aria-label and placeholder
attributes; not <script>, <style>, <code>, <pre>), leaving out URLs and times (09:00). Texts that come
from the database (editors' and visitors' content) and the French catalogues of Django and Wagtail are
not ours to fix: pass them as `ignore` / they are left out (`vendor_patterns`)."""

import gettext
import re
import warnings
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

NO_BREAK = "\u00a0\u202f"
HIDDEN = "\ufffc"  # stands for a left-out text: neither a space nor punctuation
SKIPPED_ELEMENTS = ("script", "style", "code", "pre", "template")
READ_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")
PUNCTUATION = ":;!?«»"

FAULT = re.compile(
    r"\s+(?<![" + NO_BREAK + r"])[:;!?»]"  # a breaking space before : ; ! ? »
    r"|«(?![" + NO_BREAK + r"])\s"  # a breaking space after «
    r"|(?<=[^\s" + NO_BREAK + HIDDEN + r"!?])[;!?»]"  # no space before ; ! ? » (?! and !! are fine)
    r"|(?<=[^\s" + NO_BREAK + HIDDEN + r"\d])[:](?!\d)"  # no space before : (09:00 is a time)
    r"|«(?=[^\s" + NO_BREAK + HIDDEN + r"])"  # no space after «
)
# Wagtail's admin headers join its own words with an English colon: "Nouveau: Événement".
WAGTAIL_HEADERS = re.compile(r"\b(?:Nouveau|Modification(?: de [^\n:]{1,60})?):(?= )")
# Technical values shown as examples, written as their format wants: an RFC 5545 rule, OpenStreetMap hours.
EXAMPLE = re.compile(r"\b[A-Z]+=[\w,;=]+|\b(?:Mo|Tu|We|Th|Fr|Sa|Su)\b[-\w,]* [\d:,-]+(?:; ?PH off)?")
URL = re.compile(r"(?:https?|mailto|tel|data|javascript):\S*|(?<![\w/])/[\w./%-]*\?\S*|\S+@\S+\.\w+")


def typography_faults(content, where="", ignore=(), html=True):
    """["where: …text before⟦ :⟧text after…", ...] for `content` (HTML, or plain text with html=False)."""
    texts = _visible_texts(content) if html else [("", content)]
    faults = []
    for place, text in texts:
        text = _hide(text, ignore)
        for match in FAULT.finditer(text):
            before = text[max(0, match.start() - 40) : match.start()].split("\n")[-1]
            after = text[match.end() : match.end() + 30].split("\n")[0]
            label = f"{where} {place}".strip()
            faults.append(f"{label}: …{before}⟦{match.group()}⟧{after}…".replace("\u00a0", "⍽").replace(HIDDEN, "▯"))
    return faults


def _visible_texts(html):
    with warnings.catch_warnings():
        # Feeds are XML: read with the HTML parser on purpose, for their text (lxml is not installed).
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "html.parser")
    for element in soup(SKIPPED_ELEMENTS):
        element.replace_with("\n")
    texts = [("", "".join(soup.strings))]
    for element in soup.find_all(True):
        for attribute in READ_ATTRIBUTES:
            if element.get(attribute):
                texts.append((f"[{element.name} {attribute}]", element[attribute]))
        if element.name == "meta" and element.get("name") == "description" and element.get("content"):
            texts.append(("[meta description]", element["content"]))
    return texts


def _hide(text, ignore):
    text = EXAMPLE.sub(HIDDEN, URL.sub(HIDDEN, text))
    text = WAGTAIL_HEADERS.sub(HIDDEN, text)
    for pattern in vendor_patterns():
        text = pattern.sub(HIDDEN, text)
    for piece in sorted(ignore, key=len, reverse=True):
        text = text.replace(piece, HIDDEN)
    return text


def texts_of(value):
    """The pieces of a stored value that a page may show: text nodes of HTML, lines of plain text,
    strings inside StreamField/JSON data; only those with punctuation (the others cannot be at fault)."""
    if isinstance(value, dict):
        return [piece for item in value.values() for piece in texts_of(item)]
    if isinstance(value, list | tuple):
        return [piece for item in value for piece in texts_of(item)]
    if not isinstance(value, str) or not any(mark in value for mark in PUNCTUATION):
        return []
    if "<" in value:
        pieces = BeautifulSoup(value, "html.parser").strings
    else:
        pieces = value.splitlines()
    return [piece.strip() for piece in pieces if piece.strip() and any(mark in piece for mark in PUNCTUATION)]


@cache
def vendor_patterns():
    """Django's and Wagtail's own French messages (and other installed apps'), out of our hands:
    their translations with a fault, as patterns (a placeholder matches any text)."""
    import django
    import wagtail

    patterns = []
    for package in (django, wagtail):
        for catalogue in Path(package.__file__).parent.glob("**/locale/fr/LC_MESSAGES/django.mo"):
            with catalogue.open("rb") as handle:
                messages = gettext.GNUTranslations(handle)._catalog.values()
            for message in messages:
                if not isinstance(message, str) or not FAULT.search(message):
                    continue
                parts = re.split(r"%\(\w+\)[sdi]|%[sdi]|\{\w*\}", message.strip())
                while parts and not parts[0].strip():
                    parts.pop(0)
                while parts and not parts[-1].strip():
                    parts.pop()
                if len(re.sub(r"\W", "", "".join(parts))) < 6:  # too short to be told from our own text
                    continue
                patterns.append(re.compile("[^\n]{1,80}?".join(re.escape(part) for part in parts)))
    return patterns

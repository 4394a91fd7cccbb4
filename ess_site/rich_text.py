"""Rich text that did not come from the editor: plain text made into paragraphs, HTML whitelisted.

Wagtail's Draftail editor can only produce what a field's features allow. Text from elsewhere (an
import, a script, a fixture) goes through the same rules here: Wagtail's own whitelist for database
rich text (`DbHTMLConverter`, the converter rules of the field's features: unknown elements
unwrapped, attributes dropped, `javascript:` links removed), then inline content left at the top
level is wrapped in paragraphs, so the editor opens it (an unmatched or stray tag used to give the
admin form a 500).
"""

import functools
import re

from bs4 import BeautifulSoup, NavigableString
from django.utils.html import escape

BLOCK_ELEMENTS = {"p", "ul", "ol", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr", "embed"}
TAG = re.compile(r"</?[a-zA-Z!]")  # as browsers read it: "a < b" is text
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@functools.lru_cache(maxsize=16)
def _converter(features):
    # Imported late: Wagtail's converters load the Page model, and models import this module.
    from wagtail.admin.rich_text.converters.db_html import DbHTMLConverter

    return DbHTMLConverter(list(features) if features is not None else None)


def clean_rich_text(html, features=None):
    """`html` limited to what a rich text field with these `features` allows (Wagtail's whitelist),
    every piece of inline content inside a paragraph."""
    if not html or not html.strip():
        return ""
    cleaned, _removals = _converter(tuple(features) if features is not None else None).clean(html)
    return _wrap_inline(cleaned)


def _wrap_inline(html):
    soup = BeautifulSoup(html, "html.parser")
    for nested in [p for p in soup.find_all("p") if p.find_parent("p")]:
        nested.unwrap()
    paragraph = None
    for node in list(soup.contents):
        if getattr(node, "name", None) in BLOCK_ELEMENTS:
            paragraph = None
            continue
        if isinstance(node, NavigableString) and not node.strip() and paragraph is None:
            node.extract()  # whitespace between blocks
            continue
        if paragraph is None:
            paragraph = soup.new_tag("p")
            node.insert_before(paragraph)
        paragraph.append(node.extract())
    for empty in [p for p in soup.find_all("p") if not p.get_text(strip=True) and not p.find(["br", "embed"])]:
        empty.decompose()
    return soup.decode(formatter=escape).strip()


def text_to_rich_text(text):
    """Plain text as rich text: escaped, blank lines make paragraphs, single line breaks `<br/>`."""
    paragraphs = []
    for block in PARAGRAPH_BREAK.split((text or "").replace("\r\n", "\n").replace("\r", "\n").strip()):
        lines = [escape(line.strip()) for line in block.split("\n") if line.strip()]
        if lines:
            paragraphs.append(f"<p>{'<br/>'.join(lines)}</p>")
    return "".join(paragraphs)


def rich_text_from_import(value, features=None):
    """An imported value: HTML (it has tags) through the whitelist, otherwise text made into paragraphs."""
    if TAG.search(value or ""):
        return clean_rich_text(value, features)
    return text_to_rich_text(value)

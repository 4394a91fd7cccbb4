import re

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

from directory.exchange.sizes import export_size_label
from directory.models.glossary import explained_acronyms

register = template.Library()


@register.simple_tag
def export_size(file_format, total):
    """The approximate size of the finder's export of `total` results ("environ 12 ko")."""
    return export_size_label(file_format, total)


@register.filter
def abbreviations(text):
    """The text, escaped, with each acronym editors explained (Annuaire > Sigles et graphies) in an
    `<abbr title="expansion">`: « ACTA VISTA (ACI) » says what an ACI is."""
    text = conditional_escape(text or "")
    entries = {term: expansion for term, expansion, _ in explained_acronyms()}
    if not entries or not text:
        return mark_safe(text)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(term) for term in sorted(entries, key=len, reverse=True)) + r")(?![\w-])"
    )
    return mark_safe(
        pattern.sub(lambda match: f'<abbr title="{escape(entries[match.group(1)])}">{match.group(1)}</abbr>', text)
    )

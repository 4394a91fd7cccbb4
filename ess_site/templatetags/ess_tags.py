import re

from django import template

register = template.Library()


@register.filter
def tel_href(number):
    """A phone number as written for people ("04 91 55 11 11") turned into a tel: target."""
    number = str(number or "")
    digits = re.sub(r"[^\d+]", "", number)
    if digits.startswith("0") and len(digits) == 10:
        digits = "+33" + digits[1:]
    return digits


@register.simple_tag
def nav_current(item, page):
    """aria-current value for a main navigation item: "page" on itself, "true" inside its section."""
    if page is None or not getattr(page, "path", None):
        return ""
    if page.pk == item.pk:
        return "page"
    if page.path.startswith(item.path):
        return "true"
    return ""


@register.simple_tag
def breadcrumb_trail(*urls_and_labels):
    """Breadcrumb items below the page, for includes/breadcrumbs.html: (url, label, url, label…) as pairs."""
    return list(zip(urls_and_labels[::2], urls_and_labels[1::2], strict=True))

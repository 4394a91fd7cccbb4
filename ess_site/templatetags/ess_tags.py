import re

from django import template
from django.utils.html import format_html

from ess_site.models import SiteSettings
from ess_site.public_url import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's address on the public site (SITE_URL), whatever host the request named."""
    request = context.get("request")
    return absolute_url(request.path, request) if request is not None else ""


def demo_content_on(context):
    request = context.get("request")
    return request is not None and SiteSettings.for_request(request).demo_content


@register.simple_tag(takes_context=True)
def example_mark(context, item):
    """« exemple » next to an item written as an example, while the site shows demonstration content."""
    if getattr(item, "is_example", False) and demo_content_on(context):
        return format_html('<span class="example-mark">{}</span>', "exemple")
    return ""


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

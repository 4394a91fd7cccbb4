import re

from django import template
from django.utils.html import format_html

from ess_site.accessibility import conformity
from ess_site.images import alternative_text
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
        return format_html('<span class="example-mark">{}</span>', getattr(item, "example_label", "exemple"))
    return ""


@register.filter
def alt_for(image, alt):
    """{% image page.image width-960 alt=page.image|alt_for:page.image_alt %}: the one rule of
    ess_site/images.py (the text beside the image, else the image's description)."""
    return alternative_text(image, alt)


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


# Forms (RGAA 11.10): each error sits by its field, the field refers to it (aria-describedby, with its
# help text) and says it is invalid (aria-invalid); a summary at the top of the form links to each field.
# The ids are derived from the widget's id, so they always exist on the page.


def help_id(field_id):
    return f"{field_id}-aide"


def error_id(field_id):
    return f"{field_id}-erreur"


@register.filter
def field_help_id(field):
    return help_id(field.id_for_label)


@register.filter
def field_error_id(field):
    return error_id(field.id_for_label)


@register.simple_tag
def described_widget(field, **attrs):
    """The field's widget, pointing at its help text and its errors (ids of includes/form_field.html)."""
    described_by = []
    if field.help_text:
        described_by.append(help_id(field.id_for_label))
    if field.errors:
        described_by.append(error_id(field.id_for_label))
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.simple_tag
def form_errors(form, *field_names):
    """The errors of a bound form for includes/error_summary.html: [{"id", "label", "message"}], in field
    order (only `field_names` when given); errors of the whole form have no field to link to."""
    if not form.is_bound or not form.errors:
        return []
    summary = [{"id": "", "label": "", "message": message} for message in form.non_field_errors()]
    for field in form:
        if field_names and field.name not in field_names:
            continue
        for message in field.errors:
            summary.append({"id": field.id_for_label, "label": field.label, "message": message})
    return summary


@register.simple_tag
def field_error(field_id, label, message):
    """One error of a field that is not a Django form field, for includes/error_summary.html."""
    return [{"id": field_id, "label": label, "message": message}] if message else []


# The accessibility audit (ess_site/accessibility.py) for the statement and the footer.


@register.simple_tag
def accessibility_conformity():
    return conformity()


@register.filter
def page_title(audit, code):
    return audit.page_title(code)

from django import template

from directory.exchange.sizes import export_size_label

register = template.Library()


@register.simple_tag
def export_size(file_format, total):
    """The approximate size of the finder's export of `total` results ("environ 12 ko")."""
    return export_size_label(file_format, total)

"""Form widgets rendered in Python where Django's template rendering costs too much for a page
served on every request."""

from django import forms
from django.utils.html import format_html, format_html_join


def html_attributes(attrs):
    """Attributes in Django's widget markup (django/forms/widgets/attrs.html): in their order,
    True as a bare name, False left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class PlainSelect(forms.Select):
    """A <select> with the same markup as Django's, rendered without a template per option: a public
    filter form lists every structure and arrondissement on each request (agenda, permanences).
    Grouped choices (optgroups) go through Django's templates as usual."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        wanted = set(self.format_value(value))
        options, selected_one = [], False
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            # Like Django's Select: only the first matching option is selected, unless it is multiple.
            selected = option_value in wanted and (self.allow_multiple_selected or not selected_one)
            selected_one = selected_one or selected
            options.append((option_value, " selected" if selected else "", label))
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            html_attributes(self.build_attrs(self.attrs, attrs)),
            format_html_join("\n", '<option value="{}"{}>{}</option>', options),
        )

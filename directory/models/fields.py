"""Model fields of the directory with French behaviour: web addresses, lists of fixed codes."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from directory import validators


class WebAddressField(models.URLField):
    """A web address checked once, in French: Django's URLValidator message would repeat ours."""

    default_validators = [validators.validate_web_url]

    def formfield(self, **kwargs):
        # An editor typing "exemple.fr" gets https://exemple.fr.
        defaults = {"error_messages": {"invalid": validators.WEB_URL_MESSAGE}, "assume_scheme": "https"}
        return super().formfield(**{**defaults, **kwargs})


class MultipleChoiceListField(models.JSONField):
    """A list of codes from a fixed choice list, stored as JSON, edited as checkboxes.

    A JSON list rather than a table: the list is fixed, short, and the same on SQLite and PostgreSQL.
    """

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {code for code, _ in self.item_choices}
        unknown = [v for v in value or [] if v not in allowed]
        if unknown:
            raise ValidationError(f"Valeur inconnue\u00a0: {', '.join(map(str, unknown))}.", code="invalid_choice")

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.item_choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

"""The alerts' subscription form: what to follow, then the address; a honeypot against robots."""

from django import forms

from agenda.models import EventType
from agenda.selectors import organisers_with_events
from directory.models import Organisation, Sector
from geography import ARRONDISSEMENT_CHOICES


class SubscriptionForm(forms.Form):
    events = forms.BooleanField(
        label="Les nouveaux rendez-vous\u00a0: permanences, ateliers, réunions…", required=False
    )
    event_organiser = forms.ModelChoiceField(
        label="Seulement ceux d'un organisateur (facultatif)",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Tous les organisateurs",
    )
    event_type = forms.ChoiceField(
        label="Seulement un type de rendez-vous (facultatif)",
        choices=[("", "Tous les types")] + list(EventType.choices),
        required=False,
    )
    structures = forms.BooleanField(label="Les nouvelles structures de l'annuaire", required=False)
    arrondissements = forms.TypedMultipleChoiceField(
        label="Seulement dans ces arrondissements (facultatif)",
        choices=ARRONDISSEMENT_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sectors = forms.ModelMultipleChoiceField(
        label="Seulement dans ces filières (facultatif)",
        queryset=Sector.objects.order_by("label"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    email = forms.EmailField(
        label="Votre courriel",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="Un courriel de confirmation vous sera envoyé\u00a0: rien n'est envoyé d'autre tant que vous n'avez pas confirmé.",
        error_messages={
            "required": "Indiquez l'adresse où recevoir les alertes.",
            "invalid": "Saisissez une adresse de courriel valide, par exemple nom@exemple.fr.",
        },
    )
    website = forms.CharField(
        label="Ne pas remplir ce champ",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event_organiser"].queryset = (
            Organisation.objects.public().filter(pk__in=organisers_with_events()).only("name")
        )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Ce champ doit rester vide.")
        return ""

    def clean(self):
        data = super().clean()
        if not (data.get("events") or data.get("structures")):
            raise forms.ValidationError(
                "Choisissez au moins une alerte\u00a0: les nouveaux rendez-vous ou les nouvelles structures."
            )
        return data

"""The public "Signaler une erreur" form: short, labelled, with a honeypot against robots."""

from django import forms

from ess_site.typography import french


class CorrectionForm(forms.Form):
    message = forms.CharField(
        label="Qu'est-ce qui est inexact ou manquant ?",
        max_length=3000,
        min_length=10,
        help_text=french(
            "10 caractères au moins, 3 000 au plus. Par exemple : nouvelle adresse, horaires, téléphone. "
            "N'indiquez pas de données personnelles sensibles."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Décrivez l'erreur à corriger.",
            "min_length": "Décrivez l'erreur en quelques mots (10 caractères au moins).",
            "max_length": "Votre message est trop long (3 000 caractères au plus).",
        },
    )
    contact_name = forms.CharField(
        label="Votre nom (facultatif)",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label="Votre courriel (facultatif, pour vous répondre)",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "Saisissez une adresse de courriel valide, par exemple nom@exemple.fr."},
    )
    # Hidden from people (CSS and aria-hidden); robots fill every field they find.
    website = forms.CharField(
        label="Ne pas remplir ce champ",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                french(
                    "Ce champ doit rester vide : videz-le puis renvoyez le formulaire (votre message est conservé ci-dessous)."
                )
            )
        return ""

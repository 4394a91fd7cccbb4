"""Public forms of the directory: "Signaler une erreur" (honeypot against robots) and an organisation's own update form."""

from django import forms
from django.core.exceptions import ValidationError

from directory import validators
from directory.models import ProposerRelation, Sector, SupportService
from directory.models.services import ARRONDISSEMENT_CODES, SHEET_FIELDS, Area, Cost, Mobilisation, described_values
from ess_site.typography import french

from . import hours_input


class CorrectionForm(forms.Form):
    message = forms.CharField(
        label="Qu'est-ce qui est inexact ou manquant\u00a0?",
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


def _clean_phone(value):
    value = value.strip()
    if not value:
        return ""
    try:
        validators.validate_phone(value)
        return validators.normalise_phone(value)
    except ValidationError:
        raise ValidationError("Saisissez un numéro de téléphone français, par exemple 04 91 00 00 00.") from None


def _clean_postcode(value):
    value = value.strip()
    if value:
        try:
            validators.validate_postcode(value)
        except ValidationError:
            raise ValidationError("Saisissez un code postal de 5 chiffres, par exemple 13001.") from None
    return value


class OrganisationUpdateForm(forms.Form):
    """What an organisation changes in its own entry, opened from its update link."""

    short_description = forms.CharField(
        label="Présentation courte",
        max_length=280,
        required=False,
        help_text="Une phrase, 280 caractères au plus.",
    )
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=french("Texte simple, 5 000 caractères au plus ; une ligne vide sépare deux paragraphes."),
    )
    email = forms.EmailField(
        label="Courriel de contact",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=french(
            "Publié sur la fiche ; c'est aussi à cette adresse que partiront les prochains liens de mise à jour."
        ),
        error_messages={"invalid": "Saisissez une adresse de courriel valide, par exemple nom@exemple.fr."},
    )
    phone = forms.CharField(
        label="Téléphone",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        help_text="Par exemple 04 91 00 00 00.",
    )
    website = forms.URLField(
        label="Site web",
        max_length=300,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
        help_text="Adresse complète, par exemple https://exemple.fr.",
        error_messages={"invalid": "Saisissez une adresse web valide, par exemple https://exemple.fr."},
    )
    address = forms.CharField(
        label="Adresse (numéro et voie)",
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    address_complement = forms.CharField(
        label="Complément d'adresse",
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    postcode = forms.CharField(
        label="Code postal",
        max_length=5,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        help_text="5 chiffres.",
    )
    city = forms.CharField(
        label="Commune",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    opening_hours = forms.CharField(
        label="Horaires d'ouverture",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=french(
            "En toutes lettres, une règle par ligne. Par exemple : « du lundi au vendredi de 9 h à 12 h 30 "
            "et de 14 h à 17 h », « samedi de 10 h à midi », « fermé les jours fériés »."
        ),
    )
    support_services = forms.ModelMultipleChoiceField(
        label="Services d'accompagnement proposés",
        queryset=SupportService.objects.order_by("label"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label="Un mot pour la rédaction (facultatif)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="2 000 caractères au plus\u00a0; il n'est pas publié.",
    )

    def __init__(self, *args, initial=None, **kwargs):
        initial = dict(initial or {})
        for slug, values in (initial.pop("service_sheets", None) or {}).items():
            initial.update({f"sheet-{slug}-{name}": value for name, value in values.items()})
        super().__init__(*args, initial=initial, **kwargs)
        self.sheet_groups = []  # [(service, [bound fields])]: one « décrire ce service » group each
        for service in self.fields["support_services"].queryset:
            names = []
            for name, field in sheet_form_fields(service).items():
                self.fields[f"sheet-{service.slug}-{name}"] = field
                names.append(f"sheet-{service.slug}-{name}")
            self.sheet_groups.append((service, names))

    def sheet_fields(self):
        return [(service, [self[name] for name in names]) for service, names in self.sheet_groups]

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])

    def clean_postcode(self):
        return _clean_postcode(self.cleaned_data["postcode"])

    def clean_opening_hours(self):
        try:
            return hours_input.to_osm(self.cleaned_data["opening_hours"])
        except hours_input.HoursError as error:
            raise ValidationError(french(str(error))) from None

    def proposed_values(self):
        """The submitted values in the shape of `update_links.current_values` (services: slugs)."""
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in data
            if name not in ("support_services", "note") and not name.startswith("sheet-")
        }
        values["support_services"] = sorted(service.slug for service in data["support_services"])
        values["service_sheets"] = described_values(
            {
                slug: {name: _sheet_value(name, data.get(f"sheet-{slug}-{name}")) for name in SHEET_FIELDS}
                for slug in values["support_services"]
            }
        )
        return values

    def clean(self):
        data = super().clean()
        for service, _names in self.sheet_groups:
            prefix = f"sheet-{service.slug}-"
            if data.get(prefix + "area") == Area.ARRONDISSEMENTS and not data.get(prefix + "arrondissements"):
                self.add_error(
                    prefix + "arrondissements", "Cochez au moins un arrondissement, ou choisissez une autre zone."
                )
        return data


def _sheet_value(name, value):
    if isinstance(value, list | tuple):
        return sorted(value, key=str)
    return (value or "").strip()


def sheet_form_fields(service):
    """The fields describing one service in the update form (labels name the service: one page, many)."""
    about = f" ({service.label})"
    return {
        "audience_details": forms.CharField(
            label="Pour qui" + about, required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
        ),
        "access_conditions": forms.CharField(
            label="Conditions d'accès" + about,
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 2}),
        ),
        "cost": forms.ChoiceField(label="Coût" + about, choices=Cost.choices, required=False),
        "cost_details": forms.CharField(label="Précisions sur le coût" + about, required=False, max_length=255),
        "mobilisation": forms.MultipleChoiceField(
            label="Comment le demander" + about,
            choices=Mobilisation.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        ),
        "mobilisation_details": forms.CharField(
            label="Précisions pour le demander" + about,
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text="Numéro, jours, pièces à apporter…",
        ),
        "area": forms.ChoiceField(label="Zone couverte" + about, choices=Area.choices, required=False),
        "arrondissements": forms.MultipleChoiceField(
            label="Arrondissements couverts" + about,
            choices=ARRONDISSEMENT_CODES,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        ),
    }


class ProposalForm(forms.Form):
    """/annuaire/proposer/: a structure a visitor would like to see in the directory."""

    name = forms.CharField(
        label="Nom de la structure", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "organization"})
    )
    activity = forms.CharField(
        label="Ce qu'elle fait",
        max_length=2000,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="20 caractères au moins\u00a0: son activité, ses publics, ce qui la rattache à l'économie sociale et solidaire.",
        error_messages={"min_length": "Décrivez son activité en une ou deux phrases (20 caractères au moins)."},
    )
    sector = forms.ModelChoiceField(
        label="Filière (facultatif)",
        queryset=Sector.objects.order_by("label"),
        required=False,
        empty_label="Je ne sais pas",
    )
    address = forms.CharField(label="Adresse (facultatif)", max_length=255, required=False)
    postcode = forms.CharField(
        label="Code postal (facultatif)",
        max_length=5,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text="5 chiffres.",
    )
    structure_website = forms.URLField(
        label="Son site web (facultatif)",
        max_length=300,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Saisissez une adresse web valide, par exemple https://exemple.fr."},
    )
    structure_email = forms.EmailField(
        label="Son courriel de contact (facultatif)",
        required=False,
        error_messages={"invalid": "Saisissez une adresse de courriel valide, par exemple nom@exemple.fr."},
    )
    structure_phone = forms.CharField(label="Son téléphone (facultatif)", max_length=20, required=False)
    relation = forms.ChoiceField(
        label="Votre lien avec cette structure",
        choices=ProposerRelation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Dites quel est votre lien avec cette structure."},
    )
    proposer_email = forms.EmailField(
        label="Votre courriel (facultatif)",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="Seulement pour vous dire si la structure est ajoutée\u00a0; effacé une fois la réponse envoyée.",
        error_messages={"invalid": "Saisissez une adresse de courriel valide, par exemple nom@exemple.fr."},
    )
    website = CorrectionForm.base_fields["website"]
    clean_website = CorrectionForm.clean_website

    def clean_postcode(self):
        return _clean_postcode(self.cleaned_data["postcode"])

    def clean_structure_phone(self):
        return _clean_phone(self.cleaned_data["structure_phone"])

"""The agenda's filters (/agenda/ and /agenda/agenda.ics): a form whose invalid fields are reported, never fatal."""

from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.db.models import Q

from ess_site.form_widgets import PlainSelect
from ess_site.typography import french
from ess_site.visibility import visible_to_public
from geography import ARRONDISSEMENT_CHOICES

from .models import Audience, EventPage, EventType
from .recurrence import PARIS

MAX_RANGE_DAYS = 366


class AgendaFilterForm(forms.Form):
    type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Tous les types")] + EventType.choices, widget=PlainSelect
    )
    public = forms.ChoiceField(
        label="Public", required=False, choices=[("", "Tous les publics")] + Audience.choices, widget=PlainSelect
    )
    arrondissement = forms.TypedChoiceField(
        label="Arrondissement",
        required=False,
        coerce=int,
        empty_value=None,
        widget=PlainSelect,
        choices=[("", "Tous")] + [(str(n), label) for n, label in ARRONDISSEMENT_CHOICES],
    )
    organisateur = forms.ChoiceField(label="Organisateur", required=False, widget=PlainSelect)
    du = forms.DateField(
        label="Du",
        required=False,
        help_text="Une date entre 2000 et 2100.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    au = forms.DateField(
        label="Au",
        required=False,
        help_text=french("Le jour de « Du » ou après, un an au plus après lui."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    gratuit = forms.BooleanField(label="Gratuit uniquement", required=False)
    en_ligne = forms.BooleanField(label="En ligne", required=False)

    def __init__(self, data=None, organisers=(), **kwargs):
        super().__init__(data, **kwargs)
        # `organisers`: (slug, name) pairs (organiser_choices).
        self.fields["organisateur"].choices = [("", "Tous les organisateurs"), *organisers]
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"filtre-{name}")

    def clean(self):
        cleaned = super().clean()
        for name in ("du", "au"):
            value = cleaned.get(name)
            if value and not 2000 <= value.year <= 2100:
                self.add_error(name, "Choisissez une date entre 2000 et 2100.")
                cleaned.pop(name, None)
        start, end = cleaned.get("du"), cleaned.get("au")
        if start and end and end < start:
            self.add_error("au", "La date de fin est avant la date de début.")
            cleaned.pop("au", None)
        if start and end and (end - start).days > MAX_RANGE_DAYS:
            self.add_error("au", "Choisissez une période d'un an au plus.")
            cleaned.pop("au", None)
        return cleaned

    @property
    def valid_data(self):
        """The fields that passed validation (an invalid one is reported and ignored)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}

    @property
    def active_count(self):
        """How many filters are set (the « Filtrer (n) » button of small screens)."""
        return sum(value not in (None, "", False) for value in self.valid_data.values())

    @property
    def active(self):
        return bool(self.active_count)

    def apply(self, occurrences):
        data = self.valid_data
        if data.get("type"):
            occurrences = occurrences.filter(event__event_type=data["type"])
        if data.get("public"):
            occurrences = occurrences.filter(event__audience=data["public"])
        if data.get("arrondissement"):
            number = data["arrondissement"]
            occurrences = occurrences.filter(
                Q(event__place__arrondissement=number)
                | Q(event__place__isnull=True, event__place_arrondissement=number)
            )
        if data.get("organisateur"):
            occurrences = occurrences.filter(event__organiser__slug=data["organisateur"])
        if data.get("du"):
            occurrences = occurrences.filter(end__gte=datetime.combine(data["du"], time.min, tzinfo=PARIS))
        if data.get("au"):
            occurrences = occurrences.filter(
                start__lt=datetime.combine(data["au"] + timedelta(days=1), time.min, tzinfo=PARIS)
            )
        if data.get("gratuit"):
            occurrences = occurrences.filter(event__is_free=True)
        if data.get("en_ligne"):
            occurrences = occurrences.filter(~Q(event__online_url=""))
        return occurrences

    def querystring(self):
        """The valid filters as a query string (for pagination and the iCal feed link)."""
        pairs = []
        for name, value in self.valid_data.items():
            if value in (None, "", False):
                continue
            pairs.append(
                (name, "1" if value is True else (value.isoformat() if hasattr(value, "isoformat") else value))
            )
        return urlencode(pairs)


class PermanenceFilterForm(forms.Form):
    """The permanences of one arrondissement (where they take place), of one structure, of one week."""

    arrondissement = AgendaFilterForm.base_fields["arrondissement"]
    organisateur = forms.ChoiceField(label="Structure", required=False, widget=PlainSelect)
    semaine = forms.DateField(
        label="Semaine du",
        required=False,
        help_text="Un jour de la semaine voulue.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, data=None, organisers=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["organisateur"].choices = [("", "Toutes les structures"), *organisers]
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"filtre-{name}")

    def clean_semaine(self):
        value = self.cleaned_data.get("semaine")
        if value and not 2000 <= value.year <= 2100:
            raise forms.ValidationError("Choisissez une date entre 2000 et 2100.")
        return value

    valid_data = AgendaFilterForm.valid_data
    active_count = AgendaFilterForm.active_count
    active = AgendaFilterForm.active
    querystring = AgendaFilterForm.querystring

    @property
    def week(self):
        """(start, end) of the chosen week, Monday 00:00 to the next Monday in Paris time, or None."""
        day = self.valid_data.get("semaine")
        if not day:
            return None
        monday = day - timedelta(days=day.weekday())
        start = datetime.combine(monday, time.min, tzinfo=PARIS)
        return start, datetime.combine(monday + timedelta(days=7), time.min, tzinfo=PARIS)

    def apply(self, events):
        data = self.valid_data
        if data.get("arrondissement"):
            number = data["arrondissement"]
            events = events.filter(Q(place__arrondissement=number) | Q(place__isnull=True, place_arrondissement=number))
        if data.get("organisateur"):
            events = events.filter(organiser__slug=data["organisateur"])
        return events


def organisers_with_events(event_type=None):
    # The directory sits above the agenda: its model is reached through the event's foreign key.
    Organisation = EventPage._meta.get_field("organiser").related_model  # noqa: N806
    events = visible_to_public(EventPage.objects.filter(organiser__isnull=False))
    if event_type:
        events = events.filter(event_type=event_type)
    organisers = events.values("organiser_id")
    return Organisation.objects.public().filter(pk__in=organisers).only("slug", "name").order_by("name")


# The structures the filters offer, read on every agenda and permanences request: cached, forgotten
# whenever an event or a structure is saved, published, unpublished, moved or deleted or a view
# restriction changes (agenda/signals.py) or a directory import has written structures in bulk
# (directory/exchange/importers.py::reindex), and recomputed at least this often.
ORGANISER_CHOICES_KEY = "ess:agenda:organisers:{event_type}"
ORGANISER_CHOICES_SECONDS = 60


def organiser_choices(event_type=None):
    """[(slug, name)] of organisers_with_events(event_type), through the cache."""
    return cache.get_or_set(
        ORGANISER_CHOICES_KEY.format(event_type=event_type or "all"),
        lambda: list(organisers_with_events(event_type).values_list("slug", "name")),
        ORGANISER_CHOICES_SECONDS,
    )


def forget_organiser_choices(**kwargs):
    cache.delete_many([ORGANISER_CHOICES_KEY.format(event_type=kind) for kind in ["all", *EventType.values]])

"""Events: the agenda index at /agenda/, event pages, and their materialised occurrences."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ess_site.blocks import BodyBlock
from ess_site.files import size_label
from ess_site.images import ALT_TEXT_HELP, ALT_TEXT_MISSING, alternative_text
from ess_site.panels import WordedInlinePanel
from ess_site.sections import Section
from geography import ARRONDISSEMENT_CHOICES

from . import recurrence
from .formatting import format_date, format_time, format_time_range
from .forms import EventPageForm
from .ical import event_calendar, ics_response
from .recurrence import Kind, RecurrenceError, Schedule


class EventType(models.TextChoices):
    PERMANENCE = "permanence", "Permanence"
    TRAINING = "formation-collective", "Formation collective"
    WORKSHOP = "atelier", "Atelier"
    INFO_MEETING = "reunion-information", "Réunion d'information"
    MEETUP = "rencontre", "Rencontre"


class Audience(models.TextChoices):
    EVERYONE = "tout-public", "Tout public"
    PROJECT_HOLDERS = "porteurs-de-projet", "Porteurs de projet"
    ORGANISATIONS = "structures-ess", "Structures de l'ESS"
    ASSOCIATIONS = "associations", "Associations"
    JOB_SEEKERS = "demandeurs-emploi", "Personnes en recherche d'emploi"


RECURRENCE_HELP = (
    "Une permanence qui revient régulièrement se saisit une seule fois. La date de début est la première séance\u00a0: "
    "elle fixe le jour de la semaine et, pour une répétition mensuelle, le rang (une première séance le 2e mardi "
    "d'un mois donne «\u00a0chaque 2e mardi du mois\u00a0»). Terminez la répétition par une date («\u00a0jusqu'au\u00a0») ou par un "
    "nombre de séances, ou laissez les deux vides pour une répétition sans fin. Les jours sans séance (vacances, "
    "jours fériés) s'ajoutent en «\u00a0dates annulées\u00a0»."
)


class EventIndexPage(RoutablePageMixin, Page):
    intro = models.TextField("introduction", blank=True, max_length=600)
    permanences_intro = models.TextField(
        "introduction de la page des permanences",
        blank=True,
        max_length=600,
        help_text="Affichée en tête de /agenda/permanences/. Ne nommez que les structures qui tiennent "
        "réellement des permanences publiées dans l'agenda.",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("permanences_intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "agenda"

    # The routes import their views when served: views.py imports these models at its top.
    def sections(self):
        """The agenda's views that are not pages of their own, for the sitemap and the site search."""
        return [
            Section(
                "Les permanences",
                self.url + self.reverse_subpage("permanences"),
                "Les permanences d'accueil des porteurs de projet, structure par structure, avec leurs prochaines dates.",
                ("permanence", "accompagnement", "rendez-vous"),
                self.pk,
            ),
            Section(
                "Le calendrier du mois",
                self.url + self.reverse_subpage("calendar"),
                "Les rendez-vous du mois, jour par jour, dans un calendrier.",
                ("calendrier", "mois", "date"),
                self.pk,
            ),
            Section(
                "Les archives de l'agenda",
                self.url + self.reverse_subpage("archives"),
                "Les événements passés.",
                ("archives", "passé", "ancien"),
                self.pk,
            ),
        ]

    @path("", name="agenda")
    def agenda(self, request):
        from .views import agenda_context

        return self.render(request, context_overrides=agenda_context(self, request))

    @path("permanences/", name="permanences")
    def permanences(self, request):
        from .views import permanences_context

        return self.render(
            request, template="events/permanences.html", context_overrides=permanences_context(self, request)
        )

    @re_path(r"^calendrier/(?P<year>\d{4})/(?P<month>\d{2})/$", name="month")
    def month(self, request, year, month):
        from .views import month_context

        return self.render(
            request, template="events/month.html", context_overrides=month_context(self, request, int(year), int(month))
        )

    @path("calendrier/", name="calendar")
    def current_month(self, request):
        today = timezone.localdate()
        return redirect(
            self.url
            + self.reverse_subpage("month", kwargs={"year": f"{today.year:04d}", "month": f"{today.month:02d}"})
        )

    @path("archives/", name="archives")
    def archives(self, request):
        from .views import archives_context

        return self.render(request, template="events/archives.html", context_overrides=archives_context(self, request))


class EventPage(RoutablePageMixin, Page):
    event_type = models.CharField("type", max_length=30, choices=EventType.choices, default=EventType.PERMANENCE)
    intro = models.TextField(
        "présentation courte",
        max_length=400,
        help_text="Deux phrases\u00a0: à qui s'adresse le rendez-vous et ce qu'on y fait.",
    )
    start_date = models.DateField("date de la première séance")
    start_time = models.TimeField(
        "heure de début", null=True, blank=True, help_text="Heure de Marseille (Europe/Paris)."
    )
    end_time = models.TimeField("heure de fin", null=True, blank=True)
    end_date = models.DateField(
        "date de fin",
        null=True,
        blank=True,
        help_text="Seulement pour un événement sur plusieurs jours\u00a0; vide\u00a0: le même jour.",
    )
    all_day = models.BooleanField("toute la journée", default=False)

    recurrence = models.CharField(
        "répétition", max_length=20, choices=Kind.CHOICES, default=Kind.NONE, help_text=RECURRENCE_HELP
    )
    recurrence_interval = models.PositiveSmallIntegerField(
        "intervalle",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="1\u00a0: chaque semaine (ou chaque mois)\u00a0; 2\u00a0: une semaine (ou un mois) sur deux…",
    )
    recurrence_rule = models.CharField(
        "règle personnalisée",
        max_length=200,
        blank=True,
        help_text="Seulement pour «\u00a0règle personnalisée\u00a0». Exemple\u00a0: FREQ=WEEKLY;BYDAY=TU,TH (chaque mardi et jeudi). "
        "Sans UNTIL ni COUNT\u00a0: utilisez les champs ci-dessous.",
    )
    recurrence_until = models.DateField("jusqu'au (inclus)", null=True, blank=True)
    recurrence_count = models.PositiveSmallIntegerField(
        "ou nombre de séances", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(400)]
    )

    place = models.ForeignKey(
        "directory.Organisation",
        verbose_name="lieu (structure de l'annuaire)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
        help_text="Si le rendez-vous a lieu chez une structure de l'annuaire\u00a0; sinon, saisissez le lieu ci-dessous.",
    )
    place_name = models.CharField("nom du lieu", max_length=200, blank=True)
    place_address = models.CharField("adresse", max_length=255, blank=True)
    place_postcode = models.CharField("code postal", max_length=5, blank=True)
    place_arrondissement = models.PositiveSmallIntegerField(
        "arrondissement", null=True, blank=True, choices=ARRONDISSEMENT_CHOICES
    )
    place_latitude = models.FloatField(
        "latitude", null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    place_longitude = models.FloatField(
        "longitude", null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    organiser = models.ForeignKey(
        "directory.Organisation",
        verbose_name="organisateur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    online_url = models.URLField("lien de participation en ligne", blank=True)
    registration_url = models.URLField("lien d'inscription", blank=True)
    booking_info = models.CharField(
        "comment réserver",
        max_length=200,
        blank=True,
        help_text="Ex.\u00a0: «\u00a0sur rendez-vous auprès de la structure\u00a0», «\u00a0sans rendez-vous\u00a0». Obligatoire pour "
        "une permanence sans lien d'inscription.",
    )
    audience = models.CharField("public", max_length=30, choices=Audience.choices, default=Audience.PROJECT_HOLDERS)
    is_free = models.BooleanField(
        "gratuit",
        null=True,
        blank=True,
        default=True,
        help_text="«\u00a0Inconnu\u00a0»\u00a0: le tarif n'est pas affiché comme un fait.",
    )
    is_example = models.BooleanField(
        "exemple",
        default=False,
        help_text="Contenu d'exemple (démonstration)\u00a0: marqué «\u00a0exemple\u00a0» sur le site tant que le réglage "
        "«\u00a0contenu de démonstration\u00a0» est actif.",
    )
    price = models.CharField("tarif", max_length=120, blank=True, help_text="Si l'événement est payant.")
    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt = models.CharField("texte alternatif de l'image", max_length=250, blank=True, help_text=ALT_TEXT_HELP)

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    base_form_class = EventPageForm

    content_panels = Page.content_panels + [
        FieldPanel("event_type"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldRowPanel([FieldPanel("all_day"), FieldPanel("end_date")]),
            ],
            heading="Date et horaires",
        ),
        # The common cases in one choice (admin-recurrence.js names them after the first session:
        # « Chaque semaine, le mardi »), the next dates previewed live; the rest behind « avancé ».
        MultiFieldPanel(
            [
                FieldPanel("recurrence"),
                FieldRowPanel([FieldPanel("recurrence_until"), FieldPanel("recurrence_count")]),
                HelpPanel(template="events/admin/recurrence_preview.html"),
                # The label (each row's « Date annulée 1 ») is the model's verbose_name.
                WordedInlinePanel("exceptions", heading="Dates annulées", add_label="Ajouter une date annulée"),
            ],
            heading="Répétition (permanences, cycles de formation)",
        ),
        MultiFieldPanel(
            [FieldPanel("recurrence_interval"), FieldPanel("recurrence_rule")],
            heading="Répétition, avancé\u00a0: intervalle, règle personnalisée",
            classname="collapsed",
        ),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("place_name"),
                FieldRowPanel(
                    [FieldPanel("place_address"), FieldPanel("place_postcode"), FieldPanel("place_arrondissement")]
                ),
                FieldRowPanel([FieldPanel("place_latitude"), FieldPanel("place_longitude")]),
                FieldPanel("online_url"),
            ],
            heading="Lieu",
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")]),
                FieldPanel("registration_url"),
                FieldPanel("booking_info"),
            ],
            heading="Organisation et inscription",
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Image"),
        FieldPanel("body"),
        FieldPanel("is_example"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("event_type"),
    ]

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "événements"

    # Schedule -------------------------------------------------------------------------------

    def schedule(self, exdates=None):
        if exdates is None:
            exdates = [exception.date for exception in self.exceptions.all()]
        return Schedule(
            start_date=self.start_date,
            start_time=None if self.all_day else self.start_time,
            end_date=self.end_date,
            end_time=None if self.all_day else self.end_time,
            all_day=self.all_day,
            kind=self.recurrence,
            interval=self.recurrence_interval or 1,
            rule=self.recurrence_rule,
            until=self.recurrence_until if self.recurrence != Kind.NONE else None,
            count=self.recurrence_count if self.recurrence != Kind.NONE and not self.recurrence_until else None,
            exdates=frozenset(exdates),
        )

    @property
    def is_recurring(self):
        return self.recurrence != Kind.NONE

    def describe_schedule(self):
        # The words say the rhythm, not the cancelled dates: no need to read them.
        return recurrence.describe(self.schedule(exdates=()))

    def clean(self):
        super().clean()
        errors = {}
        if not self.start_date:
            raise ValidationError({"start_date": "Indiquez la date de la première séance."})
        if not self.all_day and self.start_time is None:
            errors["start_time"] = "Indiquez l'heure de début, ou cochez «\u00a0toute la journée\u00a0»."
        if self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "La date de fin est avant la date de début."
        same_day = not self.end_date or self.end_date == self.start_date
        if not self.all_day and same_day and self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = "L'heure de fin doit suivre l'heure de début."
        if self.is_recurring and self.recurrence_until and self.recurrence_count:
            errors["recurrence_count"] = "Choisissez une date de fin ou un nombre de séances, pas les deux."
        if self.recurrence != Kind.CUSTOM and self.recurrence_rule.strip():
            errors["recurrence_rule"] = (
                "La règle personnalisée ne sert qu'avec «\u00a0règle personnalisée\u00a0»\u00a0: videz ce champ."
            )
        if not errors:
            try:
                recurrence.validate(self.schedule(exdates=[]))
            except RecurrenceError as error:
                field = "recurrence_rule" if self.recurrence == Kind.CUSTOM else "recurrence"
                errors[field] = str(error)
        if self.place_id and (self.place_name or self.place_address):
            errors["place_name"] = "Choisissez une structure de l'annuaire ou saisissez un lieu, pas les deux."
        if (self.place_latitude is None) != (self.place_longitude is None):
            errors["place_longitude"] = "Indiquez la latitude et la longitude, ou aucune des deux."
        if self.is_free is False and not self.price.strip():
            errors["price"] = "Indiquez le tarif de cet événement payant."
        if self.image_id and not alternative_text(self.image, self.image_alt):
            errors["image_alt"] = ALT_TEXT_MISSING
        if errors:
            raise ValidationError(errors)

    # Place ----------------------------------------------------------------------------------

    @property
    def place_label(self):
        if self.place_id:
            return self.place.name
        return self.place_name

    @property
    def place_lines(self):
        """Address lines as people read them (from the directory, else the free address)."""
        if self.place_id:
            place = self.place
            street = ", ".join(part for part in (place.address, place.address_complement) if part)
            town = " ".join(part for part in (place.postcode, place.city) if part)
            return [line for line in (street, town) if line]
        town = " ".join(
            part for part in (self.place_postcode, "Marseille" if self.place_postcode.startswith("130") else "") if part
        )
        if not town and self.place_arrondissement:
            town = f"Marseille {dict(ARRONDISSEMENT_CHOICES)[self.place_arrondissement]}"
        return [line for line in (self.place_address, town) if line]

    @property
    def point(self):
        if self.place_id and self.place.latitude is not None:
            return (self.place.latitude, self.place.longitude)
        if self.place_latitude is not None:
            return (self.place_latitude, self.place_longitude)
        return None

    @property
    def arrondissement(self):
        return self.place.arrondissement if self.place_id else self.place_arrondissement

    @property
    def map_url(self):
        point = self.point
        if point is None:
            return ""
        lat, lon = point
        return f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}#map=17/{lat:.5f}/{lon:.5f}"

    @property
    def location_text(self):
        return ", ".join([self.place_label] + self.place_lines if self.place_label else self.place_lines)

    @property
    def is_remote(self):
        """Online only: no venue, a participation link."""
        return bool(self.online_url) and not (self.place_id or self.place_name or self.place_address)

    @property
    def host(self):
        """The structure a permanence belongs to: the organiser, else the host venue."""
        return self.organiser if self.organiser_id else self.place

    # Views ----------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        upcoming = list(self.occurrences.filter(end__gte=now).order_by("start")[:8])
        context["next_occurrences"] = upcoming
        context["is_past"] = not upcoming
        context["last_occurrence"] = None if upcoming else self.occurrences.order_by("-start").first()
        # The link to the .ics states its size (RGAA 13.3): the file is small, made as it is served.
        context["ics_size"] = size_label(len(event_calendar(self, request).to_ical()))
        return context

    @path("ics/", name="ics")
    def ics(self, request):
        if not self.live:
            raise Http404
        return ics_response(event_calendar(self, request), f"{self.slug}.ics")


class EventException(Orderable):
    """A date on which a recurring event does not take place."""

    event = ParentalKey(EventPage, related_name="exceptions", on_delete=models.CASCADE)
    date = models.DateField("date annulée")

    panels = [FieldPanel("date")]

    class Meta(Orderable.Meta):
        verbose_name = "date annulée"
        verbose_name_plural = "dates annulées"


class Occurrence(models.Model):
    """One materialised date of a live event (rebuilt by events.occurrences; listings query this table)."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField("début")
    end = models.DateTimeField("fin")
    all_day = models.BooleanField(default=False)

    class Meta:
        verbose_name = "date d'événement"
        verbose_name_plural = "dates d'événements"
        ordering = ["start"]
        indexes = [
            models.Index(fields=["start"], name="events_occ_start_idx"),
            models.Index(fields=["end"], name="events_occ_end_idx"),
            models.Index(fields=["event", "start"], name="events_occ_event_start_idx"),
        ]

    def __str__(self):
        return f"{self.event.title} — {self.when}"

    @property
    def title(self):
        return self.event.title

    @property
    def url(self):
        return self.event.url

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def day(self):
        return self.local_start.date()

    @property
    def short_time(self):
        return "" if self.all_day else format_time(self.local_start.time())

    @property
    def hours(self):
        """ "de 9 h à 12 h", "toute la journée"."""
        if self.all_day:
            return "toute la journée"
        start, end = self.local_start, self.local_end
        if end.date() != start.date():
            return f"à {format_time(start.time())}, jusqu'au {format_date(end.date())} à {format_time(end.time())}"
        return format_time_range(start.time(), end.time())

    @property
    def when(self):
        """ "mardi 12 mai 2026, de 9 h à 12 h"."""
        if self.all_day:
            last = (self.local_end - timedelta(days=1)).date()
            if last > self.day:
                return f"du {format_date(self.day)} au {format_date(last)}"
            return f"{format_date(self.day)}, toute la journée"
        return f"{format_date(self.day)}, {self.hours}"

"""The event form's live preview (admin): the schedule in words and its next dates, as JSON, for what
the editor has typed so far (static/js/admin-recurrence.js). Uses the same recurrence code as the
published agenda, so the preview cannot disagree with it."""

from datetime import timedelta

from django import forms
from django.http import JsonResponse
from django.utils import timezone

from . import recurrence
from .formatting import format_date, format_time_range
from .recurrence import Kind, RecurrenceError, Schedule

PREVIEW_DATES = 5
PREVIEW_HORIZON_DAYS = 3 * 366


class ScheduleForm(forms.Form):
    """The schedule fields of the event form, under their admin names; all optional but the date."""

    start_date = forms.DateField(label="date de la première séance")
    start_time = forms.TimeField(label="heure de début", required=False)
    end_time = forms.TimeField(label="heure de fin", required=False)
    end_date = forms.DateField(label="date de fin", required=False)
    all_day = forms.BooleanField(label="toute la journée", required=False)
    recurrence = forms.ChoiceField(label="répétition", choices=Kind.CHOICES, required=False)
    recurrence_interval = forms.IntegerField(label="intervalle", min_value=1, max_value=12, required=False)
    recurrence_rule = forms.CharField(label="règle personnalisée", max_length=200, required=False)
    recurrence_until = forms.DateField(label="jusqu'au", required=False)
    recurrence_count = forms.IntegerField(label="nombre de séances", min_value=1, max_value=400, required=False)
    exceptions = forms.CharField(label="dates annulées", required=False)  # dates AAAA-MM-JJ separated by commas

    def schedule(self):
        data = self.cleaned_data
        kind = data.get("recurrence") or Kind.NONE
        exdates = set()
        for text in (data.get("exceptions") or "").split(","):
            try:
                exdates.add(forms.DateField().clean(text.strip()))
            except forms.ValidationError:
                continue
        return Schedule(
            start_date=data["start_date"],
            start_time=None if data.get("all_day") else data.get("start_time"),
            end_date=data.get("end_date"),
            end_time=None if data.get("all_day") else data.get("end_time"),
            all_day=bool(data.get("all_day")),
            kind=kind,
            interval=data.get("recurrence_interval") or 1,
            rule=data.get("recurrence_rule") or "",
            until=data.get("recurrence_until") if kind != Kind.NONE else None,
            count=data.get("recurrence_count") if kind != Kind.NONE and not data.get("recurrence_until") else None,
            exdates=frozenset(exdates),
        )


def preview(schedule, today=None):
    """{"description", "dates": [French], "error"}: the next PREVIEW_DATES dates from today (or from
    the first session when it is ahead)."""
    try:
        recurrence.validate(schedule)
    except RecurrenceError as error:
        return {"description": "", "dates": [], "error": str(error)}
    today = today or timezone.localdate()
    start = max(today, schedule.start_date)
    starts = recurrence.local_starts(schedule, start, start + timedelta(days=PREVIEW_HORIZON_DAYS))
    hours = ""
    if not schedule.all_day and schedule.start_time:
        same_day = (schedule.end_date or schedule.start_date) == schedule.start_date
        hours = ", " + format_time_range(schedule.start_time, schedule.end_time if same_day else None)
    dates = [format_date(local.date()) + hours for local in starts[:PREVIEW_DATES]]
    return {"description": recurrence.describe(schedule), "dates": dates, "error": ""}


def recurrence_preview(request):
    form = ScheduleForm(request.GET)
    if not form.is_valid():
        if "start_date" in form.errors:
            message = "Indiquez la date de la première séance pour voir les prochaines dates."
        else:
            labels = [str(form.fields[name].label) for name in form.errors if name in form.fields]
            message = "Vérifiez\u00a0: " + ", ".join(labels) + "."
        return JsonResponse({"description": "", "dates": [], "error": message})
    return JsonResponse(preview(form.schedule()))

# Routes of the events app that are not served by a page: Wagtail's page routes need a trailing
# slash, and the feed's contract is /agenda/agenda.ics.
from django.urls import path

from . import views

urlpatterns = [path("agenda/agenda.ics", views.agenda_ics, name="events_agenda_ics")]

# Routes of the events app that are not served by a page: Wagtail's page routes need a trailing
# slash, and the feeds' contract is /agenda/agenda.ics (and .rss, .atom); the agenda widget.
from django.urls import path

from . import embed, views
from .feeds import AgendaAtomFeed, AgendaRssFeed

urlpatterns = [
    path("agenda/agenda.ics", views.agenda_ics, name="events_agenda_ics"),
    path("agenda/agenda.rss", AgendaRssFeed(), name="events_agenda_rss"),
    path("agenda/agenda.atom", AgendaAtomFeed(), name="events_agenda_atom"),
    path("integrer/agenda/", embed.agenda_widget, name="events_agenda_widget"),
]

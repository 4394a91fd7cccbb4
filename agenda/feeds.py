"""RSS 2.0 and Atom feeds of the agenda (/agenda/agenda.rss, /agenda/agenda.atom): the upcoming
dates for the same filters as /agenda/, /agenda/agenda.ics and the API (organisateur, type,
arrondissement, public, du, au...), one item per date, soonest first."""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .models import EventType
from .views import filtered_upcoming

FEED_SIZE = 50


class AgendaRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "fr"

    def get_object(self, request):
        self.request = request
        self.form, occurrences = filtered_upcoming(request)
        return list(occurrences[:FEED_SIZE])

    def title(self, occurrences):
        parts = []
        data = self.form.valid_data
        if data.get("type"):
            parts.append(dict(EventType.choices)[data["type"]])
        if data.get("organisateur"):
            parts.append(dict(self.form.fields["organisateur"].choices).get(data["organisateur"], ""))
        suffix = f" — {', '.join(part for part in parts if part)}" if parts else ""
        return f"Agenda de l'ESS à Marseille{suffix}"

    def link(self, occurrences):
        query = self.form.querystring()
        return self.request.build_absolute_uri("/agenda/" + (f"?{query}" if query else ""))

    def description(self, occurrences):
        return "Les prochains événements et permanences du programme ESS de la Ville de Marseille."

    def feed_url(self, occurrences):
        return self.request.build_absolute_uri()

    def items(self, occurrences):
        return occurrences

    def item_title(self, occurrence):
        return f"{occurrence.title} — {occurrence.when}"

    def item_description(self, occurrence):
        event = occurrence.event
        lines = [event.intro, event.location_text]
        return "\n".join(line for line in lines if line)

    def item_link(self, occurrence):
        return self.request.build_absolute_uri(occurrence.event.get_url(self.request))

    def item_guid(self, occurrence):
        return f"{self.item_link(occurrence)}#{timezone.localtime(occurrence.start):%Y%m%dT%H%M}"

    item_guid_is_permalink = False

    def item_pubdate(self, occurrence):
        return occurrence.event.first_published_at or occurrence.start

    def item_updateddate(self, occurrence):
        return occurrence.event.last_published_at or occurrence.start

    def item_categories(self, occurrence):
        return [occurrence.event.get_event_type_display()]


class AgendaAtomFeed(AgendaRssFeed):
    feed_type = Atom1Feed
    subtitle = AgendaRssFeed.description

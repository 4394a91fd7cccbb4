"""Demo agenda, as examples: the programme says France Active informs project holders through
permanences and collective trainings, and that the City designates ESS contacts; it gives no date,
hour, place or fee. Every event here is therefore flagged `is_example` (marked « exemple » on the site
while the demo setting is on), says no fee, and names the structure and the way to book.

Venues are directory organisations when the directory demo created them; otherwise only an example
area (an arrondissement and its reference point), never an invented street address.
"""

from datetime import date, time, timedelta

from django.utils import timezone

import geography
from ess_site.demo import child_by_slug, ensure_page, home_page

from .models import Audience, EventException, EventIndexPage, EventPage, EventType
from .recurrence import Kind


def nth_weekday(year, month, weekday, nth):
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def last_weekday(year, month, weekday):
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def find_organisation(*names):
    # The directory sits above the agenda: its model is reached through the event's foreign key.
    Organisation = EventPage._meta.get_field("place").related_model  # noqa: N806
    for name in names:
        organisation = Organisation.objects.filter(name__icontains=name, live=True).order_by("pk").first()
        if organisation:
            return organisation
    return None


def arrondissement_address(number):
    """A free place limited to what is real: the arrondissement and La Poste's reference point."""
    arrondissement = geography.arrondissement_by_number(number)
    fields = {"place_arrondissement": number, "place_postcode": f"130{number:02d}"}
    if arrondissement:
        fields["place_latitude"], fields["place_longitude"] = arrondissement.reference_point
    return fields


def events(today):
    france_active = find_organisation("France Active")
    regie = find_organisation("Régie de quartier Noailles", "Noailles-Belsunce")
    city = find_organisation("interlocuteurs ESS")
    centre = {"place_name": "Centre-ville, lieu précisé à l'inscription", **arrondissement_address(1)}
    france_active_booking = {"booking_info": "Sur inscription auprès de France Active (coordonnées sur sa fiche)"}
    wednesday = today - timedelta(days=(today.weekday() - 2) % 7)
    example = {"is_example": True, "is_free": None}
    return [
        dict(
            slug="permanence-information-france-active",
            title="Permanence d'information de France Active",
            event_type=EventType.PERMANENCE,
            intro="Vous portez un projet d'entreprise de l'ESS ou d'association employeuse\u00a0? France Active vous informe sur "
            "ses solutions de financement et d'accompagnement.",
            start_date=nth_weekday(today.year, today.month, 1, 2),  # 2nd Tuesday of this month
            start_time=time(9),
            end_time=time(12),
            recurrence=Kind.MONTHLY_NTH,
            organiser=france_active,
            audience=Audience.PROJECT_HOLDERS,
            **centre,
            **france_active_booking,
            **example,
        ),
        dict(
            slug="formation-collective-france-active",
            title="Formation collective\u00a0: financer son projet de l'ESS",
            event_type=EventType.TRAINING,
            intro="Une session collective animée par France Active pour construire le plan de financement de votre projet "
            "et connaître les outils de la finance solidaire.",
            start_date=last_weekday(today.year, today.month, 3),  # last Thursday of this month
            start_time=time(14),
            end_time=time(17),
            recurrence=Kind.MONTHLY_LAST,
            recurrence_until=today + timedelta(days=183),
            organiser=france_active,
            audience=Audience.PROJECT_HOLDERS,
            **centre,
            **france_active_booking,
            **example,
        ),
        dict(
            slug="permanence-interlocuteur-ess-ville",
            title="Permanence de l'interlocuteur ESS de la Ville",
            event_type=EventType.PERMANENCE,
            intro="Un interlocuteur dédié à l'ESS de la Direction de l'Économie de la Ville de Marseille oriente votre "
            "projet\u00a0: locaux, commande publique, partenaires.",
            start_date=wednesday,
            start_time=time(9, 30),
            end_time=time(12, 30),
            recurrence=Kind.WEEKLY,
            organiser=city,
            audience=Audience.PROJECT_HOLDERS,
            place_name="Centre-ville, lieu précisé à la prise de rendez-vous",
            booking_info="Sur rendez-vous auprès du service ESS de la Ville (coordonnées en bas de page)",
            **arrondissement_address(1),
            **example,
        ),
        dict(
            slug="rencontre-regie-de-quartier-noailles-belsunce",
            title="Rencontre\u00a0: la Régie de quartier Noailles-Belsunce se présente",
            event_type=EventType.MEETUP,
            intro="Habitants, bailleurs, associations\u00a0: venez découvrir la Régie de quartier Noailles-Belsunce et les "
            "services de proximité qu'elle a vocation à proposer.",
            start_date=today + timedelta(days=20),
            start_time=time(18),
            end_time=time(20),
            organiser=regie,
            audience=Audience.EVERYONE,
            booking_info="Entrée libre",
            **({"place": regie} if regie else {"place_name": "Quartier de Noailles", **arrondissement_address(1)}),
            **example,
        ),
    ]


def load(stdout=None):
    home = home_page()
    if home is None:
        return 0
    index, created = ensure_page(
        home,
        EventIndexPage,
        "agenda",
        title="Agenda",
        show_in_menus=True,
        intro="Permanences, formations collectives, ateliers et rencontres de l'économie sociale et solidaire à Marseille.",
        permanences_intro="Les permanences d'information des structures d'accompagnement\u00a0: chacune indique où elle se "
        "tient, avec qui et comment réserver.",
    )
    created = int(created)
    today = timezone.localdate()
    for fields in events(today):
        if child_by_slug(index, fields["slug"]) is not None:
            continue
        page = EventPage(**fields)
        if page.recurrence == Kind.WEEKLY:
            # One cancelled date, to show how exceptions read on the site and in calendars.
            page.exceptions.add(EventException(date=page.start_date + timedelta(weeks=3)))
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created

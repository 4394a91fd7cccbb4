from django.core.management.base import BaseCommand

from agenda.occurrences import HORIZON_DAYS, refresh_all


class Command(BaseCommand):
    help = (
        "Recalcule les dates des événements publiés (de un an en arrière à un an en avant). "
        "À lancer chaque jour\u00a0: la fenêtre avance avec le calendrier."
    )

    def handle(self, *args, **options):
        events, dates = refresh_all()
        self.stdout.write(
            f"{events} événement(s) publié(s), {dates} date(s) sur les {HORIZON_DAYS} prochains jours et l'année écoulée."
        )

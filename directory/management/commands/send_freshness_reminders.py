from django.core.management.base import BaseCommand

from directory.finder import freshness


class Command(BaseCommand):
    help = (
        "Envoie les rappels « Votre fiche est-elle à jour ? » aux fiches non vérifiées depuis "
        "DIRECTORY_FRESHNESS_MONTHS mois, le second rappel, et signale « à vérifier » les fiches restées sans réponse. "
        "À lancer chaque jour."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Affiche ce qui serait envoyé, sans rien envoyer.")

    def handle(self, *args, dry_run=False, **options):
        steps = freshness.run(dry_run=dry_run)
        prefix = "[simulation] " if dry_run else ""
        for step in steps:
            self.stdout.write(prefix + step.describe())
        counts = {
            action: sum(1 for step in steps if step.action == action) for action in ("rappel", "relance", "a-verifier")
        }
        verb = "seraient envoyés" if dry_run else "envoyés"
        self.stdout.write(
            f"{prefix}Premiers rappels {verb} : {counts['rappel']} ; seconds rappels : {counts['relance']} ; "
            f"fiches signalées « à vérifier » : {counts['a-verifier']}."
        )

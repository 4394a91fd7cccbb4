from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app may ship a `demo` module with a `load(stdout)` function; order matters (pages first,
# then the directory the events point at).
DEMO_APPS = ["home", "directory", "news", "agenda", "search"]


class Command(BaseCommand):
    help = "Construit l'arborescence et les contenus de démonstration (idempotent : rien n'est dupliqué ni écrasé)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for app in DEMO_APPS:
                if find_spec(f"{app}.demo") is None:
                    continue
                created = import_module(f"{app}.demo").load(stdout=self.stdout)
                self.stdout.write(f"{app} : {created} élément(s) créé(s).")
        self.stdout.write(self.style.SUCCESS("Contenus de démonstration prêts."))

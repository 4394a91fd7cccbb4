from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from ess_site.models import SiteSettings
from ess_site.public_url import SiteUrlError, apply_site_url

# Each app may ship a `demo` module with a `load(stdout)` function; order matters (pages first,
# then the directory the events point at).
DEMO_APPS = ["home", "directory", "news", "agenda", "search"]


class Command(BaseCommand):
    help = (
        "Construit l'arborescence et les contenus de démonstration (idempotent\u00a0: rien n'est dupliqué ni écrasé)."
    )

    def handle(self, *args, **options):
        total = 0
        with transaction.atomic():
            for app in DEMO_APPS:
                if find_spec(f"{app}.demo") is None:
                    continue
                created = import_module(f"{app}.demo").load(stdout=self.stdout)
                total += created
                self.stdout.write(f"{app}\u00a0: {created} élément(s) créé(s).")
            if total:
                announce_demo_content()
            try:
                site, _changed = apply_site_url(settings.SITE_URL)
            except SiteUrlError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(f"Adresse publique du site\u00a0: {site.root_url}.")
        self.stdout.write(self.style.SUCCESS("Contenus de démonstration prêts."))


def announce_demo_content():
    """Examples were just added: the site says so (banner, « exemple » marks) until editors turn it off.
    A run that adds nothing leaves the setting as editors left it."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        site_settings = SiteSettings.for_site(site)
        if not site_settings.demo_content:
            site_settings.demo_content = True
            site_settings.save(update_fields=["demo_content"])

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ess_site.public_url import SiteUrlError, apply_site_url


class Command(BaseCommand):
    help = (
        "Écrit l'adresse publique du site (SITE_URL) dans le site Wagtail par défaut\u00a0: flux, iCal, "
        "sitemap, liens canoniques et JSON-LD l'utilisent. À lancer à chaque déploiement."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", help="Adresse publique (par défaut\u00a0: le réglage SITE_URL).")

    def handle(self, *args, **options):
        url = options.get("url") or settings.SITE_URL
        try:
            site, changed = apply_site_url(url)
        except SiteUrlError as error:
            raise CommandError(str(error)) from error
        state = "mise à jour" if changed else "déjà à jour"
        self.stdout.write(f"Adresse publique du site\u00a0: {site.root_url} ({state}).")

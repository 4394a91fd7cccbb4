from django.apps import AppConfig


class EssSiteConfig(AppConfig):
    name = "ess_site"
    verbose_name = "Site"

    def ready(self):
        # Django's documented place for signal wiring: the models are loaded by now.
        from . import frontend_cache, site_cache
        from .models import SiteSettings
        from .spreadsheet import neutralise_admin_exports

        site_cache.connect([SiteSettings])
        frontend_cache.connect([SiteSettings])
        neutralise_admin_exports()

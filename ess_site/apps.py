from django.apps import AppConfig


class EssSiteConfig(AppConfig):
    name = "ess_site"
    verbose_name = "Site"

    def ready(self):
        from . import site_cache
        from .models import SiteSettings

        site_cache.connect([SiteSettings])

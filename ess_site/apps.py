from django.apps import AppConfig


class EssSiteConfig(AppConfig):
    name = "ess_site"
    verbose_name = "Site"

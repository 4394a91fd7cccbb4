from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Annuaire"

    def ready(self):
        # Signal receivers are connected once the models are loaded (Django's documented place).
        from .finder import signals  # noqa: F401
        from .geo import tasks

        tasks.connect()

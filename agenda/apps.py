from django.apps import AppConfig


class AgendaConfig(AppConfig):
    # The package is `agenda`, not `events`: opensearch-py imports the PyPI package `Events` as
    # `events`, which a top-level project package of that name would shadow. The app label stays
    # "events" so tables, migrations, content types and template paths keep their names.
    name = "agenda"
    label = "events"
    verbose_name = "Agenda"

    def ready(self):
        # Django's documented place for signal wiring: the models are loaded by now.
        from . import signals

        signals.connect()

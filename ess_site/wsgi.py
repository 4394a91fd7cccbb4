import os

from django.core.wsgi import get_wsgi_application

# An empty DJANGO_SETTINGS_MODULE counts as unset.
os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("DJANGO_SETTINGS_MODULE") or "ess_site.settings.dev"

application = get_wsgi_application()

import os

from .base import *  # noqa: F401,F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if not (os.environ.get("EMAIL_URL") or os.environ.get("EMAIL_HOST")):
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"  # mail printed, not sent

# Serve static files straight from the apps and static/ (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

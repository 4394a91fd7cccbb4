"""Settings shared by every environment; dev, test and production override from here."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url

from ess_site.frontend_cache_config import frontend_cache_settings
from search.backends import search_backends_from_env

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "ess_site",
    "home",
    "directory",
    "news",
    "agenda",
    "search",
    "api",
    "alerts",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "home.apps.WagtailUsersConfig",  # wagtail.users, with the roles described (home/roles.py)
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the session and CSRF middleware: it sees the cookies they set (ess_site/http_cache.py).
    "ess_site.http_cache.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware: answers CORS preflights and adds the headers on /api/ only.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "ess_site.http_cache.AnonymousFormMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: turns a locked-out login into the French lockout page (429).
    "axes.middleware.AxesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ess_site.middleware.SiteCSPMiddleware",
    "ess_site.middleware.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Marks Wagtail's autosaves of incomplete forms, whose 400 the log filter drops (ess_site/admin_logging.py).
    "ess_site.admin_logging.AutosaveResponseMiddleware",
    # Last, so its process_exception sees a failed save first: a public POST gets its text back (503).
    "ess_site.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "ess_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "ess_site.context_processors.site_context",
            ],
        },
    },
]

WSGI_APPLICATION = "ess_site.wsgi.application"

# SQLite by default (zero set-up); DATABASE_URL selects PostgreSQL in CI and production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Reverse proxies in front of the site (load balancer, cache): the visitor's address is read from
# X-Forwarded-For that many hops from the right, never further (ess_site/clients.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Login throttling (django-axes) on Wagtail's login view and every authenticate(request=...):
# after AXES_FAILURE_LIMIT failures, the account is locked from any address and the address for
# any account, for AXES_COOLOFF_TIME; `manage.py axes_reset_username NAME` unlocks earlier.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: by account, and by address
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "ess_site.clients.login_client_ip"
AXES_LOCKOUT_TEMPLATE = "ess_site/connexion_bloquee.html"
AXES_COOLOFF_MESSAGE = "Trop de tentatives de connexion : compte bloqué temporairement. Réessayez plus tard."
AXES_PERMALOCK_MESSAGE = "Trop de tentatives de connexion : compte bloqué. Contactez un administrateur."
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_USER_TIME_ZONES = ["Europe/Paris"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: bounded in size (bytes) and, for images, in pixels.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "odp", "rtf", "txt", "xlsx", "zip"]

WAGTAIL_SITE_NAME = "ESS Marseille"
# The public address of the site (scheme and host, no path). `manage.py apply_site_url` writes it into
# Wagtail's default Site, whose root URL every absolute link uses: feeds, iCal, sitemap, canonical, JSON-LD.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
# The database backend by default; ELASTICSEARCH_URL or OPENSEARCH_URL select an engine (docs/recherche.md).
WAGTAILSEARCH_BACKENDS = search_backends_from_env(os.environ)
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False


# Outgoing mail (password resets, moderation notifications): EMAIL_URL, e.g.
# smtp://user:password@host:587/?tls=1 (dj-email-url), or EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
# EMAIL_HOST_PASSWORD, EMAIL_USE_TLS / EMAIL_USE_SSL. dev prints mail to the console, test keeps it
# in memory (tests that check what is sent use a real local SMTP server: tests/helpers/smtp.py).
def email_settings(env):
    if env.get("EMAIL_URL"):
        conf = dj_email_url.parse(env["EMAIL_URL"])
    else:
        conf = {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": env.get("EMAIL_HOST", "localhost"),
            "EMAIL_PORT": int(env.get("EMAIL_PORT", "25")),
            "EMAIL_HOST_USER": env.get("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": env.get("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": env.get("EMAIL_USE_TLS", "false").lower() in ("1", "true", "yes", "on"),
            "EMAIL_USE_SSL": env.get("EMAIL_USE_SSL", "false").lower() in ("1", "true", "yes", "on"),
        }
    conf["EMAIL_TIMEOUT"] = conf.get("EMAIL_TIMEOUT") or 10  # a hung relay must not hang a request
    conf.pop("EMAIL_FILE_PATH", None)
    from_email = (
        env.get("DEFAULT_FROM_EMAIL") or conf.get("DEFAULT_FROM_EMAIL") or "ESS Marseille <ne-pas-repondre@localhost>"
    )
    conf["DEFAULT_FROM_EMAIL"] = from_email
    conf["SERVER_EMAIL"] = env.get("SERVER_EMAIL") or conf.get("SERVER_EMAIL") or from_email
    return conf


EMAIL_SETTINGS = email_settings(os.environ)
globals().update(EMAIL_SETTINGS)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL  # noqa: F821 - set just above

# Map tiles: the only third-party request a visitor's browser makes, and only on map pages.
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = os.environ.get(
    "MAP_TILES_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">les contributeurs d\'OpenStreetMap</a>',
)
# National address service (Base Adresse Nationale); answers GeoJSON FeatureCollections.
GEOCODER_URL = os.environ.get("GEOCODER_URL", "https://api-adresse.data.gouv.fr/search/")
GEOCODER_TIMEOUT = float(os.environ.get("GEOCODER_TIMEOUT", "3"))  # editors' saves, nightly retries
# A visitor's "près de" waits at most this long on the service; after a failure nobody calls it for
# GEOCODER_BREAKER_SECONDS (directory/geo/geocoder.py).
GEOCODER_PUBLIC_TIMEOUT = float(os.environ.get("GEOCODER_PUBLIC_TIMEOUT", "0.8"))
GEOCODER_BREAKER_SECONDS = int(os.environ.get("GEOCODER_BREAKER_SECONDS", "60"))


def cache_settings(redis_url):
    """Redis (shared by every process and server: rate limits, search-log counts, geocoder circuit,
    site caches) when REDIS_URL is set, per-process memory otherwise."""
    if redis_url:
        return {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": redis_url,
                # A Redis outage degrades (no cache, no shared counts); it does not take the site down.
                # Several sites (or test runs) may share one Redis: each keeps its own keys.
                "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ess"),
                "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
            }
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ess-marseille"}}


REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHES = cache_settings(REDIS_URL)

# How long the lists every page shows (navigation, settings) are kept (ess_site/site_cache.py): a
# shared cache is told at once of every change; a per-process one bounds how long another lags.
SITE_CACHE_TIMEOUT = 24 * 3600 if REDIS_URL else 300

# Reverse cache in front (Varnish, tools/cache-proxy; or a CDN accepting PURGE): Cache-Control of
# anonymous pages (ess_site/http_cache.py) and the proxies purged when content changes.
CACHE_MAX_AGE = int(os.environ.get("CACHE_MAX_AGE", "60"))  # browsers
CACHE_S_MAXAGE = int(os.environ.get("CACHE_S_MAXAGE", "3600"))  # the shared cache, purged on change
WAGTAILFRONTENDCACHE = frontend_cache_settings(os.environ.get("FRONTEND_CACHE_URL", ""))

# Slow work leaves the request (django-tasks): search indexing after imports, geocoding, mail,
# cache purges. "immediate" runs it inline (development, tests); "database" queues it for
# `manage.py db_worker` (production, docs/deploiement.md).
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASK_BACKEND", "immediate")]}}
# Mail is queued as a task too (ess_site/mail.py); the delivery backend (SMTP from EMAIL_URL or
# EMAIL_*, above) really sends it.
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_DELIVERY_BACKEND", EMAIL_SETTINGS["EMAIL_BACKEND"])
EMAIL_BACKEND = "ess_site.mail.TaskEmailBackend"

# A living directory (docs/annuaire-donnees.md): update links mailed to an entry's address stay valid
# this many days (single use); an entry not verified for DIRECTORY_FRESHNESS_MONTHS gets a reminder,
# a second one DIRECTORY_SECOND_REMINDER_DAYS later, then is flagged « à vérifier ».
# load_demo_content also imports a real open-data sample of Marseille's SIAE (directory/data/).
DIRECTORY_DEMO_SAMPLE = os.environ.get("DIRECTORY_DEMO_SAMPLE", "1") == "1"
DIRECTORY_UPDATE_LINK_DAYS = min(int(os.environ.get("DIRECTORY_UPDATE_LINK_DAYS", "7")), 7)
DIRECTORY_FRESHNESS_MONTHS = int(os.environ.get("DIRECTORY_FRESHNESS_MONTHS", "12"))
DIRECTORY_SECOND_REMINDER_DAYS = int(os.environ.get("DIRECTORY_SECOND_REMINDER_DAYS", "30"))
# Personal data (stated on the personal-data page; `purge_personal_data` applies it): unconfirmed
# alert subscriptions are deleted after ALERTS_UNCONFIRMED_DAYS, subscriptions whose owner did
# nothing (confirm, open the management page) for ALERTS_INACTIVE_MONTHS, and the optional address
# of a visitor's proposal still undecided after PROPOSAL_EMAIL_MONTHS.
ALERTS_UNCONFIRMED_DAYS = int(os.environ.get("ALERTS_UNCONFIRMED_DAYS", "7"))
ALERTS_INACTIVE_MONTHS = int(os.environ.get("ALERTS_INACTIVE_MONTHS", "24"))
PROPOSAL_EMAIL_MONTHS = int(os.environ.get("PROPOSAL_EMAIL_MONTHS", "6"))


# Content Security Policy (django-csp 4): no inline scripts anywhere; map tiles allowed as images.
def _tiles_origin(url):
    parts = urlsplit(url.replace("{s}", "a"))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else None


CONTENT_SECURITY_POLICY = {
    # The Wagtail admin relies on inline scripts and styles; it is for authenticated editors only.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"] + ([_tiles_origin(MAP_TILES_URL)] if _tiles_origin(MAP_TILES_URL) else []),
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # No page may be framed; an embeddable route opts in with @csp_replace({"frame-ancestors": [...]})
        # and @xframe_options_exempt (docs/securite.md).
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# The Wagtail admin needs inline scripts and styles: its policy is report-only (browsers log what
# it would block) until the admin runs under a strict one (ess_site.middleware.SiteCSPMiddleware).
ADMIN_URL_PREFIXES = ("/admin/",)
ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"]
        + ([_tiles_origin(MAP_TILES_URL)] if _tiles_origin(MAP_TILES_URL) else []),
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],  # the admin frames its own page previews
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Partners' sites may frame the widgets (/integrer/...) and nothing else: an empty list means any
# site (frame-ancestors *), otherwise only these origins (e.g. https://www.cress-sud.org).
EMBED_ALLOWED_ORIGINS = env_list("EMBED_ALLOWED_ORIGINS")

# The public API (/api/v1/, docs/api.md): read-only, open to every origin for GET, limited per
# client ("requests/period", period s, min, h or day) through Django's cache.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/min")
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "COMPACT_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API de l'annuaire et de l'agenda ESS Marseille",
    "DESCRIPTION": (
        "Données publiques du programme de la Ville de Marseille pour l'économie sociale et solidaire : "
        "organisations de l'annuaire, services d'accompagnement, événements et permanences, actualités. "
        "Lecture seule, sans clé. Licence Ouverte 2.0 (Etalab). Documentation : /api/."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "LICENSE": {
        "name": "Licence Ouverte 2.0 (Etalab)",
        "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    },
    "PREPROCESSING_HOOKS": ["api.schema.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_headers",
        "api.schema.allow_empty_values",
        "api.schema.add_links",
    ],
    "ENUM_NAME_OVERRIDES": {},
}
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
CORS_PREFLIGHT_MAX_AGE = 86400
# Browser features: all off; the finder's pages turn geolocation on for the site itself
# (« Autour de moi », directory/finder/views.py). ess_site.middleware.PermissionsPolicyMiddleware.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"  # a view opts out with @xframe_options_exempt (the embeddable widget's routes)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Wagtail's autosave of an incomplete form is not a « Bad Request » worth a line (ess_site/admin_logging.py).
    "filters": {"skip_autosave": {"()": "ess_site.admin_logging.SkipAutosaveValidationErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"filters": ["skip_autosave"]}},
}

# The RGAA audit the accessibility statement and the footer's mention are computed from (French).
ACCESSIBILITY_AUDIT_FILE = os.environ.get("ACCESSIBILITY_AUDIT_FILE", str(BASE_DIR / "docs" / "accessibilite-audit.md"))

"""The WAGTAILFRONTENDCACHE setting from FRONTEND_CACHE_URL (imported by the settings: no Django here).

FRONTEND_CACHE_URL lists the reverse caches to purge, comma-separated (one Varnish per machine,
or a CDN's purge endpoint): `http://127.0.0.1:6081,http://10.0.0.2:6081`. Each gets Wagtail's HTTP
backend, which sends `PURGE <path>` to it; tools/cache-proxy/default.vcl says what a path means.
"""


def frontend_cache_settings(value):
    locations = [part.strip().rstrip("/") for part in (value or "").split(",") if part.strip()]
    return {
        f"proxy{n}": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": location}
        for n, location in enumerate(locations, start=1)
    }

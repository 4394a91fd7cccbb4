"""The site's public address: SITE_URL, written into Wagtail's default Site by `apply_site_url`.

Absolute links (feeds, iCal, sitemap, canonical, JSON-LD) are built from the Site's root URL, never
from the host a request happened to name (a proxy, `localhost`, an internal address).
"""

from urllib.parse import urlsplit

from wagtail.models import Site


class SiteUrlError(ValueError):
    pass


def parse_site_url(url):
    """(hostname, port) that Wagtail's Site stores for `url`; raises SiteUrlError (in French) if it cannot."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SiteUrlError(
            f"SITE_URL doit être une adresse http(s) complète, par exemple https://ess.example.fr (reçu\u00a0: «\u00a0{url}\u00a0»)."
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise SiteUrlError("SITE_URL ne doit contenir ni chemin, ni paramètres\u00a0: seulement le schéma et l'hôte.")
    default_port = 443 if parts.scheme == "https" else 80
    port = parts.port or default_port
    if parts.scheme == "https" and port != 443:
        # Wagtail's Site writes https:// only for port 443.
        raise SiteUrlError("Une adresse https doit utiliser le port 443.")
    return parts.hostname, port


def apply_site_url(url):
    """Point the default Site at `url`; returns (site, changed)."""
    hostname, port = parse_site_url(url)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise SiteUrlError("Aucun site par défaut\u00a0: lancez d'abord les migrations.")
    changed = (site.hostname, site.port) != (hostname, port)
    if changed:
        site.hostname, site.port = hostname, port
        site.save()
    return site, changed


def site_root_url(request=None):
    """The public root URL (no trailing slash) of the request's Wagtail site, else the default one."""
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def absolute_url(path, request=None):
    """`path` (starting with /) on the site's public address."""
    return site_root_url(request) + path

"""SITE_URL: absolute links (feeds, iCal, sitemap, canonical, JSON-LD, robots.txt) use the public address
written into Wagtail's Site by `apply_site_url` (run at deploy time and by load_demo_content), never
the host a request named."""

import json
import re

import feedparser
import pytest
from django.core.management.base import CommandError
from icalendar import Calendar
from wagtail.models import Site

from directory.models import Organisation
from ess_site.public_url import SiteUrlError, parse_site_url
from tests.helpers.commands import run_command

SITE_URL = "https://ess.example.fr"  # ess_site/settings/test.py


def test_load_demo_content_applies_site_url(demo_site):
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == SITE_URL


def test_the_command_applies_another_address_and_says_so(demo_site):
    output = run_command("apply_site_url", "--url", "http://recette.example:8080")
    assert "http://recette.example:8080" in output
    assert Site.objects.get(is_default_site=True).root_url == "http://recette.example:8080"
    assert "déjà à jour" in run_command("apply_site_url", "--url", "http://recette.example:8080")
    run_command("apply_site_url")
    assert Site.objects.get(is_default_site=True).root_url == SITE_URL


@pytest.mark.parametrize(
    "url",
    ["ess.example.fr", "ftp://ess.example.fr", "https://ess.example.fr/sous-dossier/", "https://ess.example.fr:8443"],
)
def test_an_address_wagtail_cannot_hold_is_refused_in_french(db, url):
    with pytest.raises(SiteUrlError):
        parse_site_url(url)
    with pytest.raises(CommandError):
        run_command("apply_site_url", "--url", url)


# The client names "testserver": nothing below may carry it.


@pytest.mark.parametrize("feed", ["/actualites/rss/", "/actualites/atom/"])
def test_feed_links_start_with_site_url(client, demo_site, feed):
    body = client.get(feed).content
    parsed = feedparser.parse(body)
    links = [parsed.feed.link] + [entry.link for entry in parsed.entries]
    assert parsed.entries and all(link.startswith(SITE_URL + "/") for link in links), links
    assert b"testserver" not in body


def test_ical_urls_start_with_site_url(client, demo_site):
    for url in ("/agenda/agenda.ics", "/agenda/permanence-information-france-active/ics/"):
        calendar = Calendar.from_ical(client.get(url).content)
        urls = [str(event["url"]) for event in calendar.walk("VEVENT")]
        assert urls and all(u.startswith(SITE_URL + "/agenda/") for u in urls), urls
        assert all(SITE_URL in str(event["description"]) for event in calendar.walk("VEVENT"))


def test_sitemap_and_robots_use_site_url(client, demo_site):
    body = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", body)
    assert len(locations) > 10 and all(loc.startswith(SITE_URL + "/") for loc in locations)
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in client.get("/robots.txt").content.decode()


@pytest.mark.parametrize(
    "url", ["/", "/feuille-de-route/", "/agenda/permanences/", "/actualites/partenariat-france-active/"]
)
def test_canonical_link_is_the_page_itself_on_site_url(client, demo_site, url):
    html = client.get(url).content.decode()
    assert f'<link rel="canonical" href="{SITE_URL}{url}">' in html


def test_organisation_jsonld_and_canonical_use_site_url(client, demo_site):
    organisation = Organisation.objects.get(name__icontains="France Active")
    url = f"/annuaire/{organisation.slug}/"
    html = client.get(url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["url"] == SITE_URL + url
    assert f'<link rel="canonical" href="{SITE_URL}{url}">' in html


def test_data_inclusion_export_links_use_site_url(client, demo_site):
    body = b"".join(client.get("/annuaire/export/data-inclusion/structures.json").streaming_content)
    structures = json.loads(body)
    assert structures and all(s["lien_source"].startswith(SITE_URL + "/annuaire/") for s in structures)

"""Response headers (issue 12, item 13): Permissions-Policy (geolocation only on the finder, whose
« Autour de moi » button needs it), no framing anywhere except routes that opt in with a view
decorator, and a report-only CSP on the Wagtail admin."""

import pytest

OFF_EVERYWHERE = ["camera=()", "microphone=()", "payment=()", "usb=()", "interest-cohort=()"]


def policy(response):
    return [part.strip() for part in response["Permissions-Policy"].split(",")]


@pytest.mark.parametrize("url", ["/", "/agenda/", "/recherche/?q=emploi", "/plan-du-site/"])
def test_pages_without_the_geolocation_button_forbid_geolocation(client, demo_site, url):
    response = client.get(url)
    assert response.status_code == 200
    parts = policy(response)
    assert "geolocation=()" in parts
    for feature in OFF_EVERYWHERE:
        assert feature in parts


@pytest.mark.parametrize("url", ["/annuaire/", "/annuaire/carte/"])
def test_the_finder_allows_geolocation_for_itself_only(client, orgs, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "data-geolocate" in response.content.decode()
    parts = policy(response)
    assert "geolocation=(self)" in parts
    for feature in OFF_EVERYWHERE:
        assert feature in parts


def test_an_organisation_page_forbids_geolocation(client, orgs):
    response = client.get(f"/annuaire/{orgs['velo'].slug}/")
    assert "geolocation=()" in policy(response)


@pytest.mark.parametrize("url", ["/", "/annuaire/", "/agenda/", "/cette-page-n-existe-pas/", "/sante/"])
def test_no_page_can_be_framed(client, orgs, url):
    response = client.get(url)
    assert response["X-Frame-Options"] == "DENY"
    if "Content-Security-Policy" in response:
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.urls("tests.framing_urls")
def test_a_view_that_opts_in_to_framing_wins_over_the_site_defaults(client, db):
    embeddable = client.get("/integrer/essai/")
    assert "X-Frame-Options" not in embeddable
    csp = embeddable["Content-Security-Policy"]
    assert "frame-ancestors https://partenaire.example" in csp
    assert "object-src 'none'" in csp  # the rest of the site policy still applies
    assert "camera=()" in policy(embeddable)

    ordinary = client.get("/essai-ordinaire/")
    assert ordinary["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in ordinary["Content-Security-Policy"]


def test_the_admin_gets_a_report_only_policy(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    report_only = response["Content-Security-Policy-Report-Only"]
    assert "default-src 'self'" in report_only and "object-src 'none'" in report_only
    assert "frame-ancestors 'self'" in report_only  # the admin frames its own previews
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")
    assert "Content-Security-Policy-Report-Only" not in client.get("/robots.txt")

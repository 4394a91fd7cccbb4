"""Production settings, security headers, error pages, robots and sitemap."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="ess_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="ess.marseille.fr",
        CSRF_TRUSTED_ORIGINS="https://ess.marseille.fr",
        **extra,
    )
    return env


def test_production_settings_pass_check_deploy():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_public_pages_carry_security_headers(client, demo_site):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_inline_script_in_public_pages(client, demo_site):
    html = client.get("/").content.decode()
    for chunk in html.split("<script")[1:]:
        tag = chunk.split(">", 1)[0]
        assert "src=" in tag or 'type="application/ld+json"' in tag, f"inline script: <script{tag}>"
    assert " style=" not in html


@override_settings(
    SECURE_SSL_REDIRECT=False,
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
def test_hsts_is_sent_over_https(client, demo_site):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_unknown_address_answers_a_french_404(client, demo_site):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html and '<html lang="fr"' in html
    assert 'href="/plan-du-site/"' in html


def test_server_error_page_is_french_and_standalone(client, demo_site):
    from ess_site.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Le site rencontre un problème" in html and '<html lang="fr">' in html


def test_robots_txt_points_at_the_sitemap(client, demo_site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: https://ess.example.fr/sitemap.xml" in body  # SITE_URL, not the request's host


def test_sitemap_xml_lists_live_pages(client, demo_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/feuille-de-route/</loc>" in body and "/mentions-legales/</loc>" in body


@pytest.mark.parametrize(
    "setting",
    [
        "WAGTAILIMAGES_MAX_UPLOAD_SIZE",
        "WAGTAILIMAGES_MAX_IMAGE_PIXELS",
        "WAGTAILDOCS_MAX_UPLOAD_SIZE",
        "DATA_UPLOAD_MAX_MEMORY_SIZE",
    ],
)
def test_uploads_are_bounded(settings, setting):
    assert 0 < getattr(settings, setting) <= 40_000_000


def test_oversized_image_is_refused_with_a_french_message(db, settings):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image
    from wagtail.images.forms import get_image_form
    from wagtail.images.models import Image as WagtailImage

    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    buffer = BytesIO()
    Image.new("RGB", (200, 200), "teal").save(buffer, "PNG")
    upload = SimpleUploadedFile("grande.png", buffer.getvalue(), content_type="image/png")
    form = get_image_form(WagtailImage)(data={"title": "Grande"}, files={"file": upload})
    assert not form.is_valid()
    assert "trop grand nombre de pixels" in str(form.errors["file"])

"""The reverse cache (Varnish, tools/cache-proxy) and app instances on the test database, and an
admin client that logs in and submits forms as an editor would.

Processes are started with tests/helpers/servers.py: missing locally, the test is skipped with a
message; missing with CI set, it fails.
"""

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import requests

from tests.helpers.servers import database_url, free_port, gunicorn, require

ROOT = Path(__file__).resolve().parents[2]


def varnishd_path():
    return shutil.which("varnishd") or ("/usr/sbin/varnishd" if os.access("/usr/sbin/varnishd", os.X_OK) else None)


@contextmanager
def cache_proxy(backend):
    """Varnish with the repository's VCL in front of `backend` (host:port); yields its URL."""
    require("Varnish", varnishd_path(), "apt-get install varnish")
    home = tempfile.mkdtemp(prefix="ess-test-varnish-")
    port = free_port()
    env = {**os.environ, "CACHE_PROXY_PORT": str(port), "CACHE_PROXY_BACKEND": backend, "CACHE_PROXY_HOME": home}
    run = str(ROOT / "tools" / "cache-proxy" / "run")
    subprocess.run([run, "start"], env=env, check=True, capture_output=True, timeout=60)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        subprocess.run([run, "stop"], env=env, capture_output=True, timeout=60)
        shutil.rmtree(home, ignore_errors=True)


@contextmanager
def gunicorn_instance(extra_env, workers=1):
    """An app instance as production runs it (gunicorn, the repository's config), on the test
    database and the test settings; yields its URL."""
    from django.db import connection

    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ess_site.settings.test", "DATABASE_URL": database_url(connection)}
    env.pop("DJANGO_LIVE_TEST_SERVER_ADDRESS", None)
    env.setdefault("GUNICORN_ACCESS_LOG", "")  # no access log unless asked (GUNICORN_ACCESS_LOG=-)
    env.update(extra_env)
    with gunicorn(port, env, extra_args=["--workers", str(workers)]):
        yield f"http://127.0.0.1:{port}"


class _FormFields(HTMLParser):
    """The values a browser would submit for the first form posting to `action` (or the first form)."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.done = {}, False, False
        self.textarea, self.select = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and attrs.get("method", "").lower() == "post":
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file"):
                self.fields[name] = attrs.get("value") or ("on" if kind == "checkbox" else "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self.select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


def form_fields(html):
    parser = _FormFields()
    parser.feed(html)
    return parser.fields


def admin_session(base_url, username, password):
    """A requests session logged in to the Wagtail admin at `base_url` (through the login form)."""
    session = requests.Session()
    page = session.get(f"{base_url}/admin/login/", timeout=30)
    fields = form_fields(page.text)
    fields.update({"username": username, "password": password})
    answer = session.post(f"{base_url}/admin/login/", data=fields, timeout=30, headers={"Referer": page.url})
    assert "sessionid" in session.cookies, answer.text[:500]
    return session


def admin_post(session, url, changes=None):
    """Submit the admin form at `url` as an editor would, with `changes` applied to its fields."""
    page = session.get(url, timeout=30)
    page.raise_for_status()
    fields = form_fields(page.text)
    fields.update(changes or {})
    return session.post(url, data=fields, timeout=60, headers={"Referer": url})

"""Real services for the tests that need them: Varnish (tools/cache-proxy), Redis, gunicorn instances.

Each is taken from the environment when .ci/run started it (CACHE_PROXY_URL, REDIS_URL), else
started here in a temporary directory on a free port and stopped afterwards. Missing locally: the
test is skipped with a message; missing with CI set: the test fails.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def require(service, available, how):
    if available:
        return
    message = f"{service} is not available ({how})"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI must provide it", pytrace=False)
    pytest.skip(message)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout=120, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode} before answering {url}")
        try:
            requests.get(url, timeout=30)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


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
def redis_url():
    """REDIS_URL from the environment (.ci/run), else a redis-server of our own."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    binary = shutil.which("redis-server")
    require("Redis", binary, "set REDIS_URL or apt-get install redis-server")
    home = tempfile.mkdtemp(prefix="ess-test-redis-")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", home, "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=20)
        shutil.rmtree(home, ignore_errors=True)


def test_database_url():
    """The URL of the database this test session uses, for processes started by the test."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or ""
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{settings['NAME']}"


@contextmanager
def gunicorn_instance(extra_env, workers=1):
    """An app instance as production runs it (gunicorn), on the test database; yields its URL."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ess_site.settings.test",
        "DATABASE_URL": test_database_url(),
        "PYTHONPATH": str(ROOT),
        **extra_env,
    }
    env.pop("DJANGO_LIVE_TEST_SERVER_ADDRESS", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "ess_site.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-" if os.environ.get("ESS_TEST_GUNICORN_LOG") else "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=None if os.environ.get("ESS_TEST_GUNICORN_LOG") else subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/robots.txt", process=process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


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

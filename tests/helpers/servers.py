"""Local servers for resilience tests: a socket that never answers, free ports, gunicorn and
redis-server processes started on 127.0.0.1 and always stopped. Everything stays on the loopback."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SilentServer:
    """Accepts TCP connections and never answers a byte (a hung upstream service).

    `connections` counts the connections accepted, so a test can tell whether anything called it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._held = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        self.sock.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            self._held.append(conn)  # kept open, never read nor answered

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/search/"

    def close(self):
        self._stop.set()
        self._thread.join(timeout=2)
        for conn in self._held:
            conn.close()
        self.sock.close()


@contextmanager
def silent_server():
    server = SilentServer()
    try:
        yield server
    finally:
        server.close()


def require(service, available, how):
    """Skip the test locally when `service` is missing; fail it on CI, which must provide it."""
    if available:
        return
    message = f"{service} is not available ({how})"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI must provide it", pytrace=False)
    pytest.skip(message)


def require_program(name):
    """The path of a program the test needs (see `require`)."""
    path = shutil.which(name)
    require(name, path, f"apt-get install {name}")
    return path


def wait_for_port(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@contextmanager
def redis_server():
    """The URL of a Redis: REDIS_URL when set (CI starts one, .ci/run), else a throwaway redis-server
    on a free port without persistence. Skips locally without redis-server; fails when CI is set.
    Tests must use keys no other run uses (the Redis may be shared)."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    program = require_program("redis-server")
    port = free_port()
    process = subprocess.Popen(
        [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(process)


def database_url(connection):
    """The URL of the database the test process uses (its test database), for server processes."""
    settings = connection.settings_dict
    if settings["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(settings['NAME']).resolve()}"
    user = settings.get("USER") or ""
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def server_env(**extra):
    """The environment of a server process: the dev settings, no search engine, no CI leftovers."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "OPENSEARCH_URL", "ELASTICSEARCH_URL", "REDIS_URL")
    }
    env.update(DJANGO_SETTINGS_MODULE="ess_site.settings.dev", PYTHONUNBUFFERED="1")
    env.update({k: str(v) for k, v in extra.items()})
    return env


@contextmanager
def gunicorn(port, env, config="ess_site/gunicorn.conf.py", extra_args=()):
    """gunicorn serving the site with the repository's config file on 127.0.0.1:`port`."""
    log = tempfile.TemporaryFile()  # a pipe nobody reads could fill up and block the server
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", config, "--bind", f"127.0.0.1:{port}", *extra_args, "ess_site.wsgi"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        try:
            wait_for_port(port, process, timeout=60)
        except RuntimeError:
            log.seek(0)
            raise RuntimeError(log.read().decode(errors="replace")[-3000:]) from None
        yield process
    finally:
        stop(process)
        log.close()


def slow_client(port, stop, sent, drip_seconds=8):
    """Opens a connection and sends a request head one byte every 0.2 s, never finishing it; gives up
    after `drip_seconds` or when `stop` is set. `sent` gets one entry per byte sent."""
    head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Slow: " + b"a" * 200
    with socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
        deadline = time.monotonic() + drip_seconds
        for byte in head:
            if stop.is_set() or time.monotonic() > deadline:
                return
            try:
                conn.sendall(bytes([byte]))
            except OSError:
                return  # the server closed it: fine
            sent.append(1)
            stop.wait(0.2)

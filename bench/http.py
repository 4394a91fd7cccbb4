"""HTTP load, side by side: the app direct (gunicorn) and through the reverse cache (Varnish).

Run from the project root: `.venv/bin/python bench/http.py [--seconds 5] [--workers 2]`
(DATABASE_URL selects PostgreSQL; SQLite otherwise). Not a test: it prints figures, asserts nothing.

It builds a throwaway database with the demo content, starts gunicorn with the production settings
(static files collected, WhiteNoise), Redis when redis-server is installed, and Varnish with
tools/cache-proxy in front; then, for concurrency 10 and 50, loads with `wrk` (Debian package
`wrk`) for a few seconds each: a static file through gunicorn (the ceiling), `/`, `/annuaire/?q=…`
and an organisation page, each direct and through the proxy. Everything listens on 127.0.0.1 and
is stopped at the end.
"""

import sys
from pathlib import Path

# This file's name is the standard library's `http`: its folder goes last on the path, so `import
# http` (urllib, Django) still finds the standard module, and `harness` is found after it.
_BENCH = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _BENCH] + [str(_BENCH)]

import argparse  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from urllib.request import urlopen  # noqa: E402

from harness import ROOT, setup_django, throwaway_database  # noqa: E402

setup_django()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urlopen(url, timeout=30).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def database_url(connection):
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgres://{settings.get('USER') or ''}{password}@{settings.get('HOST') or '127.0.0.1'}{port}/{settings['NAME']}"


def wrk(url, connections, seconds):
    """(requests per second, p50 ms, p99 ms, failures) from wrk's report: failures are non-2xx/3xx
    answers and socket errors (a request over 10 s counts as a timeout, outside the percentiles)."""
    out = subprocess.run(
        ["wrk", "--latency", "--timeout", "10s", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label):
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    failures = (int(errors.group(1)) if errors else 0) + (
        sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    )
    return rps, ms("50"), ms("99"), failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5, help="duration of each load")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    processes, temp = [], Path(tempfile.mkdtemp(prefix="ess-bench-http-"))
    try:
        with throwaway_database() as connection:
            from django.core.management import call_command

            from directory.models import Organisation

            call_command("load_demo_content", stdout=open(os.devnull, "w"))
            organisation = Organisation.objects.public().order_by("pk").first()
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "ess_site.settings.production",
                "DATABASE_URL": database_url(connection),
                "DB_CONN_MAX_AGE": "60",
                "SECRET_KEY": "bench-only",
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "false",
                "STATIC_ROOT": str(temp / "static"),
                "TASK_BACKEND": "immediate",
                "LOG_LEVEL": "WARNING",
                "PYTHONPATH": str(ROOT),
            }
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
            )
            if shutil.which("redis-server"):
                redis_port = free_port()
                processes.append(
                    subprocess.Popen(
                        [
                            "redis-server",
                            "--port",
                            str(redis_port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--dir",
                            str(temp),
                        ],
                        stdout=subprocess.DEVNULL,
                    )
                )
                env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
            app_port, proxy_port = free_port(), free_port()
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "ess_site.wsgi:application", "-b", f"127.0.0.1:{app_port}"]
                    + ["-w", str(args.workers), "--access-logfile", "/dev/null"],
                    cwd=ROOT,
                    env=env,
                )
            )
            app = f"http://127.0.0.1:{app_port}"
            wait_for(app + "/robots.txt")
            proxy_env = {
                **os.environ,
                "CACHE_PROXY_PORT": str(proxy_port),
                "CACHE_PROXY_BACKEND": f"127.0.0.1:{app_port}",
                "CACHE_PROXY_HOME": str(temp / "varnish"),
            }
            run = str(ROOT / "tools" / "cache-proxy" / "run")
            subprocess.run([run, "start"], env=proxy_env, check=True, stdout=subprocess.DEVNULL)
            proxy = f"http://127.0.0.1:{proxy_port}"
            try:
                urls = {
                    "static file (ceiling)": "/static/css/site.css",
                    "/": "/",
                    "/annuaire/?q=…": "/annuaire/?q=association",
                    "organisation page": f"/annuaire/{organisation.slug}/",
                }
                for path in urls.values():  # warm both (first requests compile templates, fill caches)
                    for base in (app, proxy):
                        urlopen(base + path, timeout=60).read()
                print(
                    f"HTTP load — {connection.vendor}, gunicorn {args.workers} workers, {os.cpu_count()} CPUs, "
                    f"Redis {'on' if 'REDIS_URL' in env else 'off'}, wrk {args.seconds} s per line"
                )
                for concurrency in (10, 50):
                    ceiling = wrk(app + urls["static file (ceiling)"], concurrency, args.seconds)[0]
                    print(f"\nconcurrency {concurrency}")
                    print(
                        f"{'url':24} {'via':7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× ceiling':>10} {'failed':>7}"
                    )
                    for label, path in urls.items():
                        for via, base in (("direct", app), ("proxy", proxy)):
                            rps, p50, p99, errors = wrk(base + path, concurrency, args.seconds)
                            print(
                                f"{label:24} {via:7} {rps:9.0f} {p50:8.1f} {p99:8.1f} {rps / ceiling:10.2f} {errors:7}"
                            )
            finally:
                subprocess.run([run, "stop"], env=proxy_env, stdout=subprocess.DEVNULL)
                stop(processes)  # before the database is dropped: gunicorn holds connections to it
    finally:
        stop(processes)
        shutil.rmtree(temp, ignore_errors=True)


def stop(processes):
    while processes:
        process = processes.pop()
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    main()

"""gunicorn configuration for production (docs/deploiement.md), tested by tests/test_site_slow_clients.py.

    gunicorn -c ess_site/gunicorn.conf.py ess_site.wsgi

Threaded workers (gthread): a connection that sends its request slowly waits in the worker's
poller, not in a thread, and holds one thread at most while its headers trickle in, so a few slow
clients cannot take every worker as they do with sync workers. Behind a buffering proxy (nginx's
default `proxy_request_buffering on`) the app never sees a slow client at all; keep both.
Every value can be changed by an environment variable of the same name in capitals, GUNICORN_*.
"""

import multiprocessing
import os


def _int(name, default):
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = _int("GUNICORN_WORKERS", min(4, multiprocessing.cpu_count() * 2))
threads = _int("GUNICORN_THREADS", 8)
# A request that takes longer than this is killed (its worker restarted): no page needs 30 s.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 20)
# Idle kept-alive connections (and connections that have not sent a byte yet) are closed after this.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Bounded request head: a line of 4 KiB, 100 header fields of 8 KiB at most.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# Recycle workers now and then (memory growth), not all at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"

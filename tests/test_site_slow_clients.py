"""Slow clients (issue 12, item 10): gunicorn with the repository's config (ess_site/gunicorn.conf.py,
threaded workers) keeps answering while several connections send their headers a byte at a time.
With the former set-up (sync workers), each such connection holds a whole worker."""

import threading
import time

import requests

from tests.helpers.servers import free_port, gunicorn, server_env, slow_client

SLOW_CLIENTS = 3
# How long each slow client keeps dripping, then gives up (slow_client). The tests compare the order
# of events, not durations: was the normal request answered while the slow clients still dripped?
DRIP_SECONDS = 20

# A response that reads no database (the server runs on an empty one): the widgets' resize script.
NO_DATABASE_URL = "/integrer/redimensionner.js"


def wait_behind_slow_clients(tmp_path, extra_args=()):
    """(status, answered while every slow client still dripped) of a normal request sent while
    SLOW_CLIENTS connections drip their headers."""
    port = free_port()
    env = server_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}", GUNICORN_WORKERS=2, GUNICORN_ACCESS_LOG=""
    )
    with gunicorn(port, env, extra_args=extra_args):
        base = f"http://127.0.0.1:{port}"
        # Warm: the workers load the site on their first request (slow on a busy machine).
        assert requests.get(base + NO_DATABASE_URL, timeout=120).status_code == 200

        stop, sent = threading.Event(), []
        drippers = [
            threading.Thread(target=slow_client, args=(port, stop, sent, DRIP_SECONDS)) for _ in range(SLOW_CLIENTS)
        ]
        for thread in drippers:
            thread.start()
        try:
            time.sleep(1.5)  # every slow client is connected and half-way through its headers
            assert len(sent) >= SLOW_CLIENTS
            response = requests.get(base + NO_DATABASE_URL, timeout=DRIP_SECONDS + 30)
            while_dripping = all(thread.is_alive() for thread in drippers)
        finally:
            stop.set()
            for thread in drippers:
                thread.join(timeout=5)
    assert "widgets" in response.text
    return response.status_code, while_dripping


def test_a_normal_request_answers_promptly_while_slow_clients_drip(tmp_path):
    status, while_dripping = wait_behind_slow_clients(tmp_path)
    assert status == 200
    assert while_dripping, f"a normal request waited until {SLOW_CLIENTS} slow clients gave up"


def test_the_former_set_up_was_held_up_by_slow_clients(tmp_path):
    """Sync workers (the former `gunicorn --workers 3`, here 2): the request waits until the slow
    clients give up. This is what the test above would see without the config file."""
    _, while_dripping = wait_behind_slow_clients(tmp_path, extra_args=["--worker-class", "sync", "--threads", "1"])
    assert not while_dripping

# The two commands: `make run` (fresh machine -> site on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000

.PHONY: run worker test install install-dev migrate demo lint bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py ensure_admin
	@echo "Site : http://$(HOST)/  —  administration : http://$(HOST)/admin/"
	$(PY) manage.py runserver $(HOST)

# The background worker of production (TASK_BACKEND=database): search indexing after imports,
# geocoding, mail, cache purges. `make run` needs none: there, tasks run inline (TASK_BACKEND=immediate).
worker: install
	TASK_BACKEND=database $(PY) manage.py db_worker

# Unit and integration tests, then browser tests (Playwright + Chromium + axe), each against its own
# fresh test database (DATABASE_URL selects PostgreSQL; SQLite otherwise).
# Tests that serve the test database to other processes (gunicorn, Varnish, the task worker) with
# transactional test cases: each module runs in its own pytest process, on a fresh test database
# (after other transactional tests flushed it, PostgreSQL refused their serialized rows).
# The unit and integration tests run in parallel (pytest-xdist): one test database, search-engine
# index prefix and cache per worker (ess_site/settings/test.py). TEST_PROCESSES=0 runs them in one process.
TEST_PROCESSES ?= 2
SERVER_TESTS := tests/test_background_tasks.py tests/test_cache_proxy.py tests/test_directory_geocoder.py \
	tests/test_directory_ratelimit.py tests/test_shared_state.py tests/test_site_slow_clients.py

test: install
	$(PY) manage.py makemigrations --check --dry-run --settings=ess_site.settings.test
	$(VENV)/bin/pytest tests --ignore=tests/browser $(addprefix --ignore=,$(SERVER_TESTS)) -q -n $(TEST_PROCESSES)
	for module in $(SERVER_TESTS); do $(VENV)/bin/pytest $$module -q || exit 1; done
	$(VENV)/bin/pytest tests/browser -q

# Style, formatting and the direction of imports between apps (pyproject.toml [tool.importlinter]).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

# Performance figures (not tests): each script prints median, p95, queries and bytes.
bench: install
	for script in bench/pages.py bench/directory.py bench/directory_io.py bench/events.py bench/search.py bench/api.py bench/http.py; do \
	  echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) db.sqlite3 tmp staticfiles

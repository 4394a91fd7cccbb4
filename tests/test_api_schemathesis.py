"""The API proves itself against its own description: Schemathesis reads the live /api/v1/schema/
of a running server and sends it generated requests (every operation; boundary and invalid values,
random valid ones, the declared link from a list to a detail).

Checks: every one Schemathesis has (no 5xx, status codes, content types, headers and bodies as
documented, invalid input refused, undocumented methods refused) except `positive_data_acceptance`:
filters name terms editors create (a filière, an organiser), and lat/lon go together, which an
OpenAPI description cannot state, so a value valid for the description may still be refused (400).
That every documented status code is real is shown by test_api.py::test_every_documented_status_is_real.

Fixed seed, a bounded number of cases and a time limit (about a minute on two slow cores).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.commands import run_command
from tests.helpers.directory import make_finder_directory

SEED = 20260117
MAX_EXAMPLES = 5
TIME_LIMIT_S = 120


def schemathesis_cli():
    local = Path(sys.executable).parent / "st"
    return str(local) if local.exists() else shutil.which("st")


@pytest.mark.django_db(transaction=True)
def test_the_api_conforms_to_its_live_description(live_server, settings, tmp_path):
    command = schemathesis_cli()
    if command is None:
        message = "Schemathesis introuvable : pip install -r requirements-dev.txt."
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    run_command("load_demo_content")
    make_finder_directory()
    settings.API_RATE_LIMIT = "1000000/min"  # the rate limit has its own test; here it would end the run early
    try:
        completed = subprocess.run(
            [
                command,
                "run",
                f"{live_server.url}/api/v1/schema/?format=json",
                "--checks",
                "all",
                "--exclude-checks",
                "positive_data_acceptance",
                "--seed",
                str(SEED),
                "--max-examples",
                str(MAX_EXAMPLES),
                "--workers",
                "2",
                "--request-timeout",
                "30",
                "--no-color",
                "--report-dir",
                str(tmp_path),
            ],
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT_S,
            cwd=tmp_path,  # its example database and state stay out of the work tree
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"Schemathesis took more than {TIME_LIMIT_S} s:\n{(error.stdout or b'')[-4000:]!r}")
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-12000:]
    assert "5/5" in output and "passed" in output, output[-3000:]

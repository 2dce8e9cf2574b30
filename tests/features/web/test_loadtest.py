"""Steps for loadtest.feature: the real harness (benchmarks/loadtest/run.py) run briefly as make loadtest runs it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then

scenarios("web/loadtest.feature")

REPO = Path(__file__).resolve().parents[3]
TIMEOUT_S = 240  # the stack's start-up, the run and the drain on a loaded 2-core machine


@pytest.fixture
def run() -> dict:
    return {}


@given(
    parsers.parse(
        "the load-test harness has run for {seconds:d} seconds with {architects:d} architects and {reviewers:d} reviewers"
    )
)
def harness_ran(run, request, tmp_path, seconds, architects, reviewers):
    out = tmp_path / "loadtest.txt"
    scratch = tempfile.mkdtemp(prefix="annex-lt-")  # short: PostgreSQL's socket path must stay under 108 bytes
    os.chmod(scratch, 0o755)  # PostgreSQL runs as its own user when the tests run as root
    request.addfinalizer(lambda: shutil.rmtree(scratch, ignore_errors=True))
    finished = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "loadtest" / "run.py"),
            "--seconds",
            str(seconds),
            "--architects",
            str(architects),
            "--reviewers",
            str(reviewers),
            "--workers",
            "1",
            "--scaling-checks",
            "0",
            "--drain-seconds",
            "120",
            "--out",
            str(out),
        ],
        cwd=REPO,
        env={**os.environ, "TMPDIR": scratch},
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    # 0: every target met, 1: a target missed (timings on a shared machine); 2: the harness broke
    assert finished.returncode in (0, 1) and out.exists(), finished.stdout[-3000:] + finished.stderr[-3000:]
    run["text"] = out.read_text()
    run["rows"] = {
        m.group(1).strip(): (int(m.group(2)), int(m.group(3)), m.group(4), m.group(5))
        for m in re.finditer(r"^(.+?)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)$", run["text"], re.MULTILINE)
    }


@then(
    "it lists the requests, errors, p50 and p95 of the upload, the version status, the review queue, a submission's page and the sign-in"
)
def lists_endpoints(run):
    for endpoint in (
        "POST /api/v1/projects/<id>/versions (upload)",
        "GET /api/v1/versions/<id>",
        "GET /review/ (queue)",
        "GET /review/submissions/<id>",
        "POST /signin",
    ):
        assert endpoint in run["rows"], run["text"]
        requests_, _errors, p50, p95 = run["rows"][endpoint]
        assert requests_ > 0 and float(p50) > 0 and float(p95) >= float(p50), run["text"]


@then("no request failed")
def no_errors(run):
    assert run["rows"]["all"][1] == 0, run["text"]


@then("every submission made was checked after draining, none lost")
def none_lost(run):
    match = re.search(
        r"after draining \d+ s: (\d+) submissions made, (\d+) done, (\d+) failed, (\d+) lost", run["text"]
    )
    assert match, run["text"]
    made, done, failed, lost = map(int, match.groups())
    assert made >= 2 and done + failed == made and lost == 0, run["text"]


@then("the check workers ran 10 nice levels below the web workers, so requests come before checks")
def workers_niced(run):
    match = re.search(r"threads \(nice (-?\d+)\), \d+ check workers \(nice (-?\d+)\)", run["text"])
    assert match, run["text"]
    web_nice, worker_nice = map(int, match.groups())
    assert worker_nice == min(19, web_nice + 10), run["text"]


@then("it says how many of the cores the stack and the other processes on the machine used")
def cpu_accounted(run):
    match = re.search(r"^CPU during the run, in cores of \d+: (.+)$", run["text"], re.MULTILINE)
    assert match, run["text"]
    cores = {name: float(value) for name, value in re.findall(r"([A-Za-z ]+?) (\d+\.\d+)(?:, |$)", match.group(1))}
    assert {"gunicorn", "checks", "PostgreSQL", "locust", "other processes", "machine"} <= set(cores), run["text"]
    assert cores["gunicorn"] > 0 and 0 < cores["machine"] <= 1.05 * (os.cpu_count() or 1), run["text"]

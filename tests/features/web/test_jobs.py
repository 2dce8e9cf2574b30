"""Steps for jobs.feature: the job queue, its limits and its faults, done to real processes.

Redis is Debian's ``redis-server`` (``tests/support/redis.py``, a fresh one per
scenario so it can be killed), PostgreSQL the session's server; workers are real
``python -m web.jobs.worker`` processes and the web app in the restart scenario is a real
gunicorn. Faults are real signals: SIGKILL to a worker and all its children (as a
machine that dies), SIGKILL to Redis (a restart that loses its memory), SIGTERM (a
worker restarted by its supervisor). The limit scenarios run the job inline (the same
job function, its child under the same limits).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import select

import web.jobs.checking
from tests.support.postgres import fresh_database
from tests.support.redis import free_port, redis_server
from web import create_app
from web.accounts.tokens import issue_token
from web.jobs.checking import start_check
from web.store import db
from web.store.models import Job, Submission, User

from .conftest import create_accounts, csrf_token, sign_in
from .seeded import EXAMPLE, _submit, seed

scenarios("web/jobs.feature")

REPO = Path(__file__).resolve().parents[3]
CHECK_TIMEOUT_S = 120  # the example's check with its PDF on a loaded 2-core machine, plus a lease
LEASE_S = 3  # short leases and reconciling so that a lost job is found within seconds
RECONCILE_S = 1
EXAMPLE_VERDICT = "fails"


def wait_for(condition, timeout: float, what: str, pause: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(pause)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (an RQ work-horse sits in its own process group, so killpg misses it)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@dataclass
class Process:
    """A real process the scenario started, with its output kept in a file."""

    process: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill_tree(self) -> None:
        """SIGKILL the process and everything below it at once, as a machine that dies."""
        for pid in [self.pid, *descendants(self.pid)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait(timeout=10)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@dataclass
class Stack:
    """What one scenario started and what its steps hand each other."""

    folder: Path
    database_url: str
    redis: object | None = None
    app: object | None = None
    accounts: dict = field(default_factory=dict)
    workers: list[Process] = field(default_factory=list)
    gunicorn: Process | None = None
    gunicorn_port: int = 0
    client: object | None = None
    submission_id: int | None = None
    gate: Path | None = None  # workers' checks wait for this file (tests/support/gated_worker.py)
    worker_settings: dict = field(default_factory=dict)
    state_after_submit: str | None = None

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ANNEX_")}
        env.update(
            DATABASE_URL=self.database_url,
            ANNEX_SECRET_KEY="jobs-test",
            ANNEX_UPLOAD_FOLDER=str(self.folder / "uploads"),
            ANNEX_ANNEX_FOLDER=str(self.folder / "annexes"),
            ANNEX_JOB_LEASE_SECONDS=str(LEASE_S),
            ANNEX_JOBS_RECONCILE_SECONDS=str(RECONCILE_S),
            PYTHONPATH=str(REPO),
        )
        if self.redis is not None:
            env["REDIS_URL"] = self.redis.url
        return env

    def start(self, name: str, command: list[str], extra: dict | None = None) -> Process:
        log = self.folder / f"{name}-{uuid.uuid4().hex[:6]}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                cwd=REPO,
                env={**self.environment(), **(extra or {})},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return Process(process, log)

    def start_worker(self) -> Process:
        if self.gate is None:
            command = [sys.executable, "-m", "web.jobs.worker"]
        else:
            command = [sys.executable, "-m", "tests.support.gated_worker", str(self.gate)]
        worker = self.start("worker", command, extra=self.worker_settings)
        self.workers.append(worker)
        return worker

    def session(self):
        return db.sessions(self.app)()

    def job(self) -> Job:
        with self.session() as session:
            return session.scalars(
                select(Job).where(Job.submission_id == self.submission_id).order_by(Job.id.desc())
            ).first()

    def submission(self) -> Submission:
        with self.session() as session:
            return session.get(Submission, self.submission_id)


def _app(stack: Stack, **settings):
    return create_app(
        {
            "SECRET_KEY": "jobs-test",
            "DATABASE_URL": stack.database_url,
            "UPLOAD_FOLDER": str(stack.folder / "uploads"),
            "ANNEX_FOLDER": str(stack.folder / "annexes"),
            "JOB_LEASE_SECONDS": LEASE_S,
            "JOBS_RECONCILE_SECONDS": RECONCILE_S,
            **settings,
        }
    )


@pytest.fixture
def stack(request, tmp_path):
    base_url = request.getfixturevalue("postgres_base_url")
    stack = Stack(tmp_path, fresh_database(base_url, f"annex_jobs_{uuid.uuid4().hex[:12]}"))
    with redis_server() as redis:
        stack.redis = redis
        try:
            yield stack
        finally:
            for process in [*stack.workers, *([stack.gunicorn] if stack.gunicorn else [])]:
                if process.process.poll() is None:
                    process.kill_tree()
            if stack.app is not None:
                pool = stack.app.extensions.get("annex_jobs")
                if pool is not None:
                    pool.close()
                db.sessions(stack.app).kw["bind"].dispose()


# ----------------------------------------------------------------- the stack


@given("Redis and PostgreSQL are running and no worker is")
def no_worker(stack):
    stack.app = _app(stack, REDIS_URL=stack.redis.url)
    stack.accounts = create_accounts(stack.app)


@given("Redis and PostgreSQL are running and a worker process is running")
def one_worker(stack):
    no_worker(stack)
    stack.start_worker()


@given("Redis and PostgreSQL are running and a worker process is running whose checks wait for the test's go-ahead")
def one_gated_worker(stack):
    stack.gate = stack.folder / "go-ahead"
    one_worker(stack)


@given(
    parsers.parse(
        "Redis and PostgreSQL are running and a worker process is running whose checks wait for the test's "
        "go-ahead, with {seconds:d} seconds' grace to stop"
    )
)
def one_gated_worker_with_grace(stack, seconds):
    stack.worker_settings = {"ANNEX_JOBS_STOP_GRACE_SECONDS": str(seconds)}
    one_gated_worker(stack)


@given("the web app runs in gunicorn")
def in_gunicorn(stack):
    stack.gunicorn_port = free_port()
    start_gunicorn(stack)


def start_gunicorn(stack):
    stack.gunicorn = stack.start(
        "gunicorn",
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{stack.gunicorn_port}",
            "web:create_app()",
        ],
    )
    wait_for(lambda: _http_status(stack, "/signin") == 200, 60, "gunicorn to answer")


@given('the web app runs as "python -m web" without Redis')
@when('the web app starts again as "python -m web" without Redis')
def demo_server(stack):
    if stack.redis is not None:
        stack.redis.stop()
        stack.redis = None
    stack.gunicorn_port = stack.gunicorn_port or free_port()
    env_port = {"PORT": str(stack.gunicorn_port)}
    stack.gunicorn = stack.start("web", [sys.executable, "-m", "web"], extra=env_port)
    wait_for(lambda: _http_status(stack, "/signin") == 200, 60, "python -m web to answer")


@when("the web process and its children are killed with SIGKILL")
def kill_web(stack):
    assert stack.submission().check_state == "running", "the check finished before the web process could be killed"
    stack.gunicorn.kill_tree()


@given("the web app runs without Redis")
def without_redis(stack):
    stack.redis.stop()
    stack.redis = None
    stack.app = _app(stack, JOBS_LOCAL_WORKERS=1)
    stack.accounts = create_accounts(stack.app)


def _inline_app(stack, monkeypatch=None, **settings):
    stack.redis.stop()
    stack.redis = None
    stack.app = _app(stack, CHECK_IN_BACKGROUND=False, **settings)
    stack.accounts = create_accounts(stack.app)


@given(parsers.parse("the web app limits each check to {seconds:d} second of CPU time"))
def cpu_limited(stack, seconds):
    _inline_app(stack, JOB_CPU_SECONDS=seconds)


@given(
    parsers.parse(
        "the web app limits each check to {extra:d} MB more memory than the web process has "
        "and the drawing reader needs a gigabyte"
    )
)
def memory_limited(stack, extra, monkeypatch):
    size_kb = next(
        int(line.split()[1])
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmSize:")
    )
    _inline_app(stack, JOB_MEMORY_MB=size_kb // 1024 + extra)
    # The child is forked from this process, whose heap may have room to spare: a gigabyte is past it whatever it holds.
    monkeypatch.setattr(web.jobs.checking, "load_submission", lambda *args, **kwargs: bytearray(1 << 30))


@given(
    parsers.parse(
        "the web app limits each check to {seconds:d} seconds of wall-clock time and the drawing reader hangs"
    )
)
def wall_limited(stack, seconds, monkeypatch):
    _inline_app(stack, JOB_WALL_SECONDS=seconds)
    # The job's child is forked from this process, so it reads with this stand-in.
    monkeypatch.setattr(web.jobs.checking, "load_submission", lambda *args, **kwargs: time.sleep(3600))


@given("the web app's database cannot be reached")
def database_away(stack):
    stack.app = create_app(
        {
            "SECRET_KEY": "jobs-test",
            "MIGRATE_ON_START": False,
            "CHECK_IN_BACKGROUND": False,
            "DATABASE_URL": f"postgresql+psycopg://postgres@/annex?host={stack.folder / 'no-server'}",
            "UPLOAD_FOLDER": str(stack.folder / "uploads"),
            "ANNEX_FOLDER": str(stack.folder / "annexes"),
        }
    )


# ----------------------------------------------------------------- submitting


@given("the example project has been checked")
def example_checked(stack):
    stack.submission_id = seed(stack.app, stack.accounts, reviewed=False).submission_id


@when(parsers.parse('the reviewer requests changes with the note "{note}"'))
def request_changes(stack, note):
    client = stack.client = stack.app.test_client()
    sign_in(client, stack.accounts["reviewer"])
    page = f"/review/submissions/{stack.submission_id}"
    response = client.post(
        f"{page}/final",
        data={"decision": "changes_requested", "notes": note, "language": "en", "csrf_token": csrf_token(client, page)},
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


@then("the submission page says the signed-off annex is being written")
def page_says_signing(stack):
    page = stack.client.get(f"/review/submissions/{stack.submission_id}").get_data(as_text=True)
    assert "data-signing" in page and "the signed-off annex is being written" in page
    assert stack.submission().final_annex_sha256 is None


@then("the version is frozen with its signed-off annex")
def frozen(stack):
    submission = wait_for(
        lambda: (s := stack.submission()).final_annex_sha256 and s, CHECK_TIMEOUT_S, "the sign-off", pause=0.2
    )
    assert submission.review_state == "changes_requested"
    assert (stack.folder / "annexes" / submission.final_annex_name).exists()
    assert stack.job().kind == "sign_off" and stack.job().state == "done"


@then("the submission page shows the sign-off")
def page_shows_sign_off(stack):
    page = stack.client.get(f"/review/submissions/{stack.submission_id}").get_data(as_text=True)
    assert "data-signed-off" in page and "data-signing" not in page


@when("the architect submits the example project")
@when("the architect submits the example project again")
def submit(stack):
    with stack.app.test_request_context():
        session = db.session()
        stack.submission_id = _submit(session, stack.accounts, permit_number=f"EX-{uuid.uuid4().hex[:6]}")
        start_check(stack.submission_id)
    stack.state_after_submit = stack.submission().check_state


@when("the architect submits the example project through the API")
def submit_through_api(stack):
    with stack.app.app_context():
        session = db.sessions(stack.app)()
        token = issue_token(session, session.get(User, stack.accounts["architect"].id), "jobs test")
        session.close()
    headers = {"Authorization": f"Bearer {token}"}
    status, municipalities = _call(stack, "GET", "/api/v1/municipalities", headers=headers)
    assert status == 200, municipalities
    example = next(m for m in municipalities if m["name"] == "Example")
    status, project = _call(
        stack,
        "POST",
        "/api/v1/projects",
        headers=headers,
        body=json.dumps({"name": "Queued house", "permit_number": "EX-Q", "municipality_id": example["id"]}).encode(),
        content_type="application/json",
    )
    assert status == 201, project
    body, content_type = _multipart(
        [("name", "Ground floor"), ("elevation", "0"), ("name", "First floor"), ("elevation", "2.8")],
        [
            ("storey", "ground.dxf", (EXAMPLE / "ground.dxf").read_bytes()),
            ("storey", "first.dxf", (EXAMPLE / "first.dxf").read_bytes()),
        ],
    )
    status, version = _call(
        stack,
        "POST",
        f"/api/v1/projects/{project['id']}/versions",
        headers=headers,
        body=body,
        content_type=content_type,
    )
    assert status == 202, version
    stack.submission_id = version["id"]
    assert stack.submission().check_state == "queued"


def _multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, data in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _call(stack, method, path, *, headers, body=None, content_type=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.gunicorn_port}{path}",
        data=body,
        method=method,
        headers={**headers, **({"Content-Type": content_type} if content_type else {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def _http_status(stack, path) -> int | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{stack.gunicorn_port}{path}", timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


# ----------------------------------------------------------------- faults


@when("a worker process starts")
@when("a second worker process starts")
def worker_starts(stack):
    stack.start_worker()


@when("the check is running in the worker")
def check_running(stack):
    wait_for(lambda: stack.submission().check_state == "running", 60, "the check to start running")


@when("the first worker and its children are killed with SIGKILL")
def kill_first_worker(stack):
    assert stack.submission().check_state == "running", "the check finished before the worker could be killed"
    stack.workers[0].kill_tree()


@when("the worker is stopped with SIGTERM")
def terminate_worker(stack):
    assert stack.submission().check_state == "running"
    stack.workers[0].process.send_signal(signal.SIGTERM)


@when("the worker has taken the stop")
def stop_taken(stack):
    wait_for(lambda: "stop requested" in stack.workers[0].output(), 30, "the worker to log the stop")
    assert stack.submission().check_state == "running"


@when("the check is let go on")
def let_go(stack):
    stack.gate.touch()


@when("Redis is killed and started again with nothing in it")
def redis_restarts(stack):
    stack.redis.restart()


@when("Redis is stopped")
def redis_stops(stack):
    stack.redis.stop()


@when("Redis is started again")
def redis_starts(stack):
    stack.redis.start()


@when("gunicorn is killed with SIGKILL")
def kill_gunicorn(stack):
    stack.gunicorn.kill_tree()


@when("gunicorn starts again")
def gunicorn_again(stack):
    start_gunicorn(stack)


@when("an API client asks for the municipalities", target_fixture="answer")
def ask_municipalities(stack):
    return stack.app.test_client().get("/api/v1/municipalities", headers={"Authorization": "Bearer annex_any"})


# ----------------------------------------------------------------- outcomes


@then("the check is still queued a moment later")
def still_queued(stack):
    time.sleep(2)
    assert stack.submission().check_state == "queued"
    assert stack.job().attempts == 0


@then("the check is done with the example's verdict")
def check_done(stack):
    def finished():
        submission = stack.submission()
        return submission if submission.check_state in ("done", "failed") else None

    try:
        submission = wait_for(finished, CHECK_TIMEOUT_S, "the check to finish", pause=0.2)
    except AssertionError:
        logs = "\n".join(w.output()[-3000:] for w in stack.workers)
        raise AssertionError(f"the check did not finish; job {stack.job().__dict__}; workers said:\n{logs}") from None
    assert submission.check_state == "done", submission.error
    assert submission.verdict == EXAMPLE_VERDICT
    assert submission.annex_name and (stack.folder / "annexes" / submission.annex_name).exists()
    assert stack.job().state == "done"


@then("the check ran in a process other than the web app's")
def ran_elsewhere(stack):
    assert stack.state_after_submit in ("queued", "running"), "the check was done within the submitting call"
    pool = stack.app.extensions["annex_jobs"]
    if stack.redis is not None:
        token = stack.job().token
        assert any(token in worker.output() for worker in stack.workers), "no worker's log names the job"
    else:
        pids = [p.pid for p in (pool.executor._processes or {}).values()] if pool.executor else []
        assert pids and os.getpid() not in pids


@then("the check was started twice")
def started_twice(stack):
    assert stack.job().attempts == 2


@then("the worker process has ended by itself")
def worker_ended(stack):
    wait_for(lambda: stack.workers[0].process.poll() is not None, 30, "the worker to stop")
    # 0: its own loop returned; the watchdog's way out (os._exit) says 1
    assert stack.workers[0].process.returncode == 0, stack.workers[0].output()[-3000:]


@then("the check is still running in the database")
def still_running(stack):
    assert stack.submission().check_state == "running"
    assert stack.job().state == "running"


@then("the check is queued on Redis")
def queued_on_redis(stack):
    from redis import Redis
    from rq.job import Job as RqJob

    # the token is read afresh each time: queuing a lost job again gives it a new one
    with Redis.from_url(stack.redis.url) as connection:
        status = wait_for(lambda: _rq_status(RqJob, stack.job().token, connection), 30, "the web app to queue the job")
    assert status == "queued"


def _rq_status(job_class, token, connection):
    from rq.exceptions import NoSuchJobError

    try:
        return job_class.fetch(token, connection=connection).get_status()
    except NoSuchJobError:
        return None


@then(parsers.parse('the check has failed saying "{words}"'))
def check_failed(stack, words):
    submission = stack.submission()
    assert submission.check_state == "failed"
    assert words in submission.error, submission.error
    assert submission.error.count(". ") == 0 and submission.error.endswith("."), submission.error  # one sentence
    assert stack.job().state == "failed"


@then(parsers.parse('the answer is 503 saying "{words}"'))
def answer_503(answer, words):
    assert answer.status_code == 503
    assert words in answer.get_data(as_text=True)

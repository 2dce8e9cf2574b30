"""``make loadtest``: the production stack on this machine under locust, and the figures it must meet.

Starts PostgreSQL and Redis as real processes (``tests/support``: throwaway, free port /
socket), makes the accounts through the app's models (one municipality, architects with
an API token and a project each, reviewers), starts gunicorn serving ``web:create_app()``
with 2 web workers and the check workers (``python -m web.jobs.worker``), then runs locust
headless (``benchmarks/loadtest/locustfile.py``) for the given time. Afterwards it waits
for the queue to drain and counts from the database: every submission made must end
done, or failed with a sentence. Then the scaling run: the workers are replaced by N,
then 2N fresh ones, each given the same number of queued checks, and checks finished per
second are compared. Prints the figures, writes them to ``--out`` and exits 1 when a
target is missed (2 for a harness that could not run).

Where the CPU went is measured too (``CpuMeter``: each process group with its
descendants, from /proc through psutil), so a missed target can be read against what the
machine had to give: the cores gunicorn, the check workers, PostgreSQL, Redis, locust
and everything else on the machine used during the run, and in the scaling runs the CPU
the workers obtained, so "2N workers did not finish twice the checks" can be told apart
from "2N workers did not get twice the CPU".
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import ExitStack
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from sqlalchemy import func, select  # noqa: E402

from tests.support.postgres import fresh_database, postgres_server  # noqa: E402
from tests.support.redis import free_port, redis_server  # noqa: E402
from web import create_app  # noqa: E402
from web.accounts.tokens import issue_token  # noqa: E402
from web.accounts.users import create_user  # noqa: E402
from web.architect.submissions import create_project  # noqa: E402
from web.store import db  # noqa: E402
from web.store.models import Municipality, Role, Submission  # noqa: E402

P95_TARGET_MS = 500
UPLOAD = "(upload)"  # the upload's endpoint name carries this; it is exempt from the p95 target
SCALING_OK = (1.6, 2.4)  # "about twice"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--architects", type=int, default=50)
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--workers", type=int, default=1, help="N: the run uses 2N check workers, scaling compares N and 2N"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=4,
        help="threads per gunicorn web worker (gthread): a request waiting on PostgreSQL does not hold the worker",
    )
    parser.add_argument(
        "--spawn-seconds",
        type=float,
        default=10,
        help="locust starts the users evenly over this many seconds (at most a sixth of the run)",
    )
    parser.add_argument(
        "--scaling-checks", type=int, default=8, help="checks queued for each scaling run (0: no scaling run)"
    )
    parser.add_argument("--drain-seconds", type=int, default=900)
    parser.add_argument("--out", type=Path, default=REPO / "out" / "loadtest.txt")
    options = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="annex-loadtest-"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped from outside: still stop what was started
    with ExitStack() as stack:
        base_url = stack.enter_context(postgres_server())
        redis = stack.enter_context(redis_server())
        run = LoadRun(folder, fresh_database(base_url, "annex_loadtest"), redis.url, redis.process.pid, options)
        stack.callback(run.stop_everything)
        return run.execute()


class LoadRun:
    def __init__(self, folder: Path, database_url: str, redis_url: str, redis_pid: int, options) -> None:
        self.folder, self.options, self.redis_pid = folder, options, redis_pid
        # the server's socket folder is beside its data folder (tests/support/postgres.py)
        self.postgres_data = Path(database_url.rpartition("host=")[2]).parent / "data"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("ANNEX_")}
        self.env.update(
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            ANNEX_SECRET_KEY=secrets.token_hex(16),
            ANNEX_UPLOAD_FOLDER=str(folder / "uploads"),
            ANNEX_ANNEX_FOLDER=str(folder / "annexes"),
            PYTHONPATH=str(REPO),
        )
        self.app = create_app(
            {
                "SECRET_KEY": self.env["ANNEX_SECRET_KEY"],
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "UPLOAD_FOLDER": self.env["ANNEX_UPLOAD_FOLDER"],
                "ANNEX_FOLDER": self.env["ANNEX_ANNEX_FOLDER"],
            }
        )
        self.port = free_port()
        self.processes: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        self.lines: list[str] = []

    # ------------------------------------------------------------- processes

    def start(self, name: str, command: list[str], env: dict | None = None) -> subprocess.Popen:
        # the child keeps its own copy of the log's descriptor; ours is closed at once
        with (self.folder / f"{name}-{uuid.uuid4().hex[:6]}.log").open("wb") as log:
            process = subprocess.Popen(
                command, cwd=REPO, env=env or self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.processes.append(process)
        return process

    def start_workers(self, count: int, nice: int | None = None) -> None:
        """``count`` check workers; ``nice`` overrides the nice levels they step down by (JOBS_WORKER_NICE)."""
        env = None if nice is None else {**self.env, "ANNEX_JOBS_WORKER_NICE": str(nice)}
        for _ in range(count):
            self.workers.append(self.start("worker", [sys.executable, "-m", "web.jobs.worker"], env=env))
        # a worker counts once it has registered in Redis (imports done, ready to take a job)
        from redis import Redis
        from rq import Worker

        with Redis.from_url(self.env["REDIS_URL"]) as connection:
            wait_for(
                lambda: len(Worker.all(connection=connection)) >= len(self.workers), 120, "the workers to register"
            )

    def stop_workers(self) -> None:
        for worker in self.workers:  # warm shutdown: the job in hand finishes (there is none by now)
            worker.send_signal(signal.SIGTERM)
        for worker in self.workers:
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.say(f"(worker {worker.pid} did not stop on SIGTERM within 60 s; killed)")
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()
        self.workers = []

    def renice_workers(self, nice: int) -> None:
        """The workers, their checks and their sessions (each worker leads its own) at ``nice``."""
        for worker in self.workers:
            try:
                for process in [psutil.Process(worker.pid), *psutil.Process(worker.pid).children(recursive=True)]:
                    process.nice(nice)
                Path(f"/proc/{worker.pid}/autogroup").write_text(str(nice))
            except (psutil.Error, OSError):
                pass

    def stop_everything(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait()
        db.sessions(self.app).kw["bind"].dispose()

    # ------------------------------------------------------------- the run

    def execute(self) -> int:
        options = self.options
        accounts = self.make_accounts(options.architects, options.reviewers)
        accounts_file = self.folder / "accounts.json"
        accounts_file.write_text(json.dumps(accounts))
        self.gunicorn = self.start(
            "gunicorn",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                "2",
                "--threads",
                str(options.threads),
                # longer than any user's pause between requests: a connection the server closes just
                # as the client reuses it would fail that request (gunicorn's default is 2 s)
                "--keep-alive",
                "75",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "60",
                "web:create_app()",
            ],
        )
        wait_for(lambda: http_status(f"{self.url}/signin") == 200, 60, "gunicorn to answer")
        self.start_workers(2 * options.workers)

        users = options.architects + options.reviewers
        # Users arrive over a few seconds, as people do, not in one instant (at most a sixth of the run,
        # so a short run still has every user working for most of it).
        spawn_seconds = max(0.1, min(options.spawn_seconds, options.seconds / 6))
        nice = "/".join(sorted({str(niceness(worker.pid)) for worker in self.workers}))
        self.say(
            f"load test: {options.architects} architects, {options.reviewers} reviewers, {options.seconds} s "
            f"(users started over the first {spawn_seconds:.3g} s), gunicorn 2 web workers x {options.threads} "
            f"threads (nice {niceness(self.gunicorn.pid)}), {2 * options.workers} check workers (nice {nice}), "
            "PostgreSQL, Redis"
        )
        self.say(
            f"machine: {os.cpu_count()} cores, load average {load_average()} at the start; sessions (autogroups, "
            f"shared first) at nice {session_niceness(self.gunicorn.pid)} for gunicorn, "
            f"{'/'.join(sorted({session_niceness(worker.pid) for worker in self.workers}))} for the check workers"
        )
        stats_prefix = self.folder / "locust"
        meter = self.cpu_meter()
        locust_cpu = children_cpu()
        locust = subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(REPO / "benchmarks" / "loadtest" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                f"{users / spawn_seconds:.3f}",
                "--run-time",
                f"{options.seconds}s",
                "--host",
                self.url,
                "--csv",
                str(stats_prefix),
                "--only-summary",
                "--stop-timeout",
                "10",
                "--loglevel",
                "WARNING",
            ],
            cwd=REPO,
            env={
                **self.env,
                "LOADTEST_ACCOUNTS": str(accounts_file),
                "LOADTEST_ARCHITECTS": str(options.architects),
                "LOADTEST_REVIEWERS": str(options.reviewers),
            },
            capture_output=True,
            text=True,
        )
        used = meter.used(locust=children_cpu() - locust_cpu)
        waited = meter.waited()
        (self.folder / "locust.log").write_text(locust.stdout + locust.stderr)
        stats_file = Path(f"{stats_prefix}_stats.csv")
        if not stats_file.exists():
            print(locust.stdout[-3000:], locust.stderr[-3000:], file=sys.stderr)
            print(f"locust wrote no statistics (exit {locust.returncode}); see above", file=sys.stderr)
            return 2
        failures = self.report_requests(stats_file, Path(f"{stats_prefix}_failures.csv"))
        self.say(
            f"CPU during the run, in cores of {os.cpu_count()}: "
            + ", ".join(f"{name} {cores:.2f}" for name, cores in used.items())
        )
        self.say(
            f"waiting for a CPU during the run (runnable, not running; all threads, s): gunicorn {waited['gunicorn']:.1f} "
            f"(it ran {used['gunicorn'] * meter.seconds:.1f}), PostgreSQL {waited['PostgreSQL']:.1f} "
            f"(it ran {used['PostgreSQL'] * meter.seconds:.1f})"
        )
        made_in_run = self.count_states()
        finished_in_run = made_in_run.get("done", 0) + made_in_run.get("failed", 0)
        self.say(f"during the run: {sum(made_in_run.values())} submissions made, {finished_in_run} finished")

        # Their niceness puts checks behind requests; with no requests left to serve, the drain need
        # not wait behind whatever else runs on the machine (raising a priority needs root: else as it is).
        self.renice_workers(os.getpriority(os.PRIO_PROCESS, 0))  # and their sessions at this nice level
        drain_started = time.monotonic()
        wait_for(lambda: not self.unfinished(), options.drain_seconds, "the queue to drain", pause=1, fail=False)
        drained = self.count_states()
        lost = self.lost_submissions()
        made = sum(drained.values())
        self.say(
            f"after draining {time.monotonic() - drain_started:.0f} s: {made} submissions made, "
            f"{drained.get('done', 0)} done, {drained.get('failed', 0)} failed, {len(lost)} lost"
        )
        for line in lost[:10]:
            self.say(f"  lost: {line}")

        ratio = None
        if options.scaling_checks:
            ratio = self.scaling(accounts["architects"][0], options.workers, options.scaling_checks)

        missed = []
        if failures:
            missed.append(f"{failures} errors")
        if lost:
            missed.append(f"{len(lost)} lost submissions")
        missed += self.slow
        if ratio is not None and not SCALING_OK[0] <= ratio <= SCALING_OK[1]:
            missed.append(f"2N workers finished {ratio:.2f} times the checks of N, not about twice")
        self.say(f"load average {load_average()} at the end")
        self.say("targets: all met" if not missed else "targets missed: " + "; ".join(missed))
        options.out.parent.mkdir(parents=True, exist_ok=True)
        options.out.write_text("\n".join(self.lines) + "\n")
        print(f"(written to {options.out}; logs in {self.folder})")
        return 1 if missed else 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def say(self, line: str) -> None:
        print(line, flush=True)
        self.lines.append(line)

    def make_accounts(self, architects: int, reviewers: int) -> dict:
        session = db.sessions(self.app)()
        municipality = Municipality(name="Example", default_ruleset="ir-police-annex")
        session.add(municipality)
        made = {"architects": [], "reviewers": []}
        for number in range(reviewers):
            password = secrets.token_urlsafe(16)
            user = create_user(
                session,
                email=f"reviewer-{number}@load.example",
                name=f"Reviewer {number}",
                password=password,
                role=Role.REVIEWER,
                municipality=municipality,
            )
            made["reviewers"].append({"email": user.email, "password": password})
        session.flush()
        for number in range(architects):
            user = create_user(
                session,
                email=f"architect-{number}@load.example",
                name=f"Architect {number}",
                password=secrets.token_urlsafe(16),
                role=Role.ARCHITECT,
                municipality=None,
            )
            session.flush()
            project = create_project(
                session,
                user,
                name=f"Load house {number}",
                address=f"{number} Load Lane",
                permit_number=f"LOAD-{number}",
                municipality_id=municipality.id,
                dwellings=1,
            )
            session.flush()
            made["architects"].append({"token": issue_token(session, user, "load test"), "project_id": project.id})
        session.commit()
        session.close()
        return made

    def report_requests(self, stats_file: Path, failures_file: Path) -> int:
        self.slow = []
        with stats_file.open() as stats:
            rows = list(csv.DictReader(stats))
        self.say(f"{'endpoint':<52} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7}")
        failures = 0
        for row in rows:
            name = row["Name"] if row["Name"] != "Aggregated" else "all"
            requests_, errors = int(row["Request Count"]), int(row["Failure Count"])
            p50, p95 = row["50%"], row["95%"]
            self.say(f"{name:<52} {requests_:>8} {errors:>6} {p50:>7} {p95:>7}")
            if name == "all":
                failures = errors
            elif UPLOAD not in name and p95 not in ("N/A", "") and float(p95) >= P95_TARGET_MS:
                self.slow.append(f"p95 of {name} is {p95} ms")
        if failures_file.exists():
            with failures_file.open() as failures_csv:
                failure_rows = list(csv.DictReader(failures_csv))
            for row in failure_rows[:10]:
                self.say(f"  error x{row['Occurrences']}: {row['Method']} {row['Name']}: {row['Error'][:160]}")
        return failures

    # ------------------------------------------------------------- the database

    def session(self):
        return db.sessions(self.app)()

    def count_states(self) -> dict[str, int]:
        with self.session() as session:
            return dict(
                session.execute(select(Submission.check_state, func.count()).group_by(Submission.check_state)).all()
            )

    def unfinished(self) -> int:
        counts = self.count_states()
        return counts.get("queued", 0) + counts.get("running", 0)

    def lost_submissions(self) -> list[str]:
        """Submissions that did not end done, or failed with a sentence for the architect."""
        with self.session() as session:
            rows = session.scalars(select(Submission)).all()
            return [
                f"submission {s.id}: {s.check_state} {s.error or ''}".strip()
                for s in rows
                if not (s.check_state == "done" or (s.check_state == "failed" and (s.error or "").strip()))
            ]

    # ------------------------------------------------------------- scaling

    def scaling(self, architect: dict, n: int, checks: int) -> float:
        """Checks per second of N, then 2N fresh workers, each given ``checks`` queued checks.

        The checks are queued before the workers start, and timed from the first check
        started to the last one ended (RQ's own times), so the workers' start-up and the
        uploads are not counted. The workers' CPU (their work-horses and check processes
        included) and the machine's are measured over the same time.
        """
        self.stop_workers()
        rates, cores = {}, {}
        for count in (n, 2 * n):
            ids = [self.submit(architect) for _ in range(checks)]
            meter = self.cpu_meter()
            self.start_workers(count, nice=0)  # no requests to put first: the checks at the harness's priority

            def finished(ids=ids) -> bool:
                with self.session() as session:
                    states = session.scalars(select(Submission.check_state).where(Submission.id.in_(ids))).all()
                return all(state in ("done", "failed") for state in states)

            wait_for(finished, self.options.drain_seconds, f"{checks} checks on {count} workers", pause=0.5)
            elapsed = self.makespan(ids)
            used = meter.used()
            self.stop_workers()
            rates[count] = checks / elapsed
            check_seconds = used["checks"] * meter.seconds  # the work-horses' and check processes' CPU
            cores[count] = check_seconds / elapsed  # the checks ran within the makespan
            self.say(
                f"scaling: {count} check workers finished {checks} checks in {elapsed:.1f} s = {rates[count]:.3f} "
                f"checks/s; the checks used {check_seconds:.1f} s of CPU ({check_seconds / checks:.2f} s each, "
                f"{cores[count]:.2f} cores); meanwhile the machine was busy {used['machine']:.2f} of "
                f"{os.cpu_count()} cores, {used['other processes']:.2f} of them other processes"
            )
        ratio = rates[2 * n] / rates[n]
        self.say(f"scaling: {2 * n} workers / {n} workers = {ratio:.2f} times the checks per second (target about 2)")
        cpu_ratio = cores[2 * n] / cores[n] if cores[n] else float("nan")
        self.say(
            f"scaling: the {2 * n} workers obtained {cpu_ratio:.2f} times the CPU of {n} "
            f"({cores[2 * n]:.2f} against {cores[n]:.2f} cores); per core obtained, {2 * n} workers finished "
            f"{ratio / cpu_ratio:.2f} times the checks of {n}"
        )
        return ratio

    def makespan(self, submission_ids: list[int]) -> float:
        """Seconds from the first of these checks started on a worker to the last one ended (RQ's times)."""
        from redis import Redis
        from rq.job import Job as RqJob

        from web.store.models import Job

        with self.session() as session:
            tokens = session.scalars(
                select(Job.token).where(Job.submission_id.in_(submission_ids), Job.kind == "check")
            ).all()
        with Redis.from_url(self.env["REDIS_URL"]) as connection:
            jobs = [RqJob.fetch(token, connection=connection) for token in tokens]
        started = min(job.started_at for job in jobs if job.started_at)
        ended = max(job.ended_at for job in jobs if job.ended_at)
        return (ended - started).total_seconds()

    def cpu_meter(self) -> CpuMeter:
        groups = {
            "gunicorn": [self.gunicorn.pid],
            "checks": [worker.pid for worker in self.workers],
            "PostgreSQL": [int((self.postgres_data / "postmaster.pid").read_text().split()[0])],
            "Redis": [self.redis_pid],
        }
        return CpuMeter(groups, workers=self)

    def submit(self, architect: dict) -> int:
        boundary = uuid.uuid4().hex
        parts = []
        example = REPO / "examples" / "house"
        for name, elevation, file in (("Ground floor", "0.0", "ground.dxf"), ("First floor", "2.8", "first.dxf")):
            parts.append(field(boundary, "name", name.encode()))
            parts.append(field(boundary, "elevation", elevation.encode()))
            parts.append(field(boundary, "storey", (example / file).read_bytes(), file))
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            f"{self.url}/api/v1/projects/{architect['project_id']}/versions",
            data=body,
            method="POST",
            headers={
                "Authorization": f"Bearer {architect['token']}",
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            },
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())["id"]


class CpuMeter:
    """CPU used, from now to ``used()``, by groups of processes and by the whole machine, in cores.

    A group is its processes and all their descendants: live ones by their own times,
    finished ones through their parent's children times. "checks" is what the check
    workers' children used (RQ's work-horses and the check processes under them), not the
    workers' own start-up and polling; workers started after the meter count too (their
    list is read again from ``workers`` at the end).
    """

    def __init__(self, groups: dict[str, list[int]], workers=None) -> None:
        self.groups, self.workers = groups, workers
        self.started = time.monotonic()
        self.machine = busy_seconds()
        self.first = {name: sum(tree_cpu(pid, name == "checks") for pid in pids) for name, pids in groups.items()}
        self.first_waits = {name: sum(tree_waits(pid) for pid in pids) for name, pids in groups.items()}
        self.seen = {pid: tree_cpu(pid, True) for pid in groups.get("checks", [])}  # later workers start at 0

    def used(self, **extra_seconds: float) -> dict[str, float]:
        self.seconds = max(time.monotonic() - self.started, 1e-6)
        used = {}
        for name, pids in self.groups.items():
            if name == "checks" and self.workers is not None:
                now = [worker.pid for worker in self.workers.workers]
                used[name] = sum(tree_cpu(pid, True) - self.seen.get(pid, 0.0) for pid in now)
            else:
                used[name] = sum(tree_cpu(pid) for pid in pids) - self.first[name]
        used.update(extra_seconds)
        machine = busy_seconds() - self.machine
        cores = {name: seconds / self.seconds for name, seconds in used.items()}
        cores["other processes"] = max(0.0, (machine - sum(used.values())) / self.seconds)
        cores["machine"] = machine / self.seconds
        return cores

    def waited(self) -> dict[str, float]:
        """Seconds the group's threads spent runnable but waiting for a CPU since the start (live threads)."""
        return {
            name: sum(tree_waits(pid) for pid in pids) - self.first_waits[name]
            for name, pids in self.groups.items()
            if name != "checks"
        }


def tree_cpu(pid: int, descendants_only: bool = False) -> float:
    """CPU seconds of a process and its descendants, finished ones included (see CpuMeter)."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        own = 0.0 if descendants_only and process is root else times.user + times.system
        total += own + times.children_user + times.children_system
    return total


def niceness(pid: int) -> int | None:
    try:
        return psutil.Process(pid).nice()
    except psutil.Error:
        return None


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def tree_waits(pid: int) -> float:
    """Seconds the threads of a process and its descendants have waited in the run queue (/proc/*/schedstat)."""
    try:
        root = psutil.Process(pid)
        pids = [root.pid, *(child.pid for child in root.children(recursive=True))]
    except psutil.Error:
        return 0.0
    total = 0
    for each in pids:
        for stat in Path(f"/proc/{each}/task").glob("*/schedstat"):
            try:
                total += int(stat.read_text().split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return total / 1e9


def session_niceness(pid: int) -> str:
    """The nice level of the process's session (its autogroup), which Linux shares the CPU by first."""
    try:
        return Path(f"/proc/{pid}/autogroup").read_text().split("nice")[1].strip()
    except (OSError, IndexError):
        return "?"


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent not idle since boot."""
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def children_cpu() -> float:
    """CPU seconds of this process's finished (waited-for) children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def field(boundary: str, name: str, value: bytes, filename: str | None = None) -> bytes:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
    return f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + value + b"\r\n"


def http_status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except Exception:
        return None


def wait_for(condition, timeout: float, what: str, pause: float = 0.2, fail: bool = True):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(pause)
    if fail:
        raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {what}")
    return False


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # the harness itself broke: 2, not the 1 of a missed target
        import traceback

        traceback.print_exc()
        sys.exit(2)

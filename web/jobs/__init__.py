"""Checks, re-checks and sign-off annexes as jobs, run outside the web process.

The web app only records a job (a ``Job`` row, committed) and hands its token to a
dispatcher; pages read the submission's state from the database, where the job writes
its progress and results. Three dispatchers run the one job function
(``web.jobs.tasks.perform``):

- ``redis``  (``REDIS_URL`` set): an RQ queue; ``python -m web.jobs.worker`` processes on any
  number of machines take the jobs. Production.
- ``local``  (no ``REDIS_URL``): a pool of spawned processes owned by the web process,
  for ``make run`` and one-process installs.
- ``inline`` (``CHECK_IN_BACKGROUND`` false, the tests): the job function is called
  within the request, so a test sees the result at once.

Wherever it is called, ``perform`` does the work in a forked child under CPU-time,
memory and wall-clock limits (``web.jobs.limits``), and renews the job's lease while
the child works. Nothing is lost: ``web.jobs.reconcile`` puts a job back on the queue
when its queue entry is gone (Redis restarted, the web process died before it could
enqueue) or its lease ran out (the worker died); the web app runs it at start-up and
the workers run it every few seconds.
"""

from __future__ import annotations

import json
import logging
import os
import secrets

from flask import Flask, current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..store.models import Job, JobState, utcnow
from .limits import ProcessLimits

log = logging.getLogger(__name__)

DEFAULTS = {
    "REDIS_URL": None,  # or the environment's REDIS_URL; unset: the local process pool
    "JOBS_QUEUE": "annex",  # the RQ queue's name
    "JOBS_LOCAL_WORKERS": 2,  # processes of the local pool (no Redis)
    "JOBS_LOCAL_START_METHOD": "spawn",  # how the local pool starts its processes (multiprocessing)
    # Each check's process. A 200 MB plan (484k entities) took 300 s of CPU and 6 GB at its peak
    # before its drawings were stored (docs/web.md): about three times and twice that.
    "JOB_CPU_SECONDS": 900,
    "JOB_MEMORY_MB": 12288,
    "JOB_WALL_SECONDS": 1800,
    "JOB_LEASE_SECONDS": 60,  # a running job whose lease is this old lost its worker
    "JOB_MAX_ATTEMPTS": 3,  # a job whose worker died this many times ends failed
    "JOBS_RECONCILE_SECONDS": 10,  # how often workers (and the local pool) look for lost jobs
    "JOBS_RECONCILE_ON_START": True,
    # Nice levels a check worker lowers its CPU priority by (as `nice -n`; its checks inherit it):
    # pages and API calls on the same machine come first, checks take the CPU left over. 0: as started.
    "JOBS_WORKER_NICE": 10,
}


def lower_priority(app: Flask) -> None:
    """Lower this process's CPU priority (and so its children's) by ``JOBS_WORKER_NICE`` nice levels.

    Linux shares the CPU between sessions first (autogroups) and applies a process's nice
    level only within its own session. A worker that leads its own session (a service, or
    started with setsid) therefore lowers its session's nice level too, or its checks
    would still take an equal share beside the web processes' sessions; a worker in
    someone else's session (a shell) leaves the session alone, which may hold the web app.
    """
    step = max(0, int(app.config["JOBS_WORKER_NICE"]))
    if not step:
        return
    os.nice(step)  # the kernel stops at 19
    if os.getsid(0) == os.getpid():
        try:
            with open("/proc/self/autogroup", "w") as autogroup:
                autogroup.write(str(min(19, step)))
        except OSError:  # no autogroups (another OS, a kernel without them): the nice level is all there is
            pass


KINDS = ("check", "sign_off")


def init_app(app: Flask) -> None:
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)


def mode(app: Flask) -> str:
    if app.config.get("JOBS_INLINE") or not app.config["CHECK_IN_BACKGROUND"]:
        return "inline"
    return "redis" if app.config.get("REDIS_URL") else "local"


def process_limits(app: Flask) -> ProcessLimits:
    config = app.config
    return ProcessLimits(int(config["JOB_CPU_SECONDS"]), int(config["JOB_MEMORY_MB"]), int(config["JOB_WALL_SECONDS"]))


def new_token() -> str:
    return secrets.token_hex(16)


def submit(
    db_session: Session, kind: str, submission_id: int, args: dict | None = None, app: Flask | None = None
) -> Job:
    """Record a job, commit it, and hand it to the dispatcher (in inline mode: run it now).

    The row is committed before the queue hears of it, so a web process that dies in
    between leaves a queued job the reconciler finds."""
    if kind not in KINDS:
        raise ValueError(kind)
    # flask types current_app as Flask, though it is a LocalProxy: the app itself goes to the dispatcher
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    job = Job(
        kind=kind,
        submission_id=submission_id,
        state=JobState.QUEUED.value,
        token=new_token(),
        args_json=json.dumps(args, ensure_ascii=False) if args is not None else None,
        lease_at=utcnow(),
    )
    db_session.add(job)
    db_session.commit()
    dispatcher(app).send(job.token)
    return job


def dispatcher(app: Flask):
    """The app's dispatcher, made on first use."""
    existing = app.extensions.get("annex_jobs")
    if existing is None:
        from .dispatch import make_dispatcher

        existing = app.extensions["annex_jobs"] = make_dispatcher(app)
    return existing


def checks_ahead(db_session: Session, submission_id: int) -> int | None:
    """How many checks wait on the queue before the submission's own, or None when its
    check is not waiting (running, done, or never queued). Jobs are taken in the order
    they were recorded, which is their ids'."""
    own = db_session.scalar(
        select(Job.id)
        .where(Job.submission_id == submission_id, Job.kind == "check", Job.state == JobState.QUEUED.value)
        .order_by(Job.id.desc())
        .limit(1)
    )
    if own is None:
        return None
    return db_session.scalar(
        select(func.count())
        .select_from(Job)
        .where(Job.kind == "check", Job.state == JobState.QUEUED.value, Job.id < own)
    )

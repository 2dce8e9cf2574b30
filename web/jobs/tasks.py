"""The job function: ``perform(token)``, run by RQ workers, the local pool and inline alike.

It claims the job (only while the token is still the job's), runs its work in a child
under the process limits (``web.jobs.limits``) while renewing the lease, and, when the
child ended on a limit or crashed, records the job and its submission as failed with
one sentence. The work itself (``checking.run_check``, ``reviewing.run_sign_off``)
writes its progress and results to the database, fenced by the token.
"""

from __future__ import annotations

import logging
import os

from flask import Flask
from sqlalchemy import select, update

from ..i18n import gettext as _
from ..store import db
from ..store.models import CheckState, Job, JobState, Submission, utcnow
from .limits import Ending, run_limited

log = logging.getLogger(__name__)

_app: Flask | None = None
_app_pid: int | None = None


class Superseded(Exception):
    """The job was handed to another attempt; this one stops without writing."""


def use_app(app: Flask) -> None:
    """The app a worker process runs jobs with (built once per process)."""
    global _app, _app_pid
    _app, _app_pid = app, os.getpid()


def worker_app() -> Flask:
    global _app
    if _app is None:
        from .. import create_app

        app = create_app({"JOBS_RECONCILE_ON_START": False})  # the worker reconciles on its own
        use_app(app)
        return app
    return _app


def perform(token: str) -> str:
    """RQ's and the local pool's entry point."""
    return perform_in(worker_app(), token)


def perform_in(app: Flask, token: str) -> str:
    _fresh_connections_after_fork(app)
    with app.app_context():
        return _perform(app, token)


def _fresh_connections_after_fork(app: Flask) -> None:
    """An RQ work-horse is forked from the worker: it must not talk over the worker's connections."""
    global _app_pid
    if app is _app and _app_pid != os.getpid():
        db.sessions(app).kw["bind"].dispose(close=False)
        _app_pid = os.getpid()


def _perform(app: Flask, token: str) -> str:
    sessions = db.sessions(app)
    with sessions() as db_session:
        job = db_session.query(Job).filter_by(token=token).one_or_none()
        if job is None or job.state not in (JobState.QUEUED.value, JobState.RUNNING.value):
            return "not mine"  # handed to another attempt, or finished already
        claimed = db_session.execute(
            update(Job)
            .where(Job.token == token, Job.state.in_((JobState.QUEUED.value, JobState.RUNNING.value)))
            .values(state=JobState.RUNNING.value, attempts=Job.attempts + 1, lease_at=utcnow())
        ).rowcount
        db_session.commit()
        if not claimed:
            return "not mine"
        db_session.refresh(job)
        kind, submission_id, attempts = job.kind, job.submission_id, job.attempts
    if attempts > int(app.config["JOB_MAX_ATTEMPTS"]):
        log.error(
            "job %s (%s of submission %s) lost its worker %s times; given up", token, kind, submission_id, attempts - 1
        )
        fail(app, token, _ending_sentence(app, Ending.CRASHED, kind))
        return "failed"

    from . import process_limits

    lease_seconds = float(app.config["JOB_LEASE_SECONDS"])
    work = _WORK[kind]
    outcome = run_limited(
        lambda: _in_child(app, work, submission_id, token),
        process_limits(app),
        tick=lambda: renew_lease(app, token),
        tick_seconds=max(lease_seconds / 4, 0.2),
    )
    log.info(
        "job %s (%s of submission %s) ended %s: %.1f s CPU, %.0f MB peak memory",
        token,
        kind,
        submission_id,
        outcome.ending.value,
        outcome.cpu_seconds,
        outcome.peak_memory_mb,
    )
    if outcome.ending in (Ending.DONE, Ending.GIVEN_UP):
        return outcome.ending.value
    log.warning(
        "job %s (%s of submission %s) ended on %s (%s)",
        token,
        kind,
        submission_id,
        outcome.ending.value,
        outcome.detail,
    )
    fail(app, token, _ending_sentence(app, outcome.ending, kind))
    return outcome.ending.value


def _ending_sentence(app: Flask, ending: Ending, kind: str) -> str:
    config = app.config
    if kind == "sign_off":
        return _("The annex could not be written on our side; nothing was signed. Please try again later.")
    if ending == Ending.CPU:
        return _(
            "The check needed more than %(seconds)s seconds of computing time, the most one check may use; "
            "the drawing is too large or too complex to check.",
            seconds=config["JOB_CPU_SECONDS"],
        )
    if ending == Ending.MEMORY:
        return _(
            "The check needed more than %(megabytes)s MB of memory, the most one check may use; "
            "the drawing is too large or too complex to check.",
            megabytes=config["JOB_MEMORY_MB"],
        )
    if ending == Ending.WALL:
        return _(
            "The check took longer than %(seconds)s seconds, the most one check may take; "
            "the drawing is too large or too complex to check.",
            seconds=config["JOB_WALL_SECONDS"],
        )
    return _("The check stopped because of an error on our side; your files are kept and the team has been told.")


def _in_child(app: Flask, work, submission_id: int, token: str) -> None:
    db.sessions(app).kw["bind"].dispose(close=False)  # the child opens its own connections
    with app.app_context():
        try:
            work(app, submission_id, token)
        except Superseded:
            log.info("job %s was handed to another attempt; this one stopped", token)


def _check(app: Flask, submission_id: int, token: str) -> None:
    from .checking import run_check

    run_check(app, submission_id, token)


def _sign_off(app: Flask, submission_id: int, token: str) -> None:
    from ..review.reviewing import run_sign_off

    run_sign_off(app, submission_id, token)


_WORK = {"check": _check, "sign_off": _sign_off}


def renew_lease(app: Flask, token: str) -> bool:
    """Renew the lease of a running job; False when the job is no longer this attempt's."""
    try:
        with db.sessions(app)() as db_session:
            renewed = db_session.execute(
                update(Job).where(Job.token == token, Job.state == JobState.RUNNING.value).values(lease_at=utcnow())
            ).rowcount
            db_session.commit()
    except Exception:  # the database is away for a moment: keep working, the lease has time left
        log.warning("could not renew the lease of job %s", token, exc_info=True)
        return True
    return bool(renewed)


def still_mine(db_session, token: str) -> None:
    """Raise ``Superseded`` unless ``token`` is still the job's current, unfinished attempt."""
    state = db_session.scalar(select(Job.state).where(Job.token == token))
    if state != JobState.RUNNING.value:
        db_session.rollback()
        raise Superseded(token)


def finish(db_session, token: str, state: JobState, error: str | None = None) -> None:
    """Mark the job finished in the caller's transaction (committed with the results)."""
    db_session.execute(
        update(Job)
        .where(Job.token == token)
        .values(state=state.value, error=error, finished_at=utcnow(), lease_at=utcnow())
    )


def fail(app: Flask, token: str, sentence: str) -> None:
    """The job and, for a check, its submission end failed with ``sentence`` (only while the token is current)."""
    with db.sessions(app)() as db_session:
        job = db_session.scalar(select(Job).where(Job.token == token))
        if job is None or job.state in (JobState.DONE.value, JobState.FAILED.value):
            return
        finish(db_session, token, JobState.FAILED, sentence)
        if job.kind == "check":
            submission = db_session.get(Submission, job.submission_id)
            submission.error = sentence
            submission.check_state = CheckState.FAILED.value
            submission.progress = 100
            submission.progress_label = ""
        db_session.commit()

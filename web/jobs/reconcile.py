"""Finding lost jobs and putting them back on the queue.

A job is lost when the database says it is queued or running but nobody will finish it:

- queued, and the queue does not have it (Redis restarted without its data, or the web
  process died between committing the job and queuing it);
- running, or taken by a worker, and its lease is older than ``JOB_LEASE_SECONDS`` (the
  worker was killed, its machine went away).

Each lost job gets a new token (compare-and-set on the old one, so two reconcilers
never both re-queue it) and is sent again; the old attempt, should it still be alive
somewhere, finds its token gone and stops without writing. The web app runs this at
start-up, workers every ``JOBS_RECONCILE_SECONDS`` while idle.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import Flask
from sqlalchemy import select, update

from ..store import db
from ..store.models import CheckState, Job, JobState, Submission, utcnow
from . import dispatcher, mode, new_token

log = logging.getLogger(__name__)

QUEUE_GRACE_S = 2  # a job committed this recently may still be on its way to the queue


def lost_jobs(app: Flask, db_session, *, at_start: bool = False, undecided: list[Job] | None = None) -> list[Job]:
    """The lost jobs; those that cannot be judged yet (the queue not answering, or sent too
    recently to tell) go into ``undecided`` when a list is given."""
    sending = dispatcher(app)
    now = utcnow()
    lease = timedelta(seconds=float(app.config["JOB_LEASE_SECONDS"]))
    unfinished = db_session.scalars(
        select(Job).where(Job.state.in_((JobState.QUEUED.value, JobState.RUNNING.value))).order_by(Job.id)
    ).all()
    pool_just_started = at_start and mode(app) == "local"  # it starts empty: whatever it had is lost
    lost = []
    for job in unfinished:
        status = sending.status(job.token)
        if status is None:
            if undecided is not None:
                undecided.append(job)
            continue  # the queue cannot be asked; nothing is decided without it
        if pool_just_started and status == "gone":
            lost.append(job)
        elif job.state == JobState.RUNNING.value or status == "started":
            if now - job.lease_at > lease:
                lost.append(job)
        elif status == "gone":
            if (now - job.lease_at).total_seconds() > QUEUE_GRACE_S:
                lost.append(job)
            elif undecided is not None:
                undecided.append(job)
    return lost


def reconcile(app: Flask, *, at_start: bool = False, undecided: list[Job] | None = None) -> list[int]:
    """Re-queue the lost jobs; returns their ids. Jobs that could not be judged yet are
    added to ``undecided`` when a list is given (see ``lost_jobs``)."""
    sessions = db.sessions(app)
    requeued: list[tuple[int, str]] = []
    with sessions() as db_session:
        for job in lost_jobs(app, db_session, at_start=at_start, undecided=undecided):
            token = new_token()
            moved = db_session.execute(
                update(Job)
                .where(Job.id == job.id, Job.token == job.token)
                .values(token=token, state=JobState.QUEUED.value, lease_at=utcnow())
            ).rowcount
            if not moved:
                continue
            if job.kind == "check":
                db_session.execute(
                    update(Submission)
                    .where(Submission.id == job.submission_id)
                    .values(check_state=CheckState.QUEUED.value, progress=0, progress_label="")
                )
            db_session.commit()
            log.warning(
                "job %s (%s of submission %s) was lost (was %s, token %s); queued again",
                job.id,
                job.kind,
                job.submission_id,
                job.state,
                job.token,
            )
            requeued.append((job.id, token))
    for _id, token in requeued:
        dispatcher(app).send(token)
    return [job_id for job_id, _token in requeued]


def reconcile_until_decided(app: Flask, *, patience_s: float = 300.0, pause_s: float = QUEUE_GRACE_S + 0.5) -> None:
    """Reconcile at start, then again while some job cannot be judged yet, for up to
    ``patience_s``: a web process that starts while Redis is still coming back, or just
    after another died having committed a job it never sent, would otherwise leave that
    job waiting for a worker's reconciler, and there may be no idle worker to run one."""
    import time

    deadline = time.monotonic() + patience_s
    at_start = True
    while True:
        undecided: list[Job] = []
        try:
            reconcile(app, at_start=at_start, undecided=undecided)
        except Exception:  # the database may be away too; try again while patience lasts
            log.exception("reconciling jobs at start failed")
            undecided.append(None)  # type: ignore[arg-type]
        at_start = False
        if not undecided or time.monotonic() + pause_s > deadline:
            return
        time.sleep(pause_s)

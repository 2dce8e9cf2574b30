"""How a job's token reaches a process that runs ``tasks.perform``: RQ, a local pool, or inline.

Each dispatcher answers two questions: ``send(token)`` (run it some time) and
``status(token)`` for the reconciler: ``"waiting"`` (on the queue), ``"started"`` (a
worker took it), ``"gone"`` (nobody will run it), or ``None`` (the queue cannot be
asked just now: leave the job alone).
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import pickle
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from flask import Flask

log = logging.getLogger(__name__)

TASK = "web.jobs.tasks.perform"
RQ_MARGIN_S = 120  # RQ's own timeout stays behind ours, so our wall-clock limit speaks first
REDIS_SOCKET_TIMEOUT_S = 5  # a request never hangs on an unreachable Redis


def make_dispatcher(app: Flask):
    from . import mode

    kind = mode(app)
    if kind == "inline":
        return InlineDispatcher(app)
    if kind == "redis":
        return RedisDispatcher(app)
    return LocalPool(app)


class InlineDispatcher:
    """Runs the job now, in the caller (the tests' mode): the same job function, limits included."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def send(self, token: str) -> None:
        from .tasks import perform_in

        perform_in(self.app, token)

    def status(self, token: str) -> str | None:
        return "gone"

    def close(self) -> None:
        pass


class RedisDispatcher:
    def __init__(self, app: Flask) -> None:
        from redis import Redis
        from rq import Queue

        self.connection = Redis.from_url(
            app.config["REDIS_URL"],
            socket_timeout=REDIS_SOCKET_TIMEOUT_S,
            socket_connect_timeout=REDIS_SOCKET_TIMEOUT_S,
        )
        self.queue = Queue(app.config["JOBS_QUEUE"], connection=self.connection)
        self.timeout = int(app.config["JOB_WALL_SECONDS"]) + RQ_MARGIN_S

    def send(self, token: str) -> None:
        from redis.exceptions import RedisError

        try:
            self.queue.enqueue(
                TASK,
                token,
                job_id=token,
                job_timeout=self.timeout,
                result_ttl=3600,
                failure_ttl=7 * 86400,
                description=f"annex job {token}",
            )
        except RedisError as exc:  # the job is recorded; the reconciler sends it once Redis answers
            log.warning("job %s recorded but not queued (Redis: %s); the reconciler will queue it", token, exc)

    def status(self, token: str) -> str | None:
        from redis.exceptions import RedisError
        from rq.exceptions import NoSuchJobError
        from rq.job import Job as RqJob, JobStatus

        try:
            job = RqJob.fetch(token, connection=self.connection)
            state = job.get_status(refresh=False)
        except NoSuchJobError:
            return "gone"
        except RedisError:
            return None
        if state in (JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.SCHEDULED):
            return "waiting"
        if state == JobStatus.STARTED:
            return "started"
        return "gone"  # finished, failed, stopped or cancelled while the database says otherwise

    def close(self) -> None:
        self.connection.close()


class LocalPool:
    """A pool of worker processes owned by this web process (no Redis): ``make run``.

    The processes are spawned (not forked from a web process that has threads), each
    builds its own app from this app's settings, and runs ``perform`` as an RQ worker
    would. A reconciler thread (it only sends tokens; no check runs in a thread)
    re-sends what a dead pool process dropped."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.settings = _portable_settings(app)
        self.workers = int(app.config["JOBS_LOCAL_WORKERS"])
        self.context = multiprocessing.get_context(app.config["JOBS_LOCAL_START_METHOD"])
        self.lock = threading.Lock()
        self.executor: ProcessPoolExecutor | None = None
        self.pending: dict[str, str] = {}  # token -> "waiting" | "started" (as far as this process knows)
        self.stopping = threading.Event()
        self.reconciler: threading.Thread | None = None

    def send(self, token: str) -> None:
        with self.lock:
            if self.executor is None:
                self.executor = ProcessPoolExecutor(
                    self.workers, mp_context=self.context, initializer=_pool_start, initargs=(self.settings,)
                )
                self._start_reconciler()
            self.pending[token] = "waiting"
            try:
                future = self.executor.submit(_pool_perform, token)
            except BrokenProcessPool:
                self.executor = None
                self.pending.pop(token, None)
                log.warning("the local job pool broke; job %s is left to the reconciler", token)
                return
        future.add_done_callback(functools.partial(self._finished, token))

    def _finished(self, token: str, future) -> None:
        with self.lock:
            self.pending.pop(token, None)
            if isinstance(future.exception(), BrokenProcessPool):
                self.executor = None  # a pool process died; the next send starts a new pool
        if future.exception() is not None:
            log.warning("job %s ended in the local pool with %r", token, future.exception())

    def status(self, token: str) -> str | None:
        with self.lock:
            return self.pending.get(token, "gone")

    def _start_reconciler(self) -> None:
        if self.reconciler is not None:
            return
        from .reconcile import reconcile

        interval = float(self.app.config["JOBS_RECONCILE_SECONDS"])

        def loop() -> None:
            while not self.stopping.wait(interval):
                try:
                    reconcile(self.app)
                except Exception:  # the database may be away for a while; try again next time
                    log.exception("reconciling jobs failed")

        self.reconciler = threading.Thread(target=loop, name="annex-jobs-reconciler", daemon=True)
        self.reconciler.start()

    def close(self, wait: bool = True) -> None:
        self.stopping.set()
        with self.lock:
            executor, self.executor = self.executor, None
        if executor is not None:
            executor.shutdown(wait=wait, cancel_futures=not wait)


def _portable_settings(app: Flask) -> dict:
    """The app's settings a pool process rebuilds its app from (what pickles)."""
    settings = {}
    for key, value in app.config.items():
        try:
            pickle.dumps(value)
        except Exception:  # noqa: BLE001 - a setting that cannot travel is not one a job needs
            continue
        settings[key] = value
    settings.update(MIGRATE_ON_START=False, JOBS_INLINE=True, JOBS_RECONCILE_ON_START=False)
    return settings


def _pool_start(settings: dict) -> None:
    from . import lower_priority
    from .tasks import use_app
    from .. import create_app

    app = create_app(settings)
    use_app(app)
    lower_priority(app)  # the web process that owns the pool keeps its response times
    _leave_with_parent()


def _leave_with_parent() -> None:
    """A pool process whose web process died goes too (its job, if any, is re-queued by the next
    web process at start). PR_SET_PDEATHSIG would fire when the *thread* that started the
    process ends, which for a pool started from a request is at once; so a watcher polls."""
    import os
    import signal
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="annex-pool-parent-watch", daemon=True).start()


def _pool_perform(token: str) -> str:
    from .tasks import perform

    return perform(token)

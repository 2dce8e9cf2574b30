"""``python -m web.jobs.worker``: a worker process that runs the web app's jobs from Redis.

Run as many as the machines have cores for checks, on any machine that reaches the
database, Redis and the upload storage; they read the same settings as the web app
(``DATABASE_URL``, ``REDIS_URL``, ``ANNEX_*``). Each job runs in an RQ work-horse
(forked per job), which runs the work in a child under the process limits. On start,
and every ``JOBS_RECONCILE_SECONDS`` while idle, the worker re-queues jobs that were
lost (``web.jobs.reconcile``). It survives Redis going away (it waits and reconnects).

SIGTERM (or SIGINT) lets the job in hand finish and then stops; a second one stops at
once. Whatever happens, the process ends: past ``JOBS_STOP_GRACE_SECONDS`` (default: the
job's wall-clock limit and a minute, by when a sound work-horse has ended by itself) the
work-horse is killed, and a worker whose own loop has not returned a little after its
work-horse ended leaves with ``os._exit``. A job cut short so stays running in the
database until its lease runs out; then the reconciler of another worker (or of the
next web process) queues it again: nothing is lost.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time
from typing import NoReturn

log = logging.getLogger("web.jobs.worker")

RECONNECT_PAUSE_S = 1.0
STOP_AFTER_HORSE_S = 15.0  # how long the loop may take to return once the work-horse has ended


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m web.jobs.worker", description=__doc__.splitlines()[0])
    parser.add_argument("--burst", action="store_true", help="run the jobs waiting now, then stop")
    parser.add_argument("--name", help="the worker's name in Redis (default: host and process id)")
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue, Worker
    from rq.exceptions import StopRequested
    from rq.utils import now as rq_now

    from . import lower_priority
    from .reconcile import reconcile
    from .tasks import use_app, worker_app

    app = worker_app()
    use_app(app)
    lower_priority(app)  # the web processes on this machine keep their response times
    if not app.config.get("REDIS_URL"):
        print(
            "No REDIS_URL is set: the worker takes its jobs from Redis (without it the web app runs them itself).",
            file=sys.stderr,
        )
        return 2
    interval = max(1, int(float(app.config["JOBS_RECONCILE_SECONDS"])))
    grace_s = float(app.config.get("JOBS_STOP_GRACE_SECONDS") or float(app.config["JOB_WALL_SECONDS"]) + 60)
    watchdog = StopWatchdog(grace_s)

    class AnnexWorker(Worker):
        _in_maintenance = False
        _waiting_for_job = False

        def run_maintenance_tasks(self):
            self._in_maintenance = True
            try:
                reconcile(app)
            except Exception:  # the database may be away for a while; try again next time
                log.exception("reconciling jobs failed")
            finally:
                self._in_maintenance = False
            super().run_maintenance_tasks()
            if self._stop_requested:  # asked while reconciling: leave now rather than wait on the queue
                raise StopRequested()

        @property
        def should_run_maintenance_tasks(self):
            return not self._stop_requested and super().should_run_maintenance_tasks

        def dequeue_job_and_maintain_ttl(self, timeout, max_idle_time=None):
            if self._stop_requested:  # asked while the loop was busy elsewhere
                raise StopRequested()
            self._waiting_for_job = True
            try:
                return super().dequeue_job_and_maintain_ttl(timeout, max_idle_time)
            finally:
                self._waiting_for_job = False

        def unsubscribe(self):
            """RQ's own ends its pub/sub thread with ``stop()``, which since redis-py 8 waits
            for the thread with no bound, and the thread may be in a wait of up to 60 s for
            a message: a worker asked to stop took up to a minute to leave (the SIGTERM
            scenario waited 30 s and sometimes failed). The same steps, the wait bounded; the
            thread is a daemon and ends with the process."""
            if self.pubsub_thread:
                self.pubsub.unsubscribe()
                try:
                    self.pubsub_thread.stop(timeout=1)
                except TypeError:  # redis-py before 8: stop() only clears the flag
                    self.pubsub_thread.stop()
                    self.pubsub_thread.join(timeout=1)
                if not self.pubsub_thread.is_alive():  # never close the socket under a thread reading it
                    self.pubsub.close()

        def _install_signal_handlers(self):
            signal.signal(signal.SIGINT, self.request_stop)
            signal.signal(signal.SIGTERM, self.request_stop)

        def request_stop(self, signum, frame):
            """Only records the stop; the loop acts on it and the watchdog makes sure the
            process ends. RQ's own handler asks Redis from inside the handler whether the
            worker is busy, and an exception raised meanwhile (RQ's job-monitoring alarm)
            leaves the stop half recorded; when idle it raises StopRequested wherever the loop
            is, and one raised inside the reconciler was swallowed by its ``except Exception``.
            Either way the worker carried on after SIGTERM."""
            if self._stop_requested:  # a second signal: stop now; the reconciler re-queues the job
                watchdog.expire()
                return
            self._stop_requested = True
            self._shutdown_requested_date = rq_now()
            log.info("stop requested (signal %s): the job in hand, if any, finishes first", signum)
            watchdog.start(self)
            if self._waiting_for_job and not self._in_maintenance and not self.horse_pid:
                raise StopRequested()  # leave the blocking wait on the queue, as RQ does

    connection = Redis.from_url(app.config["REDIS_URL"])
    _reconcile_when_possible(app, reconcile)
    while True:
        try:
            worker = AnnexWorker(
                [Queue(app.config["JOBS_QUEUE"], connection=connection)],
                connection=connection,
                name=options.name,
                worker_ttl=max(interval + 15, 20),
                maintenance_interval=interval,
            )
            worker.work(burst=options.burst, logging_level="INFO")
        except RedisError as exc:
            if watchdog.started:
                watchdog.finished()
                return 0
            log.warning("Redis is not answering (%s); trying again", exc)
            time.sleep(RECONNECT_PAUSE_S)
            continue
        if options.burst or worker._stop_requested or worker._shutdown_requested_date:  # SIGTERM, busy or idle
            watchdog.finished()
            return 0
        # RQ left its loop on a lost connection: start a new worker once Redis answers again.
        log.warning("the worker stopped without being asked to; starting again")
        time.sleep(RECONNECT_PAUSE_S)


class StopWatchdog:
    """Makes sure a worker asked to stop ends: past the grace period it kills the work-horse
    (its process group: the horse and the limited child the check runs in), and once the
    horse is gone it gives the worker's loop ``STOP_AFTER_HORSE_S`` to return before
    leaving with ``os._exit``. The job so cut short is left running in the database; its
    lease runs out and a reconciler queues it again."""

    def __init__(self, grace_s: float):
        self.grace_s = grace_s
        self.expired = threading.Event()
        self.done = threading.Event()
        self.thread: threading.Thread | None = None

    @property
    def started(self) -> bool:
        return self.thread is not None

    def start(self, worker) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._watch, args=(worker,), name="stop-watchdog", daemon=True)
            self.thread.start()

    def expire(self) -> None:
        self.expired.set()

    def finished(self) -> None:
        self.done.set()

    def _watch(self, worker) -> None:
        deadline = time.monotonic() + self.grace_s
        while worker.horse_pid and not self.done.is_set():
            if self.expired.wait(0.2) or time.monotonic() > deadline:
                log.warning("the work-horse %s is still running after the stop; ending it", worker.horse_pid)
                try:
                    os.killpg(os.getpgid(worker.horse_pid), signal.SIGKILL)
                except OSError:
                    pass  # it ended meanwhile
                break
        if self.done.wait(STOP_AFTER_HORSE_S):
            return
        log.warning("the worker did not stop %.0f s after its work-horse ended; leaving now", STOP_AFTER_HORSE_S)
        for handler in logging.getLogger().handlers:
            handler.flush()
        os._exit(1)


def _reconcile_when_possible(app, reconcile) -> None:
    try:
        reconcile(app)
    except Exception:
        log.exception("reconciling jobs at start failed; the worker will try again while idle")


def run(argv: list[str] | None = None) -> NoReturn:
    """``main``, then leave without the interpreter's final garbage collection and module
    teardown: over a heap holding the checker, its fonts and weasyprint that took 5 to 13 s
    on a loaded machine, for nothing (what the worker did is in Redis and the database)."""
    code = main(argv)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()

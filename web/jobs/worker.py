"""``python -m web.jobs.worker``: a worker process that runs the web app's jobs from Redis.

Run as many as the machines have cores for checks, on any machine that reaches the
database, Redis and the upload storage; they read the same settings as the web app
(``DATABASE_URL``, ``REDIS_URL``, ``ANNEX_*``). Each job runs in an RQ work-horse
(forked per job), which runs the work in a child under the process limits. On start,
and every ``JOBS_RECONCILE_SECONDS`` while idle, the worker re-queues jobs that were
lost (``web.jobs.reconcile``). It survives Redis going away (it waits and reconnects);
SIGTERM lets the job in hand finish, a second SIGTERM stops at once.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time

log = logging.getLogger("web.jobs.worker")

RECONNECT_PAUSE_S = 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m web.jobs.worker", description=__doc__.splitlines()[0])
    parser.add_argument("--burst", action="store_true", help="run the jobs waiting now, then stop")
    parser.add_argument("--name", help="the worker's name in Redis (default: host and process id)")
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue, Worker

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

    class AnnexWorker(Worker):
        def run_maintenance_tasks(self):
            try:
                reconcile(app)
            except Exception:  # the database may be away for a while; try again next time
                log.exception("reconciling jobs failed")
            super().run_maintenance_tasks()

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
            log.warning("Redis is not answering (%s); trying again", exc)
            time.sleep(RECONNECT_PAUSE_S)
            continue
        if options.burst or worker._stop_requested or worker._shutdown_requested_date:  # SIGTERM, busy or idle
            return 0
        # RQ left its loop on a lost connection: start a new worker once Redis answers again.
        log.warning("the worker stopped without being asked to; starting again")
        time.sleep(RECONNECT_PAUSE_S)


def _reconcile_when_possible(app, reconcile) -> None:
    try:
        reconcile(app)
    except Exception:
        log.exception("reconciling jobs at start failed; the worker will try again while idle")


if __name__ == "__main__":
    sys.exit(main())

"""``python -m web``: the demo server that ``make run`` starts.

Brings the database to the newest schema, makes sure the demo municipality and a
first reviewer and architect exist (new passwords each start, printed on the
console), and serves on http://127.0.0.1:5000 (``PORT`` changes the port). Checks run
as jobs in a pool of local worker processes, or on Redis when ``REDIS_URL`` is set (then
start ``python -m web.jobs.worker`` too); see docs/web.md.
"""

from __future__ import annotations

import os
import secrets
import signal

from werkzeug.serving import run_simple

from . import create_app, jobs
from .demo import ensure_demo_accounts
from .serving import responses_always_closed
from .store import db


def main() -> None:
    app = create_app({"SESSION_COOKIE_SECURE": False} if os.environ.get("ANNEX_INSECURE_COOKIES") else None)
    with app.app_context():
        accounts = ensure_demo_accounts(db.sessions(app)(), password_factory=lambda: secrets.token_urlsafe(9))
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    print(f"\nsecurity-annex is running at http://{'localhost' if host == '127.0.0.1' else host}:{port}/")
    print(f"Data: {app.instance_path}")
    for account in accounts:
        print(f"  {account.role:<10} {account.email:<28} password: {account.password}")
    if jobs.mode(app) == "redis":
        print("Checks are queued on Redis; start workers with: python -m web.jobs.worker")
    else:
        print(f"Checks run in {app.config['JOBS_LOCAL_WORKERS']} local worker processes (no REDIS_URL set).")
    print("Stop it with Ctrl+C.\n", flush=True)
    signal.signal(signal.SIGTERM, _stop)  # a service manager's stop: as Ctrl+C, so the job pool is closed
    try:
        # Flask's app.run, with every response closed when a browser leaves mid-file (web.serving).
        run_simple(host, port, responses_always_closed(app), threaded=True, use_reloader=False)
    finally:
        if "annex_jobs" in app.extensions:
            app.extensions["annex_jobs"].close(wait=False)


def _stop(_signum, _frame) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    main()

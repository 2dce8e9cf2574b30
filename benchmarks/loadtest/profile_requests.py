"""What each page and API call of the load test costs on its own: SQL statements, CPU and wall time.

Starts a throwaway PostgreSQL, makes the load test's kind of accounts, submits the
example twice (checked inside the request, as the tests do) and copies the checked
versions into more projects, so the queue holds what a load test's does (``--projects``
projects of two versions each, every one with its results, drawings and preview), then calls every
endpoint the load test calls through the app's test client, one at a time, and prints
per endpoint: SQL statements per request, and the median CPU and wall milliseconds of
the web process. No concurrency: this is the cost a gunicorn worker pays per request, so
``make loadtest``'s p95 can be read against it (requests per second x CPU ms = share of a
core). ``--profile ENDPOINT`` prints cProfile's top functions for one of them.

    .venv/bin/python benchmarks/loadtest/profile_requests.py [--repeat 30] [--profile queue]
"""

from __future__ import annotations

import argparse
import cProfile
import html
import pstats
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from sqlalchemy import event, insert, literal, select  # noqa: E402

from tests.support.postgres import fresh_database, postgres_server  # noqa: E402
from web import create_app  # noqa: E402
from web.accounts.tokens import issue_token  # noqa: E402
from web.accounts.users import create_user  # noqa: E402
from web.architect.submissions import create_project  # noqa: E402
from web.store import db  # noqa: E402
from web.store.models import Municipality, Role, Submission, User  # noqa: E402

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
FINDING_KEY = re.compile(r'name="finding_key" value="([^"]+)"')
PASSWORD = "load test password 1"
EXAMPLE = REPO / "examples" / "house"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--projects", type=int, default=50, help="projects of two checked versions in the queue")
    parser.add_argument("--profile", help="an endpoint's short name (see the table) to profile")
    parser.add_argument("--sql", help="an endpoint's short name: print the SQL statements of one call")
    options = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="annex-profile-"))
    with postgres_server() as base_url:
        app = create_app(
            {
                "SECRET_KEY": "profile",
                "DATABASE_URL": fresh_database(base_url, "annex_profile"),
                "UPLOAD_FOLDER": str(folder / "uploads"),
                "ANNEX_FOLDER": str(folder / "annexes"),
                "CHECK_IN_BACKGROUND": False,
                "JOBS_RECONCILE_ON_START": False,
            }
        )
        engine = db.sessions(app).kw["bind"]
        statements = []
        event.listen(engine, "before_cursor_execute", lambda *args, **kw: statements.append(args[2]))
        try:
            return measure(app, statements, options)
        finally:
            engine.dispose()


def measure(app, statements: list, options) -> int:
    session = db.sessions(app)()
    municipality = Municipality(name="Example", default_ruleset="ir-police-annex")
    session.add(municipality)
    reviewer = create_user(
        session, email="reviewer@load.example", name="Reviewer", password=PASSWORD, role=Role.REVIEWER,
        municipality=municipality,
    )  # fmt: skip
    architect = create_user(
        session, email="architect@load.example", name="Architect", password=PASSWORD, role=Role.ARCHITECT,
        municipality=None,
    )  # fmt: skip
    session.flush()
    project = create_project(
        session, architect, name="House", address="1 Lane", permit_number="P-1", municipality_id=municipality.id,
        dwellings=1,
    )  # fmt: skip
    session.flush()
    token = issue_token(session, architect, "profile")
    project_id, architect_id, municipality_id = project.id, architect.id, municipality.id
    session.commit()
    session.close()
    del reviewer

    api = app.test_client()
    api.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"

    def upload():
        files = {
            "storey": [
                ((EXAMPLE / "ground.dxf").open("rb"), "ground.dxf"),
                ((EXAMPLE / "first.dxf").open("rb"), "first.dxf"),
            ],
            "name": ["Ground floor", "First floor"],
            "elevation": ["0.0", "2.8"],
        }
        response = api.post(f"/api/v1/projects/{project_id}/versions", data=files)
        assert response.status_code == 202, response.get_data(as_text=True)[:300]
        return response.json["id"]

    version_ids = [upload() for _ in range(2)]
    copy_into_projects(app, architect_id, municipality_id, version_ids, options.projects - 1)
    version_id = version_ids[-1]

    browser = app.test_client()
    page = browser.get("/signin").get_data(as_text=True)
    signed_in = browser.post(
        "/signin",
        data={"email": "reviewer@load.example", "password": PASSWORD, "csrf_token": CSRF.search(page).group(1)},
    )
    assert signed_in.status_code == 302, signed_in.status_code
    submission_page = browser.get(f"/review/submissions/{version_id}").get_data(as_text=True)
    keys = FINDING_KEY.findall(submission_page)
    csrf = CSRF.search(submission_page).group(1)

    def decide():
        response = browser.post(
            f"/review/submissions/{version_id}/decisions",
            data={"csrf_token": csrf, "finding_key": html.unescape(keys[0]), "verdict": "accepted"},
        )
        assert response.status_code == 302, response.status_code

    anonymous = app.test_client()
    calls = {
        "version": ("GET /api/v1/versions/<id>", lambda: api.get(f"/api/v1/versions/{version_id}")),
        "results": ("GET /api/v1/versions/<id>/results", lambda: api.get(f"/api/v1/versions/{version_id}/results")),
        "queue": ("GET /review/ (queue)", lambda: browser.get("/review/")),
        "submission": ("GET /review/submissions/<id>", lambda: browser.get(f"/review/submissions/{version_id}")),
        "decide": ("POST /review/submissions/<id>/decisions", decide),
        "signin-page": ("GET /signin", lambda: anonymous.get("/signin")),
    }
    if options.sql:
        calls[options.sql][1]()
        statements.clear()
        calls[options.sql][1]()
        for number, statement in enumerate(statements, 1):
            print(f"{number:>3}. {' '.join(statement.split())[:300]}")
        return 0
    if options.profile:
        name, call = calls[options.profile]
        call()
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(options.repeat):
            call()
        profiler.disable()
        print(f"{name}: {options.repeat} calls")
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(r"web/|json|jinja2/environment|sqlalchemy/orm/session", 40)
        stats.sort_stats("tottime").print_stats(20)
        return 0
    print(f"{'endpoint':<42} {'short name':<12} {'SQL/req':>7} {'CPU ms':>7} {'wall ms':>7}")
    for short, (name, call) in calls.items():
        call()  # warm: templates compiled, caches filled
        cpu, wall = [], []
        statements.clear()
        for _ in range(options.repeat):
            c0, w0 = time.process_time(), time.perf_counter()
            call()
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
        per_request = len(statements) / options.repeat
        print(
            f"{name:<42} {short:<12} {per_request:>7.1f} {statistics.median(cpu):>7.1f} {statistics.median(wall):>7.1f}"
        )
    return 0


def copy_into_projects(app, architect_id: int, municipality_id: int, version_ids: list[int], projects: int) -> None:
    """``projects`` more projects, each holding copies of the checked versions (rows copied in SQL)."""
    session = db.sessions(app)()
    owner = session.get(User, architect_id)
    columns = [c for c in Submission.__table__.columns if c.key not in ("id", "project_id")]
    for number in range(projects):
        project = create_project(
            session, owner, name=f"House {number}", address=f"{number} Lane", permit_number=f"P-{number + 2}",
            municipality_id=municipality_id, dwellings=1,
        )  # fmt: skip
        session.flush()
        for version_id in version_ids:
            copied = select(literal(project.id), *columns).where(Submission.id == version_id)
            session.execute(insert(Submission).from_select(["project_id", *[c.key for c in columns]], copied))
    session.commit()
    session.close()


if __name__ == "__main__":
    sys.exit(main())

"""A seeded app for the security and browser tests: every kind of record a route can be asked about.

The architect owns the example project (two storeys, submitted through the service
layer the pages use); its version 1 is checked, and (when ``reviewed``) the reviewer
of its municipality has decided every open finding, one of them a deviation with a
justification, and approved it, so the frozen signed-off annex exists; the architect
has an API token.

Writing an annex PDF takes seconds, and these tests need the same checked and
signed-off example over and over: so the real check and the real sign-off run once
per test run (``example_outcome``, on a scratch app), and each test's database gets
what they wrote (results, drawings, annexes, decisions) copied into its own freshly
submitted version. The journeys in the browser still run the check and the sign-off
for real.

``url_values`` fills the arguments of any route of the app with real ids, so the
tests can walk ``app.url_map`` and a new route is covered without a new test (an
argument they do not know makes them fail with a clear message instead).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from checker.report.review import finding_key
from web import create_app
from web.accounts.tokens import issue_token, token_digest
from web.architect.submissions import BLOCKING, StoreyUpload, create_project, results_of, submit_version
from web.jobs.checking import start_check
from web.review import reviewing
from web.store import db, storage
from web.store.models import ApiToken, AuditEvent, Base, Municipality, Submission, User

from .conftest import Account
from .conftest import create_accounts as create_accounts_named

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "house"
JUSTIFICATION = "The garage door opens onto the enclosed courtyard; the municipality accepts it without a stated class."
PERMIT = "EX-2026-001"
# The finding the reviewer accepts a deviation for with JUSTIFICATION: the garage door without RC.
DEVIATION_RULE, DEVIATION_STATUS = "OPEN-02", "not_assessable"
# What a check writes to its submission.
CHECK_COLUMNS = (
    "check_state",
    "progress",
    "progress_label",
    "error",
    "preflight_json",
    "results_json",
    "drawings_json",
    "verdict",
    "openings_json",
    "preview_json",
)


def example_storeys() -> list[StoreyUpload]:
    return [
        StoreyUpload("Ground floor", 0.0, "ground.dxf", (EXAMPLE / "ground.dxf").read_bytes()),
        StoreyUpload("First floor", 2.8, "first.dxf", (EXAMPLE / "first.dxf").read_bytes()),
    ]


PEOPLE = {
    "reviewer": "Rana Reviewer",
    "other_reviewer": "Omid Reviewer",
    "architect": "Ava Architect",
    "other_architect": "Otto Architect",
}


def create_accounts(app) -> dict[str, Account]:
    """As the client tests' ``accounts`` fixture, with people's names the pages and the annex show."""
    return create_accounts_named(app, PEOPLE)


def deviation_key(results: dict) -> str:
    finding = next(f for f in results["findings"] if f["rule"] == DEVIATION_RULE and f["status"] == DEVIATION_STATUS)
    return finding_key(finding)


def other_decisions(results: dict) -> list[tuple[str, str, str]]:
    """(key, verdict, justification) for every open finding but the deviation's, so approval is possible."""
    skip = deviation_key(results)
    decided = []
    for finding in results["findings"]:
        key = finding_key(finding)
        if finding["status"] not in BLOCKING or key == skip or key in {d[0] for d in decided}:
            continue
        if finding.get("severity") == "error":
            decided.append((key, "deviation", "Agreed on site with the police adviser."))
        else:
            decided.append((key, "accepted", ""))
    return decided


# ----------------------------------------------------------------- the real check and sign-off, once


@dataclass(frozen=True)
class Outcome:
    check: dict  # CHECK_COLUMNS as the check wrote them
    annex: bytes
    decisions: tuple[tuple[str, str, str], ...]
    final_state: str
    final_annex: bytes


_outcome: Outcome | None = None


def example_outcome() -> Outcome:
    """The example checked and signed off by the real code, on a scratch app (once per test run)."""
    global _outcome
    if _outcome is None:
        with tempfile.TemporaryDirectory(prefix="annex-outcome-") as folder:
            _outcome = _compute_outcome(Path(folder))
    return _outcome


def _compute_outcome(folder: Path) -> Outcome:
    app = create_app(
        {
            "SECRET_KEY": "outcome",
            "DATABASE_URL": f"sqlite:///{folder / 'annex.sqlite'}",
            "UPLOAD_FOLDER": str(folder / "uploads"),
            "ANNEX_FOLDER": str(folder / "annexes"),
            "MAIL_OUTBOX": str(folder / "outbox"),  # the sign-off's notice to the architect
            "CHECK_IN_BACKGROUND": False,
        }
    )
    accounts = create_accounts(app)
    try:
        with app.test_request_context():
            session = db.session()
            submission_id = _submit(session, accounts)
            start_check(submission_id)
            session.expire_all()
            submission = session.get(Submission, submission_id)
            assert submission.check_state == "done", submission.error
            check = {column: getattr(submission, column) for column in CHECK_COLUMNS}
            annex = storage.annex_path(submission.annex_name).read_bytes()
            reviewer = session.get(User, accounts["reviewer"].id)
            results = results_of(submission)
            decisions = (*other_decisions(results), (deviation_key(results), "deviation", JUSTIFICATION))
            for key, verdict, justification in decisions:
                reviewing.record_decision(session, submission, reviewer, key, verdict, justification)
            reviewing.final_decision(session, submission, reviewer, "approved")
            final_annex = reviewing.signed_annex_bytes(submission)
            return Outcome(check, annex, decisions, submission.review_state, final_annex)
    finally:
        db.sessions(app).kw["bind"].dispose()


def _submit(
    session,
    accounts,
    owner: str = "architect",
    permit_number: str = PERMIT,
    name: str = "Example house",
    address: str = "1 Example Lane, Example",
) -> int:
    architect = session.get(User, accounts[owner].id)
    municipality = session.scalars(select(Municipality).where(Municipality.name == "Example")).one()
    project = create_project(
        session,
        architect,
        name=name,
        address=address,
        permit_number=permit_number,
        municipality_id=municipality.id,
        dwellings=1,
    )
    return submit_version(session, project, example_storeys(), ruleset=None, user=architect).id


# ----------------------------------------------------------------- a test's own seeded database


@dataclass(frozen=True)
class Seeded:
    accounts: dict[str, Account]
    project_id: int
    submission_id: int
    number: int
    token_id: int

    def url_values(self) -> dict[str, object]:
        """A real value for each route argument the app uses."""
        return {
            "project_id": self.project_id,
            "number": self.number,
            "submission_id": self.submission_id,
            "version_id": self.submission_id,  # the API calls a submission a version
            "token_id": self.token_id,
            "filename": "app.css",
        }


def seed(
    app,
    accounts: dict[str, Account],
    *,
    reviewed: bool = True,
    owner: str = "architect",
    permit_number: str = PERMIT,
    other_decisions_only: bool = False,
) -> Seeded:
    """The example project of ``accounts[owner]``: version 1 checked, and ``reviewed`` (decided and approved).

    ``other_decisions_only`` records the decisions on every open finding but the
    deviation's, leaving the version in review for a reviewer to finish.
    """
    outcome = example_outcome()
    with app.test_request_context():
        session = db.session()
        submission = session.get(Submission, _submit(session, accounts, owner, permit_number))
        for column, value in outcome.check.items():
            setattr(submission, column, value)
        submission.annex_name = storage.store_bytes(outcome.annex, ".pdf", storage.annex_folder()).name
        session.add(AuditEvent(submission_id=submission.id, user_id=None, action="checked", detail=submission.verdict))
        session.commit()
        reviewer = session.get(User, accounts["reviewer"].id)
        if reviewed or other_decisions_only:
            decisions = outcome.decisions[:-1] if other_decisions_only else outcome.decisions
            for key, verdict, justification in decisions:
                reviewing.record_decision(session, submission, reviewer, key, verdict, justification)
        if reviewed:  # as reviewing.final_decision records it, with the annex it wrote
            stored = storage.store_bytes(outcome.final_annex, ".pdf", storage.annex_folder())
            submission.review_state = outcome.final_state
            submission.decided_by_id = reviewer.id
            submission.decided_at = submission.created_at
            submission.final_annex_name, submission.final_annex_sha256 = stored.name, stored.sha256
            session.add(
                AuditEvent(
                    submission_id=submission.id,
                    user_id=reviewer.id,
                    action=outcome.final_state,
                    detail=f"{outcome.final_state}; signed-off annex sha256 {stored.sha256}",
                )
            )
        token = issue_token(session, session.get(User, accounts[owner].id), "permit system")
        token_id = session.scalars(select(ApiToken.id).where(ApiToken.token_sha256 == token_digest(token))).one()
        session.commit()
        return Seeded(accounts, submission.project_id, submission.id, submission.number, token_id)


def row_counts(app) -> dict[str, int]:
    """How many rows each table holds: what a refused request must leave unchanged (the
    sign-ins the test itself makes, each a user_session row, are not counted)."""
    with app.app_context():
        session = db.sessions(app)()
        try:
            return {
                table.name: session.scalar(select(func.count()).select_from(table))
                for table in Base.metadata.sorted_tables
                if table.name != "user_session"
            }
        finally:
            session.close()


def route_url(app, rule, values: dict[str, object]) -> str:
    """The path of ``rule`` with real ids in it."""
    missing = [argument for argument in rule.arguments if argument not in values]
    assert not missing, (
        f"the route {rule.rule} ({rule.endpoint}) takes {missing}: add a real value for it to "
        "tests/features/web/seeded.py Seeded.url_values"
    )
    method = "GET" if "GET" in rule.methods else "POST"
    return app.url_map.bind("localhost").build(rule.endpoint, {a: values[a] for a in rule.arguments}, method=method)

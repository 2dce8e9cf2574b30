"""Fixed data for the pages the screenshot and accessibility scenarios look at.

Every page of both journeys shown from one seeded database, the same on every run:

- "Example house" (EX-2026-001): version 1 and version 2 checked (version 1's results
  altered so the comparison has a resolved, a new and a still failing finding; version 2
  is the real check's), version 3 being checked (running, 65 %, its preflight and
  preview in, as a check shows them while the rules run);
- "Corner house" (EX-2026-002): checked, every open finding but the garage door's decided;
- "Garden house" (EX-2026-003): checked, decided and signed off.

The dates the pages show come from a fixed clock (``FIXED_CLOCK``): every stored time is
rewritten after seeding, each record a few minutes after the one before, so the order
of things stays what it was. What cannot be fixed that way (the signed-off annex's
SHA-256: its PDF carries the moment it was written) is written over with a stand-in
before a shot (screens.STAND_INS).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from web.architect.submissions import BLOCKING, submit_version
from web.store import db
from web.store.models import AuditEvent, CheckState, Decision, Project, Submission, User

from ..seeded import example_outcome, example_storeys, seed
from .conftest import LiveServer

FIXED_CLOCK = datetime(2026, 3, 14, 9, 0)  # UTC, as stored; 23 Esfand 1404 on the Persian pages


@dataclass(frozen=True)
class StagedPages:
    compared_project: int  # "Example house": versions 1, 2 (checked) and 3 (running)
    decided_project: int  # "Corner house": in review, all decided but one
    signed_project: int  # "Garden house": signed off
    compared_submission: int  # version 2 of "Example house"
    decided_submission: int
    signed_submission: int


def stage_pages(live: LiveServer) -> StagedPages:
    compared = seed(live.app, live.accounts, reviewed=False, permit_number="EX-2026-001")
    decided = seed(live.app, live.accounts, reviewed=False, permit_number="EX-2026-002", other_decisions_only=True)
    signed = seed(live.app, live.accounts, reviewed=True, permit_number="EX-2026-003")
    outcome = example_outcome()
    with live.app.test_request_context():
        session = db.session()
        architect = session.get(User, live.accounts["architect"].id)
        project = session.get(Project, compared.project_id)
        first = session.get(Submission, compared.submission_id)
        first.results_json = json.dumps(_earlier_results(json.loads(outcome.check["results_json"])))
        second = submit_version(session, project, example_storeys(), ruleset=None, user=architect)
        for column, value in outcome.check.items():
            setattr(second, column, value)
        second.annex_name = first.annex_name
        second_id = second.id
        running = submit_version(session, project, example_storeys(), ruleset=None, user=architect)
        running.check_state, running.progress, running.progress_label = (
            CheckState.RUNNING.value,
            65,
            "Checking the rules",
        )
        for column in ("preflight_json", "openings_json", "preview_json"):
            setattr(running, column, outcome.check[column])
        session.get(Project, decided.project_id).name = "Corner house"
        session.get(Project, signed.project_id).name = "Garden house"
        session.commit()
        _fix_clock(session)
        session.commit()
    return StagedPages(
        compared.project_id,
        decided.project_id,
        signed.project_id,
        second_id,
        decided.submission_id,
        signed.submission_id,
    )


def _earlier_results(results: dict) -> dict:
    """The results of a version before the real one: its first passing finding still failed
    (resolved since), and its last blocking finding not yet there (new since)."""
    findings = [dict(f) for f in results["findings"]]
    blocking = [i for i, f in enumerate(findings) if f["status"] in BLOCKING]
    passing = next(i for i, f in enumerate(findings) if f["status"] == "pass")
    findings[passing]["status"] = "fail"
    del findings[blocking[-1]]
    return {**results, "findings": findings}


def _fix_clock(session) -> None:
    """Every time the pages show, from FIXED_CLOCK on, in the order the records were made."""
    for index, project in enumerate(session.scalars(select(Project).order_by(Project.id))):
        project.created_at = FIXED_CLOCK + timedelta(minutes=index)
    for index, submission in enumerate(session.scalars(select(Submission).order_by(Submission.id))):
        submission.created_at = FIXED_CLOCK + timedelta(hours=index + 1)
        if submission.decided_at is not None:
            submission.decided_at = submission.created_at + timedelta(hours=1)
        for step, decision in enumerate(
            session.scalars(select(Decision).where(Decision.submission_id == submission.id).order_by(Decision.id))
        ):
            decision.decided_at = submission.created_at + timedelta(minutes=10, seconds=15 * step)
        for step, event in enumerate(
            session.scalars(select(AuditEvent).where(AuditEvent.submission_id == submission.id).order_by(AuditEvent.id))
        ):
            event.at = submission.created_at + timedelta(minutes=step)

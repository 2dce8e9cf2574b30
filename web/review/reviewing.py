"""What reviewers do to a submission: decide on findings, decide on the version, sign off.

Pages (and any other caller) go through these functions, so the rules live in one
place:

- A decision on a finding is appended as a ``Decision`` (never edited); the latest one
  per finding key counts. Accepting a deviation needs a written justification, and so
  does rejecting a finding (the next reader must know why the checker was overruled).
- The first look at a checked ``new`` submission, or the first decision on it, moves
  it to ``in_review``.
- The final decision (approve or request changes) writes the signed-off annex: the
  checker's annex with the decisions and the sign-off in it. It is stored once, its
  SHA-256 recorded, and the version is frozen: no decision of any kind is taken on it
  afterwards, and every download returns the same bytes.
- Approval is refused while an open finding (fails, not assessable, rule error) has
  no decision, and while a blocking one is accepted as it stands: to approve despite a
  blocking finding the reviewer rejects it or accepts a deviation, both with a reason.
- The annex is made from the stored DXF files, checked again; if that no longer gives
  the findings that were reviewed (the software changed), the sign-off is refused
  rather than signing something other than what was reviewed.

Every change is also an ``AuditEvent`` with who and when. Refusals are ``ReviewRefused``
with one sentence for the user and the HTTP status that fits.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime

from flask import has_request_context, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import Session, contains_eager, load_only

from checker.engine import run_rules
from checker.errors import AnnexError
from checker.report.annex import annex_pdf
from checker.report.i18n import LANGUAGES as ANNEX_LANGUAGES
from checker.report.review import FINAL_DECISIONS as CHECKER_FINAL_DECISIONS
from checker.report.review import FINDING_VERDICTS, FindingDecision, Review, finding_key
from checker.results import Severity, Status
from checker.rulesets import load_ruleset

from .. import jobs
from ..architect.submissions import BLOCKING
from ..i18n import gettext as _
from ..jobs.checking import load_submission
from ..jobs.tasks import finish, still_mine
from ..store import storage
from ..store.models import (
    AuditEvent,
    CheckState,
    Decision,
    FindingVerdict,
    Job,
    JobState,
    Project,
    ReviewState,
    Submission,
    User,
    utcnow,
)

log = logging.getLogger(__name__)

MAX_JUSTIFICATION = 1000  # characters; the annex prints up to this many
MAX_NOTES = 1000
# The checker's vocabulary (what the annex renders); the web's enums name the same values.
FINAL_DECISIONS = CHECKER_FINAL_DECISIONS
NEEDS_JUSTIFICATION = (FindingVerdict.DEVIATION.value, FindingVerdict.REJECTED.value)
UNDECIDABLE = (Status.NOT_APPLICABLE.value,)  # "the rule found nothing it applies to": nothing to decide


class ReviewRefused(Exception):
    """Why a reviewer's action is refused: one sentence, and the HTTP status that fits."""

    def __init__(self, sentence: str, status: int = 400) -> None:
        super().__init__(sentence)
        self.sentence = sentence
        self.status = status


def utc_text(moment: datetime | None) -> str:
    """A stored (naive UTC) time as ISO 8601 with Z, as the annex and the pages show it."""
    return moment.replace(microsecond=0).isoformat() + "Z" if moment else ""


# ----------------------------------------------------------------- reading


def is_frozen(submission: Submission) -> bool:
    return submission.final_annex_sha256 is not None


def findings_of(submission: Submission) -> list[dict]:
    return json.loads(submission.results_json)["findings"] if submission.results_json else []


def latest_decisions(submission: Submission) -> dict[str, Decision]:
    """The decision that counts per finding key: the latest one recorded."""
    latest: dict[str, Decision] = {}
    for decision in sorted(submission.decisions, key=lambda d: d.id):
        latest[decision.finding_key] = decision
    return latest


def marker_numbers(submission: Submission) -> dict[int, int]:
    """Finding index → marker number, as on the plans and in the annex."""
    drawings = json.loads(submission.drawings_json) if submission.drawings_json else {}
    return {int(index): number for index, number in drawings.get("numbers", {}).items()}


def approval_blockers(submission: Submission) -> list[str]:
    """Why the version cannot be approved yet, one sentence each (empty when it can)."""
    latest = latest_decisions(submission)
    numbers = marker_numbers(submission)
    undecided = 0
    accepted_blocking = []
    for index, finding in enumerate(findings_of(submission)):
        if finding["status"] not in BLOCKING:
            continue
        decision = latest.get(finding_key(finding))
        if decision is None:
            undecided += 1
        elif decision.verdict == FindingVerdict.ACCEPTED.value and finding.get("severity") == Severity.ERROR.value:
            accepted_blocking.append(numbers.get(index, index + 1))
    sentences = []
    if undecided:
        sentences.append(
            _("Approval needs a decision on every open finding; %(count)s have none yet.", count=undecided)
        )
    if accepted_blocking:
        sentences.append(
            _(
                "Blocking findings accepted as they stand (%(numbers)s) must be rejected or given a deviation with a reason before approval.",
                numbers=", ".join(str(n) for n in accepted_blocking),
            )
        )
    return sentences


# ----------------------------------------------------------------- changing the review state


def open_for_review(db_session: Session, submission: Submission, reviewer: User) -> None:
    """A reviewer looks at a checked new submission: it is now in review."""
    if submission.review_state == ReviewState.NEW.value and submission.check_state == CheckState.DONE.value:
        _start_review(db_session, submission, reviewer, "opened")
        db_session.commit()


def _start_review(db_session: Session, submission: Submission, reviewer: User, how: str) -> None:
    submission.review_state = ReviewState.IN_REVIEW.value
    db_session.add(AuditEvent(submission_id=submission.id, user_id=reviewer.id, action="review_started", detail=how))


def _lock(db_session: Session, submission: Submission) -> Submission:
    """The submission's row, locked until commit (PostgreSQL; SQLite has one writer anyway), and fresh."""
    db_session.execute(select(Submission.id).where(Submission.id == submission.id).with_for_update())
    db_session.refresh(submission)
    return submission


def _require_checked_and_open(submission: Submission) -> None:
    if submission.check_state != CheckState.DONE.value or not submission.results_json:
        raise ReviewRefused(_("This version has not been checked yet, so there is nothing to decide."), 409)
    if is_frozen(submission):
        raise ReviewRefused(_("This version is signed off and frozen; its decisions can no longer change."), 409)


def record_decision(
    db_session: Session, submission: Submission, reviewer: User, key: str, verdict: str, justification: str = ""
) -> Decision:
    """Append the reviewer's decision on the finding ``key``."""
    return record_decisions(db_session, submission, reviewer, [key], verdict, justification)[0]


def _valid_justification(verdict: str, justification: str) -> str:
    """The justification as recorded (one paragraph, as the annex prints it), or why ``verdict`` needs another."""
    if verdict not in FINDING_VERDICTS:
        raise ReviewRefused(_("Choose accept, reject or accept a deviation."))
    justification = " ".join(justification.split())
    if verdict == FindingVerdict.DEVIATION.value and not justification:
        raise ReviewRefused(_("A deviation needs a written justification."))
    if verdict == FindingVerdict.REJECTED.value and not justification:
        raise ReviewRefused(_("Rejecting a finding needs a written reason."))
    if len(justification) > MAX_JUSTIFICATION:
        raise ReviewRefused(
            _("The justification is longer than %(limit)s characters; shorten it.", limit=MAX_JUSTIFICATION)
        )
    return justification


def record_decisions(
    db_session: Session, submission: Submission, reviewer: User, keys: list[str], verdict: str, justification: str = ""
) -> list[Decision]:
    """One decision with one reason on one finding or several (alike ones): all recorded, or none."""
    _require_checked_and_open(submission)
    keys = list(dict.fromkeys(keys))
    if not keys:
        raise ReviewRefused(_("Tick at least one finding."))
    decidable = {finding_key(f) for f in findings_of(submission) if f["status"] not in UNDECIDABLE}
    if any(key not in decidable for key in keys):
        raise ReviewRefused(_("This finding is not part of this version; reload the page."))
    justification = _valid_justification(verdict, justification)

    _lock(db_session, submission)
    if is_frozen(submission):  # signed off while this request was on its way
        raise ReviewRefused(_("This version is signed off and frozen; its decisions can no longer change."), 409)
    if submission.review_state == ReviewState.NEW.value:
        _start_review(db_session, submission, reviewer, "first decision")
    decisions = []
    for key in keys:
        decision = Decision(
            submission=submission, finding_key=key, verdict=verdict, justification=justification, reviewer=reviewer
        )
        db_session.add(decision)
        decisions.append(decision)
        detail = f"{verdict} on finding {_number_of(submission, key)} ({key})" + (
            f": {justification}" if justification else ""
        )
        db_session.add(AuditEvent(submission_id=submission.id, user_id=reviewer.id, action="decision", detail=detail))
    db_session.commit()
    return decisions


def newer_version(db_session: Session, submission: Submission) -> int | None:
    """The number of the project's latest version when it is newer than ``submission``."""
    latest = db_session.scalar(
        select(func.max(Submission.number)).where(Submission.project_id == submission.project_id)
    )
    return latest if latest is not None and latest > submission.number else None


def superseded_sentence(submission: Submission, newer: int) -> str:
    return _(
        "Version %(newer)s of this project was submitted after this one, so approving version %(number)s approves plans that have since been replaced; confirm that this is what you mean.",
        newer=newer,
        number=submission.number,
    )


def _number_of(submission: Submission, key: str) -> str:
    """The finding's marker number as the pages and the annex show it ("-" for one without a marker)."""
    numbers = marker_numbers(submission)
    for index, finding in enumerate(findings_of(submission)):
        if finding_key(finding) == key and index in numbers:
            return str(numbers[index])
    return "-"


# ----------------------------------------------------------------- the final decision and the signed annex


def final_decision(
    db_session: Session,
    submission: Submission,
    reviewer: User,
    decision: str,
    notes: str = "",
    language: str = "en",
    *,
    confirm_superseded: bool = False,
) -> Submission:
    """Approve or request changes: write the signed-off annex, store it, freeze the version.

    Approving a version that a newer one of the project has replaced needs ``confirm_superseded``.
    """
    db_session.expire(submission, ["decisions"])  # decide on what is recorded, not on what this session saw earlier
    _require_checked_and_open(submission)
    if decision not in FINAL_DECISIONS:
        raise ReviewRefused(_("Choose approve or request changes."))
    notes = notes.strip()
    if decision == ReviewState.CHANGES_REQUESTED.value and not notes:
        raise ReviewRefused(_("Say which changes are requested."))
    if len(notes) > MAX_NOTES:
        raise ReviewRefused(_("The note is longer than %(limit)s characters; shorten it.", limit=MAX_NOTES))
    if language not in ANNEX_LANGUAGES:
        raise ReviewRefused(_("Choose the annex language from the list."))
    if decision == ReviewState.APPROVED.value and (blockers := approval_blockers(submission)):
        raise ReviewRefused(blockers[0], 409)
    if (
        decision == ReviewState.APPROVED.value
        and not confirm_superseded
        and (newer := newer_version(db_session, submission)) is not None
    ):
        raise ReviewRefused(superseded_sentence(submission, newer), 409)

    if pending_sign_off(db_session, submission) is not None:
        raise ReviewRefused(_("The signed-off annex of this version is being written already."), 409)

    latest = latest_decisions(submission)
    args = {
        "decision": decision,
        "notes": " ".join(notes.split()),
        "language": language,
        "reviewer_id": reviewer.id,
        "decided_at": utcnow().replace(microsecond=0).isoformat(),
        "last_decision_id": max((d.id for d in latest.values()), default=0),
        # for the notice to the architect, written where no request is at hand
        "version_url": url_for(
            "architect.version", project_id=submission.project_id, number=submission.number, _external=True
        )
        if has_request_context()
        else "",
    }
    # The annex is written by a job (web.jobs), away from the web process; in the tests'
    # inline mode it is written by now, and a refusal comes back as it always did.
    job = jobs.submit(db_session, "sign_off", submission.id, args)
    db_session.refresh(job)
    db_session.refresh(submission)
    if job.state == JobState.FAILED.value:
        raise ReviewRefused(_(job.error or ""), 409)
    return submission


def pending_sign_off(db_session: Session, submission: Submission) -> Job | None:
    """The sign-off job of this version that is queued or running, if any."""
    return db_session.scalars(
        select(Job).where(
            Job.submission_id == submission.id,
            Job.kind == "sign_off",
            Job.state.in_((JobState.QUEUED.value, JobState.RUNNING.value)),
        )
    ).first()


def failed_sign_off(db_session: Session, submission: Submission) -> str | None:
    """Why the latest sign-off of this unfrozen version failed (one sentence), if it did."""
    latest = db_session.scalars(
        select(Job).where(Job.submission_id == submission.id, Job.kind == "sign_off").order_by(Job.id.desc())
    ).first()
    if latest is None or latest.state != JobState.FAILED.value or is_frozen(submission):
        return None
    return _(latest.error or "")


def run_sign_off(app, submission_id: int, token: str) -> None:
    """The sign-off job's work (in the job's limited child): write the signed annex, store it, freeze
    the version; a refusal ends the job failed with its sentence. Every write is fenced by ``token``."""
    from ..store import db

    db_session = db.sessions(app)()
    try:
        args = json.loads(db_session.scalar(select(Job.args_json).where(Job.token == token)))
        submission = db_session.get(Submission, submission_id)
        reviewer = db_session.get(User, args["reviewer_id"])
        try:
            _sign_off(db_session, submission, reviewer, args, token)
        except ReviewRefused as refused:
            db_session.rollback()
            still_mine(db_session, token)
            finish(db_session, token, JobState.FAILED, refused.sentence)
            db_session.commit()
    finally:
        db_session.close()


def _sign_off(db_session: Session, submission: Submission, reviewer: User, args: dict, token: str) -> None:
    decided_at = datetime.fromisoformat(args["decided_at"])
    latest = latest_decisions(submission)
    review = Review(
        reviewer=reviewer.name,
        municipality=submission.project.municipality.name,
        decision=args["decision"],
        decided_at=utc_text(decided_at),
        notes=args["notes"],
        decisions={
            key: FindingDecision(d.verdict, d.justification, d.reviewer.name, utc_text(d.decided_at))
            for key, d in latest.items()
        },
    )
    pdf = signed_annex_pdf(submission, review, args["language"])

    _lock(db_session, submission)
    if is_frozen(submission):
        raise ReviewRefused(_("This version is signed off and frozen; its decisions can no longer change."), 409)
    newest = db_session.scalar(select(func.max(Decision.id)).where(Decision.submission_id == submission.id)) or 0
    if newest != args["last_decision_id"]:  # a decision came in while the annex was being written
        raise ReviewRefused(
            _("A decision was recorded while the annex was being written; look at it and decide again."), 409
        )
    stored = storage.store_bytes(pdf, ".pdf", storage.annex_folder())
    decision = args["decision"]
    submission.review_state = decision
    submission.decided_by_id = reviewer.id
    submission.decided_at = decided_at
    submission.final_annex_name = stored.name
    submission.final_annex_sha256 = stored.sha256
    submission.review_note = review.notes or None
    detail = f"{decision}; signed-off annex sha256 {stored.sha256}" + (f"; {review.notes}" if review.notes else "")
    # At full precision, when it is recorded (decided_at is the annex's, to the second): the
    # trail lists it after the decisions it followed.
    db_session.add(AuditEvent(submission_id=submission.id, user_id=reviewer.id, action=decision, detail=detail))
    still_mine(db_session, token)
    finish(db_session, token, JobState.DONE)
    db_session.commit()
    from .outcome import send_review_notice  # outcome reads this module

    send_review_notice(submission, args.get("version_url", ""))


def signed_annex_pdf(submission: Submission, review: Review, language: str) -> bytes:
    """The checker's annex for this version with ``review`` in it, from its stored DXF files.

    The check is run again because the annex needs the plan itself; what it finds must
    be what the reviewer saw, or there is nothing honest to sign.
    """
    if submission.results_json is None:
        raise ReviewRefused(_("This version has not been checked yet, so there is nothing to decide."), 409)
    stored = json.loads(submission.results_json)
    try:
        plan = load_submission(submission)
        # Dated by the check that was reviewed: the annex shows that moment.
        results = run_rules(plan, load_ruleset(submission.ruleset), moment=_moment_of(stored["generated"]))
    except (AnnexError, OSError) as exc:
        log.warning("submission %s could not be checked again for sign-off: %s", submission.id, exc)
        raise ReviewRefused(
            _("The stored drawings could not be read again, so the annex cannot be signed."), 409
        ) from None
    if [_what_was_found(f.to_json(results.rule_titles)) for f in results.findings] != [
        _what_was_found(f) for f in stored["findings"]
    ]:
        raise ReviewRefused(
            _(
                "Checking the stored drawings again no longer gives the findings that were reviewed (the software has changed), so this version cannot be signed off; ask for a new submission."
            ),
            409,
        )
    try:
        return annex_pdf(plan, results, language=language, review=review)
    except AnnexError as exc:
        log.error("signed annex for submission %s could not be written: %s", submission.id, exc)
        raise ReviewRefused(
            _("The annex could not be written on our side; nothing was signed. Please try again later."), 500
        ) from None


def _moment_of(generated: str) -> datetime:
    return datetime.fromisoformat(generated.replace("Z", "+00:00"))


def _what_was_found(finding: dict) -> dict:
    """A finding without its rendered words (sentence, rule title): a re-worded catalogue
    changes how a finding reads, not what was found, so it does not stop a sign-off."""
    return {name: value for name, value in finding.items() if name not in ("message", "title")}


def signed_annex_bytes(submission: Submission) -> bytes:
    """The frozen annex exactly as it was signed; refuses if the file on disk was altered."""
    if not is_frozen(submission) or not submission.final_annex_name:
        raise ReviewRefused(_("This version has not been signed off yet."), 404)
    data = storage.annex_path(submission.final_annex_name).read_bytes()
    if hashlib.sha256(data).hexdigest() != submission.final_annex_sha256:
        log.error("signed annex of submission %s does not match its recorded sha256", submission.id)
        raise ReviewRefused(
            _("The signed annex on file no longer matches its recorded fingerprint; the team has been told."), 500
        )
    return data


def annex_download_name(submission: Submission, signed: bool = False) -> str:
    """Made from the permit number (or the project id), never from a name a user gave a
    file, with nothing a Content-Disposition header could trip on."""
    project = submission.project
    permit = re.sub(r"[^A-Za-z0-9._-]+", "-", project.permit_number or "").strip("-.")[:60]
    stem = f"security-annex-{permit or f'project-{project.id}'}-v{submission.number}"
    return f"{stem}-signed.pdf" if signed else f"{stem}.pdf"


# ----------------------------------------------------------------- the queue


@dataclass(frozen=True)
class QueuePage:
    submissions: list[Submission]
    page: int
    pages: int
    total: int


QUEUE_PAGE_SIZE = 50
QUEUE_COLUMNS = (
    Submission.project_id,
    Submission.number,
    Submission.created_at,
    Submission.check_state,
    Submission.verdict,
    Submission.review_state,
)


def queue(db_session: Session, reviewer: User, *, query: str = "", state: str = "", page: int = 1) -> QueuePage:
    """The municipality's submissions, newest first; ``query`` matches permit number or address."""
    if reviewer.municipality_id is None:
        return QueuePage([], 1, 1, 0)
    statement = (
        select(Submission)
        .join(Project, Submission.project_id == Project.id)
        .where(Project.municipality_id == reviewer.municipality_id)
    )
    query = query.strip()
    if query:
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", query.lower()) + "%"  # the user's % and _ are literal
        statement = statement.where(
            func.lower(Project.permit_number).like(pattern, escape="\\")
            | func.lower(Project.address).like(pattern, escape="\\")
        )
    if state in {s.value for s in ReviewState}:
        statement = statement.where(Submission.review_state == state)
    total = db_session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    pages = max(1, -(-total // QUEUE_PAGE_SIZE))
    page = min(max(page, 1), pages)
    # The queue shows a few columns of each version and its project: loaded in the one query,
    # without the versions' results, drawings and preview (hundreds of KB each).
    rows = db_session.scalars(
        statement.options(contains_eager(Submission.project), load_only(*QUEUE_COLUMNS))
        .order_by(Submission.created_at.desc(), Submission.id.desc())
        .offset((page - 1) * QUEUE_PAGE_SIZE)
        .limit(QUEUE_PAGE_SIZE)
    )
    return QueuePage(list(rows), page, pages, total)

"""The reviewers' pages: the municipality's queue, a submission's findings, decisions, sign-off.

Every route is for reviewers only and reaches only their municipality's submissions
(``access.reviewable_submission``: 404 for another municipality's). What a decision
means and when it is refused is in ``reviewing``; these views read the form, call it,
and show its one-sentence refusals on the page, with what was typed kept.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from ..accounts.access import reviewable_submission, role_required, signed_in_user
from ..architect.recognition import layer_rows, openings_view, preview_markup, role_names
from ..architect.submissions import BLOCKING, previous_version
from ..i18n import current_language
from ..i18n import gettext as _
from ..results_view import changes_view, check_state_word, preflight_view, results_view, verdict_word
from ..store import db, storage
from ..store.models import AuditEvent, Decision, ReviewState, Role, Submission, User
from .alike import alike_groups
from .reviewing import (
    FINAL_DECISIONS,
    MAX_JUSTIFICATION,
    MAX_NOTES,
    UNDECIDABLE,
    ReviewRefused,
    annex_download_name,
    approval_blockers,
    failed_sign_off,
    final_decision,
    findings_of,
    is_frozen,
    latest_decisions,
    newer_version,
    open_for_review,
    pending_sign_off,
    record_decisions,
    signed_annex_bytes,
    superseded_sentence,
)
from .reviewing import queue as queue_of

bp = Blueprint("review", __name__, url_prefix="/review")


def review_state_names() -> dict[str, str]:
    return {
        ReviewState.NEW.value: _("new"),
        ReviewState.IN_REVIEW.value: _("in review"),
        ReviewState.CHANGES_REQUESTED.value: _("changes requested"),
        ReviewState.APPROVED.value: _("approved"),
    }


def verdict_names() -> dict[str, str]:
    return {"accepted": _("accepted"), "rejected": _("rejected"), "deviation": _("deviation accepted")}


def action_names() -> dict[str, str]:
    return {
        "submitted": _("submitted"),
        "checked": _("checked"),
        "review_started": _("review started"),
        "decision": _("decision on a finding"),
        ReviewState.APPROVED.value: _("approved and signed off"),
        ReviewState.CHANGES_REQUESTED.value: _("changes requested and signed off"),
    }


def _page_number(text: str | None) -> int:
    try:
        return max(1, int(text or 1))
    except ValueError:
        return 1


# ----------------------------------------------------------------- the queue


@bp.route("/")
@role_required(Role.REVIEWER)
def queue():
    user = signed_in_user()
    query = request.args.get("q", "")[:200]
    state = request.args.get("status", "")
    page = queue_of(db.session(), user, query=query, state=state, page=_page_number(request.args.get("page")))
    return render_template(
        "review/queue.html",
        page=page,
        query=query,
        state=state,
        user=user,
        state_names=review_state_names(),
        verdict_word=verdict_word,
        check_state_word=check_state_word,
    )


# ----------------------------------------------------------------- one submission


@bp.route("/submissions/<int:submission_id>")
@role_required(Role.REVIEWER)
def submission(submission_id: int):
    user = signed_in_user()
    submission = reviewable_submission(submission_id, user)
    open_for_review(db.session(), submission, user)
    return _submission_page(submission)


def _submission_page(
    submission: Submission,
    *,
    status: int = 200,
    error: str | None = None,
    error_key: str | None = None,
    typed: dict | None = None,
):
    """The submission page; after a refused form, with its sentence next to that form and what was typed."""
    db_session = db.session()
    view = results_view(submission, request.args.get("status"), request.args.get("rule"))
    events = db_session.scalars(
        select(AuditEvent).where(AuditEvent.submission_id == submission.id).order_by(AuditEvent.at, AuditEvent.id)
    ).all()
    frozen = is_frozen(submission)
    newer = newer_version(db_session, submission)
    return render_template(
        "review/submission.html",
        submission=submission,
        project=submission.project,
        view=view,
        changes=changes_view(previous_version(db_session, submission), submission),
        preflight=preflight_view(submission),
        openings=openings_view(submission),
        layers=layer_rows(submission),
        preview_svg=preview_markup(submission),
        role_names=role_names(),
        decisions=latest_decisions(submission),
        undecidable=UNDECIDABLE,
        frozen=is_frozen(submission),
        blockers=approval_blockers(submission) if submission.results_json and not is_frozen(submission) else [],
        events=events,
        versions=submission.project.submissions,
        error=error,
        error_key=error_key,
        typed=typed or {},
        filters={k: v for k, v in request.args.items() if k in ("status", "rule") and v},
        state_names=review_state_names(),
        verdict_names=verdict_names(),
        action_names=action_names(),
        verdict_word=verdict_word,
        check_state_word=check_state_word,
        final_decisions=FINAL_DECISIONS,
        language_now=current_language(),
        max_justification=MAX_JUSTIFICATION,
        max_notes=MAX_NOTES,
        running=submission.check_state in ("queued", "running"),
        signing=pending_sign_off(db_session, submission) is not None,
        sign_off_failure=failed_sign_off(db_session, submission),
        blocking_statuses=BLOCKING,
        alike_groups=alike_groups(view, findings_of(submission)) if view and not frozen else [],
        newer_version=newer,
        superseded_sentence=superseded_sentence(submission, newer) if newer else "",
    ), status


@bp.post("/submissions/<int:submission_id>/decisions")
@role_required(Role.REVIEWER)
def decide(submission_id: int):
    user = signed_in_user()
    submission = reviewable_submission(submission_id, user)
    key = request.form.get("finding_key", "")
    _recorded, refused = _record_from_form(submission, user, [key], error_key=key)
    if refused is not None:
        return refused
    flash(_("Decision recorded."), "success")
    anchor = request.form.get("anchor", "")
    return redirect(
        url_for("review.submission", submission_id=submission.id, **_filters(request.args))
        + (f"#finding-{int(anchor)}" if anchor.isdigit() else "")
    )


@bp.post("/submissions/<int:submission_id>/decisions/alike")
@role_required(Role.REVIEWER)
def decide_alike(submission_id: int):
    """One decision with one reason on the ticked findings of a set of alike ones."""
    user = signed_in_user()
    submission = reviewable_submission(submission_id, user)
    group = request.form.get("group", "")
    keys = request.form.getlist("finding_key")
    recorded, refused = _record_from_form(
        submission, user, keys, error_key=f"bulk-{int(group)}" if group.isdigit() else "bulk"
    )
    if refused is not None:
        return refused
    flash(_("Decisions recorded on %(count)s findings.", count=len(recorded)), "success")
    return redirect(url_for("review.submission", submission_id=submission.id, **_filters(request.args), _anchor="bulk"))


def _record_from_form(
    submission: Submission, user: User, keys: list[str], error_key: str
) -> tuple[list[Decision], Any]:
    """Record the form's verdict and reason on the findings ``keys``: (the decisions, None), or
    ([], the submission page again with the refusal's sentence by ``error_key`` and the reason as typed)."""
    form = request.form
    try:
        recorded = record_decisions(
            db.session(),
            submission,
            user,
            keys=keys,
            verdict=form.get("verdict", ""),
            justification=form.get("justification", ""),
        )
    except ReviewRefused as refused:
        db.session().rollback()
        return [], _submission_page(
            submission,
            status=refused.status,
            error=refused.sentence,
            error_key=error_key,
            typed={"justification": form.get("justification", "")},
        )
    return recorded, None


@bp.post("/submissions/<int:submission_id>/final")
@role_required(Role.REVIEWER)
def decide_finally(submission_id: int):
    user = signed_in_user()
    submission = reviewable_submission(submission_id, user)
    form = request.form
    try:
        final_decision(
            db.session(),
            submission,
            user,
            decision=form.get("decision", ""),
            notes=form.get("notes", ""),
            language=form.get("language", current_language()),
            confirm_superseded=form.get("confirm_superseded") == "yes",
        )
    except ReviewRefused as refused:
        db.session().rollback()
        return _submission_page(
            submission,
            status=refused.status,
            error=refused.sentence,
            error_key="final",
            typed={
                "notes": form.get("notes", ""),
                "decision": form.get("decision", ""),
                "confirm_superseded": form.get("confirm_superseded", ""),
            },
        )
    if is_frozen(submission):
        flash(_("The decision is recorded and the signed-off annex is ready; this version is now frozen."), "success")
    else:  # the annex is being written by a worker; the page shows it when it is ready
        flash(_("The decision is recorded; the signed-off annex is being written from the stored drawings."), "success")
    return redirect(url_for("review.submission", submission_id=submission.id) + "#signoff")


def _filters(form) -> dict[str, Any]:  # for url_for(**values: Any); a dict[str, str] could fill its _external
    return {k: form[k] for k in ("status", "rule") if form.get(k)}


# ----------------------------------------------------------------- downloads


@bp.route("/submissions/<int:submission_id>/signed-annex.pdf")
@role_required(Role.REVIEWER)
def signed_annex(submission_id: int):
    """The frozen, signed-off annex: always the same bytes."""
    submission = reviewable_submission(submission_id, signed_in_user())
    try:
        data = signed_annex_bytes(submission)
    except ReviewRefused as refused:
        return render_template("error.html", status=refused.status, sentence=refused.sentence), refused.status
    return _pdf(data, annex_download_name(submission, signed=True), submission.final_annex_sha256)


@bp.route("/submissions/<int:submission_id>/annex.pdf")
@role_required(Role.REVIEWER)
def check_annex(submission_id: int):
    """The checker's annex of this version, before any review."""
    submission = reviewable_submission(submission_id, signed_in_user())
    if not submission.annex_name:
        return render_template("error.html", status=404, sentence=_("This version has no annex yet.")), 404
    data = storage.annex_path(submission.annex_name).read_bytes()
    return _pdf(data, annex_download_name(submission, signed=False), None)


def _pdf(data: bytes, name: str, sha256: str | None) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    if sha256:
        response.headers["ETag"] = f'"{sha256}"'
        response.headers["X-Content-SHA256"] = sha256
    return response

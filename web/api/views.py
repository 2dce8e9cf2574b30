"""The JSON API for permit systems: submit, status, results, annex PDF, the recognised layers
and the openings schedule; bearer tokens.

Every route but the OpenAPI document needs ``Authorization: Bearer <token>`` (a token
made on /account/tokens). The API never looks at the session cookie: it is exempt
from CSRF, so a browser's cookie must not be able to act through it. Authorisation
is the pages': an architect reaches only their own projects, a reviewer only the
submissions of their municipality, read-only; what a user may not see answers 404.
The work itself is done by ``web.architect.submissions`` and ``web.jobs.checking``, as for the
pages, so a version submitted here is the same as one uploaded in the browser.
Errors are ``{"error": "<one sentence>"}``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NoReturn

from flask import Blueprint, abort, g, jsonify, make_response, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import defer, joinedload, selectinload

from checker.errors import AnnexError
from checker.report.review import finding_key
from checker.rulesets import available as available_rulesets
from checker.rulesets import load_ruleset

from ..accounts.access import owned_project, reviewable_submission
from ..accounts.tokens import user_for_token
from ..architect import schedules
from ..architect.recognition import layer_rows, role_names
from ..architect.submissions import (
    StoreyUpload,
    SubmissionError,
    compare,
    create_project,
    parse_elevation,
    previous_version,
    read_zip,
    results_of,
    submit_version,
)
from ..i18n import gettext as _
from ..jobs.checking import start_check
from ..review.reviewing import ReviewRefused, annex_download_name, is_frozen, latest_decisions, signed_annex_bytes
from ..review.outcome import decision_notes, outcome_kind
from ..store import db, storage
from ..store.models import CheckState, Municipality, Project, ReviewState, Role, Submission, User
from .openapi import openapi_document as build_openapi_document

bp = Blueprint("api", __name__, url_prefix="/api/v1")

PUBLIC_ENDPOINTS = {"api.openapi_document"}
# Until a reviewer decides, their decisions are work in progress the architect does not see.
DECIDED = {ReviewState.APPROVED.value, ReviewState.CHANGES_REQUESTED.value}


def fail(status: int, sentence: str, headers: dict | None = None) -> NoReturn:
    """Stop the request with ``{"error": sentence}``."""
    response = make_response(jsonify({"error": sentence}), status)
    response.headers.update(headers or {})
    abort(response)


@bp.before_request
def _authenticate():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    user = user_for_token(db.session(), token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        fail(
            401,
            _(
                "Send a valid API token as 'Authorization: Bearer <token>'; this one is missing, unknown, expired or revoked."
            ),
            {"WWW-Authenticate": 'Bearer realm="security-annex"'},
        )
    g.api_user = user
    return None


@bp.errorhandler(404)
def _not_found(_exc):
    return jsonify({"error": _("There is no such resource, or it is not yours to see.")}), 404


def api_user() -> User:
    return g.api_user


def architect_only(sentence: str) -> User:
    """The caller, if an architect; a reviewer's token is read-only and gets ``sentence`` with 403."""
    user = api_user()
    if user.role != Role.ARCHITECT.value:
        fail(403, sentence)
    return user


# ----------------------------------------------------------------- the document and the caller


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(build_openapi_document())


@bp.get("/me")
def me():
    user = api_user()
    municipality = user.municipality
    return jsonify(
        {
            "id": user.id,
            "name": user.name,
            "email": user.email,
            "role": user.role,
            "municipality": {"id": municipality.id, "name": municipality.name} if municipality else None,
        }
    )


# ----------------------------------------------------------------- what a submission can name


@bp.get("/municipalities")
def municipalities():
    rows = db.session().scalars(select(Municipality).order_by(Municipality.name))
    return jsonify([{"id": m.id, "name": m.name, "default_ruleset": m.default_ruleset} for m in rows])


@bp.get("/rulesets")
def rulesets():
    listed = []
    for name in available_rulesets():
        try:
            listed.append(load_ruleset(name).info.to_json())
        except AnnexError:  # a broken ruleset file is the operator's to fix; it is simply not offered
            continue
    return jsonify(listed)


# ----------------------------------------------------------------- projects


@bp.get("/projects")
def projects():
    user = api_user()
    query = select(Project).options(selectinload(Project.submissions), selectinload(Project.municipality))
    if user.role == Role.ARCHITECT.value:
        query = query.where(Project.owner_id == user.id)
    else:  # a reviewer sees the projects submitted to their municipality
        query = query.where(Project.municipality_id == user.municipality_id, Project.submissions.any())
    rows = db.session().scalars(query.order_by(Project.created_at.desc(), Project.id.desc()))
    return jsonify([project_json(p) for p in rows])


@bp.post("/projects")
def new_project():
    user = architect_only(_("Only architects can create projects."))
    body = json_object()
    for field in ("name", "address", "permit_number"):
        if not isinstance(body.get(field, ""), str):
            fail(422, _("%(field)s must be text.", field=field))
    for field in ("municipality_id", "dwellings"):
        value = body.get(field)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            fail(422, _("%(field)s must be a whole number.", field=field))
    db_session = db.session()
    try:
        project = create_project(
            db_session,
            user,
            name=body.get("name", ""),
            address=body.get("address", ""),
            permit_number=body.get("permit_number", ""),
            municipality_id=body.get("municipality_id"),
            dwellings=body.get("dwellings"),
        )
        db_session.commit()
    except SubmissionError as exc:
        db_session.rollback()
        fail(422, exc.translated())
    response = jsonify(project_json(project))
    response.status_code = 201
    response.headers["Location"] = url_for("api.project", project_id=project.id)
    return response


@bp.get("/projects/<int:project_id>")
def project(project_id: int):
    return jsonify(project_json(visible_project(project_id)))


@bp.post("/projects/<int:project_id>/versions")
def submit(project_id: int):
    user = architect_only(_("Only architects can submit plans."))
    db_session = db.session()
    project = owned_project(project_id, user)
    if request.mimetype != "multipart/form-data":
        fail(415, _("Send the files as multipart/form-data."))
    storeys, layers, zip_ruleset = uploaded_storeys()
    try:
        submission = submit_version(
            db_session, project, storeys, ruleset=request.form.get("ruleset") or zip_ruleset, user=user, layers=layers
        )
    except SubmissionError as exc:
        db_session.rollback()
        fail(exc.status or 422, exc.translated())
    start_check(submission.id)
    db_session.refresh(submission)  # the check may have run already (it does in tests)
    response = jsonify(version_json(submission))
    response.status_code = 202
    response.headers["Location"] = url_for("api.version", version_id=submission.id)
    return response


def uploaded_storeys() -> tuple[list[StoreyUpload], dict | None, str | None]:
    """The storeys of a multipart upload: ``storey`` files with parallel ``name`` and ``elevation``, or one ``zip``."""
    files = request.files.getlist("storey")
    archive = request.files.get("zip")
    if files and archive:
        fail(422, _("Send either storey files or one zip, not both."))
    if archive is not None:
        data = archive.read()
        if not storage.looks_like_zip(data[:4]):
            fail(422, _("The zip field must hold a zip file with a project.toml and its DXF files."))
        try:
            unpacked = read_zip(data)
        except SubmissionError as exc:
            fail(exc.status or 422, exc.translated())
        return list(unpacked.storeys), unpacked.layers, unpacked.project.get("ruleset")
    if not files:
        fail(422, _("Upload at least one DXF file, one per storey."))
    names, elevations = request.form.getlist("name"), request.form.getlist("elevation")
    if len(names) != len(files) or len(elevations) != len(files):
        fail(422, _("Send one name and one elevation for each storey file, in the same order."))
    storeys = []
    for file, name, elevation in zip(files, names, elevations):
        try:
            storeys.append(StoreyUpload(name, parse_elevation(elevation), file.filename or "upload.dxf", file.read()))
        except SubmissionError as exc:
            fail(422, exc.translated())
    return storeys, None, None


# ----------------------------------------------------------------- versions


@bp.get("/versions/<int:version_id>")
def version(version_id: int):
    return jsonify(version_json(visible_version(version_id, STATUS_ONLY)))


@bp.get("/versions/<int:version_id>/preflight")
def preflight(version_id: int):
    submission = visible_version(version_id)
    if submission.preflight_json is None:
        unfinished(submission)
    return make_response(submission.preflight_json, 200, {"Content-Type": "application/json"})


@bp.get("/versions/<int:version_id>/results")
def results(version_id: int):
    user = api_user()
    submission = visible_version(version_id)
    stored = results_of(submission)
    if stored is None:
        unfinished(submission)
    show_decisions = user.role == Role.REVIEWER.value or submission.review_state in DECIDED
    return jsonify(
        {
            "version": submission.id,
            "review": review_json(submission, show_decisions),
            "finding_keys": [finding_key(f) for f in stored["findings"]],
            "results": stored,
        }
    )


@bp.get("/versions/<int:version_id>/changes")
def changes(version_id: int):
    db_session = db.session()
    submission = visible_version(version_id)
    current = results_of(submission)
    if current is None:
        unfinished(submission)
    previous = previous_version(db_session, submission)
    body: dict[str, Any] = {
        "version": submission.id,
        "previous_version": None,
        "resolved": [],
        "new": [],
        "still_failing": [],
    }
    if previous is not None:
        earlier = results_of(previous)
        if earlier is None:
            fail(
                409,
                _("Version %(number)s has no results, so there is nothing to compare with.", number=previous.number),
            )
        found = compare(earlier, current)
        body.update(
            previous_version={"id": previous.id, "number": previous.number},
            resolved=list(found.resolved),
            new=list(found.new),
            still_failing=list(found.still_failing),
        )
    return jsonify(body)


@bp.get("/versions/<int:version_id>/annex.pdf")
def annex(version_id: int):
    """Once decided, the frozen signed-off annex (checked against its fingerprint); before that, the check's."""
    submission = visible_version(version_id)
    signed = is_frozen(submission)
    if signed:
        try:
            data = signed_annex_bytes(submission)
        except ReviewRefused as refused:
            fail(refused.status, refused.sentence)
    elif submission.annex_name:
        data = storage.annex_path(submission.annex_name).read_bytes()
    else:
        unfinished(submission)
    response = make_response(data)
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{annex_download_name(submission, signed=signed)}"'
    response.headers["X-Annex-Kind"] = "signed-off" if signed else "check"
    if signed:
        response.headers["X-Content-SHA256"] = submission.final_annex_sha256
    return response


# ----------------------------------------------------------------- what was recognised, and the openings schedule


@bp.get("/versions/<int:version_id>/layers")
def layers(version_id: int):
    """Every layer with content, with the role the reader gave it, how and why (the version page's table)."""
    submission = visible_version(version_id)
    if submission.preflight_json is None:
        unfinished(submission)
    names = role_names()
    return jsonify(
        {
            "version": submission.id,
            "layers": [
                {
                    "layer": row.layer,
                    "role": row.role,
                    "role_name": names.get(row.role, row.role),
                    "how": row.how or None,
                    "reason": row.reason or None,
                    "storeys": list(row.storeys),
                    "chosen": row.chosen,
                }
                for row in layer_rows(submission)
            ],
        }
    )


@bp.get("/versions/<int:version_id>/schedule")
def schedule(version_id: int):
    """The openings schedule as the version page shows it: one row per door and window."""
    submission = visible_version(version_id)
    if submission.openings_json is None:
        unfinished(submission)
    return jsonify(
        {
            "version": submission.id,
            "columns": list(schedules.DATA_COLUMNS),
            "choices": {column: list(values) for column, values in schedules.choices().items()},
            "openings": [
                {
                    "storey": line.storey,
                    "handle": line.handle,
                    "type_mark": line.type_mark or None,
                    "drawn_type_mark": line.drawn_mark or None,
                    "kind": line.kind,
                    "width_mm": line.width_mm,
                    "external": line.external,
                    "values": {column: value for column, value in line.values.items() if value},
                }
                for line in schedules.table_lines(submission.openings_json, submission.schedule_json)
            ],
            "schedule": schedules.stored_rows(submission.schedule_json),
        }
    )


@bp.post("/versions/<int:version_id>/schedule")
def send_schedule(version_id: int):
    """A filled-in schedule (CSV or XLSX) kept with a new version of the same drawings, which is checked."""
    user = architect_only(_("Only architects can send an openings schedule."))
    submission = visible_version(version_id)
    if submission.openings_json is None:
        unfinished(submission)
    if request.mimetype != "multipart/form-data":
        fail(415, _("Send the files as multipart/form-data."))
    sent = request.files.get("schedule")
    if sent is None or not sent.filename:
        fail(422, _("Send the openings schedule as a CSV or XLSX file in the field “schedule”."))
    db_session = db.session()
    try:
        rows = schedules.accepted_file(submission, sent.filename, sent.read())
    except SubmissionError as exc:
        fail(exc.status or 422, exc.translated())
    again = schedules.kept(db_session, submission, user, rows, "uploaded through the API")
    start_check(again.id)
    db_session.refresh(again)  # the check may have run already (it does in tests)
    response = jsonify(version_json(again))
    response.status_code = 202
    response.headers["Location"] = url_for("api.version", version_id=again.id)
    return response


# ----------------------------------------------------------------- who sees what


def visible_project(project_id: int) -> Project:
    user = api_user()
    if user.role == Role.ARCHITECT.value:
        return owned_project(project_id, user)
    project = db.session().get(Project, project_id)
    if project is None or project.municipality_id != user.municipality_id or not project.submissions:
        abort(404)
    return project


# What a status poll reads: the version with its project and storeys in one query, without the
# results, drawings, openings and preview (hundreds of KB a version, and polled every few seconds).
STATUS_ONLY = (
    joinedload(Submission.project),
    selectinload(Submission.storeys),
    defer(Submission.results_json),
    defer(Submission.drawings_json),
    defer(Submission.openings_json),
    defer(Submission.preview_json),
)


def visible_version(version_id: int, options=()) -> Submission:
    user = api_user()
    if user.role == Role.REVIEWER.value:
        return reviewable_submission(version_id, user)
    submission = db.session().get(Submission, version_id, options=options)
    if submission is None:
        abort(404)
    owned_project(submission.project_id, user)
    return submission


def unfinished(submission: Submission) -> NoReturn:
    """409: what is asked for does not exist yet, or never will because the check failed."""
    if submission.check_state == CheckState.FAILED.value:
        fail(409, _("The check of this version could not run: %(reason)s", reason=submission.error or ""))
    fail(409, _("The check of this version has not finished yet; ask for its status and try again."))


# ----------------------------------------------------------------- request and response bodies


def json_object() -> dict:
    if not request.is_json:
        fail(415, _("Send the body as application/json."))
    body = request.get_json(silent=True)
    if body is None:
        fail(400, _("The request body is not valid JSON."))
    if not isinstance(body, dict):
        fail(400, _("The request body must be a JSON object."))
    return body


def timestamp(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment else None  # stored as naive UTC


def project_json(project: Project) -> dict:
    return {
        "id": project.id,
        "name": project.name,
        "address": project.address,
        "permit_number": project.permit_number,
        "municipality": {"id": project.municipality.id, "name": project.municipality.name},
        "dwellings": project.dwellings,
        "created_at": timestamp(project.created_at),
        "url": url_for("api.project", project_id=project.id),
        "versions": [version_summary(s) for s in project.submissions],
    }


def version_summary(submission: Submission) -> dict:
    return {
        "id": submission.id,
        "number": submission.number,
        "created_at": timestamp(submission.created_at),
        "check_state": submission.check_state,
        "verdict": submission.verdict,
        "review_state": submission.review_state,
        "review_outcome": _outcome(submission),
        "url": url_for("api.version", version_id=submission.id),
    }


def _outcome(submission: Submission, decisions: dict | None = None) -> str | None:
    """approved, approved_with_deviations or changes_requested once decided; else None."""
    if submission.review_state not in DECIDED:
        return None
    return outcome_kind(submission, latest_decisions(submission) if decisions is None else decisions)


def version_json(submission: Submission) -> dict:
    done = submission.check_state == CheckState.DONE.value
    return {
        **version_summary(submission),
        "project": {"id": submission.project_id, "url": url_for("api.project", project_id=submission.project_id)},
        "ruleset": submission.ruleset,
        "storeys": [
            {"name": f.name, "elevation_m": f.elevation_m, "file": f.original_name, "sha256": f.sha256, "size": f.size}
            for f in submission.storeys
        ],
        "progress": {
            "percent": submission.progress,
            "label": _(submission.progress_label) if submission.progress_label else "",
        },
        "error": submission.error,
        "links": {
            "status": url_for("api.version", version_id=submission.id),
            "preflight": url_for("api.preflight", version_id=submission.id) if submission.preflight_json else None,
            "results": url_for("api.results", version_id=submission.id) if done else None,
            "changes": url_for("api.changes", version_id=submission.id) if done else None,
            "layers": url_for("api.layers", version_id=submission.id) if submission.preflight_json else None,
            # done, not openings_json: a status poll does not load the openings (STATUS_ONLY)
            "schedule": url_for("api.schedule", version_id=submission.id) if done else None,
            "annex": url_for("api.annex", version_id=submission.id)
            if submission.annex_name or submission.final_annex_name
            else None,
        },
    }


def review_json(submission: Submission, show_decisions: bool) -> dict:
    latest = latest_decisions(submission)
    standing = latest.values() if show_decisions else ()
    return {
        "state": submission.review_state,
        "outcome": _outcome(submission, latest),
        "notes": (decision_notes(submission) or None) if submission.review_state in DECIDED else None,
        "decided_at": timestamp(submission.decided_at),
        "decided_by": submission.decided_by.name if submission.decided_by else None,
        "signed_off_annex_sha256": submission.final_annex_sha256,
        "decisions": [
            {
                "finding_key": d.finding_key,
                "verdict": d.verdict,
                "justification": d.justification,
                "reviewer": d.reviewer.name,
                "decided_at": timestamp(d.decided_at),
            }
            for d in standing
        ],
    }

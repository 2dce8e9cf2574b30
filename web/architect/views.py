"""The architects' pages: projects, uploads (one DXF per storey or a zip), results, versions.

Every route is for architects only and reaches only the signed-in architect's own
projects: another architect's project, version, status or PDF answers 404, as if it
did not exist. Uploads go through ``submissions`` (the service layer the API uses
too) and the check through ``checking.start_check``; a refused upload re-shows the
form with what was typed and one sentence.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, send_file, url_for
from sqlalchemy import and_, func, select
from werkzeug.exceptions import RequestEntityTooLarge

from checker.errors import AnnexError
from checker.reading.schedule import DATA_COLUMNS
from checker.rulesets import available as available_rulesets
from checker.rulesets import load_ruleset

from ..accounts.access import current_user, owned_project, role_required, signed_in_user
from ..i18n import digits
from ..i18n import gettext as _
from ..i18n import ngettext
from ..jobs import checks_ahead
from ..jobs.checking import start_check
from ..results_view import changes_view, check_state_word, preflight_view, results_view, review_state_word, verdict_word
from ..review.reviewing import ReviewRefused, annex_download_name, signed_annex_bytes
from ..review.outcome import decision_names, review_outcome, standing_decisions
from ..store import db, storage
from ..store.models import CheckState, Municipality, Project, Role, Submission
from . import schedules
from .recognition import (
    layer_rows,
    openings_view,
    preview_markup,
    recorded_openings,
    role_names,
    save_layer_roles,
)
from .submissions import (
    MAX_STOREYS,
    StoreyUpload,
    SubmissionError,
    compare,
    create_project,
    parse_elevation,
    previous_version,
    projects_of,
    read_zip,
    submit_version,
)

bp = Blueprint("architect", __name__, url_prefix="/projects")

STOREY_ROWS_SHOWN = 3  # rows the upload form shows without JavaScript; plan.js adds more
STOREY_FIELD = re.compile(r"^storey-(\d+)-(name|elevation|file)$")


# ----------------------------------------------------------------- projects


@bp.route("/")
@role_required(Role.ARCHITECT)
def projects():
    db_session = db.session()
    user = signed_in_user()
    owned = projects_of(db_session, user)
    latest = latest_versions(db_session, owned)
    outcomes = {version.id: review_outcome(version) for version in latest.values()}
    return render_template(
        "architect/projects.html",
        projects=owned,
        latest=latest,
        outcomes={version_id: outcome for version_id, outcome in outcomes.items() if outcome},
        verdict_word=verdict_word,
        check_state_word=check_state_word,
        review_state_word=review_state_word,
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.ARCHITECT)
def new_project():
    db_session = db.session()
    municipalities = db_session.scalars(select(Municipality).order_by(Municipality.name)).all()
    form = request.form
    if request.method == "POST":
        try:
            project = create_project(
                db_session,
                signed_in_user(),
                name=form.get("name", ""),
                address=form.get("address", ""),
                permit_number=form.get("permit_number", ""),
                municipality_id=_int_or_none(form.get("municipality")),
                dwellings=form.get("dwellings", ""),
            )
            db_session.commit()
        except SubmissionError as exc:
            db_session.rollback()
            flash(exc.translated(), "error")
            return render_template("architect/new_project.html", form=form, municipalities=municipalities), 400
        flash(_("Project created. Now upload its plans."), "success")
        return redirect(url_for("architect.upload", project_id=project.id))
    return render_template("architect/new_project.html", form=form, municipalities=municipalities)


@bp.route("/<int:project_id>")
@role_required(Role.ARCHITECT)
def project(project_id: int):
    project = owned_project(project_id, signed_in_user())
    versions = list(reversed(project.submissions))  # newest first
    return render_template(
        "architect/project.html",
        project=project,
        versions=versions,
        verdict_word=verdict_word,
        check_state_word=check_state_word,
        review_state_word=review_state_word,
    )


def latest_versions(db_session, projects: list[Project]) -> dict[int, Submission]:
    """Each project's newest version, in one query."""
    if not projects:
        return {}
    newest = (
        select(Submission.project_id, func.max(Submission.number).label("number"))
        .where(Submission.project_id.in_([p.id for p in projects]))
        .group_by(Submission.project_id)
        .subquery()
    )
    rows = db_session.scalars(
        select(Submission).join(
            newest, and_(Submission.project_id == newest.c.project_id, Submission.number == newest.c.number)
        )
    )
    return {s.project_id: s for s in rows}


# ----------------------------------------------------------------- uploads


@dataclass
class StoreyRow:
    """One row of the upload form, as typed (files cannot be shown again, only their names)."""

    index: int
    name: str = ""
    elevation: str = ""
    filename: str = ""


@bp.route("/<int:project_id>/upload", methods=["GET", "POST"])
@role_required(Role.ARCHITECT)
def upload(project_id: int):
    user = signed_in_user()
    project = owned_project(project_id, user)
    if request.method == "GET":
        return _upload_form(project)
    rows = _typed_rows()
    ruleset = request.form.get("ruleset") or project.municipality.default_ruleset
    db_session = db.session()
    try:
        storeys, layers = _uploaded_storeys(rows)
        submission = submit_version(db_session, project, storeys, ruleset=ruleset, user=user, layers=layers)
    except SubmissionError as exc:
        db_session.rollback()
        return _upload_form(project, rows, ruleset, error=exc.translated(), status=exc.status or 400)
    start_check(submission.id)
    return redirect(url_for("architect.version", project_id=project.id, number=submission.number))


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(_exc):
    """Too large an upload: the upload form again, with one sentence (the files never arrived)."""
    sentence = _("The upload is larger than %(limit)s MB; send smaller files.", limit=_max_upload_mb())
    user = current_user()
    project_id = (request.view_args or {}).get("project_id")
    project = db.session().get(Project, project_id) if project_id else None
    if request.endpoint != "architect.upload" or user is None or project is None or project.owner_id != user.id:
        return render_template("error.html", status=413, sentence=sentence), 413
    return _upload_form(project, error=sentence, status=413)


def _upload_form(
    project: Project,
    rows: list[StoreyRow] | None = None,
    ruleset: str | None = None,
    error: str | None = None,
    status: int = 200,
):
    rows = list(rows or [])
    next_index = max((r.index for r in rows), default=-1) + 1
    while len(rows) < STOREY_ROWS_SHOWN:
        rows.append(StoreyRow(next_index))
        next_index += 1
    chosen = ruleset if ruleset in available_rulesets() else project.municipality.default_ruleset
    page = render_template(
        "architect/upload.html",
        project=project,
        rows=rows,
        rulesets=ruleset_titles(),
        chosen_ruleset=chosen,
        error=error,
        max_upload_mb=_max_upload_mb(),
        max_storeys=MAX_STOREYS,
        chosen_files=[r.filename for r in rows if r.filename],
    )
    return page, status


def _typed_rows() -> list[StoreyRow]:
    """The storey rows as the form sent them, in their order; rows left empty are dropped."""
    rows: dict[int, StoreyRow] = {}
    for key in list(request.form.keys()) + list(request.files.keys()):
        match = STOREY_FIELD.match(key)
        if not match or int(match.group(1)) >= MAX_STOREYS * 2:
            continue
        index = int(match.group(1))
        row = rows.setdefault(index, StoreyRow(index))
        if match.group(2) == "file":
            row.filename = request.files[key].filename or ""
        else:
            setattr(row, match.group(2), request.form.get(key, "").strip())
    return [rows[i] for i in sorted(rows) if rows[i].name or rows[i].filename]


def _uploaded_storeys(rows: list[StoreyRow]) -> tuple[list[StoreyUpload], dict | None]:
    archive = request.files.get("project_zip")
    if archive is not None and archive.filename:
        if rows:
            raise SubmissionError(_("Upload either one DXF file per storey or a zip with a project.toml, not both."))
        data = archive.read()
        if not data:
            raise SubmissionError(_("The zip file is empty."))
        if not storage.looks_like_zip(data[:8]):
            raise SubmissionError(_("The file given as the zip is not a zip file."))
        contents = read_zip(data)
        return list(contents.storeys), contents.layers
    storeys = []
    for row in rows:
        if not row.filename:
            raise SubmissionError(_("Choose the DXF file of the storey %(name)s.", name=row.name))
        storeys.append(
            StoreyUpload(
                row.name, parse_elevation(row.elevation), row.filename, request.files[f"storey-{row.index}-file"].read()
            )
        )
    return storeys, None


@lru_cache(maxsize=1)
def _ruleset_titles_cached(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    titles = []
    for name in names:
        try:
            titles.append((name, load_ruleset(name).info.title))
        except AnnexError:
            titles.append((name, name))
    return tuple(titles)


def ruleset_titles() -> tuple[tuple[str, str], ...]:
    """(name, title) of every ruleset, read once per set of ruleset files."""
    return _ruleset_titles_cached(tuple(available_rulesets()))


# ----------------------------------------------------------------- versions and results


@bp.route("/<int:project_id>/versions/<int:number>")
@role_required(Role.ARCHITECT)
def version(project_id: int, number: int):
    project = owned_project(project_id, signed_in_user())
    submission = _version_of(project, number)
    done = submission.check_state == CheckState.DONE.value
    view = results_view(submission, request.args.get("status"), request.args.get("rule")) if done else None
    previous = previous_version(db.session(), submission) if done else None
    changes = changes_view(previous, submission) if done else None
    return render_template(
        "architect/version.html",
        project=project,
        submission=submission,
        view=view,
        changes=changes,
        change_markers=change_markers(previous, submission) if changes else {},
        preflight=preflight_view(submission),
        layers=layer_rows(submission),
        role_names=role_names(),
        preview_svg=preview_markup(submission),
        schedule_lines=schedules.table_lines(submission.openings_json, submission.schedule_json) if done else [],
        schedule_columns=DATA_COLUMNS,
        schedule_choices=schedules.choices(),
        openings=openings_view(submission) if done else [],
        running=submission.check_state in (CheckState.QUEUED.value, CheckState.RUNNING.value),
        queue_position=queue_position_sentence(submission),
        check_state_word=check_state_word,
        review_state_word=review_state_word,
        outcome=review_outcome(submission),
        architect_decisions=standing_decisions(submission),
        verdict_names=decision_names(),
        download_name=annex_download_name(submission),
        progress_label=_(submission.progress_label) if submission.progress_label else _("Waiting for its turn"),
        error=_(submission.error) if submission.error else _("The check could not be run."),
    )


@dataclass(frozen=True)
class ChangeMarker:
    """Where a changed finding is on a plan: its marker number and the link to it."""

    number: int
    status: str  # the finding's status where the marker is (its colour)
    href: str  # the finding's row (the row picks its marker on the plan): on this page, or on the previous version's
    version: int | None = None  # the version whose plan it is on, when not this page's


def change_markers(previous: Submission | None, submission: Submission) -> dict[str, tuple[ChangeMarker | None, ...]]:
    """The marker of each row of the version diff, in ``changes_view``'s order (the same ``compare``).

    New and still-failing findings are on this version's plans; a resolved one is
    only on the previous version's, so it links there.
    """
    if previous is None or not previous.results_json or not submission.results_json:
        return {}
    before, now = json.loads(previous.results_json), json.loads(submission.results_json)
    changes = compare(before, now)

    def markers(version: Submission, results: dict, findings: tuple[dict, ...], here: bool):
        numbers = json.loads(version.drawings_json or "{}").get("numbers", {})
        index_of = {id(finding): index for index, finding in enumerate(results["findings"])}
        marked: list[ChangeMarker | None] = []
        for finding in findings:
            index = index_of[id(finding)]
            number = numbers.get(str(index))
            if number is None:
                marked.append(None)
            elif here:
                marked.append(ChangeMarker(int(number), finding["status"], f"#finding-{index}"))
            else:
                page = url_for("architect.version", project_id=version.project_id, number=version.number)
                marked.append(ChangeMarker(int(number), finding["status"], f"{page}#finding-{index}", version.number))
        return tuple(marked)

    return {
        "resolved": markers(previous, before, changes.resolved, here=False),
        "new": markers(submission, now, changes.new, here=True),
        "still-failing": markers(submission, now, changes.still_failing, here=True),
    }


@bp.route("/<int:project_id>/versions/<int:number>/layers", methods=["POST"])
@role_required(Role.ARCHITECT)
def layer_roles(project_id: int, number: int):
    """Keep the layer roles the architect chose and check the drawings again as a new version."""
    user = signed_in_user()
    project = owned_project(project_id, user)
    submission = _version_of(project, number)
    db_session = db.session()
    try:
        again = save_layer_roles(db_session, project, submission, user, request.form)
    except SubmissionError as exc:
        db_session.rollback()
        flash(exc.translated(), "error")
        return redirect(url_for("architect.version", project_id=project.id, number=number, _anchor="layers"))
    if again is None:
        flash(_("No layer role was changed."), "success")
        return redirect(url_for("architect.version", project_id=project.id, number=number, _anchor="layers"))
    start_check(again.id)
    flash(
        _(
            "The layer roles are saved for this project; the drawings are checked again as version %(number)s.",
            number=again.number,
        ),
        "success",
    )
    return redirect(url_for("architect.version", project_id=project.id, number=again.number))


@bp.route("/<int:project_id>/versions/<int:number>/schedule", methods=["POST"])
@role_required(Role.ARCHITECT)
def schedule(project_id: int, number: int):
    """Keep the openings schedule sent (the page's table, or a CSV/XLSX file) with a new
    version of the same drawings, and check it."""
    user = signed_in_user()
    project = owned_project(project_id, user)
    submission = _version_of(project, number)
    if not submission.openings_json:
        abort(404)
    db_session = db.session()
    sent = request.files.get("schedule_file")
    try:
        if sent is not None and sent.filename:
            how = "uploaded as a file"
            rows = schedules.accepted_file(submission, sent.filename, sent.read())  # as the API takes it
        else:
            how = "filled in on the page"
            rows = schedules.rows_from_form(request.form)
            schedules.refuse_unknown(rows, recorded_openings(submission.openings_json))
            schedules.check_values(rows, from_table=True, ruleset=submission.ruleset)
    except SubmissionError as exc:
        flash(exc.translated(), "error")
        return redirect(url_for("architect.version", project_id=project.id, number=number, _anchor="schedule"))
    again = schedules.kept(db_session, submission, user, rows, how)
    start_check(again.id)
    flash(
        _(
            "The openings schedule is saved with version %(number)s, which is being checked with it.",
            number=again.number,
        ),
        "success",
    )
    return redirect(url_for("architect.version", project_id=project.id, number=again.number))


@bp.route("/<int:project_id>/versions/<int:number>/openings.csv")
@role_required(Role.ARCHITECT)
def schedule_csv(project_id: int, number: int):
    return _schedule_file(project_id, number, ".csv", "text/csv")


@bp.route("/<int:project_id>/versions/<int:number>/openings.xlsx")
@role_required(Role.ARCHITECT)
def schedule_xlsx(project_id: int, number: int):
    return _schedule_file(
        project_id, number, ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def _schedule_file(project_id: int, number: int, suffix: str, mimetype: str):
    """The version's openings schedule to fill in, as ``annex schedule`` writes it."""
    project = owned_project(project_id, signed_in_user())
    submission = _version_of(project, number)
    if not submission.openings_json:
        abort(404)
    permit = re.sub(r"[^A-Za-z0-9._-]+", "-", project.permit_number or "project").strip("-") or "project"
    return send_file(
        io.BytesIO(schedules.download(submission.openings_json, suffix)),
        mimetype=mimetype,
        as_attachment=True,
        download_name=f"openings-{permit}-v{submission.number}{suffix}",
    )


@bp.route("/<int:project_id>/versions/<int:number>/status")
@role_required(Role.ARCHITECT)
def version_status(project_id: int, number: int):
    """The check's progress, which plan.js polls while the version page waits."""
    submission = _version_of(owned_project(project_id, signed_in_user()), number)
    preflight = preflight_view(submission)
    return jsonify(
        state=submission.check_state,
        state_name=check_state_word(submission.check_state),
        percent=submission.progress,
        label=_(submission.progress_label) if submission.progress_label else "",
        done=submission.check_state in (CheckState.DONE.value, CheckState.FAILED.value),
        error=_(submission.error) if submission.error else None,
        verdict=submission.verdict,
        queue_position=queue_position_sentence(submission),
        preflight=None
        if preflight is None
        else {"ready": preflight.ready, "points": list(preflight.points), "more": preflight.more},
    )


@bp.route("/<int:project_id>/versions/<int:number>/annex.pdf")
@role_required(Role.ARCHITECT)
def annex(project_id: int, number: int):
    project = owned_project(project_id, signed_in_user())
    submission = _version_of(project, number)
    if not submission.annex_name:
        abort(404)
    return send_file(
        storage.annex_path(submission.annex_name),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=annex_download_name(submission),
    )


@bp.route("/<int:project_id>/versions/<int:number>/signed-annex.pdf")
@role_required(Role.ARCHITECT)
def signed_annex(project_id: int, number: int):
    """The reviewer's signed-off annex, once the municipality has decided."""
    project = owned_project(project_id, signed_in_user())
    submission = _version_of(project, number)
    try:
        data = signed_annex_bytes(submission)  # refuses a file that no longer matches its recorded SHA-256
    except ReviewRefused as refusal:
        abort(refusal.status)
    return send_file(
        io.BytesIO(data),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=annex_download_name(submission, signed=True),
    )


def queue_position_sentence(submission: Submission) -> str:
    """Where the version's check stands on the queue, in a sentence; "" once it is no longer waiting."""
    if submission.check_state != CheckState.QUEUED.value:
        return ""
    ahead = checks_ahead(db.session(), submission.id)
    if ahead is None:
        return ""
    if ahead == 0:
        return _("Your check is next in the queue.")
    return ngettext(
        "%(count)s check ahead of yours in the queue.",
        "%(count)s checks ahead of yours in the queue.",
        ahead,
        count=digits(ahead),
    )


def _version_of(project: Project, number: int) -> Submission:
    submission = (
        db.session()
        .scalars(select(Submission).where(Submission.project_id == project.id, Submission.number == number))
        .first()
    )
    if submission is None:
        abort(404)
    return submission


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


def _max_upload_mb():
    return current_app.config["MAX_UPLOAD_MB"]

"""Running the checker on a submission: load, preflight, rules, drawings, annex.

``start_check`` records a check job and hands it to the job queue (``web.jobs``); a
worker process runs ``run_check`` in a child under CPU-time and memory limits. The
check writes its progress and results to the submission, which the page polls; each
write is fenced by the job's token, so an attempt that was handed to another worker
writes nothing. It calls the checker exactly as the CLI does; nothing here judges a
plan.
"""

from __future__ import annotations

import json
import logging
import os
import select
import time
from pathlib import Path

from flask import Flask, current_app

from checker.engine import run_rules
from checker.errors import AnnexError
from checker.plan import Plan, ProjectInfo
from checker.preflight import preflight
from checker.reading.load import load_spec
from checker.reading.manifest import ProjectSpec, StoreySpec
from checker.report.annex import annex_pdf, numbered_findings
from checker.report.drawing import plan_frame, storey_drawing
from checker.report.preview import original_linework, preview_svg
from checker.results import Results
from checker.rulesets import load_ruleset

from .. import jobs
from ..architect import schedules
from ..architect.recognition import openings_record, recorded_openings, version_mapping
from ..architect.submissions import previous_version
from ..i18n import LANGUAGES
from ..store import db, storage
from ..store.models import AuditEvent, CheckState, JobState, Submission
from .limits import _die_with
from .tasks import Superseded, finish, still_mine

log = logging.getLogger(__name__)
PROGRESS_INTERVAL_S = 0.5  # how often reading progress is written to the database
MAX_PREVIEW_CHARS = 4_000_000  # a preview with the original linework larger than this is drawn without it


def plan_spec(submission: Submission) -> ProjectSpec:
    project = submission.project
    info = ProjectInfo(
        name=project.name,
        address=project.address or None,
        permit=project.permit_number or None,
        municipality=project.municipality.name,
        architect=project.owner.name,
        ruleset=submission.ruleset,
        dwellings=project.dwellings,
    )
    storeys = tuple(
        StoreySpec(f.name, storage.upload_path(f.stored_name), f.elevation_m, f.units, shown_name=f.original_name)
        for f in submission.storeys
    )
    # The zip's [layers] table, and before it the roles the architect chose on a version page.
    return ProjectSpec(info=info, storeys=storeys, mapping=version_mapping(submission), manifest=None)


def load_submission(submission: Submission, progress=None) -> Plan:
    return load_spec(plan_spec(submission), progress=progress)


def start_check(submission_id: int) -> None:
    """Queue the submission's check (in the tests' inline mode: run it now, in a limited child)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # flask types the LocalProxy as Flask
    with db.sessions(app)() as db_session:
        jobs.submit(db_session, "check", submission_id, app=app)


def run_check(app: Flask, submission_id: int, token: str) -> None:
    """The check job's work (in the job's limited child): every write is fenced by ``token``."""
    db_session = db.sessions(app)()
    fence = lambda: still_mine(db_session, token)  # noqa: E731
    try:
        submission = db_session.get(Submission, submission_id)
        submission.error = None
        _set(db_session, submission, CheckState.RUNNING, 1, "Reading the drawings", fence)
        last_write = [0.0]
        files = len(submission.storeys)

        def progress(label: str, done: int, total: int) -> None:
            now = time.monotonic()
            if now - last_write[0] < PROGRESS_INTERVAL_S:
                return
            last_write[0] = now
            index = next((i for i, f in enumerate(submission.storeys) if f.original_name == label), 0)
            share = (index + (done / total if total else 1)) / max(files, 1)
            _set(db_session, submission, CheckState.RUNNING, 1 + int(60 * share), f"Reading {label}", fence)

        try:
            plan = load_submission(submission, progress)
            ruleset = load_ruleset(submission.ruleset)
            plan = schedules.applied(plan, _schedule_rows(db_session, submission, plan), ruleset)
        except AnnexError as exc:
            submission.error = exc.message
            _set(
                db_session,
                submission,
                CheckState.FAILED,
                100,
                "",
                fence,
                finished=(token, JobState.FAILED, exc.message),
            )
            return
        # The preview takes as long as the rest of a large check: it is drawn in a process of its
        # own meanwhile, and stored at the first progress write after it is ready.
        preview = PreviewsDrawn(plan, submission)
        submission.preflight_json = json.dumps(preflight(plan, ruleset), ensure_ascii=False)
        submission.openings_json = json.dumps(openings_record(plan), ensure_ascii=False)
        preview.store_if_ready(submission)
        # Committed now: the architect sees the layers (and the preview, once drawn) while the rules run.
        _set(db_session, submission, CheckState.RUNNING, 65, "Checking the rules", fence)
        results = run_rules(plan, ruleset)
        submission.results_json = results.dumps()
        submission.verdict = results.verdict.value
        preview.store_if_ready(submission)
        _set(db_session, submission, CheckState.RUNNING, 80, "Drawing the plans", fence)
        submission.drawings_json = json.dumps(drawings(plan, results), ensure_ascii=False)
        preview.store_if_ready(submission)
        _set(db_session, submission, CheckState.RUNNING, 85, "Writing the PDF annex", fence)
        with app.app_context():
            pdf = annex_pdf(plan, results, results_json=submission.results_json)  # the JSON made above, not again
            stored = storage.store_bytes(pdf, ".pdf", storage.annex_folder())
        submission.annex_name = stored.name
        preview.store(submission)
        db_session.add(
            AuditEvent(submission_id=submission.id, user_id=None, action="checked", detail=results.verdict.value)
        )
        _set(db_session, submission, CheckState.DONE, 100, "", fence, finished=(token, JobState.DONE, None))
    except (MemoryError, Superseded):  # the job process reports the limit; a superseded attempt writes nothing
        raise
    except Exception:  # a crash is reported on the page, never lost
        log.exception("check of submission %s crashed", submission_id)
        db_session.rollback()
        submission = db_session.get(Submission, submission_id)
        submission.error = (
            "The check stopped because of an error on our side; your files are kept and the team has been told."
        )
        _set(
            db_session,
            submission,
            CheckState.FAILED,
            100,
            "",
            fence,
            finished=(token, JobState.FAILED, submission.error),
        )
    finally:
        db_session.close()


def _schedule_rows(db_session, submission: Submission, plan: Plan) -> list[dict]:
    """The version's openings schedule; a version uploaded without one takes the previous
    version's, each row on its opening in the new drawings (recorded in the audit trail)."""
    if submission.schedule_json is not None:
        return schedules.stored_rows(submission.schedule_json)
    previous = previous_version(db_session, submission)
    if previous is None or not previous.schedule_json or not schedules.stored_rows(previous.schedule_json):
        return []
    carried = schedules.carry(
        schedules.stored_rows(previous.schedule_json), recorded_openings(previous.openings_json), plan
    )
    submission.schedule_json = json.dumps(carried.rows, ensure_ascii=False)
    db_session.add(
        AuditEvent(
            submission_id=submission.id, user_id=None, action="schedule", detail=carried.summary(previous.number)
        )
    )
    return carried.rows


class PreviewsDrawn:
    """``previews`` drawn in a forked process while the check goes on, its JSON sent back through a pipe.

    The child touches no database connection and leaves with ``os._exit`` (no clean-up of the
    parent's connections, files or handlers); it dies with the job's process. When it cannot
    be started or fails, the previews are drawn in this process, as before.
    """

    def __init__(self, plan: Plan, submission: Submission) -> None:
        self.plan, self.submission_id = plan, submission.id
        self.files = [(storage.upload_path(f.stored_name), f.original_name) for f in submission.storeys]
        self.stored = False
        self.pid = 0
        parent = os.getpid()
        try:
            self.pipe, write = os.pipe()
            self.pid = os.fork()
        except OSError:
            log.warning("previews of submission %s drawn in the job's process: no fork", self.submission_id)
            return
        if self.pid == 0:  # pragma: no cover - measured through the parent
            code = EXIT_FAILED
            try:
                os.close(self.pipe)
                _die_with(parent)
                data = json.dumps(previews(plan, self.files, self.submission_id), ensure_ascii=False).encode()
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            except BaseException:  # noqa: BLE001 - the parent draws them again
                log.exception("previews of submission %s failed in their process", self.submission_id)
            finally:
                os._exit(code)
        os.close(write)

    def store_if_ready(self, submission: Submission) -> None:
        """Store the previews if their process has finished drawing (it writes only then)."""
        if not self.stored and self.pid and select.select([self.pipe], [], [], 0)[0]:
            self.store(submission)

    def store(self, submission: Submission) -> None:
        """Store the previews, waiting for their process if need be."""
        if self.stored:
            return
        data = b""
        if self.pid:
            with os.fdopen(self.pipe, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(self.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                data = b""
                log.warning("previews of submission %s drawn again in the job's process", self.submission_id)
        if data:
            submission.preview_json = data.decode()
        else:
            submission.preview_json = json.dumps(
                previews(self.plan, self.files, self.submission_id), ensure_ascii=False
            )
        self.stored = True


EXIT_FAILED = 1


def previews(plan: Plan, files: list[tuple[Path, str]], submission_id: int) -> dict:
    """The preview of what was recognised, per interface language (its legend and hover texts
    are words), over each storey's original linework; without the linework when that
    would make the page too heavy to show. ``files``: each storey's stored upload and its name."""
    try:
        originals = [
            original_linework(path, load.units.metres_per_unit, name) for (path, name), load in zip(files, plan.loads)
        ]
    except Exception:  # the faint original is a help, never a reason to stop the check
        log.exception("original linework of submission %s could not be read", submission_id)
        originals = None
    pictures = {language: preview_svg(plan, originals, language) for language in LANGUAGES}
    if originals and max(len(svg) for svg in pictures.values()) > MAX_PREVIEW_CHARS:
        pictures = {language: preview_svg(plan, None, language) for language in LANGUAGES}
    return pictures


def drawings(plan: Plan, results: Results) -> dict:
    """Each storey's plan with the numbered findings, exactly as the PDF annex draws it.

    ``numbers`` maps a finding's index in the results to its marker number, so the
    page's findings list and the PDF's findings table use the same numbers.
    """
    numbered = numbered_findings(results)
    index_of = {id(f): i for i, f in enumerate(results.findings)}
    storeys = []
    frame = plan_frame(plan.storeys)  # one scale for every storey, as in the annex
    for storey in plan.storeys:
        drawing = storey_drawing(storey, [(n.number, n.finding) for n in numbered], frame=frame)
        storeys.append(
            {
                "storey": storey.name,
                "svg": drawing.svg,
                "labels": [
                    {"text": label.text, "x": label.x_percent, "y": label.y_percent, "kind": label.kind}
                    for label in drawing.labels
                ],
            }
        )
    return {"storeys": storeys, "numbers": {str(index_of[id(n.finding)]): n.number for n in numbered}}


def _set(
    db_session,
    submission: Submission,
    state: CheckState,
    percent: int,
    label: str,
    fence,
    finished: tuple | None = None,
) -> None:
    """Write the check's state; the job ends in the same transaction when ``finished`` says how."""
    submission.check_state = state.value
    submission.progress = percent
    submission.progress_label = label
    fence()
    if finished is not None:
        finish(db_session, *finished)
    db_session.commit()

"""What architects (through pages or the API) do to projects: create, submit, compare.

Pages and the API both call these functions, so a submission made either way is the
same. Each upload is a new Submission numbered 1, 2, ...; nothing is overwritten.
Errors the user can fix are ``SubmissionError`` with one sentence.
"""

from __future__ import annotations

import json
import math
import posixpath
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checker.errors import AnnexError
from checker.reading.manifest import MAX_ELEVATION, load_project_spec
from checker.report.review import version_key  # one definition, shared with the signed-off annex
from checker.results import Status
from checker.rulesets import available as available_rulesets

from ..i18n import UserError
from ..store import storage
from ..store.models import AuditEvent, Municipality, Project, StoreyFile, Submission, User

MAX_STOREYS = 60


class SubmissionError(UserError):
    """Why a project or an upload cannot be accepted, in one sentence for the user.

    ``status``: the HTTP status that fits when it is not the form's or the API's usual
    one (507 when the disk is full)."""

    status: int | None = None

    @classmethod
    def from_refusal(cls, refusal: storage.UploadRefused) -> SubmissionError:
        error = cls(refusal.msgid, **refusal.values)
        error.status = refusal.status
        return error


@dataclass(frozen=True)
class StoreyUpload:
    name: str
    elevation_m: float
    filename: str  # as the user named it; shown, never used as a path
    data: bytes
    units: str | None = None


@dataclass(frozen=True)
class ZipProject:
    """What a zip with a project.toml holds."""

    storeys: tuple[StoreyUpload, ...]
    project: dict  # name, address, permit, municipality, dwellings, ruleset (None where not given)
    layers: dict | None  # the manifest's [layers] table


# ----------------------------------------------------------------- projects


def create_project(
    db_session: Session,
    owner: User,
    *,
    name: str,
    address: str,
    permit_number: str,
    municipality_id: int | None,
    dwellings: int | str | None,
) -> Project:
    name, address, permit_number = name.strip(), address.strip(), permit_number.strip()
    if not name:
        raise SubmissionError("Give the project a name.")
    municipality = db_session.get(Municipality, municipality_id) if municipality_id else None
    if municipality is None:
        raise SubmissionError("Choose the municipality that issues the permit.")
    try:
        dwellings = int(dwellings) if dwellings not in (None, "") else 1
    except (TypeError, ValueError):
        raise SubmissionError("The number of dwellings must be a whole number.") from None
    if dwellings < 1:
        raise SubmissionError("The number of dwellings must be at least 1.")
    project = Project(
        owner=owner,
        municipality=municipality,
        name=name[:200],
        address=address[:300],
        permit_number=permit_number[:100],
        dwellings=dwellings,
    )
    db_session.add(project)
    db_session.flush()
    return project


def projects_of(db_session: Session, owner: User) -> list[Project]:
    return list(
        db_session.scalars(
            select(Project).where(Project.owner_id == owner.id).order_by(Project.created_at.desc(), Project.id.desc())
        )
    )


# ----------------------------------------------------------------- uploads


def parse_elevation(text: str | float | None) -> float:
    try:
        value = float(str(text).replace(",", ".")) if text not in (None, "") else 0.0
    except ValueError:
        raise SubmissionError("The elevation “%(value)s” is not a number of metres.", value=text) from None
    if not math.isfinite(value) or abs(value) > MAX_ELEVATION:
        raise SubmissionError("The elevation %(value)s m is not plausible; give it in metres.", value=text)
    return value


def submit_version(
    db_session: Session,
    project: Project,
    storeys: list[StoreyUpload] | tuple[StoreyUpload, ...],
    *,
    ruleset: str | None,
    user: User,
    layers: dict | None = None,
) -> Submission:
    """Store the files and record a new version of ``project`` (the check is started by the caller)."""
    if not storeys:
        raise SubmissionError("Upload at least one DXF file, one per storey.")
    if len(storeys) > MAX_STOREYS:
        raise SubmissionError("At most %(count)s storeys can be uploaded at once.", count=MAX_STOREYS)
    names = [s.name.strip() for s in storeys]
    if any(not n for n in names):
        raise SubmissionError("Give every storey a name.")
    if len(set(names)) != len(names):
        raise SubmissionError("Two storeys have the same name; give each a name of its own.")
    ruleset = ruleset or project.municipality.default_ruleset
    if ruleset not in available_rulesets():
        raise SubmissionError("There is no ruleset “%(name)s”; choose one from the list.", name=ruleset)
    # Every file is judged before any is stored: a refused upload leaves nothing on disk.
    for upload in storeys:
        try:
            storage.refuse_unless_dxf(upload.data, _shown_name(upload.filename))
        except storage.UploadRefused as exc:
            raise SubmissionError.from_refusal(exc) from None
    stored: list[storage.Stored] = []
    try:
        for upload in storeys:
            stored.append(storage.store_bytes(upload.data, ".dxf"))
        return _record_version(db_session, project, storeys, stored, ruleset=ruleset, user=user, layers=layers)
    except storage.UploadRefused as exc:
        storage.remove_stored([file.name for file in stored])  # all of the upload is kept, or none of it
        raise SubmissionError.from_refusal(exc) from None
    except BaseException:
        storage.remove_stored([file.name for file in stored])
        raise


def _record_version(
    db_session: Session,
    project: Project,
    storeys,
    stored: list[storage.Stored],
    *,
    ruleset: str,
    user: User,
    layers: dict | None,
) -> Submission:
    number = (
        db_session.scalar(select(func.max(Submission.number)).where(Submission.project_id == project.id)) or 0
    ) + 1
    # The layer roles the architect chose for the project are checked with every new version.
    submission = Submission(
        project=project,
        number=number,
        ruleset=ruleset,
        submitted_by_id=user.id,
        layers_json=json.dumps(layers) if layers else None,
        layer_roles_json=project.layer_roles_json,
    )
    db_session.add(submission)
    for position, (upload, file) in enumerate(zip(storeys, stored)):
        db_session.add(
            StoreyFile(
                submission=submission,
                position=position,
                name=upload.name.strip()[:200],
                elevation_m=upload.elevation_m,
                units=upload.units,
                original_name=_shown_name(upload.filename),
                stored_name=file.name,
                sha256=file.sha256,
                size=file.size,
            )
        )
    db_session.flush()
    db_session.add(
        AuditEvent(
            submission_id=submission.id,
            user_id=user.id,
            action="submitted",
            detail=f"version {number}, {len(storeys)} storey(s), ruleset {ruleset}",
        )
    )
    db_session.commit()
    return submission


def read_zip(data: bytes) -> ZipProject:
    """A zip holding project.toml and the DXF files it names, unpacked in memory within
    the upload limit (``storage.unpack_zip``); only project.toml touches the disk, to be read."""
    try:
        files = storage.unpack_zip(data, storage.unpacked_limit_bytes())
    except storage.UploadRefused as exc:
        raise SubmissionError.from_refusal(exc) from None
    manifests = [name for name in files if PurePosixPath(name).name == "project.toml"]
    if len(manifests) != 1:
        raise SubmissionError("The zip must hold exactly one project.toml next to its DXF files.")
    root = PurePosixPath(manifests[0]).parent
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        manifest = folder_path / "project.toml"
        try:
            manifest.write_bytes(files[manifests[0]])
        except OSError as exc:
            if exc.errno in storage.NO_ROOM:
                raise SubmissionError.from_refusal(storage.no_room()) from None
            raise
        try:
            spec = load_project_spec(manifest)
        except AnnexError as exc:
            raise SubmissionError(exc.message) from None
        table = tomllib.loads(files[manifests[0]].decode("utf-8"))
        storeys = []
        for storey in spec.storeys:
            content = _named_file(files, root, folder_path, storey.path)
            if content is None:
                raise SubmissionError("project.toml names %(file)s, which is not in the zip.", file=storey.path.name)
            storeys.append(StoreyUpload(storey.name, storey.elevation_m, storey.path.name, content, storey.units))
    info = spec.info
    return ZipProject(
        storeys=tuple(storeys),
        project={
            "name": info.name,
            "address": info.address,
            "permit": info.permit,
            "municipality": info.municipality,
            "dwellings": info.dwellings,
            "ruleset": info.ruleset,
        },
        layers=table.get("layers"),
    )


def _named_file(files: dict[str, bytes], root: PurePosixPath, folder: Path, named: Path) -> bytes | None:
    """The zip entry a storey's ``file`` names (relative to project.toml), if it is in the zip."""
    try:
        relative = named.relative_to(folder)
    except ValueError:
        return None  # an absolute path
    inside = posixpath.normpath((root / PurePosixPath(*relative.parts)).as_posix())
    if inside.startswith("../") or inside == "..":
        return None
    return files.get(inside)


def _shown_name(filename: str) -> str:
    """The last part of what the browser sent, for display only."""
    name = PurePosixPath(filename.replace("\\", "/")).name.strip() or "upload.dxf"
    return name[:300]


# ----------------------------------------------------------------- results and versions


def results_of(submission: Submission) -> dict | None:
    return json.loads(submission.results_json) if submission.results_json else None


BLOCKING = tuple(
    s.value for s in (Status.FAIL, Status.NOT_ASSESSABLE, Status.ERROR)
)  # the checker's statuses that block


@dataclass(frozen=True)
class VersionChanges:
    resolved: tuple[dict, ...]  # blocking before, not now
    new: tuple[dict, ...]  # blocking now, not before
    still_failing: tuple[dict, ...]  # blocking in both


def compare(previous: dict, current: dict) -> VersionChanges:
    """What changed between two versions' results: failing and unjudged findings by key."""
    before = {version_key(f): f for f in previous["findings"] if f["status"] in BLOCKING}
    now = {version_key(f): f for f in current["findings"] if f["status"] in BLOCKING}
    return VersionChanges(
        resolved=tuple(f for k, f in before.items() if k not in now),
        new=tuple(f for k, f in now.items() if k not in before),
        still_failing=tuple(f for k, f in now.items() if k in before),
    )


def previous_version(db_session: Session, submission: Submission) -> Submission | None:
    return db_session.scalars(
        select(Submission)
        .where(Submission.project_id == submission.project_id, Submission.number < submission.number)
        .order_by(Submission.number.desc())
        .limit(1)  # .first() alone would fetch every earlier version, results and drawings included
    ).first()

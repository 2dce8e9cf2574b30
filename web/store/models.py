"""The web app's records (SQLAlchemy 2): who may do what, and what was submitted and decided.

A project belongs to one architect and one municipality; each upload is a new
``Submission`` (version) of it, never overwritten. Reviewers belong to a municipality
and see only its submissions. Decisions and every other state change are appended,
never edited, so the audit trail is the tables themselves.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Role(str, Enum):
    ARCHITECT = "architect"
    REVIEWER = "reviewer"


class CheckState(str, Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"  # the input could not be used; ``Submission.error`` says why


class ReviewState(str, Enum):
    NEW = "new"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"


class FindingVerdict(str, Enum):
    ACCEPTED = "accepted"  # the reviewer agrees with the finding
    REJECTED = "rejected"  # the reviewer thinks the finding is wrong
    DEVIATION = "deviation"  # the finding stands, but a deviation is accepted, with a justification


class Municipality(Base):
    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    default_ruleset: Mapped[str] = mapped_column(String(100))


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(400))
    role: Mapped[str] = mapped_column(String(20))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"))
    language: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    municipality: Mapped[Municipality | None] = relationship()


class ApiToken(Base):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    expires_at: Mapped[datetime | None] = mapped_column(default=None)  # refused from then on

    user: Mapped[User] = relationship()


class UserSession(Base):
    """A signed-in browser: its cookie holds a random id whose SHA-256 is kept here.

    Ended at sign-out (and when it idles or lives too long), so a copied or old cookie
    stops working at once; a sign-in always starts a new one.
    """

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    sid_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(default=None)

    user: Mapped[User] = relationship()


class SignupRequest(Base):
    """A sign-up waiting for its e-mail link; the account exists only once the link is opened."""

    __tablename__ = "signup_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(400))
    language: Mapped[str] = mapped_column(String(8), default="en")
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column(default=None)


class Project(Base):
    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    permit_number: Mapped[str] = mapped_column(String(100), default="")
    dwellings: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The layer roles the architect chose on a version page, {layer: role or "none"};
    # every later check of the project uses them before what the layer names say.
    layer_roles_json: Mapped[str | None] = mapped_column(Text, default=None)

    owner: Mapped[User] = relationship()
    municipality: Mapped[Municipality] = relationship()
    submissions: Mapped[list[Submission]] = relationship(back_populates="project", order_by="Submission.number")


class Submission(Base):
    """One version of a project: its files, its check and its review."""

    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("project_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    number: Mapped[int] = mapped_column(Integer)
    ruleset: Mapped[str] = mapped_column(String(100))
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    layers_json: Mapped[str | None] = mapped_column(Text, default=None)  # a zip manifest's [layers] table
    layer_roles_json: Mapped[str | None] = mapped_column(Text, default=None)  # the project's layer roles when submitted
    schedule_json: Mapped[str | None] = mapped_column(
        Text, default=None
    )  # the openings schedule's rows, applied to the check

    check_state: Mapped[str] = mapped_column(String(20), default=CheckState.QUEUED.value)
    progress: Mapped[int] = mapped_column(Integer, default=0)  # percent
    progress_label: Mapped[str] = mapped_column(String(300), default="")
    error: Mapped[str | None] = mapped_column(Text, default=None)
    preflight_json: Mapped[str | None] = mapped_column(Text, default=None)
    results_json: Mapped[str | None] = mapped_column(Text, default=None)
    drawings_json: Mapped[str | None] = mapped_column(Text, default=None)  # per storey: svg + labels
    openings_json: Mapped[str | None] = mapped_column(
        Text, default=None
    )  # each door and window as recognised, with its values' sources
    preview_json: Mapped[str | None] = mapped_column(
        Text, default=None
    )  # per storey: the preview of what was recognised
    verdict: Mapped[str | None] = mapped_column(String(20), default=None)
    annex_name: Mapped[str | None] = mapped_column(String(100), default=None)  # stored file, results-only annex

    review_state: Mapped[str] = mapped_column(String(30), default=ReviewState.NEW.value)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), default=None)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    final_annex_name: Mapped[str | None] = mapped_column(String(100), default=None)  # frozen, signed off
    final_annex_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    review_note: Mapped[str | None] = mapped_column(Text, default=None)  # the reviewer's note, written at sign-off

    project: Mapped[Project] = relationship(back_populates="submissions")
    submitted_by: Mapped[User] = relationship(foreign_keys=[submitted_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    storeys: Mapped[list[StoreyFile]] = relationship(back_populates="submission", order_by="StoreyFile.position")
    decisions: Mapped[list[Decision]] = relationship(back_populates="submission", order_by="Decision.id")


class StoreyFile(Base):
    """An uploaded DXF: stored under a name we chose; the user's name is kept only to show."""

    __tablename__ = "storey_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    elevation_m: Mapped[float] = mapped_column()
    units: Mapped[str | None] = mapped_column(String(20), default=None)
    original_name: Mapped[str] = mapped_column(String(300))
    stored_name: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)

    submission: Mapped[Submission] = relationship(back_populates="storeys")


class Decision(Base):
    """A reviewer's decision on one finding; a later one supersedes, none is ever edited."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"))
    finding_key: Mapped[str] = mapped_column(String(500))
    verdict: Mapped[str] = mapped_column(String(20))
    justification: Mapped[str] = mapped_column(Text, default="")
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="decisions")
    reviewer: Mapped[User] = relationship()


class AuditEvent(Base):
    """Who did what to a submission, and when (to the microsecond; ``id`` orders events of the same moment)."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_submission_at", "submission_id", "at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(50))
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()


class JobState(str, Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Job(Base):
    """Work done for a submission outside the web process: a check, or a sign-off's annex.

    ``token`` names the current attempt (and is the queue's job id); a worker writes only
    while its token is the job's, so an attempt that was given up on cannot overwrite the
    one that replaced it. ``lease_at`` is renewed while a worker holds the job; a job whose
    lease ran out, or whose queue entry is gone, is put on the queue again (web/jobs).
    """

    __tablename__ = "job"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "check" or "sign_off"
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"))
    state: Mapped[str] = mapped_column(String(20), default=JobState.QUEUED.value)
    token: Mapped[str] = mapped_column(String(40), unique=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    args_json: Mapped[str | None] = mapped_column(Text, default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)  # one sentence for the user
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)

    submission: Mapped[Submission] = relationship()

"""Who is signed in, and the checks every route makes before it does anything.

A sign-in is a ``UserSession`` row: the cookie (signed by Flask) holds a random id, the
database its SHA-256. Signing out ends the row, so a copy of the old cookie signs
nobody in; signing in clears the cookie and starts a new row (no session fixation). A
session ends after ``SESSION_IDLE_MINUTES`` without a request and, whatever happens,
``SESSION_LIFETIME_HOURS`` after its sign-in.

Authorisation is by role and by ownership: an architect reaches only the projects
they own; a reviewer only the submissions of their municipality. A record the user
may not see answers 404, as if it did not exist, so ids cannot be probed.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from functools import wraps

from flask import abort, current_app, g, redirect, request, session, url_for
from sqlalchemy import delete, select, update

from ..store import db
from ..store.models import Project, Role, Submission, User, UserSession, utcnow

# last_seen_at is written at most this often, not on every request.
SEEN_EVERY = timedelta(minutes=1)
FORGET_AFTER = timedelta(days=30)


def _sid_digest(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8")).hexdigest()


def session_limits() -> tuple[timedelta, timedelta]:
    """(idle limit, absolute limit) of a sign-in, from the configuration."""
    config = current_app.config
    return timedelta(minutes=float(config["SESSION_IDLE_MINUTES"])), timedelta(
        hours=float(config["SESSION_LIFETIME_HOURS"])
    )


def current_user() -> User | None:
    if "user" not in g:
        g.user = _session_user()
    return g.user


def signed_in_user() -> User:
    """The user a route behind ``role_required`` serves: that decorator sent everyone not
    signed in to sign in first, so nobody reaches here without one (else 401)."""
    user = current_user()
    if user is None:
        abort(401)
    return user


def _session_user() -> User | None:
    sid = session.get("sid")
    if not sid:
        return None
    db_session = db.session()
    record = db_session.scalars(select(UserSession).where(UserSession.sid_sha256 == _sid_digest(sid))).first()
    now = utcnow()
    idle, lifetime = session_limits()
    if record is None or record.ended_at is not None:
        session.pop("sid", None)
        return None
    if now - record.last_seen_at > idle or now - record.created_at > lifetime:
        _end(record.id, now)
        session.pop("sid", None)
        return None
    if now - record.last_seen_at > SEEN_EVERY:
        _write(update(UserSession).where(UserSession.id == record.id).values(last_seen_at=now))
    return record.user


def _write(statement) -> None:
    """A small write of its own, so it never commits what the request is in the middle of."""
    with db.sessions()() as own:
        own.execute(statement)
        own.commit()


def _end(session_id: int, now) -> None:
    _write(update(UserSession).where(UserSession.id == session_id, UserSession.ended_at.is_(None)).values(ended_at=now))


def sign_in(user: User) -> None:
    """A new session: the cookie is cleared and gets a new id (no fixation)."""
    session.clear()
    sid = secrets.token_urlsafe(32)
    with db.sessions()() as own:
        # the user's sessions unused for a long time are of no use to anyone: not kept for ever
        own.execute(
            delete(UserSession).where(
                UserSession.user_id == user.id, UserSession.last_seen_at < utcnow() - FORGET_AFTER
            )
        )
        own.add(UserSession(user_id=user.id, sid_sha256=_sid_digest(sid)))
        own.commit()
    session["sid"] = sid
    session["language"] = user.language
    session.permanent = False
    g.user = user


def sign_out() -> None:
    """End this browser's session in the database, then forget it in the cookie."""
    sid = session.get("sid")
    if sid:
        _write(
            update(UserSession)
            .where(UserSession.sid_sha256 == _sid_digest(sid), UserSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language
    g.pop("user", None)


def role_required(role: Role):
    """Only signed-in users with ``role``; others are sent to sign in or refused."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = current_user()
            if user is None:
                return redirect(url_for("auth.signin", next=request.full_path))
            if user.role != role.value:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def owned_project(project_id: int, user: User) -> Project:
    """The architect's own project, or 404."""
    project = db.session().get(Project, project_id)
    if project is None or project.owner_id != user.id:
        abort(404)
    return project


def reviewable_submission(submission_id: int, user: User) -> Submission:
    """A submission of the reviewer's municipality, or 404."""
    submission = db.session().get(Submission, submission_id)
    if submission is None or user.municipality_id is None or submission.project.municipality_id != user.municipality_id:
        abort(404)
    return submission


def user_by_email(email: str) -> User | None:
    return db.session().scalars(select(User).where(User.email == email.strip().lower())).first()

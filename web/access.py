"""Who is signed in, and the checks every route makes before it does anything.

Authorisation is by role and by ownership: an architect reaches only the projects
they own; a reviewer only the submissions of their municipality. A record the user
may not see answers 404, as if it did not exist, so ids cannot be probed.
"""

from __future__ import annotations

from functools import wraps

from flask import abort, g, redirect, request, session, url_for
from sqlalchemy import select

from . import db
from .models import Project, Role, Submission, User


def current_user() -> User | None:
    if "user" not in g:
        user_id = session.get("user_id")
        g.user = db.session().get(User, user_id) if user_id else None
    return g.user


def sign_in(user: User) -> None:
    session.clear()  # a new session on sign-in: no fixation
    session["user_id"] = user.id
    session["language"] = user.language
    session.permanent = False
    g.user = user


def sign_out() -> None:
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

"""Signing up (architects), signing in and out, and choosing the interface language."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for

from . import db
from .access import current_user, sign_in, sign_out, user_by_email
from .accounts import AccountError, create_user, password_matches
from .i18n import LANGUAGES
from .i18n import gettext as _
from .models import Role

bp = Blueprint("auth", __name__)


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    db_session = db.session()
    form = request.form
    if request.method == "POST":
        try:
            user = create_user(
                db_session,
                email=form.get("email", ""),
                name=form.get("name", ""),
                password=form.get("password", ""),
                role=Role.ARCHITECT,
                language=session.get("language", "en"),
            )
            db_session.commit()
        except AccountError as exc:
            db_session.rollback()
            flash(exc.translated(), "error")
            return render_template("auth/signup.html", form=form), 400
        sign_in(user)
        return redirect(url_for("architect.projects"))
    return render_template("auth/signup.html", form=form)


@bp.route("/signin", methods=["GET", "POST"])
def signin():
    if request.method == "POST":
        user = user_by_email(request.form.get("email", ""))
        if not password_matches(user, request.form.get("password", "")):
            flash(_("The e-mail address or the password is not right."), "error")
            return render_template("auth/signin.html", form=request.form), 401
        sign_in(user)
        return redirect(_safe_next(request.args.get("next")) or _home(user.role))
    return render_template("auth/signin.html", form={})


@bp.route("/signout", methods=["POST"])
def signout():
    sign_out()
    return redirect(url_for("site.index"))


@bp.route("/language", methods=["POST"])
def language():
    chosen = request.form.get("language", "en")
    if chosen in LANGUAGES:
        session["language"] = chosen
        user = current_user()
        if user is not None:
            user.language = chosen
            db.session().commit()
    return redirect(_safe_next(request.form.get("next")) or url_for("site.index"))


def _home(role: str) -> str:
    return url_for("review.queue") if role == Role.REVIEWER.value else url_for("architect.projects")


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site: never an open redirect."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target

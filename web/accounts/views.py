"""Signing up (architects), signing in and out, and choosing the interface language.

Failed sign-ins are counted per account and per address (``SIGNIN_ACCOUNT_LIMIT``,
``SIGNIN_ADDRESS_LIMIT``, in the app's Flask-Limiter store): past the limit the form
answers 429 with a sentence saying for how long, and not even the right password gets
in until then. Signing up answers the same whether or not the address has an account
(web/accounts/users.py says how).
"""

from __future__ import annotations

import math
import time
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_limiter.util import get_remote_address
from limits import parse
from sqlalchemy.exc import IntegrityError

from ..i18n import LANGUAGES, ngettext
from ..i18n import gettext as _
from ..store import db
from ..store.models import Role
from .access import current_user, sign_in, sign_out, user_by_email
from .users import (
    SIGNUP_LINK_HOURS,
    AccountError,
    complete_signup,
    password_matches,
    pending_signup,
    request_signup,
    send_mail,
)

bp = Blueprint("auth", __name__)


# ----------------------------------------------------------------- throttling


def _limits(*pairs: tuple[str, str]):
    """(limit item, key) per (config name, key); the store is the app's limiter's."""
    return [(parse(current_app.config[name]), name, key) for name, key in pairs]


def _signin_limits(email: str):
    return _limits(
        ("SIGNIN_ACCOUNT_LIMIT", "account:" + email.strip().lower()[:254]),
        ("SIGNIN_ADDRESS_LIMIT", "address:" + (get_remote_address() or "")),
    )


def _refusal(limits) -> tuple[str, int] | None:
    """The config name of the first limit reached, and the seconds until it lets the next attempt in."""
    strategy = current_app.extensions["annex_limiter"].limiter
    for item, name, key in limits:
        if not strategy.test(item, key):
            reset_time = strategy.get_window_stats(item, key).reset_time
            return name, max(1, math.ceil(reset_time - time.time()))
    return None


def _count(limits) -> None:
    strategy = current_app.extensions["annex_limiter"].limiter
    for item, _name, key in limits:
        strategy.hit(item, key)


def _minutes(seconds: int) -> str:
    minutes = math.ceil(seconds / 60)
    return ngettext("%(num)s minute", "%(num)s minutes", minutes)


def _too_many(template: str, form, refusal: tuple[str, int]):
    name, seconds = refusal
    if name == "SIGNIN_ACCOUNT_LIMIT":
        sentence = _(
            "Too many wrong passwords for this account: it is locked for %(wait)s. Try again then.",
            wait=_minutes(seconds),
        )
    elif name == "SIGNIN_ADDRESS_LIMIT":
        sentence = _(
            "Too many failed sign-ins from your network: signing in is paused for %(wait)s. Try again then.",
            wait=_minutes(seconds),
        )
    else:
        sentence = _("Too many sign-ups from your network: try again in %(wait)s.", wait=_minutes(seconds))
    flash(sentence, "error")
    response = current_app.make_response((render_template(template, form=form), 429))
    response.headers["Retry-After"] = str(seconds)
    return response


# ----------------------------------------------------------------- signing up


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    db_session = db.session()
    form = request.form
    if request.method == "POST":
        limits = _limits(("SIGNUP_ADDRESS_LIMIT", "signup:" + (get_remote_address() or "")))
        if (refusal := _refusal(limits)) is not None:
            return _too_many(
                "auth/signup.html", {"name": form.get("name", ""), "email": form.get("email", "")}, refusal
            )
        try:
            email, token = request_signup(
                db_session,
                email=form.get("email", ""),
                name=form.get("name", ""),
                password=form.get("password", ""),
                language=session.get("language", "en"),
            )
            db_session.commit()
        except AccountError as exc:
            db_session.rollback()
            flash(exc.translated(), "error")
            return render_template("auth/signup.html", form=form), 400
        _count(limits)
        if token is None:
            lines = (
                _(
                    "Someone, perhaps you, tried to sign up for the security annex with this e-mail address, which has an account already. If it was you, sign in instead:"
                ),
                url_for("auth.signin", _external=True),
                _("If it was not you, you need do nothing."),
            )
            send_mail(email, _("Someone tried to sign up with your e-mail address"), "\n\n".join(lines))
        else:
            lines = (
                _("Open this link to create your account (it works for %(hours)s hours):", hours=SIGNUP_LINK_HOURS),
                url_for("auth.confirm_signup", token=token, _external=True),
                _("If you did not sign up, you need do nothing."),
            )
            send_mail(email, _("Finish signing up for the security annex"), "\n\n".join(lines))
        # The same page for a new and a taken address: the answer reveals no account.
        return render_template("auth/check_email.html", email=email, hours=SIGNUP_LINK_HOURS)
    return render_template("auth/signup.html", form=form)


@bp.route("/signup/confirm", methods=["GET", "POST"])
def confirm_signup():
    """The e-mail's link shows a button (mail scanners that open links create nothing); the button creates the account."""
    db_session = db.session()
    token = request.values.get("token", "")
    pending = pending_signup(db_session, token)
    if pending is None:
        return render_template("auth/confirm_signup.html", token=None), 404
    if request.method == "POST":
        user = complete_signup(db_session, pending)
        try:
            db_session.commit()
        except IntegrityError:  # the same link opened twice at once: the other made the account
            db_session.rollback()
            return render_template("auth/confirm_signup.html", token=None), 404
        sign_in(user)
        return redirect(url_for("architect.projects"))
    return render_template("auth/confirm_signup.html", token=token, email=pending.email)


# ----------------------------------------------------------------- signing in and out


@bp.route("/signin", methods=["GET", "POST"])
def signin():
    if request.method == "POST":
        email = request.form.get("email", "")
        form = {"email": email}
        limits = _signin_limits(email)
        if (refusal := _refusal(limits)) is not None:
            return _too_many("auth/signin.html", form, refusal)
        user = user_by_email(email)
        if not password_matches(user, request.form.get("password", "")) or user is None:
            _count(limits)
            flash(_("The e-mail address or the password is not right."), "error")
            return render_template("auth/signin.html", form=form), 401
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

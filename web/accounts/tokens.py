"""API tokens: a signed-in user creates and revokes the bearer tokens the JSON API accepts.

A token is shown once, when it is made; only its SHA-256 is stored, so a copy of
the database cannot be used to call the API. Every token expires (after the days
chosen when it is made, ``TOKEN_DAYS``); a revoked or expired token stays listed (with
when) and is never accepted again: the API checks both on every call.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import Blueprint, abort, current_app, flash, make_response, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ..i18n import gettext as _
from ..store import db
from ..store.models import ApiToken, User, utcnow
from .access import current_user

bp = Blueprint("tokens", __name__, url_prefix="/account/tokens")

# The prefix lets secret scanners (and people) recognise a leaked token.
TOKEN_PREFIX = "annex_"
MAX_LABEL = 200
TOKEN_DAYS = (30, 90, 365)  # the lifetimes a user chooses from


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(db_session: Session, user: User, label: str, days: int = 90) -> str:
    """A new token for ``user``, valid ``days``; the caller shows it once, only its digest is kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    db_session.add(
        ApiToken(
            user_id=user.id,
            token_sha256=token_digest(token),
            label=label.strip()[:MAX_LABEL],
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
    )
    db_session.commit()
    return token


def user_for_token(db_session: Session, token: str) -> User | None:
    """The user a live token belongs to, or None for an unknown, expired or revoked one."""
    if not token:
        return None
    record = db_session.scalars(
        select(ApiToken)
        .options(joinedload(ApiToken.user))  # every API call needs both: one query
        .where(
            ApiToken.token_sha256 == token_digest(token), ApiToken.revoked_at.is_(None), ApiToken.expires_at > utcnow()
        )
    ).first()
    return record.user if record is not None else None


def tokens_of(db_session: Session, user: User) -> list[ApiToken]:
    return list(
        db_session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def _signed_in_user() -> User:
    user = current_user()
    if user is None:
        abort(redirect(url_for("auth.signin", next=request.full_path)))
    return user


@bp.route("/", methods=["GET", "POST"])
def index():
    user = _signed_in_user()
    db_session = db.session()
    new_token = None
    if request.method == "POST":
        label = request.form.get("label", "").strip()
        days = _chosen_days(request.form.get("days"))
        if not label:
            flash(_("Name the token after the system that will use it."), "error")
            return _page(user, status=400, form=request.form)
        if days is None:
            flash(_("Choose how long the token works from the list."), "error")
            return _page(user, status=400, form=request.form)
        new_token = issue_token(db_session, user, label, days)
    response = _page(user, new_token=new_token)
    response.headers["Cache-Control"] = "no-store"  # the page may hold a token shown only this once
    return response


def _chosen_days(value: str | None) -> int | None:
    default_days = int(current_app.config["API_TOKEN_DAYS"])
    if not value:
        return default_days
    return int(value) if value.isdigit() and int(value) in {*TOKEN_DAYS, default_days} else None


def _page(user: User, *, new_token: str | None = None, status: int = 200, form=None):
    db_session = db.session()
    default_days = int(current_app.config["API_TOKEN_DAYS"])
    return make_response(
        render_template(
            "tokens/index.html",
            tokens=tokens_of(db_session, user),
            new_token=new_token,
            form=form or {},
            now=utcnow(),
            day_choices=sorted({*TOKEN_DAYS, default_days}),
            default_days=default_days,
        ),
        status,
    )


@bp.route("/<int:token_id>/revoke", methods=["POST"])
def revoke(token_id: int):
    user = _signed_in_user()
    db_session = db.session()
    record = db_session.get(ApiToken, token_id)
    if record is None or record.user_id != user.id:
        abort(404)
    if record.revoked_at is None:
        record.revoked_at = utcnow()
        db_session.commit()
    flash(_("The token is revoked; the API no longer accepts it."), "status")
    return redirect(url_for("tokens.index"))

"""The reviewers' pages: the municipality's queue, a submission's findings, decisions, sign-off."""

from __future__ import annotations

from flask import Blueprint, render_template

from .access import current_user, role_required
from .models import Role

bp = Blueprint("review", __name__, url_prefix="/review")


@bp.route("/")
@role_required(Role.REVIEWER)
def queue():
    return render_template("review/queue.html", submissions=[], user=current_user())

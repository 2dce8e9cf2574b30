"""The architects' pages: projects, uploads (one DXF per storey or a zip), results, versions."""

from __future__ import annotations

from flask import Blueprint, render_template

from .access import current_user, role_required
from .models import Role

bp = Blueprint("architect", __name__, url_prefix="/projects")


@bp.route("/")
@role_required(Role.ARCHITECT)
def projects():
    return render_template("architect/projects.html", projects=[], user=current_user())

"""Pages for everyone: the front page and the downloads an architect starts from."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from flask import Blueprint, redirect, render_template, send_file, url_for

from checker.reading.dxf.starter import write_template

from .accounts.access import current_user
from .store.models import Role

bp = Blueprint("site", __name__)
PLAN_CONVENTION = Path(__file__).resolve().parents[1] / "docs" / "plan-convention.md"


@bp.route("/")
def index():
    user = current_user()
    if user is not None:
        return redirect(url_for("review.queue" if user.role == Role.REVIEWER.value else "architect.projects"))
    return render_template("index.html")


@bp.route("/downloads/starter.dxf")
def starter_dxf():
    with tempfile.TemporaryDirectory() as folder:
        path = write_template(Path(folder) / "starter.dxf")
        data = path.read_bytes()
    return send_file(
        io.BytesIO(data), mimetype="application/dxf", as_attachment=True, download_name="annex-starter.dxf"
    )


@bp.route("/downloads/plan-convention.md")
def plan_convention():
    return send_file(
        PLAN_CONVENTION, mimetype="text/markdown; charset=utf-8", as_attachment=True, download_name="plan-convention.md"
    )

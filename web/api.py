"""The JSON API for permit systems: submit, status, results, annex PDF; bearer tokens."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

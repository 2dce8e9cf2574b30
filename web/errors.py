"""Error pages: one short sentence, never a traceback."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError

from .i18n import gettext as _
from .store.storage import NO_ROOM


def init_app(app: Flask) -> None:
    def respond(status: int, sentence: str):
        if request.path.startswith("/api/"):
            return jsonify({"error": sentence}), status
        return render_template("error.html", status=status, sentence=sentence), status

    @app.errorhandler(400)
    def _bad_request(_exc):
        return respond(400, _("The request could not be understood."))

    @app.errorhandler(CSRFError)
    def _csrf(_exc):
        return respond(400, _("This form has expired or did not come from this site; reload the page and try again."))

    @app.errorhandler(403)
    def _forbidden(_exc):
        return respond(403, _("You do not have access to this page."))

    @app.errorhandler(404)
    def _not_found(_exc):
        return respond(404, _("There is no such page."))

    @app.errorhandler(405)
    def _method(_exc):
        return respond(405, _("This page does not accept that kind of request."))

    @app.errorhandler(413)
    def _too_large(_exc):
        limit = app.config["MAX_UPLOAD_MB"]
        return respond(413, _("The upload is larger than %(limit)s MB; send smaller files.", limit=limit))

    @app.errorhandler(OSError)
    def _no_room(exc):
        # A disk full while a request's files are received or written: nothing of them is kept.
        if exc.errno not in NO_ROOM:
            raise exc
        return respond(
            507, _("The server has no room to keep your files just now, so nothing was kept; try again later.")
        )

    @app.errorhandler(500)
    def _internal(_exc):
        # Not "your upload is kept": an upload that fails is removed (web/architect/submissions.py).
        return respond(500, _("Something went wrong on our side; please try again later."))

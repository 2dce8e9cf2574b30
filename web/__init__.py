"""The security-annex web app: architects submit plans, reviewers review them.

``create_app`` is the application factory (as in Flask's tutorial). Configuration
comes, in this order, from the defaults below, ``instance/config.py``, environment
variables prefixed ``ANNEX_`` (e.g. ``ANNEX_MAX_UPLOAD_MB=50``), ``DATABASE_URL``, and
the ``test_config`` a test passes.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

from . import errors, i18n, jobs
from .accounts import security
from .store import db


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    instance = Path(app.instance_path)
    app.config.from_mapping(
        DATABASE_URL=f"sqlite:///{instance / 'annex.sqlite'}",
        UPLOAD_FOLDER=str(instance / "uploads"),
        ANNEX_FOLDER=str(instance / "annexes"),
        MAX_UPLOAD_MB=50,
        CHECK_IN_BACKGROUND=True,  # jobs on the queue; tests set False to run the same job inside the request
        SESSION_COOKIE_SECURE=True,  # browsers keep Secure cookies on http://localhost too
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        MIGRATE_ON_START=True,
    )
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("ANNEX")
    if os.environ.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = os.environ["DATABASE_URL"]
    if os.environ.get("REDIS_URL"):
        app.config["REDIS_URL"] = os.environ["REDIS_URL"]
    if test_config:
        app.config.update(test_config)
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_UPLOAD_MB"]) * 1024 * 1024

    for folder in (instance, Path(app.config["UPLOAD_FOLDER"]), Path(app.config["ANNEX_FOLDER"])):
        folder.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(instance)

    if app.config["MIGRATE_ON_START"]:
        db.upgrade(app.config["DATABASE_URL"])
    db.init_app(app)
    jobs.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)

    from . import site
    from .accounts import tokens
    from .accounts import views as auth
    from .api import views as api
    from .architect import views as architect
    from .review import views as review

    app.register_blueprint(site.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(architect.bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(tokens.bp)  # API tokens, made and revoked by a signed-in user
    security.exempt_from_csrf(api.bp)  # the API authenticates every call with a bearer token

    from .accounts.access import current_user

    app.context_processor(lambda: {"current_user": current_user()})
    _database_unreachable_is_503(app)
    if app.config["JOBS_RECONCILE_ON_START"] and jobs.mode(app) != "inline":
        _reconcile_at_start(app)
    return app


def _database_unreachable_is_503(app: Flask) -> None:
    """The database away (restarting, the network down): one sentence and 503, never a traceback."""
    from flask import jsonify, render_template, request
    from sqlalchemy.exc import InterfaceError, OperationalError

    from .i18n import gettext as _

    def unreachable(_exc):
        sentence = _("The database cannot be reached just now; nothing was saved. Please try again in a minute.")
        if request.path.startswith("/api/"):
            response = jsonify({"error": sentence})
        else:
            response = app.response_class(
                render_template("error.html", status=503, sentence=sentence), mimetype="text/html"
            )
        response.status_code = 503
        response.headers["Retry-After"] = "60"
        return response

    app.register_error_handler(OperationalError, unreachable)
    app.register_error_handler(InterfaceError, unreachable)


def _reconcile_at_start(app: Flask) -> None:
    """Jobs lost while no web process ran (queued but never sent, or a local pool's) go on the
    queue. It runs in a thread so the app starts at once even while Redis or the database is
    still coming back; the thread keeps trying until every unfinished job could be judged."""
    import threading

    from .jobs.reconcile import reconcile_until_decided

    threading.Thread(target=reconcile_until_decided, args=(app,), name="reconcile-at-start", daemon=True).start()


def _instance_secret(instance: Path) -> str:
    """A random secret kept in the instance folder, so sessions survive a restart."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()

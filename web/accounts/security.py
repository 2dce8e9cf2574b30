"""Security headers and CSRF protection for every response and form; the limits of
sign-ins and sessions (``ACCOUNT_DEFAULTS``) and the store failed sign-ins are counted in.

The Content-Security-Policy allows no inline script and no inline style: scripts and
stylesheets come from ``/static`` only, so JavaScript positions what a page must
place (labels over a plan drawing) from ``data-`` attributes.
"""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
ACCOUNT_DEFAULTS = {
    "SESSION_IDLE_MINUTES": 12 * 60,  # a sign-in ends after this long without a request
    "SESSION_LIFETIME_HOURS": 24,  # and this long after it began, whatever happens
    # Failed sign-ins: this many for one account locks it for the window; per address
    # more, as an office shares one address.
    "SIGNIN_ACCOUNT_LIMIT": "5 per 15 minutes",
    "SIGNIN_ADDRESS_LIMIT": "30 per 15 minutes",
    "SIGNUP_ADDRESS_LIMIT": "10 per hour",  # each sign-up sends an e-mail
    "API_TOKEN_DAYS": 90,  # the lifetime a new API token is offered by default
}

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    for key, value in ACCOUNT_DEFAULTS.items():
        app.config.setdefault(key, value)
    # The cookie lives no longer than the sign-in it carries (Flask's default is 31 days).
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=float(app.config["SESSION_LIFETIME_HOURS"]))
    # One limiter per app (not a module global: its store and key prefix are the app's).
    # It counts failed sign-ins and sign-ups (web/accounts/views.py). In memory by default, which is
    # per process: with several web processes or machines, set RATELIMIT_STORAGE_URI or
    # REDIS_URL so that all of them count together. The key prefix is the database's, so
    # deployments (and test databases) sharing one Redis never count each other's.
    # Behind a reverse proxy the address is the proxy's unless the app is wrapped in
    # werkzeug's ProxyFix.
    database = hashlib.sha256(str(app.config["DATABASE_URL"]).encode()).hexdigest()[:12]
    app.extensions["annex_limiter"] = Limiter(
        get_remote_address,
        app=app,
        strategy="moving-window",
        storage_uri=rate_limit_storage(app),
        key_prefix=f"annex-{database}",
    )

    @app.after_request
    def _headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config.get("SESSION_COOKIE_SECURE") and not app.debug:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


def exempt_from_csrf(blueprint) -> None:
    csrf.exempt(blueprint)


def rate_limit_storage(app: Flask) -> str:
    """Where failed sign-ins are counted: the configured store, else Redis when there is one, else memory."""
    for value in (
        app.config.get("RATELIMIT_STORAGE_URI"),
        os.environ.get("RATELIMIT_STORAGE_URI"),
        app.config.get("REDIS_URL"),
        os.environ.get("REDIS_URL"),
    ):
        if value:
            return value
    return "memory://"

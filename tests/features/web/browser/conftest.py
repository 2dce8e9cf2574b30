"""The browser tests' fixtures: the real app served over HTTP, and headless Chromium.

The app runs as users get it: checks as jobs in its local process pool (``CHECK_IN_BACKGROUND``),
Secure session cookies (Chromium keeps them on http://127.0.0.1), no TESTING flag,
served by werkzeug on a free port in a thread. Playwright drives Debian's
``/usr/bin/chromium``; it cannot download a browser of its own here, so
``playwright install`` is never needed. Each test gets a fresh database and fresh
browser contexts; the browser itself is shared by the session because starting it
costs seconds.

A page fails its test when the browser reports any console error or uncaught script
error: that is how an inline script or style the CSP blocks, a missing static file or
a broken script shows up.
"""

from __future__ import annotations

import secrets
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask, got_request_exception
from pytest_bdd import given, parsers, then, when
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.support.postgres import fresh_database
from web import create_app
from web.serving import responses_always_closed
from web.store import db

from ..conftest import Account
from ..seeded import Seeded, create_accounts, seed

REPO = Path(__file__).resolve().parents[4]
SCREENSHOTS = REPO / "tests" / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests may run as root in a container
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000  # a step that waits longer than this has failed
CHECK_TIMEOUT_MS = 90_000  # the example's check (two storeys, PDF annex) on a slow machine


# ----------------------------------------------------------------- the live app


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:  # one line per static file drowns a failure's output
        pass


@dataclass
class LiveServer:
    app: Flask
    url: str
    accounts: dict[str, Account]
    crashes: list[BaseException] = field(default_factory=list)

    def seed(self, **options) -> Seeded:
        """The example project, checked (see seeded.seed for the options)."""
        return seed(self.app, self.accounts, **options)


@pytest.fixture
def live_database() -> str:
    """Which database the live app uses; a module overrides this to run on PostgreSQL too."""
    return "sqlite"


@pytest.fixture
def live_database_url(request, live_database, tmp_path) -> str:
    if live_database == "sqlite":
        return f"sqlite:///{tmp_path / 'annex.sqlite'}"
    base_url = request.getfixturevalue("postgres_base_url")
    return fresh_database(base_url, f"annex_live_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def live_server(live_database_url, tmp_path) -> Iterator[LiveServer]:
    app = create_app(
        {
            "SECRET_KEY": secrets.token_hex(16),
            "DATABASE_URL": live_database_url,
            "UPLOAD_FOLDER": str(tmp_path / "uploads"),
            "ANNEX_FOLDER": str(tmp_path / "annexes"),
            "MAIL_OUTBOX": str(tmp_path / "outbox"),  # the sign-up link's e-mail, read by the journey
            "CHECK_IN_BACKGROUND": True,
            # The local job pool forks its processes from this one, so a journey's stand-in (a gate) reaches them.
            "JOBS_LOCAL_START_METHOD": "fork",
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"], "the browser tests run with the cookies users get"
    accounts = create_accounts(app)
    server = make_server("127.0.0.1", 0, responses_always_closed(app), threaded=True, request_handler=_QuietHandler)
    live = LiveServer(app, f"http://127.0.0.1:{server.server_port}", accounts)

    def record(_sender, exception, **_extra):
        live.crashes.append(exception)

    got_request_exception.connect(record, app)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield live
    server.shutdown()
    thread.join(timeout=10)
    got_request_exception.disconnect(record, app)
    jobs = app.extensions.get("annex_jobs")
    if jobs is not None:
        jobs.close()  # the local job pool's processes; a check still writing would hold the database
    db.sessions(app).kw["bind"].dispose()
    assert not live.crashes, f"the app crashed while serving the test: {live.crashes!r}"


# ----------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed; `make test` installs it (apt package chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class ConsoleWatch:
    """What the browser complained about while the test ran."""

    problems: list[str] = field(default_factory=list)
    expected_statuses: set[str] = field(default_factory=set)  # URLs a test navigates to expecting 4xx

    def console(self, message) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "")
        if message.text.startswith("Failed to load resource") and url in self.expected_statuses:
            return  # the 404 page a test asked for
        self.problems.append(f"console error: {message.text} ({url or 'inline'})")

    def page_error(self, error) -> None:
        self.problems.append(f"script error: {error}")


@dataclass
class Browsing:
    """Opens pages in fresh browser contexts (one per user) against the live app."""

    chromium: object
    live: LiveServer
    watch: ConsoleWatch
    contexts: list = field(default_factory=list)

    def new_page(self, *, locale: str = "en-GB", viewport: dict[str, int] | None = None):
        context = self.chromium.new_context(
            base_url=self.live.url,
            locale=locale,
            viewport=viewport or {"width": 1280, "height": 900},
            accept_downloads=True,
            timezone_id="UTC",  # what a page's script shows of a time does not depend on the machine's zone
        )
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", self.watch.console)
        page.on("pageerror", self.watch.page_error)
        return page

    def expect_error_status(self, path: str) -> None:
        self.watch.expected_statuses.add(self.live.url + path)


@pytest.fixture
def browsing(chromium, live_server) -> Iterator[Browsing]:
    browsing = Browsing(chromium, live_server, ConsoleWatch())
    yield browsing
    for context in browsing.contexts:
        context.close()
    assert not browsing.watch.problems, "the browser reported:\n" + "\n".join(browsing.watch.problems)


def screenshot(page, name: str) -> Path:
    """A full-page screenshot kept as a test artefact (tests/artifacts/screenshots, git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # A version page runs to 30,000 px: on a busy machine Chromium takes longer than a step may to paint it all.
    page.screenshot(path=str(path), full_page=True, timeout=CHECK_TIMEOUT_MS)
    return path


def sign_in_page(page, account: Account) -> None:
    """Sign in through the sign-in form, as a person would."""
    page.goto("/signin")
    form = page.locator("main form")
    form.get_by_label("E-mail address").fill(account.email)
    form.get_by_label("Password").fill(account.password)
    with page.expect_navigation():
        form.get_by_role("button", name="Sign in").click()


# ----------------------------------------------------------------- steps every journey shares


@pytest.fixture
def journey() -> dict:
    """What the steps of one scenario hand each other."""
    return {}


@given("the app is running", target_fixture="browsing")
def the_app_is_running(browsing):
    return browsing


@then("the browser reported no console error and no blocked script or style")
def no_console_errors(browsing):
    assert not browsing.watch.problems, "\n".join(browsing.watch.problems)


@given(parsers.parse('the architect\'s example project "{permit}" has been checked'))
def example_checked(live_server, journey, permit):
    journey["seeded"] = live_server.seed(reviewed=False, permit_number=permit)


@given("both journeys' pages are staged with fixed data")
def pages_staged(live_server, journey):
    from .staged import stage_pages  # staged imports this module's LiveServer

    journey["staged"] = stage_pages(live_server)


ACCOUNT_NAMED = {"architect": "architect", "other architect": "other_architect", "reviewer": "reviewer"}


@when(parsers.parse("the {who} signs in"))
def account_signs_in(browsing, live_server, journey, who):
    page = journey["page"] = browsing.new_page()
    sign_in_page(page, live_server.accounts[ACCOUNT_NAMED[who]])

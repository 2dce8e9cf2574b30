"""Steps for browser/ux_details.feature: the version diff's marker links, the polled queue
position, the token's copy button and the preview's zoom, in Chromium against the live app."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import select

from web import jobs
from web.jobs.dispatch import InlineDispatcher
from web.store import db
from web.store.models import Job, JobState

from .conftest import CHECK_TIMEOUT_MS, REPO

scenarios("web/browser/ux_details.feature")

EXAMPLE = REPO / "examples" / "house"


# ----------------------------------------------------------------- shared


def upload_one_storey(journey, filename: str, name: str) -> None:
    page = journey["page"]
    seeded = journey["seeded"]
    page.goto(f"/projects/{seeded.project_id}/upload")
    page.get_by_role("textbox", name="Storey name").first.fill(name)
    page.get_by_role("textbox", name="Elevation (m)").first.fill("0")
    page.get_by_label("DXF file").first.set_input_files(EXAMPLE / filename)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="The check is running")).to_be_visible()
    page.evaluate("window.notReloaded = true")  # gone if the page reloads


# ----------------------------------------------------------------- the version diff


@when(parsers.parse('she uploads only "{filename}" as "{name}" as a new version and its check finishes'))
def upload_and_wait(journey, filename, name):
    upload_one_storey(journey, filename, name)
    # the page polls the status and reloads itself when the check is done
    expect(journey["page"].locator("section.changes")).to_be_visible(timeout=CHECK_TIMEOUT_MS)


@when("she follows the marker link of the first still failing finding of the diff")
def follow_marker_link(journey):
    page = journey["page"]
    link = page.locator('ul[data-changes="still-failing"] a.change-marker[data-show-marker]').first
    journey["marker"] = link.get_attribute("data-show-marker")
    page.evaluate("window.scrollTo(0, 0)")
    link.click()


@then("that marker is highlighted on the plan and on screen, and so is its row in the findings list")
def marker_picked(journey):
    page = journey["page"]
    number = journey["marker"]
    marker = page.locator(f'svg.plan .marker[data-finding="{number}"]')
    expect(marker).to_have_class(re.compile(r"\bhighlighted\b"))
    expect(marker).to_be_in_viewport()
    expect(page.locator(f'tr[data-marker="{number}"]')).to_have_class(re.compile(r"\bhighlighted\b"))


# ----------------------------------------------------------------- the queue position


class BusyWorkers:
    """A queue no worker takes from, as when every worker is busy: jobs stay waiting."""

    def send(self, token: str) -> None:
        """The job row, committed already, waits on the queue."""

    def close(self) -> None:
        """Nothing runs, so nothing is left to stop."""


@given("no worker is free to take a check")
def no_worker(live_server):
    live_server.app.extensions["annex_jobs"] = BusyWorkers()


@given("two other checks are waiting on the queue")
def two_waiting(live_server):
    app = live_server.app
    for permit in ("EX-2026-002", "EX-2026-003"):
        seeded = live_server.seed(reviewed=False, owner="other_architect", permit_number=permit)
        with app.app_context():
            session = db.sessions(app)()
            try:
                jobs.submit(session, "check", seeded.submission_id, app=app)
            finally:
                session.close()


@when(parsers.parse('she uploads only "{filename}" as "{name}" as a new version'))
def upload_only(journey, filename, name):
    upload_one_storey(journey, filename, name)


@then(parsers.parse('the page says "{sentence}"'))
def page_says(journey, sentence):
    expect(journey["page"].locator("[data-queue-position]")).to_have_text(sentence)


@when("a worker takes the oldest waiting check and finishes it")
def worker_runs_oldest(live_server):
    app = live_server.app
    with app.app_context():
        session = db.sessions(app)()
        try:
            oldest = session.scalars(
                select(Job.token).where(Job.state == JobState.QUEUED.value).order_by(Job.id).limit(1)
            ).one()
        finally:
            session.close()
    InlineDispatcher(app).send(oldest)  # the job function a worker runs, limits included


@then(parsers.parse('the same page, not reloaded, says "{sentence}"'))
def polled(journey, sentence):
    page = journey["page"]
    expect(page.locator("[data-queue-position]")).to_have_text(sentence, timeout=CHECK_TIMEOUT_MS)
    assert page.evaluate("window.notReloaded === true"), "the page reloaded to show the queue position"


# ----------------------------------------------------------------- the new token


@when(parsers.parse('she creates a token named "{label}" on the tokens page'))
def create_token(browsing, journey, label):
    page = journey["page"]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=browsing.live.url)
    page.goto("/account/tokens/")
    page.get_by_label("Name (the system that will use it)").fill(label)
    page.get_by_role("button", name="Create token").click()
    journey["token"] = page.locator("code[data-token]").inner_text().strip()
    assert len(journey["token"]) >= 20


@then("the token is shown large in a monospaced font, selectable as a whole")
def token_shown(journey):
    token = journey["page"].locator("code[data-token]")
    style = token.evaluate(
        "element => { const s = getComputedStyle(element);"
        " return {family: s.fontFamily, size: parseFloat(s.fontSize), select: s.userSelect}; }"
    )
    assert "mono" in style["family"].lower(), style
    assert style["size"] >= 20, style
    assert style["select"] == "all", style


@when(parsers.parse('she clicks "{name}"'))
def click_button(journey, name):
    journey["page"].get_by_role("button", name=name).click()


@then(parsers.parse('the clipboard holds the token and the page says "{sentence}"'))
def copied(journey, sentence):
    page = journey["page"]
    expect(page.locator("[data-copy-status]")).to_have_text(sentence)
    assert page.evaluate("navigator.clipboard.readText()") == journey["token"]


# ----------------------------------------------------------------- the recognition preview


@when("she opens version 1")
def open_version_one(journey):
    seeded = journey["seeded"]
    journey["page"].goto(f"/projects/{seeded.project_id}/versions/1")


@when("she zooms into the recognition preview twice and drags it")
def zoom_preview(journey):
    figure = journey["page"].locator("figure[data-preview]")
    figure.scroll_into_view_if_needed()
    zoom_in = figure.get_by_role("button", name="Zoom in")
    zoom_in.click()
    zoom_in.click()
    viewport = figure.locator("[data-preview-viewport]")
    box = viewport.bounding_box()
    mouse = journey["page"].mouse
    mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    mouse.down()
    mouse.move(box["x"] + box["width"] / 2 - 120, box["y"] + box["height"] / 2 - 40, steps=6)
    mouse.up()


@then("the preview is shown at 225% and moved, inside its frame")
def preview_zoomed(journey):
    figure = journey["page"].locator("figure[data-preview]")
    expect(figure.locator("[data-zoom-level]")).to_have_text("225%")
    transform = figure.locator("[data-plan]").evaluate("element => element.style.transform")
    moved = re.match(r"translate\((-?[\d.]+)px, ?(-?[\d.]+)px\) scale\(2\.25\)", transform)
    assert moved and float(moved.group(1)) < 0, transform
    port = figure.locator("[data-preview-viewport]").bounding_box()
    outer = figure.bounding_box()
    assert port["width"] <= outer["width"] + 1  # the zoomed drawing is clipped by its viewport, not the page

"""Steps for browser/architect.feature: the architect's journey in headless Chromium."""

from __future__ import annotations

import re
import time
from email import message_from_bytes
from email import policy as mail_policy
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pytest_bdd import parsers, scenarios, then, when

import web.jobs.checking

from ..seeded import EXAMPLE
from .conftest import CHECK_TIMEOUT_MS, screenshot

scenarios("web/browser/architect.feature")

HIGHLIGHTED = re.compile(r"\bhighlighted\b")


@pytest.fixture(params=["sqlite", "postgresql"])
def live_database(request) -> str:
    """The architect's journey runs on both databases."""
    return request.param


@pytest.fixture(autouse=True)
def _on_both_databases(live_database):
    """Steps ask for fixtures only when they run; naming the parametrised one here runs the journey twice."""


class FileGate:
    """A gate the check's process (forked from this one by the local job pool) sees: a file, there once opened."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def set(self) -> None:
        self.path.touch()

    def wait(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not self.path.exists() and time.monotonic() < deadline:
            time.sleep(0.05)


@pytest.fixture
def check_gate(live_server, monkeypatch, tmp_path):
    """Holds the check before it writes the PDF annex until the test has looked at the progress.

    Without it a fast machine could finish the check before the page is seen running.
    The check itself is unchanged: the gate only waits in front of ``annex_pdf``.
    """
    gate = FileGate(tmp_path / "check-gate")
    write_annex = web.jobs.checking.annex_pdf

    def annex_pdf_after_gate(*args, **kwargs):
        gate.wait(timeout=120)
        return write_annex(*args, **kwargs)

    monkeypatch.setattr(web.jobs.checking, "annex_pdf", annex_pdf_after_gate)
    yield gate
    gate.set()  # never leave the check waiting


def label(page, text: str):
    """The field labelled ``text`` (a select's accessible name also holds its chosen option)."""
    return page.locator("main").get_by_label(re.compile(rf"^{re.escape(text)}(\s|$)"))


@when(parsers.parse('a new architect signs up as "{name}" with the e-mail "{email}"'))
def sign_up(browsing, live_server, journey, name, email):
    page = journey["page"] = browsing.new_page()
    page.goto("/")
    page.locator("main").get_by_role("link", name="Sign up as an architect").click()
    label(page, "Name").fill(name)
    label(page, "E-mail address").fill(email)
    label(page, "Password (at least 10 characters)").fill("a long enough password")
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    # the account is made by the link e-mailed to her (kept in the outbox: no mail server here)
    (message,) = Path(live_server.app.config["MAIL_OUTBOX"]).glob("*.eml")
    body = message_from_bytes(message.read_bytes(), policy=mail_policy.default).get_content()
    link = re.search(r"/signup/confirm\?token=[\w-]+", body)
    page.goto(link.group(0))
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("heading", name="My projects")).to_be_visible()
    expect(page.locator(".site-header .who")).to_have_text(name)


@when(
    parsers.parse('she creates the project "{name}" at "{address}" with permit number "{permit}" in "{municipality}"')
)
def create_project(journey, name, address, permit, municipality):
    page = journey["page"]
    page.get_by_role("link", name="New project").click()
    label(page, "Project name").fill(name)
    label(page, "Address").fill(address)
    label(page, "Permit number").fill(permit)
    label(page, "Municipality").select_option(label=municipality)
    page.get_by_role("button", name="Create the project").click()
    expect(page.get_by_role("heading", name=f"Upload plans for {name}")).to_be_visible()


@when(
    parsers.parse(
        'she uploads "{first_file}" as "{first_name}" at elevation "{first_elevation}" '
        'and "{second_file}" as "{second_name}" at elevation "{second_elevation}"'
    )
)
def upload(journey, check_gate, first_file, first_name, first_elevation, second_file, second_name, second_elevation):
    page = journey["page"]
    names = page.get_by_role("textbox", name="Storey name")
    elevations = page.get_by_role("textbox", name="Elevation (m)")
    files = page.get_by_label("DXF file")
    for row, (file, name, elevation) in enumerate(
        ((first_file, first_name, first_elevation), (second_file, second_name, second_elevation))
    ):
        names.nth(row).fill(name)
        elevations.nth(row).fill(elevation)
        files.nth(row).set_input_files(EXAMPLE / file)
    # the municipality's ruleset is chosen already
    expect(label(page, "Ruleset")).to_have_value("ir-police-annex")
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="The check is running")).to_be_visible()
    journey["version_url"] = page.url


@then("the version page shows the check's progress while the check runs")
def progress_shown(journey):
    page = journey["page"]
    progress = page.locator("[data-check-status] progress")
    expect(progress).to_be_visible()
    # the gate holds the check just before the PDF; the page's polling shows how far it got
    expect(page.locator("[data-progress-label]")).to_have_text("Writing the PDF annex", timeout=CHECK_TIMEOUT_MS)
    expect(progress).to_have_attribute("value", "85")
    expect(page.locator("[data-preflight] li").first).to_be_visible()  # what preflight found, in plain words
    screenshot(page, "architect-check-running")


@then("the page is not blocked while the check runs: her project list opens and says the version is being checked")
def not_blocked(journey):
    page = journey["page"]
    page.locator(".site-header").get_by_role("link", name="My projects").click()
    row = page.locator("table.projects tbody tr", has_text="Example house")
    expect(row).to_contain_text("being checked")
    row.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", name="The check is running")).to_be_visible()


@when("the check finishes")
def check_finishes(journey, check_gate):
    check_gate.set()
    # the page polls the status and reloads itself when the check is done
    expect(journey["page"].locator("svg.plan")).to_have_count(2, timeout=CHECK_TIMEOUT_MS)


@then(
    parsers.parse('the results page shows the verdict "{verdict}" and a plan drawing for "{first}" and for "{second}"')
)
def results_shown(journey, verdict, first, second):
    page = journey["page"]
    expect(page.locator(".verdict-box .verdict-word")).to_have_text(verdict)
    expect(page.locator(".plan-figure figcaption")).to_have_text([first, second])
    expect(
        page.locator(".plans .plan-figure").first.locator(".plan-label").first
    ).to_be_visible()  # room names over the plan
    screenshot(page, "architect-results")


@then("every numbered finding in the list has its marker on a plan")
def markers_for_findings(journey):
    page = journey["page"]
    numbers = page.locator("table[data-findings] tr[data-marker]").evaluate_all(
        "rows => rows.map(r => r.dataset.marker)"
    )
    markers = page.locator("svg.plan .marker[data-finding]").evaluate_all("ms => ms.map(m => m.dataset.finding)")
    assert numbers, "no numbered finding is listed"
    assert set(numbers) <= set(markers), sorted(set(numbers) - set(markers))


@when("she hovers over the first numbered finding in the list")
def hover_finding(journey):
    page = journey["page"]
    row = page.locator("table[data-findings] tr[data-marker]:visible").first
    row.hover()
    journey["number"] = row.get_attribute("data-marker")


@then("that finding's marker on the plan is highlighted")
def marker_highlighted(journey):
    page = journey["page"]
    expect(page.locator(f'svg.plan .marker[data-finding="{journey["number"]}"]').first).to_have_class(HIGHLIGHTED)


@when("she clicks the marker of another finding on the plan")
def click_marker(journey):
    page = journey["page"]
    page.mouse.move(0, 0)  # leave the row she hovered over
    visible_rows = page.locator("table[data-findings] tr[data-marker]:visible")
    number = visible_rows.nth(visible_rows.count() - 1).get_attribute("data-marker")
    assert number != journey["number"]
    page.locator(f'svg.plan .marker[data-finding="{number}"]').first.click()
    journey["number"] = number


@then("that finding's row in the list is highlighted")
def row_highlighted(journey):
    page = journey["page"]
    row = page.locator(f'table[data-findings] tr[data-marker="{journey["number"]}"]')
    expect(row).to_have_class(HIGHLIGHTED)
    expect(row).to_be_in_viewport()
    expect(page.locator(f'svg.plan .marker[data-finding="{journey["number"]}"]').first).to_have_class(HIGHLIGHTED)


@when(parsers.parse('she filters the findings by the rule "{rule}"'))
def filter_by_rule(journey, rule):
    page = journey["page"]
    page.locator("[data-findings-filter]").get_by_label("Rule").select_option(rule)


@then(parsers.parse('only "{rule}" findings are listed'))
def only_rule_listed(journey, rule):
    page = journey["page"]
    expect(page).to_have_url(re.compile(rf"[?&]rule={rule}\b"))
    rows = page.locator("table[data-findings] tbody tr:visible")
    expect(rows.first).to_be_visible()
    assert set(rows.evaluate_all("rows => rows.map(r => r.dataset.rule)")) == {rule}


@when("she downloads the PDF annex")
def download_annex(journey):
    page = journey["page"]
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF annex").click()
    journey["download"] = download.value


@then(parsers.parse('she gets a PDF file named "{name}"'))
def got_pdf(journey, name):
    download = journey["download"]
    assert download.failure() is None
    assert download.suggested_filename == name
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    page = journey["page"]
    page.locator(".site-header").get_by_role("link", name="My projects").click()
    expect(page.locator("table.projects tbody tr", has_text="Example house")).to_contain_text("Fails")
    screenshot(page, "architect-projects")

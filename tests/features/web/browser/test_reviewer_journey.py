"""Steps for browser/reviewer.feature: the reviewer's journey in headless Chromium."""

from __future__ import annotations

import re
import subprocess

from playwright.sync_api import expect
from pytest_bdd import given, parsers, scenarios, then, when

from .conftest import CHECK_TIMEOUT_MS, screenshot

scenarios("web/browser/reviewer.feature")

UTC_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


@given(
    parsers.parse(
        "the architect's example project \"{permit}\" is checked and every open finding but the garage door's is decided"
    )
)
def example_in_review(live_server, journey, permit):
    journey["seeded"] = live_server.seed(reviewed=False, other_decisions_only=True, permit_number=permit)


@given(parsers.parse('another submission "{permit}" waits in the same municipality\'s queue'))
def another_submission(live_server, permit):
    live_server.seed(reviewed=False, owner="other_architect", permit_number=permit)


@then(parsers.parse("she sees the review queue with {count:d} submissions, newest first"))
def queue_shown(journey, count):
    page = journey["page"]
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    rows = page.locator("table.queue tbody tr")
    expect(rows).to_have_count(count)
    expect(rows.first).to_contain_text("EX-2026-777")
    screenshot(page, "reviewer-queue")


@when(parsers.parse('she searches the queue for "{text}"'))
def search_queue(journey, text):
    page = journey["page"]
    page.get_by_role("searchbox", name="Permit number or address").fill(text)
    page.get_by_role("button", name="Search").click()


@then(parsers.parse('the queue lists only the submission "{permit}"'))
def only_that_submission(journey, permit):
    page = journey["page"]
    rows = page.locator("table.queue tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(permit)


@when(parsers.parse('she opens the submission "{permit}"'))
def open_submission(journey, permit):
    page = journey["page"]
    page.locator("table.queue tbody tr", has_text=permit).get_by_role("link", name="Example house").click()
    expect(page.locator(".project-facts")).to_contain_text(permit)


@then("each storey's plan is drawn with the findings on it")
def plans_drawn(journey):
    page = journey["page"]
    expect(page.locator("svg.plan")).to_have_count(2)
    expect(page.locator("svg.plan .marker").first).to_be_visible()


def garage_door_row(page):
    return page.locator(
        'table[data-findings] tr[data-rule="OPEN-02"][data-status="not_assessable"]', has_text="garage door"
    )


@when(parsers.parse('she accepts a deviation for the garage door finding with the justification "{justification}"'))
def accept_deviation(journey, justification):
    page = journey["page"]
    journey["justification"] = justification
    row = garage_door_row(page)
    row.get_by_label(re.compile(r"^Reason")).fill(justification)
    row.get_by_role("button", name="Accept a deviation").click()
    expect(page.get_by_role("status").filter(has_text="Decision recorded.")).to_be_visible()


@then("the finding shows her deviation, her name and the time")
def deviation_shown(journey, live_server):
    page = journey["page"]
    decision = garage_door_row(page).locator('[data-decision="deviation"]')
    expect(decision).to_contain_text("Rana Reviewer")
    expect(decision).to_contain_text(journey["justification"])
    expect(decision).to_contain_text(UTC_TIME)
    expect(page.locator(".approval-blockers")).to_have_count(0)  # every open finding is decided now
    screenshot(page, "reviewer-submission-decided")


@then("the audit trail records her decision")
def audit_trail(journey):
    page = journey["page"]
    last = page.locator("table[data-audit] tbody tr").last
    expect(last).to_contain_text("Rana Reviewer")
    expect(last).to_contain_text(journey["justification"])


@when("she approves the version and signs it off")
def approve(journey):
    page = journey["page"]
    signoff = page.locator("#signoff")
    signoff.get_by_label("Approve").check()
    page.once("dialog", lambda dialog: dialog.accept())  # "Sign off this version? ..."
    # the signed-off annex is written from the stored drawings while the request waits:
    # seconds, not milliseconds, and the click waits for the navigation it starts
    signoff.get_by_role("button", name="Record the decision and sign off").click(timeout=CHECK_TIMEOUT_MS)
    expect(page.locator("[data-signed-off]")).to_be_visible(timeout=CHECK_TIMEOUT_MS)


@then("the version is approved and frozen, with no decision forms left")
def frozen(journey):
    page = journey["page"]
    expect(page.locator("[data-signed-off]")).to_contain_text("Rana Reviewer")
    expect(page.locator("h1 .review-state")).to_have_text("approved")
    expect(page.locator("form.decision-form")).to_have_count(0)
    expect(page.locator("form.final-form")).to_have_count(0)
    screenshot(page, "reviewer-submission-approved")


@when("she downloads the signed-off annex")
def download_signed(journey):
    page = journey["page"]
    with page.expect_download() as download:
        page.locator("#signoff").get_by_role("link", name="Download the signed-off annex").click()
    journey["download"] = download.value


@then("it is a PDF whose text carries the justification and the approval")
def signed_pdf(journey, tmp_path):
    download = journey["download"]
    assert download.failure() is None
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(text.split())
    # the justification may be wrapped over lines in a table cell: compare its words in order
    assert re.search(r"\s+".join(map(re.escape, journey["justification"].split())), words), words[:3000]
    assert "Rana Reviewer" in words
    assert re.search(r"\bapproved\b", words, re.IGNORECASE), words[:3000]

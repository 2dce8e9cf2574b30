"""Steps for browser/review_flow.feature: decisions in place, the keyboard path, the superseded confirmation."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from pytest_bdd import given, parsers, scenarios, then, when

from web.architect.submissions import submit_version
from web.review import reviewing
from web.store import db
from web.store.models import Project, Submission, User

from ..seeded import example_outcome, example_storeys
from .conftest import CHECK_TIMEOUT_MS, screenshot

scenarios("web/browser/review_flow.feature")


@given(
    parsers.parse(
        "the architect's example project \"{permit}\" is checked and every open finding but the garage door's is decided"
    )
)
def example_in_review(live_server, journey, permit):
    journey["seeded"] = live_server.seed(reviewed=False, other_decisions_only=True, permit_number=permit)


@given(parsers.parse('the architect\'s example project "{permit}" has been checked'))
def example_checked(live_server, journey, permit):
    journey["seeded"] = live_server.seed(reviewed=False, permit_number=permit)


@given(parsers.parse('the architect\'s example project "{permit}" is checked and every open finding is decided'))
def example_decided(live_server, journey, permit):
    seeded = journey["seeded"] = live_server.seed(reviewed=False, other_decisions_only=True, permit_number=permit)
    key, verdict, justification = example_outcome().decisions[-1]
    app = live_server.app
    with app.test_request_context():
        session = db.session()
        submission = session.get(Submission, seeded.submission_id)
        reviewer = session.get(User, live_server.accounts["reviewer"].id)
        reviewing.record_decision(session, submission, reviewer, key, verdict, justification)


@given("the architect has since submitted version 2 of it")
def version_two(live_server, journey):
    app = live_server.app
    with app.test_request_context():
        session = db.session()
        project = session.get(Project, journey["seeded"].project_id)
        architect = session.get(User, live_server.accounts["architect"].id)
        submit_version(session, project, example_storeys(), ruleset=None, user=architect)
        session.commit()


def garage_door_row(page):
    return page.locator(
        'table[data-findings] tr[data-rule="OPEN-02"][data-status="not_assessable"]', has_text="garage door"
    )


def open_page(journey):
    page = journey["page"]
    page.goto(f"/review/submissions/{journey['seeded'].submission_id}")
    expect(page.locator("table[data-findings]")).to_be_visible()
    page.evaluate("window.__notReloaded = true")


@when("she opens the submission page")
def opens_page(journey):
    open_page(journey)


@when("she opens the submission page, scrolled to the garage door finding")
def opens_page_scrolled(journey):
    open_page(journey)
    page = journey["page"]
    garage_door_row(page).evaluate("row => row.scrollIntoView({block: 'center'})")
    journey["scroll"] = page.evaluate("window.scrollY")
    assert journey["scroll"] > 500, "the garage door is further down the page"


def still_the_same_page(page) -> bool:
    return page.evaluate("window.__notReloaded === true")


@when("she rejects the garage door finding without a reason")
def reject_without_reason(browsing, journey):
    browsing.expect_error_status(f"/review/submissions/{journey['seeded'].submission_id}/decisions")  # the refusal: 400
    row = garage_door_row(journey["page"])
    row.get_by_role("button", name="Reject").click()


@then("the refusal is shown in the garage door's row without a reload")
def refusal_in_row(journey):
    page = journey["page"]
    expect(garage_door_row(page).get_by_role("alert")).to_have_text("Rejecting a finding needs a written reason.")
    expect(page.locator("[data-decision-status]")).to_have_text("Rejecting a finding needs a written reason.")
    assert still_the_same_page(page)
    expect(garage_door_row(page).locator("textarea")).to_be_focused()


@when(parsers.parse('she accepts a deviation for the garage door finding in place with "{reason}"'))
def deviation_in_place(journey, reason):
    page = journey["page"]
    journey["reason"] = reason
    row = garage_door_row(page)
    row.get_by_label(re.compile(r"^Reason")).fill(reason)
    row.get_by_role("button", name="Accept a deviation").click()


@then("the garage door's row shows the deviation without a reload, at the same scroll position")
def deviation_shown(journey):
    page = journey["page"]
    decision = garage_door_row(page).locator('[data-decision="deviation"]')
    expect(decision).to_contain_text(journey["reason"])
    expect(page.locator("[data-decision-status]")).to_have_text("Decision recorded.")
    assert still_the_same_page(page)
    scrolled = page.evaluate("window.scrollY")
    assert abs(scrolled - journey["scroll"]) < 80, (scrolled, journey["scroll"])
    screenshot(page, "reviewer-decision-in-place")


@then("the approval blockers and the audit trail are brought up to date")
def blockers_and_audit(journey):
    page = journey["page"]
    expect(page.locator(".approval-blockers")).to_have_count(0)
    expect(page.locator("table[data-audit] tbody tr").last).to_contain_text(journey["reason"])


@when(parsers.parse('she presses "{first}" twice and "{second}" once'))
def presses_keys(journey, first, second):
    page = journey["page"]
    page.locator("h1").click()  # the focus on the page, on no control
    page.keyboard.press(first)
    page.keyboard.press(first)
    page.keyboard.press(second)


@when(parsers.parse('she presses "{key}"'))
def presses(journey, key):
    journey["page"].keyboard.press(key)


@then("the first finding row has the focus, drawn with a visible outline")
def first_row_focused(journey):
    page = journey["page"]
    first = page.locator("table[data-findings] tr.finding:not([hidden])").first
    expect(first).to_be_focused()
    outline = first.evaluate("row => { const s = getComputedStyle(row); return [s.outlineStyle, s.outlineWidth]; }")
    assert outline[0] == "solid" and float(outline[1].rstrip("px")) >= 2, outline
    journey["row_id"] = first.get_attribute("id")


@then("the cursor is in the reason field of that finding's decision")
def cursor_in_reason(journey):
    page = journey["page"]
    field = page.locator(f"#{journey['row_id']} textarea[name=justification]")
    expect(field).to_be_focused()


def choose_approve(page):
    signoff = page.locator("#signoff")
    signoff.get_by_label("Approve", exact=True).check()
    return signoff


@when("she chooses to approve and dismisses the question that says version 2 was submitted after this one")
def dismisses(journey):
    page = journey["page"]
    signoff = choose_approve(page)
    messages = []

    def answer(dialog):
        messages.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", answer)
    signoff.get_by_role("button", name="Record the decision and sign off").click()
    expect(signoff.get_by_role("button", name="Record the decision and sign off")).to_be_enabled()
    assert messages and "Version 2 of this project was submitted after this one" in messages[0], messages
    assert still_the_same_page(page)
    expect(page.locator("input[name=confirm_superseded]")).not_to_be_checked()


@then("version 1 is not signed off")
def not_signed_off(journey, live_server):
    app = live_server.app
    with app.app_context(), db.sessions(app)() as session:
        assert session.get(Submission, journey["seeded"].submission_id).final_annex_sha256 is None


@when("she chooses to approve and confirms the question")
def confirms(journey):
    page = journey["page"]
    signoff = choose_approve(page)
    messages = []

    def answer(dialog):
        messages.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    signoff.get_by_role("button", name="Record the decision and sign off").click(timeout=CHECK_TIMEOUT_MS)
    expect(page.locator("[data-signed-off]")).to_be_visible(timeout=CHECK_TIMEOUT_MS)
    assert "Version 2 of this project was submitted after this one" in messages[0], messages
    assert "Sign off this version?" in messages[1], messages


@then("version 1 is approved and frozen")
def approved_and_frozen(journey):
    page = journey["page"]
    expect(page.locator("h1 .review-state")).to_have_text("approved")
    expect(page.locator("form.final-form")).to_have_count(0)

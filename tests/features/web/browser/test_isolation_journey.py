"""Steps for browser/isolation.feature: a second architect is refused the first one's project."""

from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import parsers, scenarios, then, when

from .conftest import screenshot

scenarios("web/browser/isolation.feature")

ABOUT_THE_PROJECT = ("Example house", "EX-2026-001", "Example Lane", "Ava Architect")


@then("her project list does not show the example project")
def list_without_project(journey):
    page = journey["page"]
    expect(page.get_by_role("heading", name="My projects")).to_be_visible()
    expect(page.locator("main")).to_contain_text("You have no projects yet.")
    for text in ABOUT_THE_PROJECT:
        expect(page.locator("main")).not_to_contain_text(text)


def _open_refused(browsing, journey, path):
    browsing.expect_error_status(path)  # the browser logs the 404 it is sent; that one is expected
    journey["response"] = journey["page"].goto(path)


@when("she opens the address of the first architect's project")
def open_project(browsing, journey):
    _open_refused(browsing, journey, f"/projects/{journey['seeded'].project_id}")


@when(parsers.parse("she opens the address of its version {number:d} results"))
def open_version(browsing, journey, number):
    _open_refused(browsing, journey, f"/projects/{journey['seeded'].project_id}/versions/{number}")


@then("she sees the page saying there is no such page, and nothing of the project")
def no_such_page(journey):
    page = journey["page"]
    assert journey["response"].status == 404
    expect(page.get_by_role("heading", name="There is no such page.")).to_be_visible()
    for text in ABOUT_THE_PROJECT:
        assert text not in page.content(), text
    screenshot(page, "other-architect-refused")


@then("its PDF annex, asked for with her session, answers 404 too")
def annex_refused(journey):
    page = journey["page"]
    seeded = journey["seeded"]
    for path in (
        f"/projects/{seeded.project_id}/versions/1/annex.pdf",
        f"/projects/{seeded.project_id}/versions/1/status",
    ):
        response = page.context.request.get(path)  # the browser context's own cookies
        assert response.status == 404, (path, response.status)
        assert b"%PDF" not in response.body() and b"EX-2026-001" not in response.body()

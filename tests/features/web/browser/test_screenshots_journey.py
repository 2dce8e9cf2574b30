"""Steps for browser/screenshots.feature: both journeys' pages against their reviewed baselines (screens.py)."""

from __future__ import annotations

from playwright.sync_api import expect
from typing import NamedTuple

from pytest_bdd import parsers, scenarios, then, when

from .conftest import sign_in_page
from .screens import WIDTHS, check_against_baseline

scenarios("web/browser/screenshots.feature")

TOP = {"": None}  # a page shot from its top


class Shots(NamedTuple):
    name: str
    path: str
    parts: dict[str, str | None]  # name in the file name -> CSS selector of where the shot starts (None: the top)


# The innermost elements that reach past the window's edge (and are not inside a box that
# clips or scrolls them), to name in a failure.
WIDEST = """(() => {
  const edge = document.documentElement.clientWidth;
  const clipped = (e) => {
    for (let up = e.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  const wide = [...document.querySelectorAll("body *")].filter((e) => {
    const box = e.getBoundingClientRect();
    return (box.right > edge + 1 || box.left < -1) && !clipped(e);
  });
  const innermost = wide.filter((e) => !wide.some((other) => other !== e && e.contains(other)));
  return innermost.slice(0, 5).map((e) => {
    const box = e.getBoundingClientRect();
    const name = e.tagName.toLowerCase() + (typeof e.className === "string" && e.className.trim()
      ? "." + e.className.trim().split(/\\s+/).join(".") : "");
    return `${name} (${Math.round(box.left)}..${Math.round(box.right)} px)`;
  }).join(", ");
})()"""


def look_at(page, journey: dict, journey_name: str, pages: list[Shots], language: str, width: str) -> None:
    """Open each page in ``language``, shoot its parts, and note whether it scrolled sideways."""
    for name, path, parts in pages:
        response = page.goto(path)
        assert response is not None and response.ok, f"{path} answered {response and response.status}"
        if page.locator("html").get_attribute("lang") != language:  # the account keeps the choice from then on
            with page.expect_navigation():
                page.locator(".language-switch").locator(f"button[value='{language}']").click()
        expect(page.locator("html")).to_have_attribute("lang", language)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            journey["sideways"].append(f"{path} is {overflow} px wider than the window: {page.evaluate(WIDEST)}")
        for part_name, part in parts.items():
            shot_name = "-".join(filter(None, (journey_name, name, part_name, language, width)))
            failure = check_against_baseline(page, shot_name, part)
            if failure:
                journey["differences"].append(failure)


def signed_in_page(browsing, live_server, journey, who: str, width: str):
    page = browsing.new_page(viewport=WIDTHS[width])
    sign_in_page(page, live_server.accounts[who])
    page.mouse.move(0, 0)  # no hover state in the shots
    journey["sideways"], journey["differences"] = [], []
    return page


@when(
    parsers.parse(
        "the architect looks at her projects, a new project, the upload page, a running check, a signed-off "
        'version\'s results and a version compared with the one before, in "{language}" at {width} px'
    )
)
def architect_looks(browsing, live_server, journey, language, width):
    page = signed_in_page(browsing, live_server, journey, "architect", width)
    staged = journey["staged"]
    compared = f"/projects/{staged.compared_project}"
    signed = f"/projects/{staged.signed_project}/versions/1"
    pages = [
        Shots("projects", "/projects/", TOP),
        Shots("new-project", "/projects/new", TOP),
        Shots("upload", f"{compared}/upload", TOP),
        Shots("progress", f"{compared}/versions/3", TOP),
        Shots("version", signed, {"": None, "findings": ".plan-and-findings"}),
        Shots("diff", f"{compared}/versions/2", {"": ".changes"}),
    ]
    look_at(page, journey, "architect", pages, language, width)


@when(
    parsers.parse(
        "the reviewer looks at the queue, a submission, a submission with her decisions and a signed-off "
        'submission, in "{language}" at {width} px'
    )
)
def reviewer_looks(browsing, live_server, journey, language, width):
    page = signed_in_page(browsing, live_server, journey, "reviewer", width)
    staged = journey["staged"]
    pages = [
        Shots("queue", "/review/", TOP),
        Shots(
            "submission",
            f"/review/submissions/{staged.compared_submission}",
            {"": None, "findings": ".plan-and-findings"},
        ),
        Shots("decisions", f"/review/submissions/{staged.decided_submission}", {"": ".plan-and-findings"}),
        Shots("signed-off", f"/review/submissions/{staged.signed_submission}", {"": None, "signoff": "#signoff"}),
    ]
    look_at(page, journey, "reviewer", pages, language, width)


@then("no page scrolls sideways")
def no_sideways_scrolling(journey):
    assert not journey["sideways"], "pages scroll sideways:\n" + "\n".join(journey["sideways"])


@then("every page looks as its reviewed baseline")
def as_baselines(journey):
    assert not journey["differences"], "\n".join(journey["differences"])

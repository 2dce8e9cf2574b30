"""Steps for browser/accessibility.feature: axe-core over every page of both journeys.

axe-core comes bundled with axe-playwright-python (no network); it runs in the page
as Chromium rendered it, so contrast, names and landmarks are judged on what people get.
Only "serious" and "critical" violations fail: "moderate" and "minor" ones are
best-practice advice that axe itself does not count as barriers.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from pytest_bdd import parsers, scenarios, then, when

from .conftest import sign_in_page

scenarios("web/browser/accessibility.feature")

FAILING_IMPACTS = {"serious", "critical"}
BROWSER_LOCALE = {"en": "en-GB", "fa": "fa-IR"}  # before sign-in the Accept-Language picks the language
AXE = Axe()


def audit(page, path: str, language: str, found: list[str]) -> None:
    """Open ``path``, make sure it is in ``language``, and add its serious/critical violations to ``found``."""
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    if page.locator("html").get_attribute("lang") != language:  # an account's stored choice wins over the browser
        with page.expect_navigation():
            page.locator(".language-switch").locator(f"button[value='{language}']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    results = AXE.run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    for violation in results.response["violations"]:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        found.append(f"{language} {path}: {violation['impact']} {violation['id']} ({violation['help']}) at {targets}")


@when(parsers.parse('a visitor reads the front page, sign-in and sign-up pages in "{language}"'))
def visitor_reads(browsing, journey, language):
    page = browsing.new_page(locale=BROWSER_LOCALE[language])
    found = journey["violations"] = []
    for path in ("/", "/signin", "/signup"):
        audit(page, path, language, found)


@when(
    parsers.parse(
        "the architect reads her projects, the project, its version's results, the upload page "
        'and her API tokens in "{language}"'
    )
)
def architect_reads(browsing, live_server, journey, language):
    page = browsing.new_page()  # signs in through the English form; audit() then switches the language
    sign_in_page(page, live_server.accounts["architect"])
    seeded = journey["seeded"]
    project = f"/projects/{seeded.project_id}"
    found = journey["violations"] = []
    for path in ("/projects/", project, f"{project}/versions/{seeded.number}", f"{project}/upload", "/account/tokens/"):
        audit(page, path, language, found)
        if path.endswith(f"/versions/{seeded.number}"):
            expect(page.locator("svg.plan").first).to_be_visible()  # the results, not the progress page


@when(parsers.parse('the reviewer reads the queue and the submission in "{language}"'))
def reviewer_reads(browsing, live_server, journey, language):
    page = browsing.new_page()  # signs in through the English form; audit() then switches the language
    sign_in_page(page, live_server.accounts["reviewer"])
    found = journey["violations"] = []
    for path in ("/review/", f"/review/submissions/{journey['seeded'].submission_id}"):
        audit(page, path, language, found)


@then("no page had a serious or critical axe-core violation")
def no_violation(journey):
    assert not journey["violations"], "axe-core found:\n" + "\n".join(journey["violations"])

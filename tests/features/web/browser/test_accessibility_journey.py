"""Steps for browser/accessibility.feature: axe-core over every page of both journeys.

axe-core comes bundled with axe-playwright-python (no network); it runs in the page
as Chromium rendered it, so contrast, names and landmarks are judged on what people get.
Only "serious" and "critical" violations fail: "moderate" and "minor" ones are
best-practice advice that axe itself does not count as barriers.
"""

from __future__ import annotations

import re
from email import message_from_bytes
from email import policy as mail_policy
from pathlib import Path

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
    axe_check(page, path, language, found)


def axe_check(page, where: str, language: str, found: list[str]) -> None:
    """Run axe-core over the page as it is now and add its serious/critical violations to ``found``."""
    results = AXE.run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    for violation in results.response["violations"]:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        found.append(f"{language} {where}: {violation['impact']} {violation['id']} ({violation['help']}) at {targets}")


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


@when(parsers.parse('a visitor signs up in "{language}" and opens the link e-mailed to her'))
def visitor_signs_up(browsing, live_server, journey, language):
    page = browsing.new_page(locale=BROWSER_LOCALE[language])
    found = journey["violations"] = []
    page.goto("/signup")
    expect(page.locator("html")).to_have_attribute("lang", language)
    form = page.locator("main form")
    form.locator("input[name='name']").fill("Mina Rahimi")
    form.locator("input[name='email']").fill("mina@example.org")
    form.locator("input[name='password']").fill("a long enough password")
    with page.expect_navigation():
        form.locator("button[type='submit']").click()
    expect(page.locator("[data-signup-sent]")).to_be_visible()
    axe_check(page, "/signup (the e-mail is sent)", language, found)
    (message,) = Path(live_server.app.config["MAIL_OUTBOX"]).glob("*.eml")
    body = message_from_bytes(message.read_bytes(), policy=mail_policy.default).get_content()
    link = re.search(r"/signup/confirm\?token=[\w-]+", body)
    assert link, body
    audit(page, link.group(0), language, found)
    expect(page.locator("main form button[type='submit']")).to_be_visible()  # the link is valid


@when(
    parsers.parse(
        "the architect reads the new project form, a running check, a version compared with the one before "
        'and a signed-off version in "{language}"'
    )
)
def architect_reads_more(browsing, live_server, journey, language):
    page = browsing.new_page()
    sign_in_page(page, live_server.accounts["architect"])
    staged = journey["staged"]
    compared = f"/projects/{staged.compared_project}"
    found = journey["violations"] = []
    audit(page, "/projects/new", language, found)
    audit(page, f"{compared}/versions/3", language, found)
    expect(page.locator(".check-progress")).to_be_visible()
    audit(page, f"{compared}/versions/2", language, found)
    expect(page.locator(".changes")).to_be_visible()
    audit(page, f"/projects/{staged.signed_project}/versions/1", language, found)
    expect(page.locator("#review-outcome")).to_be_visible()


@when(parsers.parse('the reviewer reads a submission with her decisions and a signed-off submission in "{language}"'))
def reviewer_reads_more(browsing, live_server, journey, language):
    page = browsing.new_page()
    sign_in_page(page, live_server.accounts["reviewer"])
    staged = journey["staged"]
    found = journey["violations"] = []
    audit(page, f"/review/submissions/{staged.decided_submission}", language, found)
    audit(page, f"/review/submissions/{staged.signed_submission}", language, found)
    expect(page.locator("#signoff")).to_be_visible()


@then("no page had a serious or critical axe-core violation")
def no_violation(journey):
    assert not journey["violations"], "axe-core found:\n" + "\n".join(journey["violations"])

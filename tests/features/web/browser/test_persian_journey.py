"""Steps for browser/persian.feature: the interface in Persian, right to left."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from pytest_bdd import parsers, scenarios, then, when

from web.i18n import translations

from .conftest import screenshot

scenarios("web/browser/persian.feature")

PERSIAN_LETTERS = re.compile(r"[\u0600-\u06FF]")
PERSIAN_DIGITS = re.compile(r"[۰-۹]")


def fa(message: str) -> str:
    """The Persian the page must show for ``message`` (and it must be translated)."""
    text = translations("fa").gettext(message)
    assert text != message and PERSIAN_LETTERS.search(text), f"{message!r} has no Persian translation"
    return text


def choose_language(page, name: str) -> None:
    with page.expect_navigation():
        page.locator(".language-switch").get_by_role("button", name=name).click()


@when(parsers.parse('a visitor opens the sign-in page and chooses "{language}"'))
def visitor_chooses(browsing, journey, language):
    page = journey["page"] = browsing.new_page()
    page.goto("/signin")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    choose_language(page, language)


@when(parsers.parse('the visitor chooses "{language}" again'))
@when(parsers.parse('she chooses "{language}"'))
def chooses_again(journey, language):
    choose_language(journey["page"], language)


@then(parsers.parse('the page is marked lang "{language}" and dir "{direction}"'))
def marked(journey, language, direction):
    html = journey["page"].locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", direction)


@then("the sign-in page's heading, field labels and button are in Persian")
def sign_in_in_persian(journey):
    page = journey["page"]
    form = page.locator("main form")
    expect(page.locator("main h1")).to_have_text(fa("Sign in"))
    expect(form.get_by_label(fa("E-mail address"))).to_be_visible()
    expect(form.get_by_label(fa("Password"))).to_be_visible()
    expect(form.get_by_role("button", name=fa("Sign in"))).to_be_visible()
    expect(page.locator(".site-header .brand")).to_have_text(fa("Security annex"))
    screenshot(page, "persian-signin")


@when(parsers.parse('she opens the results of version {number:d} of "{project}"'))
def open_results(journey, number, project):
    page = journey["page"]
    page.locator("table.projects").get_by_role("link", name=project).click()
    page.locator("table.versions tbody tr").first.get_by_role("link").click()
    expect(page.locator("svg.plan")).to_have_count(2)


@then("the results page's headings, verdict and findings list are in Persian, with Persian digits")
def results_in_persian(journey):
    page = journey["page"]
    expect(page.locator("main h1")).to_contain_text(fa("version %(number)s") % {"number": "۱"})
    expect(page.locator(".verdict-box .verdict-word")).to_have_text(fa("Fails"))
    expect(page.get_by_role("heading", name=fa("Findings"))).to_be_visible()
    expect(page.locator("table[data-findings] thead")).to_contain_text(fa("Rule"))
    first_number = page.locator("table[data-findings] .marker-number").first
    expect(first_number).to_have_text("۱")
    expect(page.locator(".verdict-box .summary")).to_contain_text(PERSIAN_DIGITS)
    # the page is laid out right to left: the findings table's first column is on the right
    table = page.locator("table[data-findings]").bounding_box()
    number_cell = page.locator("table[data-findings] thead th").first.bounding_box()
    assert number_cell["x"] + number_cell["width"] > table["x"] + table["width"] / 2
    screenshot(page, "persian-results")

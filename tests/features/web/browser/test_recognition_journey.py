"""Steps for browser/recognition.feature: a plan with no convention, from upload to findings named by type mark.

The plan is tests/support/persian_plan.py's (Persian layers, swing arcs, line windows,
type marks, no unit, no attributes), uploaded through the upload form in Chromium and
checked by the app's worker thread. The words the steps look for are the interface's
own messages in the journey's language (web.po) and the checker's (findings.po), so
the Persian journey proves the Persian pages.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect
from pytest_bdd import parsers, scenarios, then, when

from checker.reading.schedule import DATA_COLUMNS
from tests.support.persian_plan import write_persian_plan
from web.i18n import translations

from .conftest import CHECK_TIMEOUT_MS, screenshot

scenarios("web/browser/recognition.feature")

LANGUAGE_CODES = {"English": "en", "فارسی": "fa"}
HIGHLIGHTED = re.compile(r"\bhighlighted\b")


def t(journey, message: str) -> str:
    """``message`` as the page says it in the journey's language."""
    return translations(journey["language"]).gettext(message)


def label(page, text: str):
    return page.locator("main").get_by_label(re.compile(rf"^{re.escape(text)}(\s|$)"))


@when(parsers.parse('she chooses the language "{language}"'))
def choose_language(journey, language):
    journey["language"] = LANGUAGE_CODES[language]
    page = journey["page"]
    if journey["language"] != "en":
        with page.expect_navigation():
            page.locator(".language-switch").get_by_role("button", name=language).click()
    expect(page.locator("html")).to_have_attribute("lang", journey["language"])


@when(parsers.parse('she creates the project "{name}" with permit number "{permit}"'))
def create_project(journey, name, permit):
    page = journey["page"]
    page.locator("main").get_by_role("link", name=t(journey, "New project")).click()
    label(page, t(journey, "Project name")).fill(name)
    label(page, t(journey, "Permit number")).fill(permit)
    label(page, t(journey, "Municipality")).select_option(label="Example")
    page.get_by_role("button", name=t(journey, "Create the project")).click()
    expect(page.get_by_role("textbox", name=t(journey, "Storey name")).first).to_be_visible()


@when(parsers.parse('she uploads the plan drawn as an Iranian office draws it as the storey "{storey}"'))
def upload_plan(journey, tmp_path, storey):
    page = journey["page"]
    path = write_persian_plan(tmp_path / "tehran.dxf")
    page.get_by_role("textbox", name=t(journey, "Storey name")).first.fill(storey)
    page.get_by_role("textbox", name=t(journey, "Elevation (m)")).first.fill("0")
    page.get_by_label(t(journey, "DXF file")).first.set_input_files(path)
    page.get_by_role("button", name=t(journey, "Upload and check")).click()
    expect(page.locator("h1")).to_contain_text("Tehran house")
    journey["version_url"] = page.url


@then(
    parsers.parse("the version page shows what was recognised: {doors:d} doors and {windows:d} windows on the preview")
)
def preview_shown(journey, doors, windows):
    page = journey["page"]
    # shown as soon as the drawings are read, while the rules still run
    preview = page.locator("[data-preview] svg")
    expect(preview).to_be_visible(timeout=CHECK_TIMEOUT_MS)
    expect(preview.locator("path.door[data-handle]")).to_have_count(doors)  # not the legend's swatch
    expect(preview.locator("path.window[data-handle]")).to_have_count(windows)
    expect(page.get_by_role("heading", name=t(journey, "What was recognised"))).to_be_visible()


@then(parsers.parse('the recognised layers give "{walls}" the role walls, "{doors}" doors and "{windows}" windows'))
def layers_shown(journey, walls, doors, windows):
    page = journey["page"]
    for layer, role in ((walls, "walls"), (doors, "doors"), (windows, "windows")):
        row = page.locator(f'table.layer-roles tr[data-layer="{layer}"]')
        expect(row.locator("select")).to_have_value(role)
    screenshot(page, f"recognition-layers-{journey['language']}")


@when("the check finishes")
def check_finishes(journey):
    page = journey["page"]
    expect(page.locator("svg.plan")).to_have_count(1, timeout=CHECK_TIMEOUT_MS)


@then(parsers.parse('the schedule table has a row for each of "{marks}"'))
def schedule_rows(journey, marks):
    page = journey["page"]
    expect(page.get_by_role("heading", name=t(journey, "Openings schedule"))).to_be_visible()
    shown = page.locator("table.schedule-table input.mark")
    expect(shown).to_have_count(len(marks.split(", ")))
    assert sorted(shown.evaluate_all("inputs => inputs.map(i => i.value)")) == marks.split(", ")


@when("she points at the schedule's first row")
def point_at_row(journey):
    row = journey["page"].locator("table.schedule-table tbody tr").first
    journey["row_handle"] = row.get_attribute("data-handle")
    row.hover()


@then("its opening is highlighted on the preview")
def opening_highlighted(journey):
    path = journey["page"].locator(f'[data-preview] path[data-handle="{journey["row_handle"]}"]')
    expect(path).to_have_class(HIGHLIGHTED)


@when("she clicks a window on the preview")
def click_window(journey):
    window = journey["page"].locator("[data-preview] path.window[data-handle]").first
    journey["clicked_handle"] = window.get_attribute("data-handle")
    window.click(force=True)  # a line a few pixels wide: the click goes to its middle


@then("its row in the schedule is highlighted")
def row_highlighted(journey):
    row = journey["page"].locator(f'table.schedule-table tr[data-handle="{journey["clicked_handle"]}"]')
    expect(row).to_have_class(HIGHLIGHTED)


@when(
    parsers.parse(
        'she fills in the schedule: the D1 doors ENTRANCE RC2 "{cert}", the D2 door INTERNAL, '
        "the windows at {sill:d} and {head:d} mm with RC2 and P4A"
    )
)
def fill_schedule(journey, cert, sill, head):
    page = journey["page"]
    values = {
        "D1": {"ROLE": "ENTRANCE", "RC": "RC2", "CERT": cert},
        "D2": {"ROLE": "INTERNAL"},
        "W1": {"SILL": str(sill), "HEAD": str(head), "RC": "RC2", "GLAZING": "P4A"},
        "W2": {"SILL": str(sill), "HEAD": str(head), "RC": "RC2", "GLAZING": "P4A"},
    }
    rows = page.locator("table.schedule-table tbody tr")
    for index in range(rows.count()):
        row = rows.nth(index)
        mark = row.locator("input.mark").input_value()
        for column in DATA_COLUMNS:
            if column in values[mark]:
                row.locator(f'input[name$="-{column}"]').fill(values[mark][column])
    screenshot(page, f"recognition-schedule-{journey['language']}")


@when("she saves the schedule")
def save_schedule(journey):
    page = journey["page"]
    page.get_by_role("button", name=t(journey, "Save the schedule and check again")).click()


@then("version 2 is checked with it")
def version_two(journey):
    page = journey["page"]
    expect(page).to_have_url(re.compile(r"/versions/2$"))
    expect(page.locator("svg.plan")).to_have_count(1, timeout=CHECK_TIMEOUT_MS)


@then("its findings name the openings by their type marks and say which were inferred")
def findings_by_mark(journey):
    page = journey["page"]
    findings = page.locator("table[data-findings] tbody tr:not([hidden])")
    expect(findings.filter(has_text=re.compile(r"\bD1 \(")).first).to_be_visible()
    inferred = render_inferred(journey)
    expect(page.locator("table[data-findings] .badge-inferred").first).to_contain_text(inferred)
    screenshot(page, f"recognition-findings-{journey['language']}")


def render_inferred(journey) -> str:
    """The start of the checker's sentence for an inferred element, in the journey's language."""
    from checker.messages import text_of

    return text_of("recognised.inferred", journey["language"]).split("(")[0].strip()


@then("its openings table says the values came from the schedule")
def values_from_schedule(journey):
    page = journey["page"]
    page.locator("details.openings-details summary").click()
    scheduled = page.locator("table.openings .badge-schedule")
    expect(scheduled.first).to_be_visible()
    expect(scheduled.first).to_have_text(t(journey, "from the schedule"))
    # 3 doors with ROLE (+ RC and CERT on the two D1) and 3 windows with SILL, HEAD, RC, GLAZING
    expect(scheduled).to_have_count(2 * 3 + 1 + 3 * 4)
    screenshot(page, f"recognition-openings-{journey['language']}")


@then("no finding says that a door has no ROLE")
def no_role_gone(journey):
    page = journey["page"]
    page.goto(journey["page"].url.split("?")[0] + "?status=all")
    rows = page.locator('table[data-findings] tr[data-rule="OPEN-02"]')
    expect(rows.first).to_be_visible()
    no_role = render_no_role(journey)
    expect(page.locator("table[data-findings]")).not_to_contain_text(no_role)


def render_no_role(journey) -> str:
    """The longest argument-free piece of OPEN-02's 'has no ROLE' sentence, in the journey's language."""
    from checker.messages import text_of

    return max(re.split(r"\{[^}]+\}", text_of("OPEN-02.no-role", journey["language"])), key=len).strip()

"""Steps for browser/plans.feature: plans at the building's scale, right to left, phones."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from pytest_bdd import parsers, scenarios, then, when

from checker.report.i18n import SOLAR_HIJRI_MONTHS

from .conftest import screenshot, sign_in_page

scenarios("web/browser/plans.feature")

LATIN_DIGIT = re.compile(r"[0-9]")
PERSIAN_LETTER = re.compile(r"[\u0600-\u06FF]")

# Every element reaching past the screen's edge that no scrolling or clipping ancestor on
# screen holds in: what makes a page scroll sideways (or be cut off) on a phone.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width + 1) found.push("the page is " + document.documentElement.scrollWidth + " px wide");
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (!box.width || (box.right <= width + 1 && box.left >= -1)) continue;
    let held = false;
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX !== "visible") {
        const outer = parent.getBoundingClientRect();
        if (outer.right <= width + 1 && outer.left >= -1) { held = true; break; }
      }
    }
    if (!held) found.push(element.tagName.toLowerCase() + "." + element.className + " " + Math.round(box.left) + ".." + Math.round(box.right));
  }
  return found.slice(0, 12);
}"""


def open_page(browsing, live_server, who: str | None, width: int, language: str):
    page = browsing.new_page()
    page.set_viewport_size({"width": width, "height": 800 if width < 800 else 900})
    if who:
        sign_in_page(page, live_server.accounts[who])
    if language == "fa":
        page.goto("/signin" if not who else "/")
        with page.expect_navigation():
            page.locator(".language-switch").get_by_role("button", name="فارسی").click()
    return page


def version_url(journey) -> str:
    seeded = journey["seeded"]
    return f"/projects/{seeded.project_id}/versions/{seeded.number}"


@when(
    parsers.parse(
        'each page of the architect, of the reviewer and of a visitor is opened 360 px wide in "{first}" and in "{second}"'
    )
)
def every_page_narrow(browsing, live_server, journey, first, second):
    seeded = journey["seeded"]
    pages = {
        None: ["/", "/signin", "/signup"],
        "architect": [
            "/projects/",
            "/projects/new",
            f"/projects/{seeded.project_id}",
            f"/projects/{seeded.project_id}/upload",
            version_url(journey),
            "/account/tokens/",
        ],
        "reviewer": ["/review/", f"/review/submissions/{seeded.submission_id}"],
    }
    journey["overflows"] = {}
    for language in (first, second):
        for who, paths in pages.items():
            page = open_page(browsing, live_server, who, 360, language)
            for path in paths:
                page.goto(path)
                expect(page.locator("main")).to_be_visible()
                found = page.evaluate(OVERFLOWING)
                if found:
                    journey["overflows"][f"{language} {path}"] = found
                if path == version_url(journey):
                    screenshot(page, f"plans-phone-{language}")


@then("no page is wider than the screen and no element reaches past its edge")
def nothing_overflows(journey):
    assert not journey["overflows"], journey["overflows"]


@when(parsers.parse("the architect opens the results of her version {width:d} px wide"))
@when(parsers.parse("the architect opens the results of her version {width:d} px wide in {language}"))
def open_results(browsing, live_server, journey, width, language="English"):
    code = "fa" if language == "Persian" else "en"
    page = journey["page"] = open_page(browsing, live_server, "architect", width, code)
    page.goto(version_url(journey))
    expect(page.locator("svg.plan")).to_have_count(2)
    page.wait_for_function(
        "document.querySelector('.plan-controls') && !document.querySelector('.plan-controls').hidden"
    )
    screenshot(page, f"plans-{width}-{code}")


@then("every storey's plan shows the same number of metres per pixel")
def same_scale(journey):
    scales = journey["page"].evaluate(
        "() => [...document.querySelectorAll('svg.plan')].map(s => s.viewBox.baseVal.width / s.getBoundingClientRect().width)"
    )
    assert len(scales) == 2 and abs(scales[0] - scales[1]) < 0.01 * scales[0], scales


@then("the plan is framed on the building: the whole site is offered as a separate view")
def framed_on_building(journey):
    page = journey["page"]
    for svg in page.locator("svg.plan").all():
        view = [float(v) for v in svg.get_attribute("viewBox").split()]
        site = [float(v) for v in svg.get_attribute("data-site-view").split()]
        assert site[2] > 1.4 * view[2], (view, site)
    toggle = page.locator("[data-site-toggle]").first
    toggle.check()
    shown = [float(v) for v in page.locator("svg.plan").first.get_attribute("viewBox").split()]
    assert shown[2] == float(page.locator("svg.plan").first.get_attribute("data-site-view").split()[2])


@then("the plans and the findings list stand side by side")
def side_by_side(journey):
    page = journey["page"]
    plans = page.locator(".plan-and-findings > .plans").bounding_box()
    findings = page.locator(".findings-panel").bounding_box()
    assert plans["x"] + plans["width"] <= findings["x"] + 1, (plans, findings)
    assert plans["y"] < findings["y"] + findings["height"] and findings["y"] < plans["y"] + plans["height"]


@then("a plan is still on screen when the last finding of the list is scrolled into view")
def plan_stays(journey):
    page = journey["page"]
    rows = page.locator("table[data-findings] tbody tr:not([hidden])")
    rows.last.scroll_into_view_if_needed()
    expect(rows.last).to_be_in_viewport()
    expect(page.locator("svg.plan").first).to_be_in_viewport()


@then("no two markers' bounding boxes on a plan overlap")
def markers_apart(journey):
    overlapping = journey["page"].evaluate(
        """() => {
      const found = [];
      for (const svg of document.querySelectorAll("svg.plan")) {
        const boxes = [...svg.querySelectorAll(".marker circle")].map(c => [c.parentNode.dataset.finding, c.getBoundingClientRect()]);
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
          const [m, a] = boxes[i], [n, b] = boxes[j];
          if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) found.push([m, n]);
        }
      }
      return found;
    }"""
    )
    count = journey["page"].locator("svg.plan .marker").count()
    assert count > 10 and not overlapping, (count, overlapping)


@when("she clicks the marker of the third finding on the plan")
def click_marker(journey):
    page = journey["page"]
    marker = page.locator("svg.plan .marker").nth(2)
    journey["number"] = marker.get_attribute("data-finding")
    marker.click()


@then("that finding's row is highlighted and on screen")
def row_highlighted(journey):
    row = journey["page"].locator(f'tr[data-marker="{journey["number"]}"]')
    expect(row).to_have_class(re.compile(r"\bhighlighted\b"))
    expect(row).to_be_in_viewport()


@when("she clicks the row of the first finding")
def click_row(journey):
    row = journey["page"].locator("tr[data-marker]:not([hidden])").first
    journey["number"] = row.get_attribute("data-marker")
    row.locator("td.number").click()


@then("that finding's marker is highlighted")
def marker_highlighted(journey):
    marker = journey["page"].locator(f'svg.plan .marker[data-finding="{journey["number"]}"]').first
    expect(marker).to_have_class(re.compile(r"\bhighlighted\b"))
    expect(marker).to_be_in_viewport()


@then("every plan fits within the screen")
def plans_fit(journey):
    page = journey["page"]
    width = page.viewport_size["width"]
    for svg in page.locator("svg.plan").all():
        box = svg.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box


@when("she zooms in on the first plan")
def zoom_in(journey):
    page = journey["page"]
    figure = page.locator(".plans .plan-figure").first
    journey["marker_before"] = figure.locator(".marker circle").first.bounding_box()
    figure.locator('[data-plan-action="zoom-in"]').click()


@then("its markers are drawn one and a half times larger")
def larger(journey):
    after = journey["page"].locator(".plans .plan-figure").first.locator(".marker circle").first.bounding_box()
    ratio = after["width"] / journey["marker_before"]["width"]
    assert abs(ratio - 1.5) < 0.05, ratio


@when("she drags the plan")
def drag(journey):
    page = journey["page"]
    viewport = page.locator("[data-plan-viewport]").first.bounding_box()
    marker = page.locator(".plans .plan-figure").first.locator(".marker circle").first
    journey["marker_before"] = marker.bounding_box()
    x, y = viewport["x"] + viewport["width"] / 2, viewport["y"] + viewport["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 20, y - 15, steps=4)
    page.mouse.move(x - 40, y - 30, steps=4)
    page.mouse.up()


@then("the drawing moves with the pointer")
def moved(journey):
    after = journey["page"].locator(".plans .plan-figure").first.locator(".marker circle").first.bounding_box()
    before = journey["marker_before"]
    assert abs(after["x"] - before["x"] + 40) < 2 and abs(after["y"] - before["y"] + 30) < 2, (before, after)


@then(parsers.parse('no finding lists a parameter name such as "{first}" or "{second}"'))
def no_parameter_names(journey, first, second):
    notes = journey["page"].locator("table[data-findings] .provisional").all_text_contents()
    assert notes, "the example's ruleset is provisional: its findings name the figures"
    for note in notes:
        assert not re.search(r"\b[a-z]+_[a-z_]+\b|reach\.", note), note


@then("the plan's markers, the findings' numbers and the measured and required values have no Latin digit")
def persian_digits_only(journey):
    page = journey["page"]
    texts = page.locator("svg.plan .marker text").all_text_contents()
    texts += page.locator("table[data-findings] .marker-number").all_text_contents()
    texts += page.locator("table[data-findings] td.measured, table[data-findings] td.required").all_text_contents()
    assert len(texts) > 20
    # A class the plan or the ruleset states ("RC2 / PAS 24") is a name, kept as written.
    latin = [text for text in texts if LATIN_DIGIT.search(text) and not re.search(r"[A-Za-z]", text)]
    assert not latin, latin[:10]


@then("the measured and required values are in Persian words")
def values_in_persian(journey):
    cells = "table[data-findings] td.measured, table[data-findings] td.required"
    values = [v.strip() for v in journey["page"].locator(cells).all_text_contents() if v.strip()]
    assert sum(1 for v in values if PERSIAN_LETTER.search(v)) > 10, values[:10]
    # Names the plan or ruleset states are capitals (RC2, P4A, CERT); English words are not.
    english = [v for v in values if re.search(r"\b[a-z]{2,}\b|\d m\b", v)]
    assert not english, english[:10]


@then("the upload's date, the architect's name and every storey's name are each bidi-isolated")
def isolated_facts(journey):
    page = journey["page"]
    uploaded = page.locator("[data-uploaded]")
    expect(uploaded.locator("bdi")).to_have_count(3)  # when, who, ruleset
    storeys = page.locator("[data-storeys-line] bdi")
    assert storeys.count() >= 2
    expect(page.locator(".plan-figure figcaption bdi")).to_have_count(2)


@then("the upload's date is written in the Solar Hijri calendar with the Gregorian date beside")
def solar_hijri(journey):
    when = journey["page"].locator("[data-uploaded] time").first
    text = when.text_content()
    assert any(month in text for month in SOLAR_HIJRI_MONTHS), text
    assert "۲۰۲" in text and not LATIN_DIGIT.search(text), text  # the Gregorian year beside, in Persian digits


@then("the measured and required values are each bidi-isolated")
def isolated_values(journey):
    cells = journey["page"].locator("table[data-findings] td.measured, table[data-findings] td.required")
    bare = journey["page"].evaluate(
        """() => [...document.querySelectorAll("table[data-findings] td.measured, table[data-findings] td.required")]
          .filter(td => td.textContent.trim() && !td.querySelector("bdi")).length"""
    )
    assert cells.count() and not bare, bare


@when("the reviewer opens the example's submission 1366 px wide in Persian")
def reviewer_opens(browsing, live_server, journey):
    page = journey["page"] = open_page(browsing, live_server, "reviewer", 1366, "fa")
    page.goto(f"/review/submissions/{journey['seeded'].submission_id}")
    screenshot(page, "plans-reviewer-1366-fa")


@then("the architect's name and e-mail address, the address and every storey's name are each bidi-isolated")
def reviewer_facts_isolated(journey):
    page = journey["page"]
    architect = page.locator("[data-architect] bdi")
    expect(architect).to_have_count(2)
    expect(architect.nth(1)).to_have_attribute("dir", "ltr")
    expect(architect.nth(1)).to_contain_text("@")
    assert page.locator("[data-storeys-line] bdi").count() >= 4  # each storey's name and file name
    address = page.locator(".project-facts dd bdi").filter(has_text="Example")
    assert address.count() >= 1


@then("the submission's date is written in the Solar Hijri calendar with the Gregorian date beside")
def reviewer_date(journey):
    text = journey["page"].locator("[data-submitted] time").text_content()
    assert any(month in text for month in SOLAR_HIJRI_MONTHS), text
    assert "۲۰۲" in text and not LATIN_DIGIT.search(text), text


@then("every detail of the audit trail is in Persian, its values isolated")
def audit_in_persian(journey):
    page = journey["page"]
    page.reload()  # the first visit started the review: its event is in the trail now
    details = [d.strip() for d in page.locator("table[data-audit] td.detail").all_text_contents()]
    assert len(details) >= 3, details  # submitted, checked, review started
    english = [
        d for d in details if not PERSIAN_LETTER.search(d) or re.search(r"\b(version|storey|checked|opened)\b", d)
    ]
    assert not english, english
    assert page.locator("table[data-audit] td.detail bdi").count() >= 2  # the ruleset, the version number

"""Steps for annex_recognition.feature: the annex shows what was recognised, inferred and scheduled.

The plan is a real DXF drawn with PlanDrawing and read by the real loader. How its
openings were recognised is then set on their Sources (and where their values came
from on their attributes) exactly as the recognisers and the schedule set them, before
the real rules run: so the findings carry those Sources as they would for a drawing
read by recognition, and the annex is made from them by the real code.
"""

from __future__ import annotations

import csv
import dataclasses
import re
import subprocess
import unicodedata
from html.parser import HTMLParser

from pytest_bdd import given, parsers, scenarios, then, when

from checker.engine import run_rules
from checker.plan import OpeningKind
from checker.reading.dxf.starter import PlanDrawing
from checker.reading.load import load_plan
from checker.messages import render
from checker.report.annex import annex_html, annex_pdf, recognition
from tests.support.persian_plan import write_persian_plan

from .conftest import REPO, draw_house, plan_path, ruleset_named, run_annex

scenarios("annex_recognition.feature")

EXAMPLE = REPO / "examples" / "house" / "project.toml"
RULESET = "ir-police-annex"


# ---------------------------------------------------------------- reading the annex


class _Rows(HTMLParser):
    """The text of each row of one table class (cells joined by " | ")."""

    def __init__(self, table_class: str) -> None:
        super().__init__()
        self.table_class = table_class
        self.depth = 0  # >0 inside the wanted table
        self.rows: list[str] = []
        self._cells: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and self.table_class in (dict(attrs).get("class") or "").split():
            self.depth = 1
        elif tag == "table" and self.depth:
            self.depth += 1
        elif self.depth and tag == "tr":
            self._cells = []
        elif self.depth and tag in ("td", "th") and self._cells is not None:
            self._cells.append("")
        elif self.depth and tag == "br" and self._cells:
            self._cells[-1] += " "

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag == "tr" and self._cells is not None:
            self.rows.append(" | ".join(" ".join(c.split()) for c in self._cells))
            self._cells = None

    def handle_data(self, data):
        if self.depth and self._cells:
            self._cells[-1] += data


def table_rows(html: str, table_class: str) -> list[str]:
    parser = _Rows(table_class)
    parser.feed(plain(html))
    return parser.rows


def plain(text: str) -> str:
    """Without the bidi isolate controls the annex wraps values in."""
    return re.sub("[\u2066-\u2069]", "", text)


def visible_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", plain(html)).replace("&#39;", "'").replace("&amp;", "&").split())


def normalised(text: str) -> str:
    """Persian text as pdftotext gives it and as we write it, brought to one form (see test_annex)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Mn", "Cf"))
    return " ".join(text.replace("لا", "ال").split())


# ---------------------------------------------------------------- given


@given("a house whose front door has no resistance class")
def house_without_rc(ctx):
    drawing = PlanDrawing("mm")
    draw_house(drawing, ROLE="ENTRANCE", CERT="PAS 24:2022", GLAZING="NONE", VIEWER="YES")
    drawing.save(plan_path(ctx))
    ctx["plan"] = load_plan(plan_path(ctx))


@given(
    parsers.parse(
        'the reader recognised its openings by "{how}" with confidence {confidence:g} and the type marks "{door}" and "{window}"'
    )
)
def recognised_by(ctx, how, confidence, door, window):
    marks = {OpeningKind.DOOR: door, OpeningKind.WINDOW: window}

    def recognised(opening):
        source = dataclasses.replace(
            opening.source, recognised_by=how, confidence=confidence, type_mark=marks[opening.kind]
        )
        return dataclasses.replace(opening, source=source)

    _change_openings(ctx, recognised)


@given(
    parsers.parse('the front door\'s resistance class "{rc}" came from the openings schedule and its role was guessed')
)
def scheduled_values(ctx, rc):
    def scheduled(opening):
        if opening.kind is not OpeningKind.DOOR:
            return opening
        attributes = dataclasses.replace(
            opening.attributes,
            rc=rc,
            sources=(("RC", "schedule"), ("ROLE", "guess"), ("CERT", "block")),
        )
        return dataclasses.replace(opening, attributes=attributes)

    _change_openings(ctx, scheduled)


def _change_openings(ctx, change) -> None:
    plan = ctx["plan"]
    storeys = tuple(dataclasses.replace(s, openings=tuple(change(o) for o in s.openings)) for s in plan.storeys)
    ctx["plan"] = dataclasses.replace(plan, storeys=storeys)


@given("the example project checked")
def example_checked(ctx):
    ctx["plan"] = load_plan(EXAMPLE)


# ---------------------------------------------------------------- when


@when(parsers.parse('the plan is checked and its annex HTML made in "{language}"'))
@when(parsers.parse('its annex HTML is made in "{language}"'))
def checked_html(ctx, language):
    ctx["results"] = run_rules(ctx["plan"], ruleset_named(RULESET))
    ctx["html"] = annex_html(ctx["plan"], ctx["results"], language=language)
    ctx["text"] = visible_text(ctx["html"])


@when(parsers.parse('the plan is checked and its annex PDF made in "{language}"'))
def checked_pdf(ctx, language):
    ctx["results"] = run_rules(ctx["plan"], ruleset_named(RULESET))
    path = ctx["tmp"] / f"annex-{language}.pdf"
    path.write_bytes(annex_pdf(ctx["plan"], ctx["results"], language=language))
    ctx["pdf_text"] = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True, timeout=120
    ).stdout


# ---------------------------------------------------------------- then


def _opening(ctx, kind: OpeningKind):
    openings = [o for _s, o in ctx["plan"].openings() if o.kind is kind]
    assert len(openings) == 1, openings
    return openings[0]


def _row_of(ctx, kind: OpeningKind) -> str:
    handle = _opening(ctx, kind).source.handle
    rows = [r for r in table_rows(ctx["html"], "openings-table") if r.split(" | ")[0] == handle]
    assert len(rows) == 1, (handle, table_rows(ctx["html"], "openings-table"))
    return rows[0]


@then(parsers.parse('the openings table\'s row of the front door says "{first}" and "{second}"'))
def door_row_says(ctx, first, second):
    row = _row_of(ctx, OpeningKind.DOOR)
    assert first in row and second in row, row


@then(parsers.parse('the openings table\'s row of the window says "{first}" and "{second}"'))
def window_row_says(ctx, first, second):
    row = _row_of(ctx, OpeningKind.WINDOW)
    assert first in row and second in row, row


def _door_findings(ctx) -> list[str]:
    """The findings table's rows that name the front door's entity."""
    handle = _opening(ctx, OpeningKind.DOOR).source.handle
    rows = [r for r in table_rows(ctx["html"], "findings-table") if re.search(rf"\b{re.escape(handle)}\b", r)]
    assert rows, f"no finding names the front door {handle}"
    return rows


@then(parsers.parse('the findings on the front door name it by its type mark "{mark}"'))
def findings_name_mark(ctx, mark):
    for row in _door_findings(ctx):
        assert mark in row, row


@then(parsers.parse('the findings on the front door say "{note}"'))
def findings_say(ctx, note):
    for row in _door_findings(ctx):
        assert note in row, row


@then(parsers.parse('the findings on the front door do not say "{note}"'))
def findings_do_not_say(ctx, note):
    for row in _door_findings(ctx):
        assert note not in row, row
    assert note not in ctx["text"]


@then(parsers.parse('the annex has the legend "{legend}"'))
def has_legend(ctx, legend):
    assert legend in ctx["text"]


@then(parsers.parse('the annex has no legend "{legend}"'))
def has_no_legend(ctx, legend):
    assert legend not in ctx["text"]


@then(parsers.parse('every opening\'s row says "{said}"'))
def every_row_says(ctx, said):
    rows = table_rows(ctx["html"], "openings-table")[1:]  # after the header
    openings = [o for _s, o in ctx["plan"].openings()]
    handles = {o.source.handle for o in openings}
    opening_rows = [r for r in rows if r.split(" | ")[0] in handles]
    assert len(opening_rows) == len(openings) > 0
    assert all(said in r for r in opening_rows), [r for r in opening_rows if said not in r]
    assert "†" not in ctx["text"] and "*" not in " ".join(opening_rows)


@then(parsers.parse('the PDF text says "{text}"'))
def pdf_says(ctx, text):
    assert normalised(text) in normalised(ctx["pdf_text"]), text


# ---------------------------------------------------------------- the real path: CLI, schedule, annex


@given("the plan drawn as an Iranian office draws it")
def persian_plan(ctx):
    ctx["persian_plan"] = write_persian_plan(ctx["tmp"] / "tehran.dxf")


@when(
    parsers.parse(
        'its openings schedule is written with "annex schedule", every door is given RC "{rc}" in it, '
        'and the plan is checked with it into a PDF annex in "{language}"'
    )
)
def schedule_and_check(ctx, rc, language):
    plan, schedule = ctx["persian_plan"], ctx["tmp"] / "openings.csv"
    written = run_annex(ctx, f"schedule {plan} -o {schedule}")
    assert written.returncode == 0, written.stderr
    with schedule.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["kind"] == "door":
            row["RC"] = rc
    with schedule.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    pdf = ctx["tmp"] / f"annex-{language}.pdf"
    checked = run_annex(ctx, f"check {plan} --schedule {schedule} --language {language} --pdf {pdf}")
    assert checked.returncode in (0, 1), checked.stderr
    ctx["pdf_text"] = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    ctx["plan"] = load_plan(plan, schedule=schedule)
    ctx["language"] = language


@then(
    "the PDF text names every opening's type mark with how it was recognised, as the plan read with the schedule says"
)
def pdf_names_marks(ctx):
    # pdftotext may set a separator or the † mark on the other side of a number in a
    # right-to-left line; the words and the number are compared without them.
    def words(text: str) -> str:
        return " ".join(re.sub("[،,†]", " ", normalised(text)).split())

    text = words(ctx["pdf_text"])
    openings = [o for _s, o in ctx["plan"].openings()]
    assert openings and all(o.source.type_mark for o in openings)
    for opening in openings:
        said = render(recognition(opening.source.recognised_by, opening.source.confidence), ctx["language"])
        assert opening.source.type_mark in text
        assert words(said) in text, said


@then(parsers.parse('the PDF text gives the doors\' resistance class "{value}" with the schedule\'s mark "{mark}"'))
def pdf_marked_value(ctx, value, mark):
    # The mark follows the value; pdftotext writes a right-to-left page's line in visual
    # order, so in the Persian annex it comes out before it.
    doors = sum(1 for _s, o in ctx["plan"].openings() if o.kind is OpeningKind.DOOR)
    found = re.findall(
        rf"{re.escape(value)}{re.escape(mark)}|{re.escape(mark)}\u202a?{re.escape(value)}", ctx["pdf_text"]
    )
    assert len(found) == doors, (found, doors)

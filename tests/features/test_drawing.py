"""Steps for drawing.feature."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, scenarios, then, when

from checker.engine import run_rules
from checker.reading.load import load_plan
from checker.report.drawing import STATUS_COLOURS, storey_drawing
from checker.results import Status

from .conftest import REPO, ruleset_named

scenarios("drawing.feature")

SHOWN = (Status.FAIL, Status.NOT_ASSESSABLE, Status.ERROR)


@given(parsers.parse('the bundled example checked under "{ruleset}"'))
def example_checked(ctx, ruleset):
    ctx["plan"] = load_plan(REPO / "examples" / "house" / "project.toml")
    ctx["results"] = run_rules(ctx["plan"], ruleset_named(ruleset))


@when("each storey is drawn with the failing and unjudged findings numbered")
def drawn(ctx):
    shown = [f for f in ctx["results"].findings if f.status in SHOWN]
    ctx["numbered"] = list(enumerate(shown, start=1))
    ctx["drawings"] = {s.name: storey_drawing(s, ctx["numbered"]) for s in ctx["plan"].storeys}
    assert ctx["numbered"], "the example should have findings to draw"


def markers(svg: str) -> list[tuple[int, str]]:
    return [
        (int(n), colour) for n, colour in re.findall(r'data-finding="(\d+)"><circle [^>]*fill="(#[0-9a-f]{6})"', svg)
    ]


@then("every numbered finding has exactly one marker, on the storey of its marks")
def one_marker_each(ctx):
    placed: dict[int, list[str]] = {}
    for name, drawing in ctx["drawings"].items():
        for number, _ in markers(drawing.svg):
            placed.setdefault(number, []).append(name)
    for number, finding in ctx["numbered"]:
        storeys = sorted({m.storey for m in finding.marks})
        assert sorted(placed.get(number, [])) == storeys, (number, finding.rule, finding.message)


@then("failing markers are red and unjudged markers amber")
def colours(ctx):
    by_number = dict(ctx["numbered"])
    for drawing in ctx["drawings"].values():
        for number, colour in markers(drawing.svg):
            assert colour == STATUS_COLOURS[by_number[number].status]
    statuses = {f.status for _, f in ctx["numbered"]}
    assert {Status.FAIL, Status.NOT_ASSESSABLE} <= statuses


@then("every finding with a measured line draws it dashed in its colour")
def measured_lines(ctx):
    for _number, finding in ctx["numbered"]:
        for mark in finding.marks:
            if mark.kind == "measure":
                svg = ctx["drawings"][mark.storey].svg
                assert f'class="measure" style="stroke:{STATUS_COLOURS[finding.status]}"' in svg, finding.rule


@then(parsers.parse('the ground floor\'s labels include "{first}" and "{second}" within the drawing'))
def labels(ctx, first, second):
    drawing = ctx["drawings"]["Ground floor"]
    found = {label.text: label for label in drawing.labels}
    for name in (first, second):
        assert 0 <= found[name].x_percent <= 100 and 0 <= found[name].y_percent <= 100


@then("no room name appears in any SVG")
def no_names(ctx):
    for storey in ctx["plan"].storeys:
        svg = ctx["drawings"][storey.name].svg
        for space in storey.spaces:
            assert space.name and f">{space.name}<" not in svg

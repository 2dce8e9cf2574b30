"""Steps for recognition_walls.feature: walls in every drawing style, their thickness and gaps."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from checker.plan import OpeningKind
from checker.reading.load import load_plan
from checker.reading.recognition.walls import find_gaps, segments_of, typical_thickness

from .recognition_drawing import WALL, Sketch

scenarios("recognition_walls.feature")


@given(
    parsers.parse(
        "a 10 m by 8 m house in {unit} whose walls are drawn as {style}, with a {gap:g} m gap at 2 m in the front wall"
    )
)
def house(ctx, unit, style, gap):
    sketch = Sketch(unit)
    ctx["gap"] = (2.0, 2.0 + gap)
    if style == "double lines with a solid hatch between":
        sketch.house("double lines", front_gaps=[ctx["gap"]])
        sketch.house("solid hatches", front_gaps=[ctx["gap"]])
    else:
        sketch.house(style, front_gaps=[ctx["gap"]])
    ctx["sketch"] = sketch


@given("a swing arc and leaf line in the gap")
def swing(ctx):
    x0, x1 = ctx["gap"]
    ctx["sketch"].swing((x0, WALL), x1 - x0)


@when("the plan is loaded")
def load(ctx):
    ctx["plan"] = load_plan(ctx["sketch"].save(ctx["tmp"] / "plan.dxf"))
    ctx["storey"] = ctx["plan"].storeys[0]


@then("the storey has walls on layer A-WALL")
def has_walls(ctx):
    assert ctx["storey"].walls and {w.source.layer for w in ctx["storey"].walls} == {"A-WALL"}


@then(parsers.parse("the walls are {thickness} thick"))
def thickness(ctx, thickness):
    found = typical_thickness([w.geometry for w in ctx["storey"].walls])
    if thickness == "not shown":
        assert found is None
    else:
        assert found == pytest.approx(float(thickness.removesuffix(" m")), abs=0.01)


@then(parsers.parse("the footprint covers {area:g} m2"))
def footprint(ctx, area):
    assert ctx["storey"].footprint is not None
    assert ctx["storey"].footprint.area == pytest.approx(area, rel=0.03)


@then(parsers.parse("the swing arc is a door hinged at a wall gap, {width:g} m wide"))
def door_in_gap(ctx, width):
    doors = [o for o in ctx["storey"].openings if o.kind is OpeningKind.DOOR]
    assert len(doors) == 1, [str(o.source.reason) for o in doors]
    assert doors[0].source.reason.id == "recognition.door-arc-leaf-gap", str(doors[0].source.reason)
    assert doors[0].width_m == pytest.approx(width, abs=0.02)
    assert doors[0].host_wall is not None


@then(parsers.parse("the storey has {count:d} wall, recognised by {how}"))
def wall_count(ctx, count, how):
    walls = ctx["storey"].walls
    assert len(walls) == count and {w.source.recognised_by for w in walls} == {how}


@then("no gap is found in the walls")
def no_gap(ctx):
    assert len(find_gaps(segments_of([w.geometry for w in ctx["storey"].walls]))) == 0

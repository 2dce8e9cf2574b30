"""Steps for the features about what surrounds a door: OPEN-03, OPEN-05, ENTR-01, ENTR-03.

Doors, windows and lights drawn at given plan coordinates (metres), a house whose
front door sits in a recess, a first floor carrying a light, and Then steps that
pick a door's finding about one window or its own leaf and read its measure mark.
Step modules re-export these with ``from .door_surroundings_steps import *``.
"""

from __future__ import annotations

from pytest_bdd import given, parsers, then

from checker.reading.dxf.starter import PlanDrawing

from .conftest import HOUSE
from .rule_steps import _pick, findings_of, parse_attributes

_POINT = r"\((?P<{0}x>-?[\d.]+), (?P<{0}y>-?[\d.]+)\)"
_SPAN = _POINT.format("a") + " to " + _POINT.format("b")


def _span(match: dict) -> tuple[tuple[float, float], tuple[float, float]]:
    return (float(match["ax"]), float(match["ay"])), (float(match["bx"]), float(match["by"]))


def _handles(ctx) -> dict:
    return ctx.setdefault("handles", {})


# ---------------------------------------------------------------- given


@given(parsers.re(r'the plan has a door "(?P<name>[^"]+)" from ' + _SPAN + r" with (?P<attributes>.+)"))
def door_at(ctx, drawing, name, attributes, ax, ay, bx, by):
    start, end = _span(locals())
    _handles(ctx)[name] = drawing.door(start, end, **parse_attributes(attributes))


@given(parsers.re(r'the plan has a window "(?P<name>[^"]+)" from ' + _SPAN + r" with (?P<attributes>.+)"))
def window_at(ctx, drawing, name, attributes, ax, ay, bx, by):
    start, end = _span(locals())
    _handles(ctx)[name] = drawing.window(start, end, **parse_attributes(attributes))


@given(parsers.re(r"the plan has an internal wall from " + _SPAN + r", 0.1 m thick"))
def internal_wall(drawing, ax, ay, bx, by):
    start, end = _span(locals())
    drawing.wall(start, end, 0.1)


@given(parsers.re(r'the plan has a light "(?P<name>[^"]+)" at ' + _POINT.format("a")))
def light_at(ctx, drawing, name, ax, ay):
    _handles(ctx)[name] = drawing.light((float(ax), float(ay)))


@given(
    parsers.parse(
        "the plan shows the walls of a 10 m by 8 m house with a recess {depth:g} m deep and {width:g} m wide in its front"
    )
)
def house_with_recess(ctx, drawing, depth, width):
    """The south wall steps back between x = 4 and 4 + width: the recess's back wall is at y = depth."""
    x0, x1 = 4.0, 4.0 + width
    drawing.walls_loop([(0, 0), (x0, 0), (x0, depth), (x1, depth), (x1, 0), *HOUSE[1:]], thickness=0.3)
    ctx["recess"] = (x0, x1, depth)


@given("the plan shows the walls of an L-shaped house whose part east of x = 4 is set back 1.5 m")
def l_shaped_house(drawing):
    drawing.walls_loop([(0, 0), (4, 0), (4, 1.5), (10, 1.5), (10, 8), (0, 8)], thickness=0.3)


@given(
    parsers.re(
        r'the plan has a door "(?P<name>[^"]+)" (?P<width>[\d.]+) m wide centred in the back of the recess with (?P<attributes>.+)'
    )
)
def door_in_recess(ctx, drawing, name, width, attributes):
    x0, x1, depth = ctx["recess"]
    middle, half = (x0 + x1) / 2, float(width) / 2
    _handles(ctx)[name] = drawing.door((middle - half, depth), (middle + half, depth), **parse_attributes(attributes))


@given(
    parsers.re(
        r'the plan has a first floor 2.8 m up, with walls and a light "(?P<name>[^"]+)" at ' + _POINT.format("a")
    )
)
def first_floor_with_light(ctx, name, ax, ay):
    first = PlanDrawing("mm")
    first.walls_loop(HOUSE, thickness=0.3)
    _handles(ctx)[name] = first.light((float(ax), float(ay)))
    ctx["drawings"]["first"] = first
    ctx["manifest"] = ctx["tmp"] / "project.toml"
    ctx["manifest"].write_text(
        '[project]\nname = "Two storeys"\n\n'
        '[[storeys]]\nname = "Ground floor"\nfile = "plan.dxf"\nelevation = 0.0\n\n'
        '[[storeys]]\nname = "First floor"\nfile = "first.dxf"\nelevation = 2.8\n',
        encoding="utf-8",
    )


# ---------------------------------------------------------------- then


def _of(ctx, rule: str, names: tuple[str, ...]) -> list:
    wanted = {ctx["handles"][n] for n in names}
    return [f for f in findings_of(ctx, rule) if {e.handle for e in f.elements} == wanted]


@then(parsers.parse('the {rule} finding for window "{window}" near door "{door}" is {status}'))
def finding_for_window_near_door(ctx, rule, window, door, status):
    _pick(ctx, rule, status, _of(ctx, rule, (door, window)), f"for window {window} near door {door}")


@then(parsers.parse('the {rule} finding for the leaf of door "{door}" is {status}'))
def finding_for_leaf(ctx, rule, door, status):
    _pick(ctx, rule, status, _of(ctx, rule, (door,)), f"for the leaf of door {door}")


@then(parsers.parse('there is no {rule} finding for window "{name}"'))
def no_finding_for_window(ctx, rule, name):
    handle = ctx["handles"][name]
    chosen = [f for f in findings_of(ctx, rule) if handle in {e.handle for e in f.elements}]
    assert not chosen, [f.message for f in chosen]


@then(parsers.parse('there are {count:d} {rule} findings for door "{name}"'))
def count_for_door(ctx, count, rule, name):
    handle = ctx["handles"][name]
    chosen = [f for f in findings_of(ctx, rule) if handle in {e.handle for e in f.elements}]
    assert len(chosen) == count, [f.message for f in chosen]


@then(parsers.parse('it also points at {kind} "{name}"'))
def it_also_points_at(ctx, kind, name):
    assert ctx["handles"][name] in {e.handle for e in ctx["finding"].elements}, ctx["finding"].elements


def _measures(ctx, geometry_type: str) -> list:
    return [m for m in ctx["finding"].marks if m.kind == "measure" and m.geometry.geom_type == geometry_type]


@then(parsers.parse("its measure mark is a line {length:g} m long"))
def measure_line(ctx, length):
    lines = _measures(ctx, "LineString")
    assert len(lines) == 1, ctx["finding"].marks
    assert round(lines[0].geometry.length, 3) == length, lines[0].geometry


@then(parsers.parse("its measure marks are a circle of radius {radius:g} m and a line {length:g} m long"))
def measure_circle_and_line(ctx, radius, length):
    measure_circle(ctx, radius)
    measure_line(ctx, length)


@then(parsers.parse("its measure mark is a circle of radius {radius:g} m"))
def measure_circle(ctx, radius):
    circles = _measures(ctx, "Polygon")
    assert len(circles) == 1, ctx["finding"].marks
    bounds = circles[0].geometry.bounds
    assert round((bounds[2] - bounds[0]) / 2, 3) == radius, bounds


@then(parsers.parse("its measure mark is the zone within {distance:g} m of the door"))
def measure_zone(ctx, distance):
    zones = _measures(ctx, "Polygon")
    assert len(zones) == 1, ctx["finding"].marks
    door = next(m.geometry for m in ctx["finding"].marks if m.kind == "element")
    assert round(zones[0].geometry.exterior.hausdorff_distance(door), 3) == distance, zones[0].geometry


@then("it has no measure mark")
def no_measure_mark(ctx):
    assert not [m for m in ctx["finding"].marks if m.kind == "measure"], ctx["finding"].marks


@then(parsers.parse('its marks are on storeys "{storeys}"'))
def marks_on_storeys(ctx, storeys):
    expected = {s.strip() for s in storeys.split(",")}
    assert {m.storey for m in ctx["finding"].marks} == expected, ctx["finding"].marks


@then(parsers.parse('every {rule} finding has provisional "{names}"'))
def every_finding_provisional(ctx, rule, names):
    expected = tuple(n.strip() for n in names.split(","))
    assert all(f.provisional == expected for f in findings_of(ctx, rule)), [
        f.provisional for f in findings_of(ctx, rule)
    ]

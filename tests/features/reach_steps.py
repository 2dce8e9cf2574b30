"""Steps for the reach features (OPEN-01, OPEN-04, OPEN-06): openings placed in a
named wall at given x, access surfaces, two-storey houses, and findings picked by
opening and storey (DXF handles repeat across the files of a project).

Step modules re-export these with ``from .reach_steps import *``.
"""

from __future__ import annotations

from pytest_bdd import given, parsers, then

from checker.reading.dxf.starter import PlanDrawing
from checker.results import Status
from checker.rulesets import load_ruleset

from .rule_steps import *  # noqa: F401,F403  (shared steps)
from .rule_steps import _show, findings_of, parse_attributes

HOUSE_WIDTH = 10.0
FLOORS = {
    "plan": ("plan", "Storey 1"),
    "ground floor": ("ground", "Ground floor"),
    "first floor": ("first", "First floor"),
}


def _loop(width: float, depth: float) -> list[tuple[float, float]]:
    return [(0, 0), (width, 0), (width, depth), (0, depth)]


def _floor(ctx, floor: str) -> tuple[PlanDrawing, str, float]:
    """The drawing, storey name and depth (north wall's y) of ``floor``."""
    key, storey = FLOORS[floor]
    return ctx["drawings"][key], storey, ctx.get("depths", {}).get(key, 8.0)


def _write_two_storeys(ctx, first_depth: float, elevation: float) -> PlanDrawing:
    ground, first = PlanDrawing("mm"), PlanDrawing("m")
    ground.walls_loop(_loop(HOUSE_WIDTH, 8.0), thickness=0.3)
    first.walls_loop(_loop(HOUSE_WIDTH, first_depth), thickness=0.3)
    ctx["drawings"].update(ground=ground, first=first)
    ctx["depths"] = {"ground": 8.0, "first": first_depth}
    ctx["manifest"] = ctx["tmp"] / "project.toml"
    ctx["manifest"].write_text(
        '[project]\nname = "Reach"\n\n'
        '[[storeys]]\nname = "Ground floor"\nfile = "ground.dxf"\nelevation = 0.0\n\n'
        f'[[storeys]]\nname = "First floor"\nfile = "first.dxf"\nelevation = {elevation}\n',
        encoding="utf-8",
    )
    return ground


# ---------------------------------------------------------------- given


@given(
    parsers.parse("a two-storey house 10 m by 8 m whose first floor is at {elevation:g} m"), target_fixture="drawing"
)
def two_storeys(ctx, elevation):
    return _write_two_storeys(ctx, 8.0, elevation)


@given(
    parsers.parse(
        "a two-storey house whose ground floor is 10 m by 8 m and whose first floor, at {elevation:g} m, is 10 m by {depth:g} m"
    ),
    target_fixture="drawing",
)
def two_storeys_set_back(ctx, elevation, depth):
    return _write_two_storeys(ctx, depth, elevation)


@given(
    parsers.re(
        r'the (?P<floor>plan|ground floor|first floor) has an? (?P<kind>window|door) "(?P<name>[^"]+)" in the '
        r"(?P<side>north|south) wall at x (?P<a>[\d.]+) to (?P<b>[\d.]+) with (?P<attributes>.+)"
    )
)
def opening_at(ctx, floor, kind, name, side, a, b, attributes):
    drawing, storey, depth = _floor(ctx, floor)
    y = depth if side == "north" else 0.0
    draw = drawing.window if kind == "window" else drawing.door
    handle = draw((float(a), y), (float(b), y), **parse_attributes(attributes))
    ctx.setdefault("openings", {})[name] = (handle, storey)
    ctx.setdefault("spans", {})[name] = (float(a), float(b), y, floor)
    if kind == "door":
        ctx.setdefault("handles", {})[name] = handle


@given(
    parsers.re(
        r'the plan has an internal (?P<kind>window|door) "(?P<name>[^"]+)" at x (?P<a>[\d.]+) to (?P<b>[\d.]+), '
        r"y (?P<y>[\d.]+) with (?P<attributes>.+)"
    )
)
def internal_opening(ctx, drawing, kind, name, a, b, y, attributes):
    draw = drawing.window if kind == "window" else drawing.door
    handle = draw((float(a), float(y)), (float(b), float(y)), **parse_attributes(attributes))
    ctx.setdefault("openings", {})[name] = (handle, "Storey 1")


@given(
    parsers.re(
        r'the plan has a window "(?P<name>[^"]+)" (?P<gap>[\d.]+) m (?P<side>east|west) of door "(?P<door>[^"]+)", '
        r"(?P<width>[\d.]+) m wide, with (?P<attributes>.+)"
    )
)
def window_beside_door(ctx, name, gap, side, door, width, attributes):
    a, b, y, floor = ctx["spans"][door]
    drawing, storey, _ = _floor(ctx, floor)
    gap, width = float(gap), float(width)
    if side == "east":
        start, end = max(a, b) + gap, max(a, b) + gap + width
    else:
        start, end = min(a, b) - gap - width, min(a, b) - gap
    handle = drawing.window((start, y), (end, y), **parse_attributes(attributes))
    ctx.setdefault("openings", {})[name] = (handle, storey)
    ctx.setdefault("spans", {})[name] = (start, end, y, floor)


@given(
    parsers.re(
        r'the plan has an? (?P<kind>roof|balcony|climbing aid) "(?P<name>[^"]+)" (?P<height>[\d.]+) m high over '
        r"x (?P<x0>[\d.-]+) to (?P<x1>[\d.-]+), y (?P<y0>[\d.-]+) to (?P<y1>[\d.-]+)(?: sloped (?P<slope>[\d.]+) degrees)?"
    )
)
def access_surface(ctx, drawing, kind, name, height, x0, x1, y0, y1, slope):
    x0, x1, y0, y1 = float(x0), float(x1), float(y0), float(y1)
    handle = drawing.access_surface(
        [(x0, y0), (x1, y0), (x1, y1), (x0, y1)],
        float(height),
        kind=kind.replace(" ", "_"),
        slope=float(slope) if slope else None,
    )
    ctx.setdefault("surfaces", {})[name] = handle


# ---------------------------------------------------------------- then


def _of_opening(ctx, rule: str, name: str) -> list:
    handle, storey = ctx["openings"][name]
    return [
        f
        for f in findings_of(ctx, rule)
        if f.elements and (f.elements[0].handle, f.elements[0].storey) == (handle, storey)
    ]


def _pick(ctx, rule: str, name: str, status: str):
    chosen = _of_opening(ctx, rule, name)
    assert len(chosen) == 1, f"expected one {rule} finding for {name}, got:\n{_show(findings_of(ctx, rule))}"
    finding = chosen[0]
    assert finding.status is Status(status), f"{rule} {name}: {finding.status.value}, not {status}: {finding.message}"
    ctx["finding"] = finding
    ctx["finding_opening"] = name


@then(parsers.parse('the {rule} finding for window "{name}" is {status}'))
def finding_for_window(ctx, rule, name, status):
    _pick(ctx, rule, name, status)


@then(parsers.parse('the {rule} finding for the door "{name}" is {status}'))
def finding_for_the_door(ctx, rule, name, status):
    _pick(ctx, rule, name, status)


@then(parsers.parse('there is no {rule} finding for window "{name}"'))
def no_finding_for_window(ctx, rule, name):
    chosen = _of_opening(ctx, rule, name)
    assert not chosen, _show(chosen)


@then("it points at the opening only")
def points_at_opening_only(ctx):
    handle, storey = ctx["openings"][ctx["finding_opening"]]
    assert [(e.handle, e.storey) for e in ctx["finding"].elements] == [(handle, storey)], ctx["finding"].elements


@then(parsers.parse('it points at the opening and surface "{surface}"'))
def points_at_opening_and_surface(ctx, surface):
    handle, storey = ctx["openings"][ctx["finding_opening"]]
    elements = ctx["finding"].elements
    assert [e.handle for e in elements] == [handle, ctx["surfaces"][surface]], elements
    assert elements[0].storey == storey, elements


@then(parsers.parse('it points at the opening and door "{door}"'))
def points_at_opening_and_door(ctx, door):
    handle, _ = ctx["openings"][ctx["finding_opening"]]
    door_handle, _ = ctx["openings"][door]
    assert [e.handle for e in ctx["finding"].elements] == [handle, door_handle], ctx["finding"].elements


@then(parsers.parse("it marks the opening and {count:d} measured line"))
@then(parsers.parse("it marks the opening and {count:d} measured lines"))
def marks_opening_and_lines(ctx, count):
    marks = ctx["finding"].marks
    assert marks[0].kind == "element" and marks[0].geometry.geom_type == "LineString", marks
    measures = [m for m in marks[1:] if m.kind == "measure" and m.geometry.geom_type == "LineString"]
    assert len(measures) == count == len(marks) - 1, marks
    handle, storey = ctx["openings"][ctx["finding_opening"]]
    assert all(m.storey == storey for m in marks), marks


@then(parsers.parse("the measured line runs {length:g} m"))
def measured_line_length(ctx, length):
    (line,) = [m.geometry for m in ctx["finding"].marks if m.kind == "measure"]
    assert abs(line.length - length) < 1e-3, line


@then(parsers.parse('the ruleset "{name}" sets {rule} {parameter} to {value}'))
def ruleset_sets(name, rule, parameter, value):
    (entry,) = [e for e in load_ruleset(name).rules if e.rule.id == rule]
    assert str(entry.params[parameter]).lower() == value.lower(), entry.params


@then(parsers.parse('the ruleset "{name}" does not enable {rule}'))
def ruleset_does_not_enable(name, rule):
    assert rule not in {e.rule.id for e in load_ruleset(name).rules}


@then(parsers.parse("its provisional figures include {names}"))
def provisional_include(ctx, names):
    wanted = {n.strip() for n in names.split(",")}
    assert wanted <= set(ctx["finding"].provisional), ctx["finding"].provisional

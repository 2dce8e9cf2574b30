"""Steps shared by the SITE features: a street, a site, fences, climbing aids, stores
and rooms around the 10 m x 8 m house, and picking findings by the element they name.

The house stands on x 0..10, y 0..8 (front wall on y = 0). The street runs along
the front, y -12..-6; the site runs from the street to y = 16, x -4..14. Named
elements are kept in ``ctx["elements"]`` (not ``ctx["handles"]``, which places doors).
"""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, then

from checker.reading.dxf.starter import PlanDrawing

from .rule_steps import _pick, _show, findings_of, parse_attributes

STREET_EDGE = -6.0


def rect(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def remember(ctx, name: str, handle: str) -> str:
    ctx.setdefault("elements", {})[name] = handle
    return handle


FENCE_PLACES = {
    "along the rear of the site": [(-4.0, 16.0), (14.0, 16.0)],
    "along the east side of the site": [(14.0, 1.0), (14.0, 16.0)],
    "across the garden": [(-4.0, 10.0), (14.0, 10.0)],
}


def fence_points(place: str) -> list[tuple[float, float]]:
    match = re.fullmatch(r"([\d.]+) m behind the street", place)
    if match:
        y = STREET_EDGE + float(match.group(1))
        return [(-4.0, y), (14.0, y)]
    return FENCE_PLACES[place]


def store_polygon(place: str) -> list[tuple[float, float]]:
    match = re.fullmatch(r"([\d.]+) m behind the rear wall", place)
    if match:
        y = 8.0 + float(match.group(1))
        return rect(4.5, y, 6.5, y + 1.0)
    return {
        "in the front garden": rect(11.0, -4.0, 13.0, -3.0),
        "inside the house": rect(8.5, 6.0, 9.85, 7.85),
    }[place]


# ---------------------------------------------------------------- given


@given("the plan shows a street along the front of the site")
def street(ctx, drawing):
    remember(ctx, "street", drawing.public_realm(rect(-10.0, -12.0, 20.0, STREET_EDGE)))


@given("the plan shows the site boundary")
def site_boundary(ctx, drawing):
    remember(ctx, "site", drawing.site_boundary(rect(-4.0, STREET_EDGE, 14.0, 16.0)))


@given(parsers.re(r'the plan has a fence "(?P<name>[^"]+)" (?P<height>[\d.]+) m high (?P<place>.+)'))
def fence(ctx, drawing, name, height, place):
    remember(ctx, name, drawing.fence(fence_points(place), float(height)))


@given(parsers.re(r'the plan has a fence "(?P<name>[^"]+)" without a height (?P<place>.+)'))
def fence_without_height(ctx, drawing, name, place):
    remember(ctx, name, drawing.fence(fence_points(place), 0.0))


@given(parsers.re(r'the plan has a window "(?P<name>[^"]+)" in the rear wall with (?P<attributes>.+)'))
def rear_window(ctx, drawing, name, attributes):
    """Windows in the rear wall (y = 8), the first at x 4.8..6.0, each next one 2.5 m further west."""
    count = ctx.get("rear_windows", 0)
    ctx["rear_windows"] = count + 1
    x = 6.0 - 2.5 * count
    remember(ctx, name, drawing.window((x, 8.0), (x - 1.2, 8.0), **parse_attributes(attributes)))


@given(parsers.re(r'the plan has a climbing aid "(?P<name>[^"]+)" (?P<distance>[\d.]+) m behind the rear wall'))
def climbing_aid(ctx, drawing, name, distance):
    y = 8.0 + float(distance)
    remember(ctx, name, drawing.access_surface(rect(4.5, y, 6.5, y + 1.0), 1.5, kind="climbing_aid"))


@given(parsers.parse('the house is one room named "{name}"'))
def one_room(ctx, drawing, name):
    remember(ctx, name, drawing.space(rect(0.15, 0.15, 9.85, 7.85), name))


@given(parsers.re(r'the plan has a store "(?P<name>[^"]+)" with USE=(?P<use>\w+) (?P<place>.+)'))
def store(ctx, drawing, name, use, place):
    remember(ctx, name, drawing.space(store_polygon(place), name, use=use))
    ctx.setdefault("store_places", {})[name] = place


@given(parsers.parse('the store "{name}" has walls of its own'))
def store_walls(ctx, drawing, name):
    points = store_polygon(ctx["store_places"][name])
    drawing.walls_loop(points, thickness=0.1)


@given(
    parsers.re(
        r'the plan has a first floor at (?P<elevation>[\d.]+) m with a window "(?P<name>[^"]+)" in the rear wall with (?P<attributes>.+)'
    )
)
def first_floor(ctx, name, elevation, attributes):
    """A second storey over the same house; the plan becomes a two-storey project."""
    upper = PlanDrawing("mm")
    upper.walls_loop(rect(0.0, 0.0, 10.0, 8.0), thickness=0.3)
    remember(ctx, name, upper.window((6.0, 8.0), (4.8, 8.0), **parse_attributes(attributes)))
    add_first_floor(ctx, upper, float(elevation))


def add_first_floor(ctx, upper: PlanDrawing, elevation: float) -> None:
    """``upper`` as the first floor at ``elevation`` over the ground plan: a two-storey project."""
    ctx["drawings"]["first"] = upper
    manifest = ctx["tmp"] / "project.toml"
    manifest.write_text(
        '[project]\nname = "Site test"\n\n'
        '[[storeys]]\nname = "Ground floor"\nfile = "plan.dxf"\nelevation = 0.0\n\n'
        f'[[storeys]]\nname = "First floor"\nfile = "first.dxf"\nelevation = {elevation}\n',
        encoding="utf-8",
    )
    ctx["manifest"] = manifest


# ---------------------------------------------------------------- then


@then(
    parsers.re(
        r'the (?P<rule>[A-Z]+-\d+) finding for (?:fence|store|climbing aid|garage) "(?P<name>[^"]+)" is (?P<status>\w+)'
    )
)
def finding_for_element(ctx, rule, name, status):
    handle = ctx["elements"][name]
    chosen = [f for f in findings_of(ctx, rule) if f.elements and f.elements[0].handle == handle]
    _pick(ctx, rule, status, chosen, f"for {name} ({handle})")


@then(parsers.re(r'there is no (?P<rule>[A-Z]+-\d+) finding for (?:fence|store|climbing aid|garage) "(?P<name>[^"]+)"'))
def no_finding_for_element(ctx, rule, name):
    handle = ctx["elements"][name]
    chosen = [f for f in findings_of(ctx, rule) if handle in {e.handle for e in f.elements}]
    assert not chosen, _show(chosen)


@then(parsers.re(r'it points at (?P<names>"[^"]+"(?: and "[^"]+")*)$'))
def it_points_at_elements(ctx, names):
    wanted = [ctx["elements"][n] for n in re.findall(r'"([^"]+)"', names)]
    assert [e.handle for e in ctx["finding"].elements] == wanted, ctx["finding"].elements


@then("it draws a measure line")
def draws_measure(ctx):
    kinds = [m.kind for m in ctx["finding"].marks]
    assert "measure" in kinds and kinds[0] == "element", ctx["finding"].marks


@then("it draws no measure line")
def draws_no_measure(ctx):
    assert all(m.kind == "element" for m in ctx["finding"].marks), ctx["finding"].marks


@then(parsers.parse("it rests on the provisional figures {names}"))
def rests_on(ctx, names):
    wanted = [n.strip() for n in names.split(",")]
    assert all(n in ctx["finding"].provisional for n in wanted), ctx["finding"].provisional


@then(parsers.parse("its measured value is between {low:g} and {high:g} m"))
def measured_between(ctx, low, high):
    measured = ctx["finding"].measured
    assert measured is not None and measured.unit == "m" and low <= measured.value <= high, measured

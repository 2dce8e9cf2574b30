"""Steps for plan_geometry.feature: footprint, envelope, host walls, spaces, access, fences, lights, handles, units."""

from __future__ import annotations

import dataclasses

import pytest
from pytest_bdd import given, parsers, scenarios, then
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from checker.reading.dxf.starter import PlanDrawing
from checker.reading.load import load_plan

from .conftest import HOUSE, plan_path

scenarios("plan_geometry.feature")

SHAPES = {
    "10 m by 8 m": HOUSE,
    "L-shaped": [(0, 0), (10, 0), (10, 5), (5, 5), (5, 8), (0, 8)],
}
COLLECTIONS = (
    "walls",
    "openings",
    "spaces",
    "access_surfaces",
    "site_boundaries",
    "public_realm",
    "fences",
    "lights",
)


def rectangle(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def draw_house_by_element(drawing: PlanDrawing) -> list[tuple[str, str, list[str], str]]:
    """A house with one of every element: (collection, name, handles, layer) for each."""
    d = drawing
    return [
        ("walls", "outer walls", d.walls_loop(HOUSE, thickness=0.3), "A-WALL"),
        ("walls", "internal wall", [d.wall((5, 0.15), (5, 7.85), thickness=0.1)], "A-WALL"),
        ("openings", "front door", [d.door((4, 0), (5, 0), ROLE="ENTRANCE", RC="RC2")], "A-DOOR"),
        ("openings", "back door", [d.door((10, 3), (10, 4), ROLE="SECONDARY")], "A-DOOR"),
        ("openings", "internal door", [d.door((5, 5), (5, 6), ROLE="INTERNAL")], "A-DOOR"),
        ("openings", "door in mid-room", [d.door((2, 4), (3, 4))], "A-DOOR"),
        ("openings", "window", [d.window((6, 8), (4.8, 8), SILL=900, HEAD=2100)], "A-GLAZ"),
        ("openings", "far window", [d.window((30, 30), (31.2, 30))], "A-GLAZ"),
        ("spaces", "living room", [d.space(rectangle(0.15, 0.15, 4.95, 7.85), "Living room")], "A-AREA"),
        ("spaces", "hall", [d.space(rectangle(5.05, 0.15, 9.85, 4.5), "Hall")], "A-AREA"),
        ("spaces", "store", [d.space(rectangle(5.05, 4.5, 9.85, 7.85), "Berging", use="storage")], "A-AREA"),
        ("access_surfaces", "roof", [d.access_surface(rectangle(0, 8.15, 4, 10), 2.7, slope=5)], "A-ROOF"),
        ("access_surfaces", "balcony", [d.access_surface(rectangle(6, -3, 9, -1), 3.0, kind="balcony")], "A-BALC"),
        (
            "access_surfaces",
            "bin store",
            [d.access_surface(rectangle(11, 1, 12, 2), 1.2, kind="climbing_aid")],
            "A-ROOF-CLMB",
        ),
        ("site_boundaries", "site", [d.site_boundary(rectangle(-5, -10, 20, 15))], "C-PROP"),
        ("public_realm", "street", [d.public_realm(rectangle(-5, -14, 20, -10))], "C-ROAD"),
        ("fences", "fence", [d.fence([(-5, -8), (20, -8)], 1.8)], "L-FENC"),
        ("lights", "porch light", [d.light((4.5, -0.5))], "E-LITE"),
    ]


def storey(ctx):
    assert ctx["error"] is None, f"the plan did not load: {ctx['error']}"
    return ctx["plan"].storeys[0]


def name(ctx, what: str, handle: str) -> None:
    ctx.setdefault("named", {})[what] = [handle]


def opening(ctx, what: str):
    """``house's door``/``house's window``: the house's only one; otherwise an opening named in ``ctx``."""
    if what.startswith("house's "):
        (found,) = getattr(storey(ctx), what.removeprefix("house's ") + "s")
        return found
    (handle,) = ctx["named"][what]
    (found,) = [o for o in storey(ctx).openings if o.source.handle == handle]
    return found


def room_at(ctx, x, y):
    """The smallest space holding the point."""
    holding = [s for s in storey(ctx).spaces if s.polygon.contains(Point(x, y))]
    assert holding, f"no space holds ({x}, {y})"
    return min(holding, key=lambda s: s.polygon.area)


def only(ctx, collection: str):
    (element,) = getattr(storey(ctx), collection)
    return element


def close(actual, expected, tolerance=1e-6):
    assert actual == pytest.approx(expected, abs=tolerance), (actual, expected)


def numbers(value) -> list:
    """A plan element flattened to floats and strings, for comparing two loads of a plan."""
    if isinstance(value, BaseGeometry):
        return [*value.bounds, value.area, value.length]
    if dataclasses.is_dataclass(value):
        # Every field, host walls included: no answer may depend on the drawing unit.
        return [n for f in dataclasses.fields(value) for n in numbers(getattr(value, f.name))]
    if isinstance(value, tuple):
        return [n for item in value for n in numbers(item)]
    if isinstance(value, float):
        return [value]
    return [str(value)]


# ---------------------------------------------------------------- given


@given(parsers.parse("the walls of a {shape} house, 0.3 m thick, are drawn around their centre line"))
def house_walls(drawing: PlanDrawing, shape):
    drawing.walls_loop(SHAPES[shape], thickness=0.3)


@given(parsers.parse("a door from ({x1:g}, {y1:g}) to ({x2:g}, {y2:g}) swinging {swing}"))
def new_door(ctx, drawing: PlanDrawing, x1, y1, x2, y2, swing):
    name(ctx, "new door", drawing.door((x1, y1), (x2, y2), mirror=swing == "right"))


@given(parsers.parse("an internal wall from ({x1:g}, {y1:g}) to ({x2:g}, {y2:g}), {thickness:g} m thick"))
def internal_wall(ctx, drawing: PlanDrawing, x1, y1, x2, y2, thickness):
    name(ctx, "internal wall", drawing.wall((x1, y1), (x2, y2), thickness=thickness))


@given("the plan shows a house drawn element by element")
def house_by_element(ctx, drawing: PlanDrawing):
    ctx["drawn"] = draw_house_by_element(drawing)
    ctx["named"] = {what: handles for _, what, handles, _ in ctx["drawn"]}


@given(parsers.parse('the house drawn element by element in "{unit}" and, for reference, in metres'))
def house_in_two_units(ctx, unit):
    for key, drawn_in in (("plan", unit), ("reference", "m")):
        ctx["drawings"][key] = PlanDrawing(drawn_in)
        draw_house_by_element(ctx["drawings"][key])


@given(parsers.re(r'a room "(?P<room>[^"]+)" is drawn inside the house with (?:no USE label|the label (?P<use>\w+))'))
def room_in_house(drawing: PlanDrawing, room, use):
    drawing.space(rectangle(0.15, 0.15, 9.85, 7.85), room, use=use)


@given(
    parsers.re(
        r"a room outline from \((?P<x0>[\d.]+), (?P<y0>[\d.]+)\) to \((?P<x1>[\d.]+), (?P<y1>[\d.]+)\) "
        r'(?:with no text|named "(?P<room>[^"]+)")'
    )
)
def room_outline(drawing: PlanDrawing, x0, y0, x1, y1, room):
    corners = rectangle(float(x0), float(y0), float(x1), float(y1))
    if room:
        drawing.space(corners, room)
    else:
        drawing.doc.modelspace().add_lwpolyline(
            [drawing.xy(p) for p in corners], close=True, dxfattribs={"layer": "A-AREA"}
        )


@given(
    parsers.re(
        r'an access surface on layer "(?P<layer>[^"]+)", (?P<height>[\d.]+) m above ground'
        r'(?:, labelled (?:nothing|"(?P<label>[^"]+)"))?'
    )
)
def access_surface(drawing: PlanDrawing, layer, height, label):
    drawing.add_layer(layer)
    drawing.access_surface(rectangle(12, 0, 16, 4), float(height), layer=layer)
    if label:
        drawing.text((14, 2), label, layer)


@given(parsers.parse("a fence along the south of the site, {height:g} m high"))
def fence(drawing: PlanDrawing, height):
    drawing.fence([(-5, -5), (15, -5)], height)


@given(parsers.parse("a light at ({x:g}, {y:g})"))
def light(drawing: PlanDrawing, x, y):
    drawing.light((x, y))


# ---------------------------------------------------------------- then


@then(parsers.parse("the footprint's area is {area:g} m² within {percent:g} %"))
def footprint_area(ctx, area, percent):
    assert storey(ctx).footprint.area == pytest.approx(area, rel=percent / 100)


@then(parsers.parse("the footprint spans ({x0:g}, {y0:g}) to ({x1:g}, {y1:g}) within {tolerance:g} m"))
def footprint_bounds(ctx, x0, y0, x1, y1, tolerance):
    close(storey(ctx).footprint.bounds, (x0, y0, x1, y1), tolerance)


@then(parsers.parse("the point ({x:g}, {y:g}) is {where} the footprint"))
def point_in_footprint(ctx, x, y, where):
    assert storey(ctx).footprint.contains(Point(x, y)) is (where == "inside")


@then(parsers.parse("the {what} is on the envelope, facing ({nx:g}, {ny:g})"))
def on_envelope(ctx, what, nx, ny):
    found = opening(ctx, what)
    assert found.on_envelope, f"the {what} is not on the envelope"
    close(found.outward, (nx, ny))


@then(parsers.parse("the {what} is not on the envelope"))
def not_on_envelope(ctx, what):
    found = opening(ctx, what)
    assert found.outward is None and not found.on_envelope, found.outward


@then(parsers.re(r"the (?P<what>.+) sits in (?:no wall|the (?P<wall>.+))"))
def sits_in(ctx, what, wall):
    host = opening(ctx, what).host_wall
    if wall is None:
        assert host is None, host
    else:
        assert host in ctx["named"][wall], f"host {host}, the {wall} are {ctx['named'][wall]}"


@then(parsers.parse('the plan has one space, named "{room}", used as {use}'))
def one_space(ctx, room, use):
    space = only(ctx, "spaces")
    assert (space.name, space.use) == (room, use)


@then(
    parsers.re(
        r"the room at \((?P<x>[\d.]+), (?P<y>[\d.]+)\) "
        r'(?:has no name and is used as|is named "(?P<room>[^"]+)" and used as) (?P<use>\w+)'
    )
)
def room_named(ctx, x, y, room, use):
    space = room_at(ctx, float(x), float(y))
    assert (space.name, space.use) == (room, use)


@then(parsers.parse("the access surface is a {kind}, {height:g} m above ground"))
def access_kind_height(ctx, kind, height):
    surface = only(ctx, "access_surfaces")
    assert surface.kind.value == kind
    close(surface.height_m, height)


@then(parsers.parse("the access surface's slope is {slope}"))
def access_slope(ctx, slope):
    actual = only(ctx, "access_surfaces").slope_deg
    assert actual == (None if slope == "unset" else pytest.approx(float(slope)))


@then(parsers.re(r"the fence is an open line (?:of no height|(?P<height>[\d.]+) m high)"))
def fence_line(ctx, height):
    found = only(ctx, "fences")
    assert isinstance(found.line, LineString) and not found.line.is_closed
    close([c for p in found.line.coords for c in p], [-5, -5, 15, -5])
    assert found.height_m == (None if height is None else pytest.approx(float(height), abs=1e-6))


@then(parsers.parse('the plan has one light, a "{block}" block at the point ({x:g}, {y:g})'))
def one_light(ctx, block, x, y):
    # The house has its own light by the door; this one is the scenario's.
    (found,) = [light for light in storey(ctx).lights if light.position.distance(Point(x, y)) < 0.01]
    assert isinstance(found.position, Point) and found.block == block
    close((found.position.x, found.position.y), (x, y))


@then("every element carries the handle and layer it was drawn with, and nothing else is in the plan")
def handles_and_layers(ctx):
    for collection in COLLECTIONS:
        drawn = {h: layer for c, _, handles, layer in ctx["drawn"] if c == collection for h in handles}
        read = {e.source.handle: e.source.layer for e in getattr(storey(ctx), collection)}
        assert read == drawn, collection
        assert {e.source.storey for e in getattr(storey(ctx), collection)} <= {storey(ctx).name}


@then(parsers.parse("its geometry in metres matches the reference within {tolerance:g} relative"))
def matches_reference(ctx, tolerance):
    reference = load_plan(plan_path(ctx, "reference")).storeys[0]
    for collection in (*COLLECTIONS, "footprint"):
        actual, expected = numbers(getattr(storey(ctx), collection)), numbers(getattr(reference, collection))
        assert len(actual) == len(expected) and actual, collection
        for a, e in zip(actual, expected):
            assert a == (pytest.approx(e, rel=tolerance, abs=1e-9) if isinstance(e, float) else e), (collection, a, e)

"""Steps for blocks.feature: block transforms, layer 0 in blocks, nested and mirrored doors, curves."""

from __future__ import annotations

import re

import pytest
from pytest_bdd import given, parsers, scenarios, then

from checker.reading.dxf.starter import PlanDrawing

scenarios("blocks.feature")

TOLERANCE = 1e-6  # metres


def transform(text: str) -> dict:
    """``rotation=90 xscale=-1 extrusion=0,0,-1 row_count=2`` (or ``no transform``) as insert() keywords."""
    if text.strip() == "no transform":
        return {}
    keywords = {}
    for word in text.split():
        key, value = word.split("=")
        if "," in value:
            keywords[key] = tuple(float(v) for v in value.split(","))
        else:
            keywords[key] = int(value) if key.endswith("_count") else float(value)
    return keywords


# Curves drawn straight into a layout with ezdxf; ``u`` converts metres to drawing units.
CURVES = {
    "a circle of radius 2 m": lambda layout, u, a: layout.add_circle((u(30), u(3)), u(2), dxfattribs=a),
    "a circle of radius 1 m": lambda layout, u, a: layout.add_circle((0, 0), u(1), dxfattribs=a),
    "a closed polyline of two half-circle bulges 4 m across": lambda layout, u, a: layout.add_lwpolyline(
        [(u(30), u(10), 1), (u(34), u(10), 1)], format="xyb", close=True, dxfattribs=a
    ),
    "a polyline with one bulge of 0.5 over 2 m": lambda layout, u, a: layout.add_lwpolyline(
        [(u(30), u(15), 0.5), (u(32), u(15), 0)], format="xyb", dxfattribs=a
    ),
    "a half-circle arc of radius 2 m": lambda layout, u, a: layout.add_arc((u(30), u(20)), u(2), 0, 180, dxfattribs=a),
    "a heavy closed polyline 4 m by 3 m": lambda layout, u, a: layout.add_polyline2d(
        [(u(30), u(25)), (u(34), u(25)), (u(34), u(28)), (u(30), u(28))], close=True, dxfattribs=a
    ),
    "a heavy polyline with one bulge of 0.5 over 2 m": lambda layout, u, a: layout.add_polyline2d(
        [(u(30), u(30), 0.5), (u(32), u(30), 0)], format="xyb", dxfattribs=a
    ),
    "a full ellipse 6 m by 3 m": lambda layout, u, a: layout.add_ellipse(
        (u(30), u(40)), major_axis=(u(3), 0), ratio=0.5, dxfattribs=a
    ),
    "a closed spline through a 4 m square's corners": lambda layout, u, a: layout.add_closed_spline(
        [(u(30), u(45)), (u(34), u(45)), (u(34), u(49)), (u(30), u(49))], dxfattribs=a
    ),
    "an open spline along 3 m": lambda layout, u, a: layout.add_spline(
        [(u(30), u(50)), (u(31), u(50)), (u(32), u(50)), (u(33), u(50))], dxfattribs=a
    ),
}


def storey(ctx):
    assert ctx["error"] is None, f"the plan did not load: {ctx['error']}"
    return ctx["plan"].storeys[0]


def from_handle(elements, handle):
    return [e for e in elements if e.source.handle == handle]


def the_door(ctx):
    doors = from_handle(storey(ctx).doors, ctx["insert"])
    assert len(doors) == 1, f"{len(doors)} doors carry the insert's handle {ctx['insert']}"
    return doors[0]


def measure(element, what: str) -> float:
    geometry = getattr(element, "polygon", None) or element.geometry
    return geometry.area if what == "area" else geometry.length


def close_to(actual, expected, tolerance=TOLERANCE):
    assert actual == pytest.approx(expected, abs=tolerance), (actual, expected)


# ---------------------------------------------------------------- given


@given(
    parsers.parse(
        'a block "{name}" holds a {length:g} m wall {thickness:g} m thick along its x axis on layer "{layer}"'
    )
)
def block_of_wall(drawing: PlanDrawing, name, length, thickness, layer):
    drawing.add_layer(layer)
    drawing.block(name, lambda d: d.wall((0, 0), (length, 0), thickness=thickness, layer=layer))


@given(parsers.parse('a block "{name}" holds a 2 m wall on layer "0" and one 1 m above it on layer "{other}"'))
def block_of_two_walls(drawing: PlanDrawing, name, other):
    drawing.add_layer(other)

    def draw(d: PlanDrawing):
        d.wall((0, 0), (2, 0), thickness=0.2, layer="0")
        d.wall((0, 1), (2, 1), thickness=0.2, layer=other)

    drawing.block(name, draw)


@given(
    parsers.re(
        r'a block "(?P<outer>[^"]+)" holds "(?P<inner>[^"]+)" at \((?P<x>[-\d.]+), (?P<y>[-\d.]+)\) with (?P<how>[^,]+)$'
    )
)
def block_of_block(drawing: PlanDrawing, outer, inner, x, y, how):
    drawing.block(outer, lambda d: d.insert(inner, (float(x), float(y)), "0", **transform(how)))


@given(parsers.parse('the block "{name}" is inserted on layer "{layer}" at ({x:g}, {y:g}) with {how}'))
def insert_block(ctx, drawing: PlanDrawing, name, layer, x, y, how):
    drawing.add_layer(layer)
    ctx["insert"] = drawing.insert(name, (x, y), layer, **transform(how))


@given(
    parsers.re(
        r'a block "(?P<outer>[^"]+)" holds "(?P<inner>[^"]+)" at \((?P<x>[-\d.]+), (?P<y>[-\d.]+)\) with (?P<how>[^,]+), '
        r'and "(?P<name>[^"]+)" is inserted at \((?P<at_x>[-\d.]+), (?P<at_y>[-\d.]+)\) with (?P<at_how>.+)'
    )
)
def nested_block_inserted(ctx, drawing, outer, inner, x, y, how, name, at_x, at_y, at_how):
    block_of_block(drawing, outer, inner, x, y, how)
    insert_block(ctx, drawing, name, "0", float(at_x), float(at_y), at_how)


@given(parsers.parse('a block "{name}" holds a door from ({x1:g}, {y1:g}) to ({x2:g}, {y2:g})'))
def block_of_door(drawing: PlanDrawing, name, x1, y1, x2, y2):
    drawing.block(name, lambda d: d.door((x1, y1), (x2, y2), ROLE="SECONDARY"))


CURVE = "(?P<curve>" + "|".join(map(re.escape, CURVES)) + ")"


@given(parsers.re(CURVE + r' is drawn on layer "(?P<layer>[^"]+)"'))
def curve_on_layer(ctx, drawing: PlanDrawing, curve, layer):
    ctx["insert"] = CURVES[curve](drawing.doc.modelspace(), drawing.u, {"layer": layer}).dxf.handle


@given(parsers.re(r'a block "(?P<name>[^"]+)" holds ' + CURVE + r' on layer "(?P<layer>[^"]+)"'))
def block_of_curve(drawing: PlanDrawing, name, curve, layer):
    CURVES[curve](drawing.doc.blocks.new(name), drawing.u, {"layer": layer})


# ---------------------------------------------------------------- then


@then(
    parsers.parse(
        'the insert gives {count:d} walls on layer "{layer}" within x {x0:g} to {x1:g} and y {y0:g} to {y1:g}'
    )
)
def insert_gives_walls(ctx, count, layer, x0, x1, y0, y1):
    walls = from_handle(storey(ctx).walls, ctx["insert"])
    assert len(walls) == count, [w.geometry.bounds for w in walls]
    if count:
        assert {w.source.layer for w in walls} == {layer}
        bounds = [w.geometry.bounds for w in walls]
        actual = (
            min(b[0] for b in bounds),
            min(b[1] for b in bounds),
            max(b[2] for b in bounds),
            max(b[3] for b in bounds),
        )
        close_to(actual, (x0, y0, x1, y1))


@then(parsers.parse('the layer "{layer}" is listed as unmapped with {count:d} entity'))
def listed_unmapped(ctx, layer, count):
    storey(ctx)
    assert dict(ctx["plan"].loads[0].unmapped_layers).get(layer) == count


@then(parsers.parse("the plan has {count:d} doors"))
def plan_has_doors(ctx, count):
    assert len(storey(ctx).doors) == count, storey(ctx).counts()


@then(parsers.parse('the door from the insert runs from ({x1:g}, {y1:g}) to ({x2:g}, {y2:g}) on layer "{layer}"'))
def door_runs(ctx, x1, y1, x2, y2, layer):
    door = the_door(ctx)
    close_to([c for point in door.span.coords for c in point], [x1, y1, x2, y2])
    assert door.source.layer == layer


@then(parsers.parse("the door from the insert is {width:g} m wide, centred at ({cx:g}, {cy:g})"))
def door_width_and_centre(ctx, width, cx, cy):
    door = the_door(ctx)
    close_to(door.width_m, width)
    close_to((door.position.x, door.position.y), (cx, cy))


@then(parsers.parse("the door from the insert faces outward ({nx:g}, {ny:g})"))
def door_faces(ctx, nx, ny):
    door = the_door(ctx)
    assert door.outward is not None, "the door is not on the envelope"
    close_to(door.outward, (nx, ny))


@then(parsers.parse("it is read as a {element} with {what} {value:g} within 1 %"))
def read_as(ctx, element, what, value):
    found = from_handle(getattr(storey(ctx), f"{element}s"), ctx["insert"])
    assert len(found) == 1, f"{len(found)} {element}s from handle {ctx['insert']}: {ctx['plan'].loads[0].problems}"
    assert measure(found[0], what) == pytest.approx(value, rel=0.01)


@then(parsers.parse("the wall from the insert has {what} {value:g} within 1 %"))
def wall_measure(ctx, what, value):
    read_as(ctx, "wall", what, value)

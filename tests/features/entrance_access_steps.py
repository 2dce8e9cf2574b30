"""Steps for ENTR-02 (entrances seen from the street), ENTR-04 and ENTR-05 (access control).

The house features draw into the plain 10 m by 8 m house of conftest (front wall on
y = 0, facing south). The access features draw a two-storey block of flats: a 20 m
by 10 m block, a hall (USE=CIRCULATION) in the middle bay from x = 8 to 12 with the
communal entrance in the south wall, a flat either side, and the same on the first
floor, whose landing overlaps the hall (the stair). Step modules re-export these
with ``from .entrance_access_steps import *``.
"""

from __future__ import annotations

from pytest_bdd import given, parsers, then
from shapely.geometry import LineString

from checker.reading.dxf.starter import PlanDrawing

from .rule_steps import _pick, findings_of, parse_attributes

GROUND, FIRST = "Ground floor", "First floor"
STREET_WIDTH = 10.0
FENCE_Y = -3.0  # the front fence, between the house and the street


def rect(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def _handles(ctx) -> dict:
    return ctx.setdefault("handles", {})


def _storeys(ctx) -> dict:
    return ctx.setdefault("door_storeys", {})


def write_manifest(ctx, dwellings: int | None, storeys: list[tuple[str, str, float]]) -> None:
    lines = ["[project]", 'name = "Test block"']
    if dwellings is not None:
        lines.append(f"dwellings = {dwellings}")
    for name, file, elevation in storeys:
        lines += ["", "[[storeys]]", f'name = "{name}"', f'file = "{file}"', f"elevation = {elevation}"]
    ctx["manifest"] = ctx["tmp"] / "project.toml"
    ctx["manifest"].write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- given: the house and its street


@given(parsers.parse("the plan shows a street {distance:g} m south of the house"))
def street(ctx, drawing, distance):
    ctx["street_y"] = -distance
    drawing.public_realm(rect(-20, -distance - STREET_WIDTH, 30, -distance))


@given(parsers.parse("the plan shows a kerb line {distance:g} m south of the house"))
def kerb(ctx, drawing, distance):
    ctx["street_y"] = -distance
    drawing.public_realm([(-20, -distance), (30, -distance)])


@given(parsers.parse("the plan shows a front fence {height:g} m high between the house and the street"))
def front_fence(ctx, drawing, height):
    ctx["fence"] = drawing.fence([(-25, FENCE_Y), (35, FENCE_Y)], height)


@given("the plan shows a front fence drawn without a height between the house and the street")
def front_fence_unknown(ctx, drawing):
    ctx["fence"] = drawing.fence([(-25, FENCE_Y), (35, FENCE_Y)], 0)


@given("the plan shows a free-standing garden wall between the house and the street")
def garden_wall(drawing):
    drawing.wall((-25, FENCE_Y), (35, FENCE_Y))


@given(
    parsers.re(
        r'the plan has a door "(?P<name>[^"]+)" in the (?P<where>north wall|inner face of the south wall) with (?P<attributes>.+)'
    )
)
def door_in_wall(ctx, drawing, name, where, attributes):
    span = ((5.0, 8.0), (4.0, 8.0)) if where == "north wall" else ((4.0, 0.15), (5.0, 0.15))
    _handles(ctx)[name] = drawing.door(*span, **parse_attributes(attributes))


@given(parsers.re(r"the house is a project of (?P<dwellings>\d+) dwellings? on one storey"))
def one_storey_project(ctx, dwellings):
    write_manifest(ctx, int(dwellings), [(GROUND, "plan.dxf", 0.0)])


# ---------------------------------------------------------------- given: a block of flats


def _attributes(text: str) -> dict[str, str]:
    """As rule_steps.parse_attributes, and "no ACCESS" for a door that states none."""
    parts = [part for part in text.split(",") if part.strip() != "no ACCESS"]
    return parse_attributes(",".join(parts)) if parts else {}


def _floor(ctx, storey: str) -> PlanDrawing:
    d = PlanDrawing("mm")
    d.walls_loop(rect(0, 0, 20, 10), 0.3)
    d.wall((8, 0), (8, 10), 0.2)
    d.wall((12, 0), (12, 10), 0.2)
    d.space(rect(0.15, 0.15, 7.9, 9.85), "Flat", use="HABITABLE")
    d.space(rect(12.1, 0.15, 19.85, 9.85), "Flat", use="HABITABLE")
    west, east = ("flat A", "flat B") if storey == GROUND else ("flat C", "flat D")
    for name, span in ((west, ((8, 6), (8, 5))), (east, ((12, 5), (12, 6)))):
        _handles(ctx)[name] = d.door(*span, ROLE="ENTRANCE", RC="RC2")
        _storeys(ctx)[name] = storey
    return d


@given(
    parsers.re(
        r'a two-storey block of flats for (?P<dwellings>\d+) dwellings whose communal door "(?P<name>[^"]+)" has (?P<attributes>.+)'
    )
)
def block_of_flats(ctx, dwellings, name, attributes):
    ground, first = _floor(ctx, GROUND), _floor(ctx, FIRST)
    ground.space(rect(8.1, 0.15, 11.9, 9.85), "Hall", use="CIRCULATION")
    first.space(rect(8.1, 0.15, 11.9, 9.85), "Landing", use="CIRCULATION")
    _handles(ctx)[name] = ground.door(
        (9.5, 0), (10.5, 0), **{"ROLE": "COMMUNAL", "RC": "RC2", **_attributes(attributes)}
    )
    _storeys(ctx)[name] = GROUND
    ground.public_realm(rect(-10, -16, 30, -6))
    ctx["drawings"] = {"ground": ground, "first": first}
    write_manifest(ctx, int(dwellings), [(GROUND, "ground.dxf", 0.0), (FIRST, "first.dxf", 2.8)])


@given(parsers.parse('the hall has a second door "{name}" to the outside with {attributes}'))
def back_door(ctx, name, attributes):
    _handles(ctx)[name] = ctx["drawings"]["ground"].door((10.5, 10), (9.5, 10), **_attributes(attributes))
    _storeys(ctx)[name] = GROUND


@given(parsers.parse('flat A has a garden door "{name}" to the outside with {attributes}'))
def garden_door(ctx, name, attributes):
    _handles(ctx)[name] = ctx["drawings"]["ground"].door((3, 10), (2, 10), **parse_attributes(attributes))
    _storeys(ctx)[name] = GROUND


@given(parsers.parse('the hall has a door "{name}" drawn across its middle with {attributes}'))
def stray_door(ctx, name, attributes):
    _handles(ctx)[name] = ctx["drawings"]["ground"].door((9.5, 3), (10.5, 3), **_attributes(attributes))
    _storeys(ctx)[name] = GROUND


@given("the first-floor landing is not drawn as a circulation space")
def landing_not_circulation(ctx):
    # Redraw the first floor with the landing as a habitable room: it is no stair.
    first = _floor(ctx, FIRST)
    first.space(rect(8.1, 0.15, 11.9, 9.85), "Room", use="HABITABLE")
    ctx["drawings"]["first"] = first


# ---------------------------------------------------------------- then


@then(parsers.parse('the {rule} finding for flat door "{name}" is {status}'))
def finding_for_flat_door(ctx, rule, name, status):
    handle, storey = ctx["handles"][name], ctx["door_storeys"][name]
    chosen = [
        f
        for f in findings_of(ctx, rule)
        if f.elements and f.elements[0].handle == handle and f.elements[0].storey == storey
    ]
    _pick(ctx, rule, status, chosen, f"for flat door {name} ({handle} on {storey})")


@then(parsers.parse('it also points at door "{name}"'))
def also_points_at(ctx, name):
    handle, storey = ctx["handles"][name], ctx.get("door_storeys", {}).get(name)
    assert any(e.handle == handle and (storey is None or e.storey == storey) for e in ctx["finding"].elements[1:]), ctx[
        "finding"
    ].elements


@then("it also points at the fence")
def also_points_at_fence(ctx):
    assert ctx["fence"] in {e.handle for e in ctx["finding"].elements[1:]}, ctx["finding"].elements


@then("it points at nothing but the door")
def only_the_door(ctx):
    assert len(ctx["finding"].elements) == 1, ctx["finding"].elements


@then(parsers.parse("its sight line runs from just outside the door to the street, {length:g} m long"))
def sight_line_to_street(ctx, length):
    measures = [m for m in ctx["finding"].marks if m.kind == "measure"]
    assert len(measures) == 1, ctx["finding"].marks
    line = measures[0].geometry
    assert isinstance(line, LineString) and abs(line.length - length) < 0.01, line
    start_y, end_y = line.coords[0][1], line.coords[-1][1]
    assert -0.5 < start_y < 0, line  # just outside the front wall's outer face (y = -0.15)
    assert abs(end_y - ctx["street_y"]) < 1e-6, line

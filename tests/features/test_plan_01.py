"""Steps for PLAN-01.feature: declared, overridden and implausible drawing units."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios

from checker.reading.dxf.starter import PlanDrawing

from .rule_steps import *  # noqa: F401,F403  (shared steps)
from .rule_steps import add_door, house_walls, parse_attributes


scenarios("PLAN-01.feature")


@given(parsers.parse("the header declares $INSUNITS {code:d}"))
def header_declares(drawing, code):
    drawing.doc.header["$INSUNITS"] = code


@given(parsers.parse('the user gives the units "{unit}"'))
def user_units(ctx, unit):
    ctx["units"] = unit


@given(parsers.parse("the plan shows one wall {length:g} m long with an entrance door"))
def one_wall(ctx, drawing, length):
    drawing.wall((0.0, 0.0), (length, 0.0))
    add_door(ctx, drawing, "front", "ROLE=ENTRANCE, RC=RC2")


@given(parsers.re(r'the plan has a door "(?P<name>[^"]+)" (?P<width>[\d.]+) m wide with (?P<attributes>.+)'))
def door_of_width(ctx, drawing, name, width, attributes):
    ctx.setdefault("handles", {})[name] = drawing.door(
        (4.0, 0.0), (4.0 + float(width), 0.0), **parse_attributes(attributes)
    )


def _project_storey(ctx, storey: str, unit: str, code: int | None = None) -> None:
    file = storey.lower().replace(" ", "-")
    drawing = PlanDrawing(unit)
    house_walls(drawing)
    add_door(ctx, drawing, f"{storey} entrance", "ROLE=ENTRANCE, RC=RC2")
    if code is not None:
        drawing.doc.header["$INSUNITS"] = code
    ctx["drawings"][file] = drawing
    ctx.setdefault("storeys", []).append((storey, file))
    lines = ["[project]", 'name = "PLAN-01 storeys"', ""]
    for name, path in ctx["storeys"]:
        lines += ["[[storeys]]", f'name = "{name}"', f'file = "{path}.dxf"', ""]
    ctx["manifest"] = ctx["tmp"] / "project.toml"
    ctx["manifest"].write_text("\n".join(lines), encoding="utf-8")


@given(parsers.parse('a project storey "{storey}" drawn in "{unit}" whose header declares $INSUNITS {code:d}'))
def project_storey_declaring(ctx, storey, unit, code):
    _project_storey(ctx, storey, unit, code)


@given(parsers.parse('a project storey "{storey}" drawn in "{unit}"'))
def project_storey(ctx, storey, unit):
    _project_storey(ctx, storey, unit)


@given("the plan has 4 doors drawn as swing arcs with their leaves")
def swing_doors(drawing):
    drawing.add_layer("SKETCH")  # no role: plain geometry, as real drawings have it
    msp = drawing.doc.modelspace()
    for x in (1.0, 3.0, 5.0, 7.0):
        hinge, radius = drawing.xy((x, 8.0)), drawing.u(0.9)
        msp.add_arc(hinge, radius, 270, 360, dxfattribs={"layer": "SKETCH"})
        msp.add_line(hinge, (hinge[0], hinge[1] - radius), dxfattribs={"layer": "SKETCH"})

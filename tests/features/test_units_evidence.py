"""Steps for units_evidence.feature: synthetic houses in every unit, with right,
wrong, missing and unitless headers, through the real loader."""

from __future__ import annotations

import json

from pytest_bdd import given, parsers, scenarios, then, when

from checker.reading import load_plan
from checker.reading.dxf.starter import PlanDrawing

from .conftest import HOUSE

scenarios("units_evidence.feature")

# A header that contradicts the drawing: inches for metric drawings, millimetres for imperial ones.
WRONG = {"mm": 1, "cm": 1, "m": 1, "in": 4, "ft": 4}
SKETCH_LAYER = "SKETCH"  # a layer with no role: doors drawn here are plain geometry


def _house(ctx, unit: str, door_width_m: float | None, leaves: bool = True) -> PlanDrawing:
    drawing = PlanDrawing(unit)
    drawing.add_layer(SKETCH_LAYER)
    drawing.walls_loop(HOUSE, thickness=0.3)
    msp = drawing.doc.modelspace()
    for x in (1.0, 3.0, 5.0, 7.0):  # hinges on the south wall, leaves open inwards
        width = door_width_m if door_width_m is not None else 0.9
        hinge, r = drawing.xy((x, 0.0)), drawing.u(width)
        msp.add_arc(hinge, r, 0, 90, dxfattribs={"layer": SKETCH_LAYER})
        if leaves:
            msp.add_line(hinge, (hinge[0], hinge[1] + r), dxfattribs={"layer": SKETCH_LAYER})
    ctx["drawing"] = drawing
    ctx["unit"] = unit
    return drawing


@given(parsers.parse('a house drawn in "{unit}" with 4 swing doors and 30 cm walls'))
def house_with_doors(ctx, unit):
    _house(ctx, unit, None)


@given(parsers.parse('a house drawn in "{unit}" with 4 leafless quarter arcs and 30 cm walls'))
def house_with_arcs(ctx, unit):
    _house(ctx, unit, None, leaves=False)


@given(parsers.parse('a house drawn in "{unit}" with 4 doors drawn as {doors} and 30 cm walls'))
def house_with_drawn_doors(ctx, unit, doors):
    drawing = _house(ctx, unit, None, leaves=False)
    msp = drawing.doc.modelspace()
    r = drawing.u(0.9)
    if doors == "a quarter arc and a leaf rectangle":
        for x in (1.0, 3.0, 5.0, 7.0):  # the arcs are drawn by _house; a 4 cm leaf outline from each hinge
            hx, hy = drawing.xy((x, 0.0))
            leaf = [(hx, hy), (hx - drawing.u(0.04), hy), (hx - drawing.u(0.04), hy + r), (hx, hy + r)]
            msp.add_lwpolyline(leaf, close=True, dxfattribs={"layer": SKETCH_LAYER})
    elif doors == "a block without attributes holding a quarter arc":
        for arc in list(msp.query("ARC")):  # the swings move into a door block, leafless
            msp.delete_entity(arc)
        block = drawing.doc.blocks.new("DR90")
        block.add_arc((0, 0), r, 0, 90)
        for x in (1.0, 3.0, 5.0, 7.0):
            msp.add_blockref("DR90", drawing.xy((x, 0.0)), dxfattribs={"layer": SKETCH_LAYER})
    else:
        raise ValueError(doors)


@given(parsers.parse('a house drawn in "{unit}" with 4 swing doors 0.9 mm wide and 30 cm walls'))
def house_with_tiny_doors(ctx, unit):
    _house(ctx, unit, 0.0009)


@given(parsers.parse("its header is {header}"))
def header_is(ctx, header):
    doc = ctx["drawing"].doc
    if header == "right":
        return
    if header == "wrong":
        doc.header["$INSUNITS"] = WRONG[ctx["unit"]]
    elif header == "missing":
        del doc.header["$INSUNITS"]
    elif header == "unitless":
        doc.header["$INSUNITS"] = 0
    else:
        raise ValueError(header)


@given(parsers.parse('the user says the unit is "{unit}"'))
def user_unit(ctx, unit):
    ctx["units"] = unit


@when("the house is loaded")
def load(ctx):
    path = ctx["tmp"] / "house.dxf"
    ctx["drawing"].save(path)
    ctx["plan"] = load_plan(path, units=ctx.get("units"))
    ctx["report"] = ctx["plan"].loads[0].units


@then(parsers.parse('the units used are "{unit}" with source "{source}"'))
def units_used(ctx, unit, source):
    report = ctx["report"]
    assert (report.used, report.source) == (unit, source), report.message


@then(parsers.parse("the house is about {length:g} m long"))
def house_length(ctx, length):
    assert abs(ctx["report"].building_length_m - length) < 0.01, ctx["report"].message


@then(parsers.parse('the units message says "{text}"'))
def message_says(ctx, text):
    assert text in ctx["report"].message, ctx["report"].message


@then(parsers.parse('the units evidence in the JSON names "{first}" and "{second}"'))
def evidence_json(ctx, first, second):
    units = json.loads(json.dumps(ctx["plan"].loads[0].to_json()))["units"]
    kinds = [e["kind"] for e in units["evidence"]]
    assert first in kinds and second in kinds, units

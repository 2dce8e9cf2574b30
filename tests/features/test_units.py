"""Steps for units.feature."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, scenarios, then

from checker.reading.dxf.starter import PlanDrawing
from checker.reading.units import unit_by_name

from .conftest import draw_house

scenarios("units.feature")


@given(parsers.parse('the header declares "{unit}"'))
def header_declares(drawing, unit):
    drawing.doc.header["$INSUNITS"] = unit_by_name(unit).code


@given("the header declares no unit")
def header_declares_nothing(drawing):
    drawing.doc.header["$INSUNITS"] = 0


@given(parsers.parse('the user gives the unit "{unit}"'))
def user_gives(ctx, unit):
    ctx["units"] = unit


@given(parsers.parse('a two-storey project with the ground floor in "{ground}" and the first floor in "{first}"'))
def two_storeys(ctx, ground, first):
    for name, unit in (("ground", ground), ("first", first)):
        drawing = PlanDrawing(unit)
        draw_house(drawing, ROLE="ENTRANCE", RC="RC2", GLAZING="NONE", VIEWER="YES")
        drawing.save(ctx["tmp"] / f"{name}.dxf")
    manifest = ctx["tmp"] / "project.toml"
    manifest.write_text(
        '[project]\nname = "Two units"\n\n'
        '[[storeys]]\nname = "Ground"\nfile = "ground.dxf"\nelevation = 0.0\n\n'
        '[[storeys]]\nname = "First"\nfile = "first.dxf"\nelevation = 2.8\n',
        encoding="utf-8",
    )
    ctx["manifest"] = manifest


def _units(ctx, index=0):
    return ctx["plan"].loads[index].units


@then(parsers.parse('the units are "{unit}" from the {source} and {plausibility}'))
def units_are(ctx, unit, source, plausibility):
    units = _units(ctx)
    assert (units.used, units.source) == (unit, source), units
    assert units.plausible is (plausibility == "plausible"), units


@then(parsers.parse('the units are "{unit}" assumed'))
def units_assumed(ctx, unit):
    units = _units(ctx)
    assert (units.used, units.source, units.declared) == (unit, "assumed", None), units
    assert "declares no units" in units.message


@then(parsers.parse('the units message suggests "{likely}"'))
def message_suggests(ctx, likely):
    units = _units(ctx)
    assert f"likely in {likely}" in units.message, units.message
    assert units.suggestions and unit_by_name(likely).name == units.suggestions[0]


def _assert_footprint(storey):
    minx, miny, maxx, maxy = storey.footprint.bounds
    assert maxx - minx == pytest.approx(10.3, rel=0.02)
    assert maxy - miny == pytest.approx(8.3, rel=0.02)


@then("the footprint is about 10.3 m by 8.3 m")
def footprint(ctx):
    _assert_footprint(ctx["plan"].storeys[0])


@then("both storeys' footprints are about 10.3 m by 8.3 m")
def both_footprints(ctx):
    for storey in ctx["plan"].storeys:
        _assert_footprint(storey)


@then(parsers.parse("the front door is {width:f} m wide"))
def door_width(ctx, width):
    (door,) = ctx["plan"].storeys[0].doors
    assert door.width_m == pytest.approx(width, rel=1e-6)


@then(parsers.parse('the first floor\'s units are "{first}" and the ground floor\'s "{ground}"'))
def storey_units(ctx, first, ground):
    assert [load.units.used for load in ctx["plan"].loads] == [ground, first]
    assert ctx["plan"].storeys[1].elevation_m == 2.8

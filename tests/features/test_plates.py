"""Steps for plates.feature: several floor plates in one file, and the manifest's region.

Each plate is a small house drawn to the convention (walls, an internal wall, two doors,
two windows), so the tests do not depend on recognising openings from geometry.
"""

from __future__ import annotations

import re

import pytest
from pytest_bdd import given, parsers, scenarios, then
from shapely.geometry import box

from checker.messages import render
from checker.reading.dxf.starter import PlanDrawing
from checker.reading.load import load_plan
from checker.reading.recognition.plates import box_text

from .conftest import plan_path, save_all

scenarios("plates.feature")

HOUSE_W, HOUSE_H = 10.0, 8.0
WALL = 0.3


def draw_house_plate(d: PlanDrawing, x: float, y: float, layer: str | None = None) -> None:
    """A 10 m by 8 m house with its lower left wall centre at (x, y)."""
    if layer is not None:  # the same outline on another layer (a neighbour on the site plan)
        d.add_layer(layer)
        d.site_boundary([(x, y), (x + HOUSE_W, y), (x + HOUSE_W, y + HOUSE_H), (x, y + HOUSE_H)], layer=layer)
        return
    d.walls_loop([(x, y), (x + HOUSE_W, y), (x + HOUSE_W, y + HOUSE_H), (x, y + HOUSE_H)], thickness=WALL)
    d.wall((x + 5, y + 0.15), (x + 5, y + HOUSE_H - 0.15), thickness=0.1)
    d.door((x + 2, y), (x + 3, y))
    d.door((x + 5, y + 3), (x + 5, y + 4))
    d.window((x + 6, y + HOUSE_H), (x + 7.5, y + HOUSE_H))
    d.window((x + HOUSE_W, y + 2), (x + HOUSE_W, y + 3.2))


def house_box(x: float, y: float):
    """The house's outer faces, metres."""
    return box(x - WALL / 2, y - WALL / 2, x + HOUSE_W + WALL / 2, y + HOUSE_H + WALL / 2)


def report(ctx):
    assert ctx["error"] is None, f"the plan did not load: {ctx['error']}"
    return ctx["plan"].loads[0]


def plates_in_metres(ctx) -> list:
    scale = 1.0 / ctx["drawings"]["plan"].scale
    return [box(*(v * scale for v in plate)) for plate in report(ctx).plates]


def plate_notes(ctx) -> list:
    return [(m, n) for m, n in report(ctx).problems if m.id == "load.several-plates"]


# ---------------------------------------------------------------- given


@given(parsers.re(r'a drawing in "(?P<unit>\w+)" with a house plate at (?P<places>.+)'), target_fixture="drawing")
def house_plates(ctx, unit, places):
    drawing = PlanDrawing(unit)
    for x, y in re.findall(r"\((-?[\d.]+), (-?[\d.]+)\)", places):
        draw_house_plate(drawing, float(x), float(y))
    ctx["drawings"]["plan"] = drawing
    return drawing


@given(parsers.parse("a detached garage 7 m by 7 m with one door at ({x:g}, {y:g})"))
def detached_garage(drawing, x, y):
    drawing.walls_loop([(x, y), (x + 7, y), (x + 7, y + 7), (x, y + 7)], thickness=0.2)
    drawing.door((x + 2, y), (x + 4.5, y))


@given(parsers.parse("a bin store 2 m by 1.5 m at ({x:g}, {y:g})"))
def bin_store(drawing, x, y):
    drawing.walls_loop([(x, y), (x + 2, y), (x + 2, y + 1.5), (x, y + 1.5)], thickness=0.1)


@given("a site boundary, a fence and a street around it")
def site_around(drawing):
    drawing.site_boundary([(-8, -6), (30, -6), (30, 20), (-8, 20)])
    drawing.fence([(-8, -5), (30, -5)], 1.2)
    drawing.public_realm([(-20, -14), (40, -14), (40, -7), (-20, -7)])


@given(parsers.parse("a garden wall 15 m long at ({x:g}, {y:g})"))
def garden_wall(drawing, x, y):
    drawing.wall((x, y), (x + 15, y), thickness=0.2)


@given(parsers.parse("a second house plate at ({x:g}, {y:g}) on a site layer"))
def neighbour_on_site_layer(drawing, x, y):
    draw_house_plate(drawing, x, y, layer="C-PROP-NEIGHBOUR")


@given(
    parsers.parse('a drawing in "{unit}" with {columns:d} by {rows:d} flats sharing their walls'),
    target_fixture="drawing",
)
def block_of_flats(ctx, unit, columns, rows):
    drawing = PlanDrawing(unit)
    for i in range(columns):
        for j in range(rows):
            x, y = i * 8.0, j * 6.0
            drawing.walls_loop([(x, y), (x + 8, y), (x + 8, y + 6), (x, y + 6)], thickness=0.2)
            drawing.door((x + 1, y), (x + 2, y))
            drawing.window((x + 5, y + 6), (x + 6, y + 6))
            drawing.window((x + 6.5, y + 6), (x + 7.5, y + 6))
    ctx["drawings"]["plan"] = drawing
    return drawing


def write_manifest(ctx, region: str) -> None:
    path = ctx["tmp"] / "project.toml"
    path.write_text(
        f'[project]\nname = "Plates"\n\n[[storeys]]\nname = "Ground"\nfile = "{plan_path(ctx).name}"\n'
        f"elevation = 0.0\nregion = {region}\n",
        encoding="utf-8",
    )
    ctx["manifest"] = path


@given(parsers.parse("a manifest whose storey has the region of plate {number:d}"))
def manifest_with_plate_region(ctx, number):
    save_all(ctx)
    plates = load_plan(plan_path(ctx)).loads[0].plates  # as a user reads them off the preflight
    assert len(plates) >= number, plates
    write_manifest(ctx, box_text(plates[number - 1]))
    ctx["plates_before"] = plates


@given(parsers.parse("a manifest whose storey has region = {region}"))
def manifest_with_region(ctx, region):
    save_all(ctx)
    write_manifest(ctx, region)


# ---------------------------------------------------------------- then


@then(
    parsers.parse(
        "the load report lists {count:d} plates, the first around the house at ({x1:g}, {y1:g}) and the second around the one at ({x2:g}, {y2:g})"
    )
)
def two_plates(ctx, count, x1, y1, x2, y2):
    plates = plates_in_metres(ctx)
    assert len(plates) == count
    for plate, (x, y) in zip(plates, [(x1, y1), (x2, y2)]):
        house = house_box(x, y)
        assert plate.covers(house), (plate.bounds, house.bounds)
        assert plate.buffer(-0.5).within(house.buffer(0.5)), "the plate's box is the house's, with a small margin"


@then(
    parsers.parse(
        "the load report notes once that the drawing holds {count:d} floor plates, with both boxes in millimetres"
    )
)
def plates_note(ctx, count):
    notes = plate_notes(ctx)
    assert len(notes) == 1 and notes[0][1] == 1, notes
    message = notes[0][0]
    assert message.args["count"] == count
    text = render(message)
    for number, plate in enumerate(report(ctx).plates, start=1):
        assert f"plate {number}: {box_text(plate)}" in text, text
        assert re.fullmatch(r"\[-?\d+, -?\d+, -?\d+, -?\d+\]", box_text(plate)), "millimetres are written whole"
    assert "region = [x0, y0, x1, y1]" in text
    assert "region" in render(message, "fa") and "۲" in render(message, "fa")  # Persian digits for the count


@then(parsers.parse("the load report's JSON lists the {count:d} plates"))
def plates_in_json(ctx, count):
    listed = report(ctx).to_json()["plates"]
    assert len(listed) == count and all(len(b) == 4 for b in listed)
    assert listed == [list(p) for p in report(ctx).plates]


@then(parsers.parse("the load report lists {count:d} plates, in the order {places}"))
def plates_in_order(ctx, count, places):
    expected = [(float(x), float(y)) for x, y in re.findall(r"\((-?[\d.]+), (-?[\d.]+)\)", places)]
    plates = plates_in_metres(ctx)
    assert len(plates) == count == len(expected)
    for plate, (x, y) in zip(plates, expected):
        assert plate.covers(house_box(x, y)), (plate.bounds, (x, y))


@then(parsers.parse("the plan holds only the walls, doors and windows of the house at ({x:g}, {y:g})"))
def only_that_house(ctx, x, y):
    storey = ctx["plan"].storeys[0] if ctx["error"] is None else pytest.fail(str(ctx["error"]))
    house = house_box(x, y).buffer(0.01)
    assert storey.counts()["walls"] == 3 and len(storey.doors) == 2 and len(storey.windows) == 2, storey.counts()
    for wall in storey.walls:
        assert house.covers(wall.geometry), wall.geometry.bounds
    for opening in storey.openings:
        assert house.covers(opening.span)


@then(parsers.parse("the load report has no note about plates, but still lists {count:d} plates"))
def no_note_but_plates(ctx, count):
    assert plate_notes(ctx) == []
    assert len(report(ctx).plates) == count


@then("the load report lists no plates and has no note about plates")
def no_plates(ctx):
    assert report(ctx).plates == ()
    assert plate_notes(ctx) == []


@then(parsers.parse('loading fails with one sentence saying "{text}"'))
def loading_fails(ctx, text):
    assert ctx["plan"] is None, "the plan loaded, but should have been refused"
    said = str(ctx["error"])
    assert text in said, said
    assert "\n" not in said and said.endswith(".")


@then("the sentence names plate 1 and plate 2 with their boxes")
def sentence_names_plates(ctx):
    said = str(ctx["error"])
    assert re.search(r"plate 1: \[[-\d, ]+\]; plate 2: \[[-\d, ]+\]", said), said


@given(
    parsers.parse(
        'a drawing in "{unit}" with two plates at ({x1:g}, {y1:g}) and ({x2:g}, {y2:g}) whose doors are swing arcs and windows lines'
    ),
    target_fixture="drawing",
)
def plates_of_plain_geometry(ctx, unit, x1, y1, x2, y2):
    drawing = PlanDrawing(unit)
    msp = drawing.doc.modelspace()
    for x, y in ((x1, y1), (x2, y2)):
        drawing.walls_loop([(x, y), (x + HOUSE_W, y), (x + HOUSE_W, y + HOUSE_H), (x, y + HOUSE_H)], thickness=WALL)
        for hinge in (2.0, 6.0):  # two doors in the south wall: leaf and quarter-circle swing
            msp.add_line(drawing.xy((x + hinge, y)), drawing.xy((x + hinge, y + 0.9)), dxfattribs={"layer": "A-DOOR"})
            msp.add_arc(drawing.xy((x + hinge, y)), drawing.u(0.9), 0, 90, dxfattribs={"layer": "A-DOOR"})
        for start in (2.0, 6.0):  # two windows in the north wall: three lines across the gap
            for offset in (-0.1, 0.0, 0.1):
                msp.add_line(
                    drawing.xy((x + start, y + HOUSE_H + offset)),
                    drawing.xy((x + start + 1.2, y + HOUSE_H + offset)),
                    dxfattribs={"layer": "A-GLAZ"},
                )
    ctx["drawings"]["plan"] = drawing
    return drawing


@given(parsers.parse("a double garage 7 m by 7 m with a door and two windows at ({x:g}, {y:g})"))
def double_garage(drawing, x, y):
    drawing.walls_loop([(x, y), (x + 7, y), (x + 7, y + 7), (x, y + 7)], thickness=0.2)
    drawing.door((x + 1, y), (x + 5.5, y))
    drawing.window((x + 7, y + 2), (x + 7, y + 3.2))
    drawing.window((x + 2, y + 7), (x + 3.2, y + 7))

"""Steps for plates_layer_0.feature: plates among walls recognised from geometry.

Each house is drawn as offices without a layer convention draw it, all on layer 0 in
millimetres: walls as double lines (0.2 m) with gaps, two doors as a swing arc and a
leaf line, two windows as three parallel lines across their gaps; no blocks, no
attributes. Written with ezdxf and read by the real loader.
"""

from __future__ import annotations

import re

import ezdxf
import pytest
from pytest_bdd import given, parsers, scenarios, then
from shapely.geometry import box

from checker.reading.load import load_plan
from checker.reading.recognition.plates import box_text

from .conftest import plan_path, save_all
from .test_plates import (  # the same sentences as for plates on named layers
    loading_fails,
    manifest_with_region,
    no_note_but_plates,
    no_plates,
    plate_notes,
    report,
    sentence_names_plates,
    write_manifest,
)

scenarios("plates_layer_0.feature")

given(parsers.parse("a manifest whose storey has region = {region}"))(manifest_with_region)
then(parsers.parse("the load report has no note about plates, but still lists {count:d} plates"))(no_note_but_plates)
then("the load report lists no plates and has no note about plates")(no_plates)
then(parsers.parse('loading fails with one sentence saying "{text}"'))(loading_fails)
then("the sentence names plate 1 and plate 2 with their boxes")(sentence_names_plates)

WALL, WIDTH, DEPTH = 0.2, 10.0, 8.0
MM = 1000.0


class LayerZeroDrawing:
    """Houses on layer 0, in millimetres, drawn with metre coordinates."""

    def __init__(self):
        self.doc = ezdxf.new("R2018", setup=False)
        self.doc.header["$INSUNITS"] = 4
        self.msp = self.doc.modelspace()

    def house(self, x: float, y: float) -> None:
        def at(p):
            return ((p[0] + x) * MM, (p[1] + y) * MM)

        ring = box(0, 0, WIDTH, DEPTH).difference(box(WALL, WALL, WIDTH - WALL, DEPTH - WALL))
        for gap in (
            box(2.0, -1, 2.9, WALL + 0.5),  # front door
            box(6.0, -1, 7.2, WALL + 0.5),  # front window
            box(-1, 3.0, WALL + 0.5, 4.2),  # side window
            box(WIDTH - WALL - 0.5, 2.0, WIDTH + 1, 2.9),  # side door
        ):
            ring = ring.difference(gap)
        for polygon in ring.geoms:
            for outline in (polygon.exterior, *polygon.interiors):
                coords = list(outline.coords)
                for p, q in zip(coords, coords[1:]):
                    self.msp.add_line(at(p), at(q))
        for hinge, start, leaf in (((2.0, WALL), 0, (2.0, WALL + 0.9)), ((WIDTH - WALL, 2.0), 90, (WIDTH - WALL, 2.9))):
            self.msp.add_arc(at(hinge), 0.9 * MM, start, start + 90)
            self.msp.add_line(at(hinge), at(leaf))
        for k in range(3):
            offset = k * WALL / 2
            self.msp.add_line(at((6.0, offset)), at((7.2, offset)))
            self.msp.add_line(at((offset, 3.0)), at((offset, 4.2)))

    def save(self, path, binary: bool = False) -> None:
        self.doc.saveas(path)


def house_box(x: float, y: float):
    """The house's outer faces, metres."""
    return box(x, y, x + WIDTH, y + DEPTH)


@given(parsers.re(r"a layer-0 drawing in millimetres with a house at (?P<places>.+)"))
def layer_zero_houses(ctx, places):
    drawing = LayerZeroDrawing()
    for x, y in re.findall(r"\((-?[\d.]+), (-?[\d.]+)\)", places):
        drawing.house(float(x), float(y))
    assert {entity.dxf.layer for entity in drawing.msp} == {"0"}
    ctx["drawings"]["plan"] = drawing


@given(parsers.parse("a manifest whose storey has the region of plate {number:d}"))
def manifest_with_plate_region(ctx, number):
    save_all(ctx)
    plates = load_plan(plan_path(ctx)).loads[0].plates  # as a user reads them off the preflight
    assert len(plates) >= number, plates
    write_manifest(ctx, box_text(plates[number - 1]))


@then(
    parsers.parse("the load report lists {count:d} plates, around the houses at ({x1:g}, {y1:g}) and ({x2:g}, {y2:g})")
)
def plates_around(ctx, count, x1, y1, x2, y2):
    plates = [box(*(v / MM for v in plate)) for plate in report(ctx).plates]
    assert len(plates) == count, report(ctx).plates
    for plate, (x, y) in zip(plates, [(x1, y1), (x2, y2)]):
        house = house_box(x, y)
        assert plate.covers(house), (plate.bounds, house.bounds)
        assert plate.buffer(-0.5).within(house.buffer(0.5)), "the plate's box is the house's, with a small margin"
    walls = ctx["plan"].storeys[0].walls
    assert walls and {(w.source.layer, w.source.recognised_by) for w in walls} == {("0", "geometry")}, {
        (w.source.layer, w.source.recognised_by) for w in walls
    }


@then(parsers.parse("the load report notes once that the drawing holds {count:d} floor plates, giving both boxes"))
def plates_noted(ctx, count):
    notes = plate_notes(ctx)
    assert len(notes) == 1 and notes[0][1] == 1, notes
    message = notes[0][0]
    assert message.args["count"] == count
    text = str(message)
    for number, plate in enumerate(report(ctx).plates, start=1):
        assert f"plate {number}: {box_text(plate)}" in text, text
    assert "region = [x0, y0, x1, y1]" in text


@then(
    parsers.parse(
        "the plan holds the walls, {doors:d} doors and {windows:d} windows of the house at ({x:g}, {y:g}) only"
    )
)
def only_that_house(ctx, doors, windows, x, y):
    storey = ctx["plan"].storeys[0] if ctx["error"] is None else pytest.fail(str(ctx["error"]))
    house = house_box(x, y).buffer(0.01)
    assert len(storey.doors) == doors and len(storey.windows) == windows, storey.counts()
    assert storey.walls, "no walls were recognised"
    for element in (*storey.walls, *storey.openings):
        shape = element.geometry if hasattr(element, "geometry") else element.span
        assert house.covers(shape), shape.bounds

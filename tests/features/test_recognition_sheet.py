"""Steps for recognition_sheet.feature: roof plans beside a floor plan, drawn with ezdxf in
millimetres and read through the real loader."""

from __future__ import annotations

import ezdxf
import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from checker.reading import load_plan

scenarios("recognition_sheet.feature")

WIDTH, DEPTH, WALL = 10.0, 8.0, 0.3  # metres
BESIDE = DEPTH + 6.0  # the south edge of what is drawn north of the house
MM = 1000.0


class Sheet:
    def __init__(self, path):
        self.path = path
        self.doc = ezdxf.new("R2018")
        self.doc.header["$INSUNITS"] = 4
        self.msp = self.doc.modelspace()

    def line(self, p, q, layer):
        if layer not in self.doc.layers:
            self.doc.layers.add(layer)
        self.msp.add_line((p[0] * MM, p[1] * MM), (q[0] * MM, q[1] * MM), dxfattribs={"layer": layer})

    def ring(self, x0, y0, x1, y1, layer):
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        for p, q in zip(corners, corners[1:] + corners[:1]):
            self.line(p, q, layer)

    def save(self):
        self.doc.saveas(self.path)
        return self.path


@pytest.fixture
def sheet(tmp_path):
    return Sheet(tmp_path / "sheet.dxf")


@given("a house with two swing-arc doors")
def house(sheet):
    doors = [(2.0, 2.9), (6.0, 6.9)]  # gaps in the south wall
    xs = [0.0] + [x for gap in doors for x in gap] + [WIDTH]
    for y in (0.0, WALL):  # the south wall's two faces, cut at the doors
        for a, b in zip(xs[::2], xs[1::2]):
            sheet.line((a, y), (b, y), "A-WALL")
    for a, b in doors:  # jambs
        sheet.line((a, 0.0), (a, WALL), "A-WALL")
        sheet.line((b, 0.0), (b, WALL), "A-WALL")
    sheet.line((0.0, 0.0), (0.0, DEPTH), "A-WALL")
    sheet.line((WIDTH, 0.0), (WIDTH, DEPTH), "A-WALL")
    sheet.line((0.0, DEPTH), (WIDTH, DEPTH), "A-WALL")
    sheet.line((WALL, WALL), (WALL, DEPTH - WALL), "A-WALL")
    sheet.line((WIDTH - WALL, WALL), (WIDTH - WALL, DEPTH - WALL), "A-WALL")
    sheet.line((WALL, DEPTH - WALL), (WIDTH - WALL, DEPTH - WALL), "A-WALL")
    sheet.doc.layers.add("A-DOOR")
    for a, b in doors:  # hinge at the west jamb on the inner face, swinging inward
        sheet.msp.add_arc((a * MM, WALL * MM), (b - a) * MM, 0, 90, dxfattribs={"layer": "A-DOOR"})
        sheet.line((a, WALL), (a, WALL + b - a), "A-DOOR")


@given(
    parsers.parse(
        'its hip-roof plan drawn 6 m north of it, with the roof\'s lines on layer "{roof}" and its parapets on "{walls}"'
    )
)
def hip_roof_plan(sheet, roof, walls):
    x0, y0, x1, y1 = -0.5, BESIDE, WIDTH + 0.5, BESIDE + DEPTH + 1.0  # eaves past the walls
    sheet.ring(x0, y0, x1, y1, roof)
    ridge_y = (y0 + y1) / 2
    ridge = ((x0 + (y1 - y0) / 2, ridge_y), (x1 - (y1 - y0) / 2, ridge_y))
    sheet.line(*ridge, roof)
    for corner, end in (((x0, y0), ridge[0]), ((x0, y1), ridge[0]), ((x1, y0), ridge[1]), ((x1, y1), ridge[1])):
        sheet.line(corner, end, roof)  # the hips
    for k in range(1, 8):  # gutters and tiles along the eaves
        sheet.line((x0 + k, y0 + 0.2), (x0 + k + 0.5, y0 + 0.2), roof)
    sheet.line((x0 - 0.2, y0 - 0.5), (x0 - 0.2, y1), walls)  # a garden wall seen from above
    sheet.line((x0 - 0.4, y0 - 0.5), (x0 - 0.4, y1), walls)


@given(parsers.parse('the text "{text}" under the roof plan'))
def roof_title(sheet, text):
    sheet.msp.add_text(text, height=300, dxfattribs={"layer": "SKETCH", "insert": (2000, (BESIDE - 0.3) * MM)})


@given(parsers.parse('a flat roof drawn as a closed outline 6 m north of it on layer "{layer}"'))
def flat_roof(sheet, layer):
    sheet.doc.layers.add(layer)
    corners = [(0, BESIDE), (6, BESIDE), (6, BESIDE + 4), (0, BESIDE + 4)]
    sheet.msp.add_lwpolyline([(x * MM, y * MM) for x, y in corners], close=True, dxfattribs={"layer": layer})
    for k in range(12):  # the fall of its surface, drawn as short lines inside the outline
        sheet.line((0.5 + k * 0.4, BESIDE + 1), (0.7 + k * 0.4, BESIDE + 1.2), "A-ROOF-FALL")


@given(parsers.parse('its upper floor drawn 6 m north of it, walls only, on layer "{layer}"'))
def upper_floor(sheet, layer):
    sheet.ring(0.0, BESIDE, WIDTH, BESIDE + DEPTH, layer)
    sheet.ring(WALL, BESIDE + WALL, WIDTH - WALL, BESIDE + DEPTH - WALL, layer)
    sheet.line((5.0, BESIDE + WALL), (5.0, BESIDE + DEPTH - WALL), layer)
    sheet.line((5.1, BESIDE + WALL), (5.1, BESIDE + DEPTH - WALL), layer)


@when("the drawing is loaded", target_fixture="plan")
def loaded(sheet):
    return load_plan(sheet.save())


def _north(geometries) -> list:
    return [g for g in geometries if g.bounds[3] > DEPTH + 1.0]


@then("nothing of the plan lies north of the house")
def nothing_north(plan):
    storey = plan.storeys[0]
    assert storey.walls and not _north(w.geometry for w in storey.walls)
    assert not _north(a.polygon for a in storey.access_surfaces)
    assert not _north(s.polygon for s in storey.spaces)


@then(parsers.parse("the plan has {count:d} access surface north of the house"))
def access_north(plan, count):
    assert len(_north(a.polygon for a in plan.storeys[0].access_surfaces)) == count


@then("the plan has walls north of the house")
def walls_north(plan):
    assert len(_north(w.geometry for w in plan.storeys[0].walls)) >= 4


def _said(plan) -> list[str]:
    return [str(m) for m, _ in plan.loads[0].problems]


@then(parsers.parse('the load report says "{text}"'))
def report_says(plan, text):
    assert any(text in s for s in _said(plan)), _said(plan)


@then("the load report says nothing about roof plans")
def report_silent(plan):
    assert not any("roof plan" in s for s in _said(plan)), _said(plan)

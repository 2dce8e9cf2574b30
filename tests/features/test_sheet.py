"""Steps for sheet.feature: drawings that are no floor plan, and floor plans on layers
that name no role (checker.reading.recognition.sheet and .unnamed_walls), through the
real loader on DXF files written with ezdxf."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from checker.errors import NoPlanContent
from checker.reading import load_plan

from .recognition_drawing import WALL, Sketch

scenarios("sheet.feature")


def _sketch(unit: str) -> Sketch:
    sketch = Sketch("metres" if unit == "metres" else "millimetres")
    if unit == "no unit":
        sketch.doc.header["$INSUNITS"] = 0
    return sketch


def _rectangle(sketch: Sketch, x0, y0, x1, y1, layer="0"):
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    for p, q in zip(corners, corners[1:]):
        sketch.line(p, q, layer)


def _text(sketch: Sketch, words: str, at, height=0.3):
    sketch.msp.add_text(words, dxfattribs={"height": height * sketch.scale, "insert": sketch.xy(at)})


def _elevation(sketch: Sketch, title: str | None):
    sketch.line((-1, 0), (13, 0))  # the ground
    _rectangle(sketch, 0, 0, 12, 6)  # the facade
    sketch.line((0, 6), (6, 9))  # the roof
    sketch.line((6, 9), (12, 6))
    for x in (1.5, 4.5, 7.5, 10.0):  # two rows of windows, each with its frame
        for y in (1.0, 3.8):
            _rectangle(sketch, x, y, x + 1.2, y + 1.5)
            _rectangle(sketch, x + 0.06, y + 0.06, x + 1.14, y + 1.44)
    if title:
        _text(sketch, title, (3, -1.5))


def _detail(sketch: Sketch, title: str | None):
    for k in range(6):  # profiles and their section hatches
        x = k * 0.15
        _rectangle(sketch, x, 0, x + 0.1, 0.05)
        hatch = sketch.msp.add_hatch(color=7)
        hatch.set_pattern_fill("ANSI31", scale=0.01 * sketch.scale)
        hatch.paths.add_polyline_path(
            [sketch.xy(p) for p in ((x, 0), (x + 0.1, 0), (x + 0.1, 0.05), (x, 0.05))], is_closed=True
        )
    for k in range(25):
        sketch.msp.add_linear_dim(
            base=sketch.xy((0, 0.1 + k * 0.01)), p1=sketch.xy((0, 0)), p2=sketch.xy((0.1 + k * 0.02, 0))
        ).render()
    _text(sketch, "SCALE 1:5", (0, -0.2), 0.02)
    if title:
        _text(sketch, title, (0, -0.1), 0.03)


def _title_block(sketch: Sketch):
    _rectangle(sketch, 0, 0, 0.42, 0.297)  # an A3 sheet's frame, double
    _rectangle(sketch, 0.01, 0.01, 0.41, 0.287)
    _rectangle(sketch, 0.25, 0.01, 0.41, 0.07)  # the title block's boxes
    for y in (0.025, 0.04, 0.055):
        sketch.line((0.25, y), (0.41, y))
    for k, words in enumerate(("Project:", "Title:", "Drawing No.", "Scale: 1:100", "Date:")):
        _text(sketch, words, (0.255, 0.012 + k * 0.012), 0.003)


@given(
    parsers.re(r"a drawing on layer 0 of (?P<drawing>.+), in (?P<unit>metres|millimetres)"), target_fixture="drawing"
)
def drawing_of(tmp_path, drawing, unit):
    sketch = _sketch(unit)
    titled = drawing.split('titled "')[1].rstrip('"') if 'titled "' in drawing else None
    if drawing.startswith("an elevation"):
        _elevation(sketch, titled)
    elif drawing.startswith("a section"):
        _elevation(sketch, titled)
        sketch.line((0, 3), (12, 3))  # the floor slab, cut
        sketch.line((0, 3.25), (12, 3.25))
    elif drawing.startswith("a detail sheet"):
        _detail(sketch, titled)
    elif drawing == "a title block only":
        _title_block(sketch)
    elif drawing == "three stray lines":
        for k in range(3):
            sketch.line((0, k), (5, k + 1))
    else:
        raise ValueError(drawing)
    return sketch.save(tmp_path / "drawing.dxf")


@given(
    parsers.re(
        r'a house with double-line walls and 2 swing-arc doors on layer "(?P<layer>[^"]+)"'
        r"(?P<where>\s*inside a block)?, in (?P<unit>metres|millimetres|no unit)"
    ),
    target_fixture="drawing",
)
def house_on_layer(tmp_path, layer, where, unit):
    sketch = _sketch(unit)
    sketch.house("double lines", front_gaps=[(2.0, 2.9), (6.0, 6.9)], layer=layer)
    for x in (2.0, 6.0):
        sketch.swing((x, WALL), 0.9, layer)
    if where:  # everything moved into one block on layer 0, as FreeCAD's Shape2DView exports
        block = sketch.doc.blocks.new("PLAN")
        for entity in list(sketch.msp):
            sketch.msp.move_to_layout(entity, block)
        sketch.msp.add_blockref("PLAN", (0, 0), dxfattribs={"layer": "0"})
    return sketch.save(tmp_path / "house.dxf")


@when("the drawing is loaded", target_fixture="outcome")
def drawing_loaded(drawing):
    try:
        return load_plan(drawing)
    except NoPlanContent as refusal:
        return refusal


@then(parsers.parse('it is refused saying "{says}"'))
def refused_saying(outcome, says):
    assert isinstance(outcome, NoPlanContent), f"loaded: {outcome.storeys[0].counts()}"
    assert says in str(outcome), str(outcome)


@then("the refusal is one sentence that does not blame the layer names")
def one_sentence(outcome):
    said = str(outcome)
    assert said.endswith(".") and ". " not in said and "\n" not in said, said
    assert "none of its layers" not in said and "map its layers" not in said, said


@then(parsers.parse("the plan has at least {count:d} walls, all recognised from {how}"))
def walls_recognised(outcome, count, how):
    assert not isinstance(outcome, Exception), str(outcome)
    walls = outcome.storeys[0].walls
    assert len(walls) >= count, len(walls)
    if how == "geometry with a reason":
        assert {w.source.recognised_by for w in walls} == {"geometry"}
        assert all(w.source.reason is not None and 0 < w.source.confidence < 1 for w in walls)
    else:
        assert {w.source.recognised_by for w in walls} == {"layer-name"}


@then(parsers.parse("the plan has {count:d} doors {width:f} m wide"))
def doors_found(outcome, count, width):
    doors = [o for o in outcome.storeys[0].openings if o.kind.value == "door"]
    assert len(doors) == count, [(o.width_m, o.source.reason) for o in outcome.storeys[0].openings]
    assert all(abs(d.width_m - width) <= 0.05 for d in doors), [d.width_m for d in doors]


@then(parsers.parse("the plan is read in {unit}"))
def read_in(outcome, unit):
    assert outcome.loads[0].units.used == unit, outcome.loads[0].units


BESIDE = 20.0  # metres to the right of the house, where the second drawing stands


@given(parsers.re(r"its (?P<what>.+) drawn beside it on layer \"(?P<layer>[^\"]+)\""), target_fixture="drawing")
def drawing_beside(drawing, what, layer):
    import ezdxf

    doc = ezdxf.readfile(drawing)
    sketch = Sketch("millimetres")
    sketch.doc, sketch.msp = doc, doc.modelspace()

    def line(p, q):
        sketch.line((p[0] + BESIDE, p[1]), (q[0] + BESIDE, q[1]), layer)

    if what.startswith("elevation"):
        if "steps" in what:  # the terrain in pieces, falling past the building's right side
            line((-1, 0), (6, 0))
            line((6, 0), (13, -0.8))
        else:
            line((-1, 0), (13, 0))
        for p, q in (
            ((0, 0), (12, 0)),
            ((12, 0), (12, 6)),
            ((12, 6), (0, 6)),
            ((0, 6), (0, 0)),
            ((0, 6), (6, 9)),
            ((6, 9), (12, 6)),
        ):
            line(p, q)
        for x in (1.5, 4.5, 7.5, 10.0):
            for y in (1.0, 3.8):
                for p, q in (
                    ((x, y), (x + 1.2, y)),
                    ((x + 1.2, y), (x + 1.2, y + 1.5)),
                    ((x + 1.2, y + 1.5), (x, y + 1.5)),
                    ((x, y + 1.5), (x, y)),
                ):
                    line(p, q)
    else:  # the same house's upper floor: double-line walls, no doors
        upper = Sketch("millimetres")
        upper.house("double lines", layer=layer)
        for entity in upper.msp:
            copy = entity.copy()
            copy.translate(BESIDE * 1000, 0, 0)
            sketch.msp.add_entity(copy)
    doc.saveas(drawing)
    return drawing


@then(parsers.parse("the plan has {what} beside the house"))
def walls_beside(outcome, what):
    assert not isinstance(outcome, Exception), str(outcome)
    beside = [w for w in outcome.storeys[0].walls if w.geometry.bounds[0] >= BESIDE - 2]
    assert (not beside) if what == "no wall" else beside, len(beside)


@then(parsers.parse('the load report says "{text}"'))
def load_report_says(outcome, text):
    said = [str(m) for m, _ in outcome.loads[0].problems]
    assert any(text in s for s in said), said

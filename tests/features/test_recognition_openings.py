"""Steps for recognition_openings.feature: doors and windows drawn as plain geometry."""

from __future__ import annotations

import math
import re

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from shapely.geometry import box
from shapely.ops import unary_union

from checker.plan import OpeningKind
from checker.reading.load import load_plan

from .recognition_drawing import WALL, Sketch, parallel_lines

scenarios("recognition_openings.feature")

GAP_START = 2.0


@given(parsers.parse("a 10 m by 8 m house drawn in {unit} whose front wall has a {gap:g} m gap at 2 m"))
def house_with_front_gap(ctx, unit, gap):
    ctx["sketch"] = Sketch(unit)
    ctx["gap"] = (GAP_START, GAP_START + gap)
    ctx["sketch"].house(front_gaps=[ctx["gap"]])


@given(
    parsers.parse("a 10 m by 8 m house with double-line walls on layer 0 whose front wall has a {gap:g} m gap at 2 m")
)
def layer0_house_with_front_gap(ctx, gap):
    ctx["sketch"] = Sketch("metres")
    ctx["gap"] = (GAP_START, GAP_START + gap)
    ctx["sketch"].house("double lines", front_gaps=[ctx["gap"]], layer="0")


@given(
    parsers.re(
        r"a 10 m by 8 m house with double-line walls on layer 0 whose front wall has (?P<width>[\d.]+) m gaps at (?P<at>.*)"
    )
)
def layer0_house_with_front_gaps(ctx, width, at):
    ctx["sketch"] = Sketch("metres")
    ctx["gaps"] = [(float(x), float(x) + float(width)) for x in re.findall(r"([\d.]+) m", at)]
    ctx["sketch"].house("double lines", front_gaps=ctx["gaps"], layer="0")


@given(parsers.parse("in each gap, {drawing}"))
def in_each_gap(ctx, drawing):
    for gap in ctx.get("gaps") or [ctx["gap"]]:
        _draw_in_gap(ctx["sketch"], gap, drawing)


@given(parsers.parse("a 10 m by 8 m house drawn in {unit} whose left wall has a {gap:g} m gap at 3 m"))
def house_with_left_gap(ctx, unit, gap):
    ctx["sketch"] = Sketch(unit)
    ctx["gap"] = (3.0, 3.0 + gap)
    ctx["sketch"].house(left_gaps=[ctx["gap"]])


@given(parsers.parse("a 10 m by 8 m house drawn in {unit} with no gaps in its walls"))
def house_without_gaps(ctx, unit):
    ctx["sketch"] = Sketch(unit)
    ctx["sketch"].house()


def _draw_in_gap(sketch: Sketch, gap: tuple[float, float], drawing: str) -> None:
    x0, x1 = gap
    width = x1 - x0
    swing = re.fullmatch(r"a swing arc and leaf line on layer (\S+)", drawing)
    lines = re.fullmatch(r"(\d) parallel lines on layer (\S+)", drawing)
    if swing:
        sketch.swing((x0, WALL), width, layer=swing.group(1))
    elif drawing == "a swing arc with no leaf line on layer 0":
        sketch.swing((x0, WALL), width, leaf=False)
    elif drawing == "a door block without attributes":
        sketch.insert(sketch.door_block("D1", width, sketch.scale), (x0, WALL))
    elif drawing == "a door block without attributes, mirrored":
        sketch.insert(sketch.door_block("D1", width, sketch.scale), (x1, WALL), xscale=-1)
    elif drawing == "a door block drawn in centimetres, inserted at scale 10":
        sketch.insert(sketch.door_block("D-CM", width, 100.0), (x0, WALL), xscale=10, yscale=10)
    elif drawing == "a swing arc with its leaf drawn as a 4 cm thick rectangle on layer 0":
        sketch.arc((x0, WALL), width, 0, 90)
        corners = [(x0, WALL), (x0 - 0.04, WALL), (x0 - 0.04, WALL + width), (x0, WALL + width)]
        sketch.msp.add_lwpolyline([sketch.xy(p) for p in corners], close=True)
    elif drawing.startswith("a swing drawn as"):
        _swing_without_arc(sketch, x0, width, drawing)
    elif drawing == "a double-acting swing drawn as a half circle on layer 0":
        sketch.arc((x0, WALL / 2), width, 270, 90)
    elif drawing == "two swing arcs meeting in the middle":
        leaf = width / 2
        sketch.swing((x0, WALL), leaf)
        sketch.arc((x1, WALL), leaf, 90, 180)
        sketch.line((x1, WALL), (x1, WALL + leaf))
    elif drawing == "two sliding leaves side by side":
        leaf = width * 0.55
        sketch.line((x0, 0.08), (x0 + leaf, 0.08))
        sketch.line((x1 - leaf, 0.12), (x1, 0.12))
    elif drawing.startswith(("four folding leaves", "two folding leaves")):
        leaves = 4 if drawing.startswith("four") else 2
        reach = width / 2 if "half the gap" in drawing else width
        layer = drawing.rsplit(" ", 1)[-1] if " on layer " in drawing else "0"
        # Half-open leaves, hinged to each other, standing out of the wall's inner face.
        out = min(0.25, width / (2 * leaves) * 1.2)
        points = [(x0 + reach * k / leaves, WALL + (out if k % 2 else 0.0)) for k in range(leaves + 1)]
        for p, q in zip(points, points[1:]):
            sketch.line(p, q, layer=layer)
    elif drawing == "two slanted lines crossing in the gap":  # leaf-like, but not hinged to each other
        sketch.line((x0, WALL), (x0 + width * 0.55, WALL + 0.45))
        sketch.line((x1, WALL), (x1 - width * 0.55, WALL + 0.45))
    elif lines:
        parallel_lines(sketch, x0, x1, int(lines.group(1)), lines.group(2))
    elif drawing == "a window block without attributes":
        sketch.insert(sketch.window_block("W1", width), (x0, WALL / 2))
    elif drawing == "two panes of 2 lines on layer A-GLAZ, from 2 m to 2.95 m and from 3 m to 4 m":
        for a, b in ((2.0, 2.95), (3.0, 4.0)):
            parallel_lines(sketch, a, b, 2, "A-GLAZ")
    elif drawing == "a DOOR block on layer 0 with its attributes":
        block = sketch.doc.blocks.new("DOOR")
        block.add_line((0, 0), (0, width * sketch.scale))
        block.add_arc((0, 0), width * sketch.scale, 0, 90)
        insert = sketch.insert("DOOR", (x0, WALL))
        insert.add_attrib("RC", "RC2", insert.dxf.insert)
    elif drawing == "a DOOR block on the doors layer with its attributes":
        block = sketch.doc.blocks.new("DOOR")
        block.add_line((0, 0), (0, width * sketch.scale))
        block.add_arc((0, 0), width * sketch.scale, 0, 90)
        insert = sketch.insert("DOOR", (x0, WALL), layer="A-DOOR")
        insert.add_attrib("RC", "RC2", insert.dxf.insert)
    else:
        raise ValueError(f"no such drawing: {drawing}")


def _swing_without_arc(sketch: Sketch, x0: float, width: float, drawing: str) -> None:
    """A swing hinged at (x0, WALL) from closed (+x) to open (+y) drawn as CAD exports
    write arcs: a bulged polyline segment, separate short lines, or a polyline of chords."""
    closed, opened = (x0 + width, WALL), (x0, WALL + width)
    quarter = math.tan(math.radians(90) / 4)
    if "clockwise bulged" in drawing:  # drawn from the open end back to the closed one
        sketch.msp.add_lwpolyline([(*sketch.xy(opened), 0, 0, -quarter), (*sketch.xy(closed), 0, 0, 0)], format="xyseb")
    elif "bulged" in drawing:
        sketch.msp.add_lwpolyline([(*sketch.xy(closed), 0, 0, quarter), (*sketch.xy(opened), 0, 0, 0)], format="xyseb")
    else:
        chords = 8 if "8 short lines" in drawing else 6
        points = [
            (x0 + width * math.cos(k * math.pi / 2 / chords), WALL + width * math.sin(k * math.pi / 2 / chords))
            for k in range(chords + 1)
        ]
        if "short lines" in drawing:
            for p, q in zip(points, points[1:]):
                sketch.line(p, q)
        else:
            sketch.msp.add_lwpolyline([sketch.xy(p) for p in points])
    sketch.line((x0, WALL), opened)


@given(parsers.parse("in the gap, {drawing}"))
def in_the_gap(ctx, drawing):
    _draw_in_gap(ctx["sketch"], ctx["gap"], drawing)


@given(parsers.re(r"in the left wall's gap, a door block without attributes rotated 90 degrees(?P<mirrored>.*)"))
def rotated_door(ctx, mirrored):
    sketch, (y0, y1) = ctx["sketch"], ctx["gap"]
    name = sketch.door_block("D1", y1 - y0, sketch.scale)
    if "mirrored" in mirrored:
        sketch.insert(name, (WALL, y1), rotation=90, xscale=-1)
    else:
        sketch.insert(name, (WALL, y0), rotation=90)


@given(parsers.parse("a swing arc and leaf line of {width:g} m hinged on the front wall at {x:g} m"))
def swing_on_wall(ctx, width, x):
    ctx["sketch"].swing((x, WALL), width)


@given(parsers.parse("a window of {width:g} m at {x:g} m in the front wall drawn as {how} on layer {layer}"))
def window_over_wall(ctx, width, x, how, layer):
    sketch = ctx["sketch"]
    if how == "3 parallel lines":
        parallel_lines(sketch, x, x + width, 3, layer)
    elif how == "a closed frame and glass":
        corners = [(x, 0.0), (x + width, 0.0), (x + width, WALL), (x, WALL)]
        sketch.msp.add_lwpolyline(
            [sketch.xy(p) for p in corners], close=True, dxfattribs={"layer": sketch.layer(layer)}
        )
        sketch.line((x, WALL / 2), (x + width, WALL / 2), layer)
    elif how == "2 glass lines 0.45 m apart, on the faces of a thick wall":
        for y in (WALL / 2 - 0.225, WALL / 2 + 0.225):
            sketch.line((x, y), (x + width, y), layer)
    else:
        raise ValueError(how)


@given(parsers.parse("floor grid lines every {step:g} m run through the gap along the wall on layer {layer}"))
def floor_grid(ctx, step, layer):
    for k in range(3):  # across the wall's thickness, from well inside to well outside the house
        ctx["sketch"].line((-2.0, k * step), (12.0, k * step), layer)


@then(parsers.parse("the preflight JSON counts {doors:d} doors and at least {windows:d} windows"))
def corpus_counts(ctx, doors, windows):
    import json

    run = ctx["run"]
    assert run.returncode in (0, 1), run.stderr
    counts = json.loads((ctx["tmp"] / "preflight.json").read_text())["counts"]
    assert counts["doors"] == doors and counts["windows"] >= windows, counts


@given("a lone line on layer A-DOOR inside the house")
def lone_door_line(ctx):
    ctx["sketch"].line((4, 4), (5, 4), "A-DOOR")


NOT_DOORS = {
    "a round table drawn as a circle": lambda s: s.msp.add_circle(s.xy((5, 4)), 0.6 * s.scale),
    "a sink drawn as a half-circle arc": lambda s: s.arc((8, 1), 0.25, 180, 360),
    "an armchair drawn with a quarter arc of 0.4 m and lines": lambda s: (
        s.arc((5, 4), 0.4, 0, 90),
        s.line((5, 4), (5, 4.4)),
        s.line((5, 4), (5.4, 4)),
    ),
    "a toilet drawn as an ellipse and a small arc": lambda s: (
        s.msp.add_ellipse(s.xy((8, 6)), (0, 0.25 * s.scale), 0.7),
        s.arc((8, 5.7), 0.2, 180, 360),
    ),
    "a stair's arc and line on layer Stairs": lambda s: s.swing((5, 4), 1.0, layer="Stairs"),
    "a swing arc and leaf line on layer Furniture": lambda s: s.swing((5, 4), 0.9, layer="Furniture"),
    "a quarter arc of 0.9 m with no leaf and no wall gap": lambda s: s.arc((5, 4), 0.9, 0, 90),
    "a round table drawn as a 24-sided polygon": lambda s: s.msp.add_lwpolyline(
        [s.xy((5 + 0.9 * math.cos(k * math.pi / 12), 4 + 0.9 * math.sin(k * math.pi / 12))) for k in range(24)],
        close=True,
    ),
    # Zigzag chords of equal length along the gap, turning left and right in turn.
    "a wavy line of 8 short lines turning both ways, at the gap": lambda s: [
        s.line((2 + k * 0.11, 0.3 + (k % 2) * 0.02), (2 + (k + 1) * 0.11, 0.3 + ((k + 1) % 2) * 0.02)) for k in range(8)
    ],
    "a half-circle arc of 0.9 m with a line, away from walls": lambda s: (
        s.arc((5, 4), 0.9, 0, 180),
        s.line((5, 4), (5.9, 4)),
    ),
}


@given(parsers.parse("inside the house, {thing}"))
def inside(ctx, thing):
    NOT_DOORS[thing](ctx["sketch"])


@when("the plan is loaded")
def load(ctx):
    path = ctx["sketch"].save(ctx["tmp"] / "plan.dxf")
    ctx["plan"] = load_plan(path)


def recognised(ctx, kind: str):
    storey = ctx["plan"].storeys[0]
    return [
        o
        for o in storey.openings
        if o.kind is OpeningKind(kind) and o.source.reason is not None and o.source.reason.id.startswith("recognition.")
    ]


@then(parsers.parse("the storey has {count:d} {kind} recognised from geometry"))
def count_recognised(ctx, count, kind):
    found = recognised(ctx, kind)
    assert len(found) == count, [
        (o.source.layer, o.width_m, str(o.source.reason)) for o in ctx["plan"].storeys[0].openings
    ]
    ctx["opening"] = found[0] if found else None


@then(parsers.parse("the storey has {count:d} {kind} in all"))
def count_all(ctx, count, kind):
    found = [o for o in ctx["plan"].storeys[0].openings if o.kind is OpeningKind(kind)]
    assert len(found) == count, [(o.source.layer, o.source.recognised_by, o.width_m) for o in found]


@then(parsers.parse("its width is {width:g} m and its middle {middle:g} m along the {wall} wall"))
def width_and_place(ctx, width, middle, wall):
    opening = ctx["opening"]
    assert opening.width_m == pytest.approx(width, abs=0.02)
    x, y = opening.position.x, opening.position.y
    along, across = (x, y) if wall == "front" else (y, x)
    assert along == pytest.approx(middle, abs=0.02)
    assert 0 <= across <= WALL + 0.01, f"the opening's middle is not in the {wall} wall: {(x, y)}"


@then(parsers.parse("it was recognised by {how} with a confidence from {low:g} to {high:g}"))
def how_recognised(ctx, how, low, high):
    source = ctx["opening"].source
    assert source.recognised_by == how, (source.recognised_by, str(source.reason))
    assert low <= source.confidence <= high, (source.confidence, str(source.reason))


@then(parsers.parse("the load report says {count:d} line on doors layers forms no door or window"))
def stray_lines(ctx, count):
    problems = ctx["plan"].loads[0].to_json()["problems"]
    stray = [p for p in problems if p["message_id"] == "load.stray-linework"]
    assert [p["count"] for p in stray] == [count], problems
    assert stray[0]["message"] == "lines on doors layers that form no door or window (ignored)"


@then(
    parsers.parse('that door was recognised by block-attributes, has RC "{rc}" and the handle of its block reference')
)
def door_keeps_attributes(ctx, rc):
    (door,) = [o for o in ctx["plan"].storeys[0].openings if o.kind is OpeningKind.DOOR]
    (insert,) = ctx["sketch"].msp.query("INSERT")
    assert door.source.recognised_by == "block-attributes", door.source
    assert door.attributes.rc == rc
    assert door.source.handle == insert.dxf.handle


ONE_BLOCK_DOORS = (2.0, 5.0)
ONE_BLOCK_WINDOW = 7.0


@given("a 10 m by 8 m house drawn in metres whose front wall has gaps at 2 m and 5 m for doors and at 7 m for a window")
def house_with_three_gaps(ctx):
    ctx["sketch"] = Sketch("metres")
    gaps = [(x, x + 0.9) for x in ONE_BLOCK_DOORS] + [(ONE_BLOCK_WINDOW, ONE_BLOCK_WINDOW + 1.2)]
    ctx["sketch"].house(front_gaps=gaps)


@given("its doors and window are drawn in one block inserted once")
def openings_in_one_block(ctx):
    sketch = ctx["sketch"]
    block = sketch.doc.blocks.new("PLAN")  # drawn into directly: an empty block layout is falsy
    for x in ONE_BLOCK_DOORS:
        block.add_arc((x, WALL), 0.9, 0, 90)
        block.add_line((x, WALL), (x, WALL + 0.9))
    for k in range(3):
        block.add_line((ONE_BLOCK_WINDOW, k * WALL / 2), (ONE_BLOCK_WINDOW + 1.2, k * WALL / 2))
    ctx["plan_insert"] = sketch.insert("PLAN", (0, 0))


@when(parsers.parse('the plan is loaded with a schedule giving RC "{rc}" to the handle of the door at {x:g} m'))
def load_with_schedule(ctx, rc, x):
    path = ctx["sketch"].save(ctx["tmp"] / "plan.dxf")
    doors = [o for o in load_plan(path).storeys[0].openings if o.kind is OpeningKind.DOOR]
    (door,) = [o for o in doors if abs(o.span.bounds[0] - x) < 0.05]
    schedule = ctx["tmp"] / "openings.csv"
    schedule.write_text(f"handle,RC\n{door.source.handle},{rc}\n", encoding="utf-8")
    ctx["plan"] = load_plan(path, schedule=schedule)


@then("every opening has a handle of its own, the block reference's handle followed by the handle in the block")
def own_handles(ctx):
    openings = ctx["plan"].storeys[0].openings
    handles = [o.source.handle for o in openings]
    assert len(openings) == 3 and len(set(handles)) == 3, handles
    prefix = ctx["plan_insert"].dxf.handle + "/"
    in_block = {e.dxf.handle for e in ctx["sketch"].doc.blocks.get("PLAN")}
    for handle in handles:
        assert handle.startswith(prefix) and handle[len(prefix) :] in in_block, (handle, prefix, in_block)


@then(parsers.parse('only the door at {x:g} m has RC "{rc}"'))
def only_one_door_has_rc(ctx, x, rc):
    given = {round(o.span.bounds[0], 1): o.attributes.rc for o in ctx["plan"].storeys[0].openings}
    assert given == {x: rc, **{k: None for k in given if k != x}}, given


@then(parsers.re(r"the windows run (?P<said>from .*)"))
def windows_run(ctx, said):
    expected = [(float(a), float(b)) for a, b in re.findall(r"from ([\d.]+) m to ([\d.]+) m", said)]
    runs = sorted((round(o.span.bounds[0], 2), round(o.span.bounds[2], 2)) for o in recognised(ctx, "window"))
    assert runs == expected, runs


@given(parsers.parse("a 5 m by 4 m room drawn in metres whose left wall runs on 3 m past its open front"))
def room_with_open_front(ctx):
    # As the Barcelona Pavilion's service block: the front's only jamb is the end of the
    # right wall, the left wall runs on past it, so the walls show no gap to glaze.
    sketch = ctx["sketch"] = Sketch("metres")
    outline = unary_union([box(0, -3, WALL, 4 + WALL), box(0, 4, 5 + WALL, 4 + WALL), box(5, 0, 5 + WALL, 4 + WALL)])
    sketch.msp.add_lwpolyline(
        [sketch.xy(p) for p in outline.exterior.coords[:-1]], close=True, dxfattribs={"layer": sketch.layer("A-WALL")}
    )


@given(
    parsers.re(
        r"its front glazed on layer (?P<layer>\S+) in panes from (?P<panes>.*), mullions between them and frames at the walls"
    )
)
def glass_front(ctx, layer, panes):
    for a, b in re.findall(r"([\d.]+) m to ([\d.]+) m", panes):
        for y in (WALL / 2 - 0.015, WALL / 2 + 0.015):  # glass drawn as two lines 3 cm apart
            ctx["sketch"].line((float(a), y), (float(b), y), layer)


@given(
    parsers.re(
        r"a double glass wall inside the house from the front wall to the back wall, its leaves 1 m apart on layer (?P<layer>\S+)"
    )
)
def double_glass_wall(ctx, layer):
    for x in (4.0, 5.0):
        for dx in (-0.015, 0.015):
            ctx["sketch"].line((x + dx, WALL + 0.05), (x + dx, 8 - WALL - 0.05), layer)


@then(parsers.parse("the storey has {count:d} room of about {area:g} m2"))
def room_of_area(ctx, count, area):
    spaces = ctx["plan"].storeys[0].spaces
    assert [round(s.polygon.area, 1) for s in spaces] == [pytest.approx(area, abs=0.3)] * count


@then(parsers.parse("the storey has {count:d} room"))
def rooms_count(ctx, count):
    spaces = ctx["plan"].storeys[0].spaces
    assert len(spaces) == count, [round(s.polygon.area, 2) for s in spaces]


@then("each window has a handle of its own, that of one of its glass lines")
def own_glass_handles(ctx):
    windows = recognised(ctx, "window")
    lines = {e.dxf.handle: e for e in ctx["sketch"].msp.query("LINE")}
    handles = [w.source.handle for w in windows]
    assert len(set(handles)) == len(handles), handles
    for window in windows:
        line = lines[window.source.handle]
        x0, x1 = sorted((line.dxf.start.x, line.dxf.end.x))
        assert window.span.bounds[0] - 0.01 <= x0 and x1 <= window.span.bounds[2] + 0.01, (window.span.bounds, x0, x1)

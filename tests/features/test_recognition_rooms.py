"""Steps for recognition_rooms.feature: rooms from walls, their names and uses, the envelope.

Plans are drawn with ezdxf the way architects draw them: walls as double lines (with
or without the short lines that close a wall's end at a jamb), one closed outline per
wall piece, solid hatches or centre lines, with the door and window gaps left in them;
room labels on a layer of their own; no layer for room outlines. Doors and windows are
the convention's blocks (so these tests do not depend on recognising openings from
geometry), or nothing at all in the gap.
"""

from __future__ import annotations

import math

import pytest
import shapely
from pytest_bdd import given, parsers, scenarios, then
from shapely.geometry import LineString, Point, Polygon

from checker.reading.dxf.starter import PlanDrawing

scenarios("recognition_rooms.feature")

OUTER = [(0, 0), (10, 0), (10, 6), (0, 6)]  # wall centre lines, metres
OUTER_THICKNESS = 0.3
PARTITIONS = [((6, 0), (6, 6)), ((6, 3.5), (10, 3.5))]
PARTITION_THICKNESS = 0.1
ENTRANCE = ((2, 0), (3, 0))
INTERNAL_DOORS = [((6, 1.0), (6, 1.9)), ((7.0, 3.5), (7.8, 3.5))]
NORTH_WINDOW = ((2, 6), (3.5, 6))
EAST_WINDOW = ((10, 1.0), (10, 2.2))
DOORS = [ENTRANCE, *INTERNAL_DOORS]
WINDOWS = [NORTH_WINDOW, EAST_WINDOW]
ROOM_POINTS = {"living room": (3, 3), "bedroom": (8, 1.7), "bathroom": (8, 4.7)}
LABEL_LAYER = "A-ANNO-TEXT"  # a text layer with no role, as offices have
WALL_LAYER = "A-WALL"


def _gap_cuts(spans=None) -> list[Polygon]:
    """The gap each opening leaves: its span, across the whole wall thickness."""
    return [LineString(span).buffer(OUTER_THICKNESS, cap_style="flat") for span in spans or DOORS + WINDOWS]


def wall_body(spans=None) -> Polygon:
    """The walls as one solid with the gaps cut out (metres)."""
    ring = (
        Polygon(OUTER)
        .buffer(OUTER_THICKNESS / 2, join_style="mitre")
        .difference(Polygon(OUTER).buffer(-OUTER_THICKNESS / 2, join_style="mitre"))
    )
    partitions = [LineString(p).buffer(PARTITION_THICKNESS / 2, cap_style="flat") for p in PARTITIONS]
    return shapely.union_all([ring, *partitions]).difference(shapely.union_all(_gap_cuts(spans)))


def draw_walls(drawing: PlanDrawing, style: str) -> None:
    msp = drawing.doc.modelspace()
    attribs = {"layer": WALL_LAYER}
    body = wall_body()
    pieces = list(getattr(body, "geoms", [body]))
    if style in ("double lines with the jambs closed", "double lines with open jambs"):
        jamb_lines = [cut.exterior for cut in _gap_cuts()]
        for piece in pieces:
            for ring in (piece.exterior, *piece.interiors):
                points = list(ring.coords)
                for p, q in zip(points, points[1:]):
                    edge = LineString([p, q])
                    # An edge on a gap's side is the short line closing the wall at a jamb.
                    if style == "double lines with open jambs" and any(j.buffer(1e-6).covers(edge) for j in jamb_lines):
                        continue
                    msp.add_line(drawing.xy(p), drawing.xy(q), dxfattribs=attribs)
    elif style == "one closed outline per wall":
        for piece in pieces:
            msp.add_lwpolyline([drawing.xy(p) for p in piece.exterior.coords[:-1]], close=True, dxfattribs=attribs)
    elif style == "solid hatches":
        for piece in pieces:
            hatch = msp.add_hatch(color=7, dxfattribs=attribs)
            hatch.paths.add_polyline_path([drawing.xy(p) for p in piece.exterior.coords[:-1]], is_closed=True)
    elif style == "centre lines":
        centre = shapely.union_all([LineString(OUTER + [OUTER[0]]), *map(LineString, PARTITIONS)])
        cut = shapely.union_all([LineString(span).buffer(0.01, cap_style="flat") for span in DOORS + WINDOWS])
        for line in shapely.get_parts(shapely.line_merge(centre.difference(cut))):
            points = list(line.coords)
            for p, q in zip(points, points[1:]):
                msp.add_line(drawing.xy(p), drawing.xy(q), dxfattribs=attribs)
    else:
        raise ValueError(style)


def without_room_layer(drawing: PlanDrawing) -> None:
    """Architects' drawings have no layer for room outlines; the starter drawing makes one."""
    drawing.doc.layers.remove("A-AREA")


# ---------------------------------------------------------------- given


@given(parsers.parse('a flat drawn in "{unit}" with walls as {style}'), target_fixture="drawing")
def a_flat(ctx, unit, style):
    drawing = PlanDrawing(unit)
    without_room_layer(drawing)
    drawing.add_layer(LABEL_LAYER)
    draw_walls(drawing, style)
    ctx["drawings"]["plan"] = drawing
    ctx["style"] = style
    return drawing


@given("its doors and windows are drawn as blocks in the wall gaps")
def openings_as_blocks(drawing):
    drawing.door(*ENTRANCE, mirror=True)  # swings inward
    for door in INTERNAL_DOORS:
        drawing.door(*door)
    for window in WINDOWS:
        drawing.window(*window)


@given("its doors and windows are drawn as blocks carrying the convention's attributes")
def openings_as_convention_blocks(drawing):
    drawing.door(*ENTRANCE, mirror=True, ROLE="ENTRANCE", RC="RC2")
    for door in INTERNAL_DOORS:
        drawing.door(*door, ROLE="INTERNAL")
    for window in WINDOWS:
        drawing.window(*window, GLAZING="P4A")


@given("its doors and windows are drawn as swing arcs and lines in the gaps")
def openings_as_geometry(drawing):
    """Doors as a swing arc and its leaf, windows as three lines across the gap, on the
    layers an office template names for them (no convention blocks)."""
    drawing.add_layer("A-DOOR")
    drawing.add_layer("A-GLAZ")
    draw_swings_and_window_lines(drawing, list(WINDOWS), {"layer": "A-DOOR"}, {"layer": "A-GLAZ"})


@given(
    parsers.parse('an open line is drawn on the room-outline layer "{layer}" from ({x0:g}, {y0:g}) to ({x1:g}, {y1:g})')
)
def open_line_on_room_layer(drawing, layer, x0, y0, x1, y1):
    drawing.add_layer(layer)
    drawing.doc.modelspace().add_line(drawing.xy((x0, y0)), drawing.xy((x1, y1)), dxfattribs={"layer": layer})


@given("its doors and windows are left as bare gaps")
def bare_gaps(drawing):
    pass


@given(parsers.re(r'the living room is labelled "(?P<first>[^"]*)"(?: and "(?P<second>[^"]*)")?$'))
def living_room_label(drawing, first, second):
    x, y = ROOM_POINTS["living room"]
    drawing.text((x, y + 0.4), first, LABEL_LAYER)
    if second:
        drawing.text((x, y), second, LABEL_LAYER)


@given(parsers.parse('the drawing has an empty room-outline layer "{layer}"'))
def empty_room_layer(drawing, layer):
    drawing.add_layer(layer)


@given(parsers.parse('a room outline "{name}" is drawn on layer "{layer}" from ({x0:g}, {y0:g}) to ({x1:g}, {y1:g})'))
def drawn_outline(drawing, name, layer, x0, y0, x1, y1):
    drawing.add_layer(layer)
    drawing.space([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], name, layer=layer)


@given(parsers.parse('each room carries a room tag block on layer "{layer}": a 1.8 m by 0.65 m frame around its name'))
def room_tags(drawing, layer):
    drawing.add_layer(layer)
    k = drawing.xy((1, 1))[0]  # drawing units per metre
    block = drawing.doc.blocks.new("ROOMTAG")
    block.add_lwpolyline(
        [(-0.9 * k, -0.3 * k), (0.9 * k, -0.3 * k), (0.9 * k, 0.35 * k), (-0.9 * k, 0.35 * k)], close=True
    )
    block.add_attdef("NAME", (-0.8 * k, 0.05 * k), dxfattribs={"height": 0.2 * k})
    names = {"living room": "Kitchen", "bedroom": "Bedroom", "bathroom": "Bathroom"}
    for room, (x, y) in ROOM_POINTS.items():
        tag = drawing.doc.modelspace().add_blockref("ROOMTAG", drawing.xy((x, y)), dxfattribs={"layer": layer})
        tag.add_auto_attribs({"NAME": names[room]})


GRID_COLUMNS = 8
GRID_CELL = 3.0  # metres between centre lines


@given("a grid of rooms drawn with centre-line walls, one room for each name below", target_fixture="drawing")
def grid_of_rooms(ctx, datatable):
    header, *rows = datatable
    assert header == ["label", "use"]
    drawing = PlanDrawing("mm")
    without_room_layer(drawing)
    drawing.add_layer(LABEL_LAYER)
    msp = drawing.doc.modelspace()
    count_rows = math.ceil(len(rows) / GRID_COLUMNS)
    width, height = GRID_COLUMNS * GRID_CELL, count_rows * GRID_CELL
    for i in range(GRID_COLUMNS + 1):
        msp.add_line(
            drawing.xy((i * GRID_CELL, 0)), drawing.xy((i * GRID_CELL, height)), dxfattribs={"layer": WALL_LAYER}
        )
    for j in range(count_rows + 1):
        msp.add_line(
            drawing.xy((0, j * GRID_CELL)), drawing.xy((width, j * GRID_CELL)), dxfattribs={"layer": WALL_LAYER}
        )
    expected = []
    for k, (label, use) in enumerate(rows):
        centre = ((k % GRID_COLUMNS + 0.5) * GRID_CELL, (k // GRID_COLUMNS + 0.5) * GRID_CELL)
        drawing.text(centre, label, LABEL_LAYER)
        expected.append((Point(centre), label, use.strip()))
    ctx["drawings"]["plan"] = drawing
    ctx["expected_uses"] = expected
    ctx["grid_cells"] = GRID_COLUMNS * count_rows
    return drawing


# A flat drawn with everything on layer 0, as some offices and exports do: each door a
# swing arc and leaf (hinge, closed end, open end), each window three lines across its wall.
LAYER0_SWINGS = [
    (
        (2, OUTER_THICKNESS / 2),
        (3, OUTER_THICKNESS / 2),
        (2, OUTER_THICKNESS / 2 + 1),
    ),  # entrance, into the living room
    ((6.05, 1.0), (6.05, 1.9), (6.95, 1.0)),  # living room to bedroom, into the bedroom
    ((7.0, 3.45), (7.8, 3.45), (7.0, 2.65)),  # bedroom to bathroom, into the bedroom
]


@given(
    parsers.parse(
        'a flat drawn in "{unit}" with everything on layer 0: double-line walls with the jambs closed, '
        "swing-arc doors and 3-line windows"
    ),
    target_fixture="drawing",
)
def a_flat_on_layer_0(ctx, unit):
    return _layer0_flat(ctx, unit, list(WINDOWS))


@given(
    parsers.parse(
        "its east window starts {distance:g} m from the bedroom's corner, leaving returns shorter than 0.5 m"
    ),
    target_fixture="drawing",
)
def east_window_near_corner(ctx, drawing, distance):
    start = OUTER_THICKNESS / 2 + distance  # from the inner face of the south wall
    return _layer0_flat(ctx, ctx["layer0_unit"], [NORTH_WINDOW, ((10, start), (10, start + 1.2))])


def _layer0_flat(ctx, unit: str, windows: list) -> PlanDrawing:
    drawing = PlanDrawing(unit)
    without_room_layer(drawing)
    ctx["drawings"]["plan"] = drawing
    ctx["layer0_unit"] = unit
    ctx["east_window"] = windows[1]
    msp = drawing.doc.modelspace()
    for piece in shapely.get_parts(wall_body(DOORS + windows)):
        for ring in (piece.exterior, *piece.interiors):
            points = list(ring.coords)
            for p, q in zip(points, points[1:]):
                msp.add_line(drawing.xy(p), drawing.xy(q))
    return draw_swings_and_window_lines(drawing, windows)


def draw_swings_and_window_lines(
    drawing: PlanDrawing, windows: list, door_attribs: dict | None = None, window_attribs: dict | None = None
) -> PlanDrawing:
    """Each door a swing arc and its leaf, each window three lines across its wall."""
    msp = drawing.doc.modelspace()
    for hinge, closed, opened in LAYER0_SWINGS:
        start = math.degrees(math.atan2(closed[1] - hinge[1], closed[0] - hinge[0]))
        end = math.degrees(math.atan2(opened[1] - hinge[1], opened[0] - hinge[0]))
        if (end - start) % 360 > 180:  # an arc runs counter-clockwise from its start angle
            start, end = end, start
        msp.add_arc(drawing.xy(hinge), drawing.u(math.dist(hinge, closed)), start, end, dxfattribs=door_attribs)
        msp.add_line(drawing.xy(hinge), drawing.xy(opened), dxfattribs=door_attribs)
    for (x0, y0), (x1, y1) in windows:
        across = (0, 1) if y0 == y1 else (1, 0)
        for k in (-1, 0, 1):
            offset = k * OUTER_THICKNESS / 2
            msp.add_line(
                drawing.xy((x0 + across[0] * offset, y0 + across[1] * offset)),
                drawing.xy((x1 + across[0] * offset, y1 + across[1] * offset)),
                dxfattribs=window_attribs,
            )
    return drawing


@given(
    parsers.re(
        r"an? (?P<what>eaves line|roof edge) drawn round the building (?P<offset>[\d.]+) m outside its outer walls, "
        r'on layer "?(?P<layer>[^"]+)"?$'
    )
)
def eaves_line(drawing, what, offset, layer):
    eaves = Polygon(OUTER).buffer(OUTER_THICKNESS / 2 + float(offset), join_style="mitre")
    drawing.doc.modelspace().add_lwpolyline(
        [drawing.xy(p) for p in eaves.exterior.coords[:-1]], close=True, dxfattribs={"layer": layer}
    )


@given(
    parsers.parse(
        "a bed {w:g} m by {h:g} m drawn as a closed outline {gap:g} m from the bedroom's south wall, on layer 0"
    )
)
def bed(drawing, w, h, gap):
    y0 = OUTER_THICKNESS / 2 + gap
    corners = [(7.0, y0), (7.0 + w, y0), (7.0 + w, y0 + h), (7.0, y0 + h)]
    drawing.doc.modelspace().add_lwpolyline([drawing.xy(p) for p in corners], close=True)


@then("the east window is recognised in its gap")
def east_window_found(ctx):
    window = _opening_at(ctx, ctx["east_window"])
    assert window.kind.value == "window" and window.source.recognised_by == "geometry", window.source
    assert window.width_m == pytest.approx(1.2, abs=0.01)


@then("no wall lies outside the outer walls or inside the bedroom")
def no_stray_walls(ctx):
    outside = Polygon(OUTER).buffer(OUTER_THICKNESS / 2 + 0.01, join_style="mitre")
    bedroom = shapely.box(6.1, 0.2, 9.8, 3.4)
    stray = [
        w.geometry.bounds for w in storey(ctx).walls if not outside.covers(w.geometry) or bedroom.intersects(w.geometry)
    ]
    assert not stray, stray


# ---------------------------------------------------------------- then


def storey(ctx):
    assert ctx["error"] is None, f"the plan did not load: {ctx['error']}"
    return ctx["plan"].storeys[0]


def room_at(ctx, point) -> object:
    spaces = [s for s in storey(ctx).spaces if s.polygon.contains(Point(point))]
    assert len(spaces) == 1, f"{len(spaces)} spaces hold {point}: {[s.polygon.bounds for s in storey(ctx).spaces]}"
    return spaces[0]


@then(parsers.parse("the plan has {count:d} spaces recognised from geometry"))
def spaces_from_geometry(ctx, count):
    spaces = storey(ctx).spaces
    assert len(spaces) == count, [(s.name, s.polygon.bounds) for s in spaces]
    assert {s.source.recognised_by for s in spaces} == {"geometry"}


@then(
    parsers.parse(
        "the living room is {w1:g} m by {h1:g} m, the bedroom {w2:g} m by {h2:g} m and the bathroom {w3:g} m by {h3:g} m"
    )
)
def room_sizes(ctx, w1, h1, w2, h2, w3, h3):
    for room, (w, h) in zip(ROOM_POINTS, [(w1, h1), (w2, h2), (w3, h3)]):
        _assert_size(room_at(ctx, ROOM_POINTS[room]).polygon, w, h)


@then(parsers.parse("the living room is {w:g} m by {h:g} m"))
def living_room_size(ctx, w, h):
    _assert_size(room_at(ctx, ROOM_POINTS["living room"]).polygon, w, h)


def _assert_size(polygon, width, height):
    x0, y0, x1, y1 = polygon.bounds
    assert (x1 - x0, y1 - y0) == (pytest.approx(width, abs=0.01), pytest.approx(height, abs=0.01)), polygon.bounds
    # A rectangle, not a rectangle with notches or bulges at its doorways.
    assert polygon.area == pytest.approx(width * height, abs=0.02)


@then(
    parsers.parse(
        'every recognised room is inferred, with a confidence below 0.95, and names a wall on layer "{layer}"'
    )
)
def rooms_inferred(ctx, layer):
    walls = {w.source.handle for w in storey(ctx).walls}
    for space in storey(ctx).spaces:
        assert space.source.inferred and space.source.confidence < 0.95
        assert space.source.layer == layer and space.source.handle in walls
        assert space.source.reason is not None


@then("the plan has no spaces")
def no_spaces(ctx):
    assert storey(ctx).spaces == ()


@then(parsers.parse('the living room is named "{name}" and used as {use}'))
def living_room_named(ctx, name, use):
    room = room_at(ctx, ROOM_POINTS["living room"])
    assert (room.name, room.use) == (name, use)


@then(parsers.parse("the living room has no name and is used as {use}"))
def living_room_unnamed(ctx, use):
    room = room_at(ctx, ROOM_POINTS["living room"])
    assert (room.name, room.use) == (None, use)


@then("each room has the use its name says")
def grid_uses(ctx):
    wrong = []
    for point, label, use in ctx["expected_uses"]:
        room = room_at(ctx, point)
        if (room.name, room.use) != (label, use):
            wrong.append(f"{label}: {room.name!r} used as {room.use}, not {use}")
    assert not wrong, "; ".join(wrong)
    assert len(storey(ctx).spaces) == ctx["grid_cells"]  # one room per cell, labelled or not


@then("the entrance door opens outward to the south, the north window to the north and the east window to the east")
def outward_sides(ctx):
    expected = {ENTRANCE: (0, -1), NORTH_WINDOW: (0, 1), EAST_WINDOW: (1, 0)}
    for span, normal in expected.items():
        opening = _opening_at(ctx, span)
        assert opening.outward == pytest.approx(normal, abs=1e-6), (span, opening.outward)


@then("the doors between rooms are internal")
def internal_doors(ctx):
    for span in INTERNAL_DOORS:
        assert _opening_at(ctx, span).outward is None


@then("the footprint holds every recognised room")
def footprint_holds_rooms(ctx):
    footprint = storey(ctx).footprint
    assert footprint is not None
    for space in storey(ctx).spaces:
        assert footprint.buffer(1e-6).covers(space.polygon)


def _opening_at(ctx, span):
    centre = LineString(span).centroid
    near = [o for o in storey(ctx).openings if o.position.distance(centre) < 0.05]
    assert len(near) == 1, f"{len(near)} openings at {span}"
    return near[0]


@then(parsers.parse('the plan has 1 space, "{name}", used as {use}, as drawn'))
def one_drawn_space(ctx, name, use):
    spaces = storey(ctx).spaces
    assert [(s.name, s.use) for s in spaces] == [(name, use)]
    assert spaces[0].source.recognised_by != "geometry"


@given(
    parsers.re(
        r"a closed wall outline (?P<w>[\d.]+) m by (?P<h>[\d.]+) m stands in the living room at \((?P<x>[\d.]+), (?P<y>[\d.]+)\), (?P<labelled>.+)"
    )
)
def small_enclosure(drawing, w, h, x, y, labelled):
    x, y, w, h = float(x), float(y), float(w), float(h)
    corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    drawing.doc.modelspace().add_lwpolyline(
        [drawing.xy(p) for p in corners], close=True, dxfattribs={"layer": WALL_LAYER}
    )
    label = labelled.partition('labelled "')[2].rstrip('"')
    if label:
        drawing.text((x + w / 2, y + h / 2), label, LABEL_LAYER)


@then(parsers.parse("the point ({x:g}, {y:g}) is in no room"))
def point_in_no_room(ctx, x, y):
    assert not [s for s in storey(ctx).spaces if s.polygon.contains(Point(x, y))]


@then(parsers.parse("the point ({x:g}, {y:g}) is in a room used as {use}"))
def point_in_room(ctx, x, y, use):
    assert room_at(ctx, (x, y)).use == use


@given(
    "the plan an Iranian office draws: Persian layers, swing-arc doors and line windows in wall gaps, centimetres, no unit"
)
def iranian_plan(ctx):
    from tests.support.persian_plan import write_persian_plan

    ctx["manifest"] = write_persian_plan(ctx["tmp"] / "persian.dxf")  # loaded as the plan's target


@then("it has a room for each Persian room name, used as the name says, filling the space between the wall faces")
def persian_rooms(ctx):
    from tests.support.persian_plan import ROOMS

    spaces = {s.name: s for s in storey(ctx).spaces}
    assert set(spaces) == set(ROOMS), list(spaces)
    for name, use in ROOMS.items():
        assert spaces[name].use == use and spaces[name].source.recognised_by == "geometry"
    # The living room lies between the west wall's inner face (0.2 m) and the partition (6.0 m),
    # the south and north walls' inner faces (0.2 m, 8.8 m).
    assert spaces["پذیرایی"].polygon.bounds == pytest.approx((0.2, 0.2, 6.0, 8.8), abs=0.005)
    assert spaces["پذیرایی"].polygon.area == pytest.approx(5.8 * 8.6, abs=0.02)


@then(
    "every door and window in the outer walls has its outward side pointing out of the building, and the internal door none"
)
def persian_outward(ctx):
    from tests.support.persian_plan import TRUTH

    centre = Point(6.0, 4.5)
    for truth in TRUTH:
        opening = _opening_at(ctx, truth.jambs)
        if not truth.external:
            assert opening.outward is None
            continue
        assert opening.outward is not None, truth
        middle = LineString(truth.jambs).centroid
        away = (middle.x - centre.x, middle.y - centre.y)
        assert opening.outward[0] * away[0] + opening.outward[1] * away[1] > 0, (truth, opening.outward)


@given(parsers.parse('the living room holds a small note "{note}" and, larger, "{name}"'))
def note_and_name(drawing, note, name):
    x, y = ROOM_POINTS["living room"]
    msp = drawing.doc.modelspace()
    msp.add_text(note, height=drawing.u(0.1), dxfattribs={"layer": LABEL_LAYER}).set_placement(drawing.xy((x, y + 1)))
    msp.add_text(name, height=drawing.u(0.3), dxfattribs={"layer": LABEL_LAYER}).set_placement(drawing.xy((x, y)))

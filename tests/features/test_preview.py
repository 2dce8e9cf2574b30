"""Steps for preview.feature: the recognition preview (SVG, PNG) and the GeoJSON of the plan.

The plans are real DXF files written with PlanDrawing, read by the real loader and
previewed by the real command; expected coordinates are read back from the DXF with
ezdxf (what CAD shows), never from the checker.
"""

from __future__ import annotations

import json
import re
import struct
import xml.etree.ElementTree as ET
from dataclasses import replace
from importlib import resources

import ezdxf
import pytest
from ezdxf import bbox
from ezdxf.math import Vec3
from pytest_bdd import given, parsers, scenarios, then, when

from checker.plan import RECOGNISED_BY
from checker.reading.dxf.starter import ROLE_LAYERS
from checker.reading.layers import Role
from checker.report.preview import STYLES, plan_geojson, preview_svg

from .conftest import plan_path

scenarios("preview.feature")

SVG = "{http://www.w3.org/2000/svg}"
# Far from the origin, so that a shifted frame shows: metres.
OX, OY = 350.25, 120.5


def plan_schema() -> dict:
    text = resources.files("checker").joinpath("schema/plan.geojson.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


# ---------------------------------------------------------------- given


@given(
    "the plan shows a flat far from the drawing's origin with a front door, an internal door, a window and two rooms"
)
def the_flat(ctx, drawing):
    x, y = OX, OY
    handles = {}
    handles["outer"], handles["inner"] = drawing.walls_loop(
        [(x, y), (x + 10, y), (x + 10, y + 6), (x, y + 6)], thickness=0.3
    )
    handles["partition"] = drawing.wall((x + 4, y), (x + 4, y + 6), thickness=0.1)
    handles["stub"] = drawing.wall((x + 7, y + 0.15), (x + 7, y + 1.5))  # a single line
    handles["front door"] = drawing.door((x + 1.5, y), (x + 2.5, y), ROLE="ENTRANCE", RC="RC2")
    handles["internal door"] = drawing.door((x + 4, y + 2), (x + 4, y + 2.9), ROLE="INTERNAL")
    handles["window"] = drawing.window((x + 6, y + 6), (x + 7.5, y + 6), SILL=900, RC="RC2")
    handles["Hall"] = drawing.space(
        [(x + 0.2, y + 0.2), (x + 3.9, y + 0.2), (x + 3.9, y + 5.8), (x + 0.2, y + 5.8)], "Hall"
    )
    handles["Living room"] = drawing.space(
        [(x + 4.1, y + 0.2), (x + 9.8, y + 0.2), (x + 9.8, y + 5.8), (x + 4.1, y + 5.8)], "Living room"
    )
    ctx["handles"] = handles


@given(
    parsers.parse(
        'the plan has a sofa block, turned and with its base point off its corner, on a layer named "{layer}"'
    )
)
def a_sofa(ctx, drawing, layer):
    drawing.add_layer(layer)

    def sofa(d):
        d.doc.blocks.get("SOFA").add_lwpolyline([d.xy(p) for p in [(0, 0), (1.5, 0), (1.5, 0.9), (0, 0.9)]], close=True)

    drawing.block("SOFA", sofa, base_point=(0.5, 0.2))
    ctx["handles"]["sofa"] = drawing.insert("SOFA", (OX + 8.0, OY + 3.5), layer, rotation=30.0)


# ---------------------------------------------------------------- when


@when(parsers.parse("the internal door is taken as recognised from geometry with confidence {confidence:f}"))
def door_from_geometry(ctx, confidence):
    plan = ctx["plan"]
    storey = plan.storeys[0]
    handle = ctx["handles"]["internal door"]
    openings = tuple(
        replace(o, source=replace(o.source, recognised_by="geometry", confidence=confidence))
        if o.source.handle == handle
        else o
        for o in storey.openings
    )
    ctx["plan"] = replace(plan, storeys=(replace(storey, openings=openings),))


class _WithPlates:
    """A load report that found floor plates (until LoadReport has them itself)."""

    def __init__(self, report, plates):
        self._report = report
        self.plates = plates

    def __getattr__(self, name):
        return getattr(self._report, name)


@when("its load report has two plates")
def two_plates(ctx):
    plan = ctx["plan"]
    drawing = ctx["drawings"]["plan"]
    plates = [
        (drawing.u(OX - 1), drawing.u(OY - 1), drawing.u(OX + 11), drawing.u(OY + 7)),
        (drawing.u(OX + 14), drawing.u(OY - 1), drawing.u(OX + 26), drawing.u(OY + 7)),
    ]
    ctx["plates"] = plates
    ctx["plan"] = replace(plan, loads=(_WithPlates(plan.loads[0], plates),))


# ---------------------------------------------------------------- helpers


def _doc(ctx):
    if "doc" not in ctx:
        ctx["doc"] = ezdxf.readfile(plan_path(ctx))
    return ctx["doc"]


def _features(ctx, kind=None, handle=None):
    return [
        f
        for f in ctx["geojson"]["features"]
        if (kind is None or f["properties"]["kind"] == kind) and (handle is None or f["properties"]["handle"] == handle)
    ]


def _the_feature(ctx, name):
    found = _features(ctx, handle=ctx["handles"][name])
    assert len(found) == 1, (name, found)
    return found[0]


def _jambs(ctx, name):
    """The door's jambs as CAD places them: the block's x extent moved by the INSERT's matrix."""
    doc = _doc(ctx)
    insert = doc.entitydb[ctx["handles"][name]]
    block = doc.blocks.get(insert.dxf.name)
    box = bbox.extents([e for e in block if e.dxftype() not in ("ATTDEF", "TEXT", "MTEXT")], fast=True)
    m = insert.matrix44()
    return [m.transform(Vec3(x, 0, 0)) for x in (box.extmin.x, box.extmax.x)]


def _svg(ctx, name="preview.svg"):
    return ET.fromstring((ctx["tmp"] / name).read_text(encoding="utf-8"))


def _paths(root, css_class):
    """The drawn paths of a class, not the legend's swatches."""
    legend = {id(p) for g in root.iter(f"{SVG}g") if g.get("class") == "legend" for p in g.iter(f"{SVG}path")}
    return [p for p in root.iter(f"{SVG}path") if css_class in (p.get("class") or "").split() and id(p) not in legend]


def _first_point(d: str) -> tuple[float, float]:
    x, y = re.match(r"M(-?[\d.]+) (-?[\d.]+)", d).groups()
    return float(x), float(y)


def _points(d: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", d)]


# ---------------------------------------------------------------- then: GeoJSON


@then(parsers.parse('the GeoJSON file "{name}" validates against the plan schema'))
def geojson_validates(ctx, name):
    import jsonschema

    data = json.loads((ctx["tmp"] / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(plan_schema())
    jsonschema.validate(data, plan_schema(), cls=jsonschema.Draft202012Validator)
    assert data["type"] == "FeatureCollection"
    ctx["geojson"] = data


@then(parsers.parse("the outer wall's first corner in the GeoJSON is its drawing coordinates times {factor:g}"))
def wall_corner(ctx, factor):
    wall = _doc(ctx).entitydb[ctx["handles"]["outer"]]
    x, y = wall.get_points("xy")[0]
    feature = _the_feature(ctx, "outer")
    assert feature["geometry"]["type"] == "Polygon"
    assert feature["geometry"]["coordinates"][0][0] == [x * factor, y * factor]
    # A single-line wall is a LineString from end to end.
    stub = _doc(ctx).entitydb[ctx["handles"]["stub"]]
    line = _the_feature(ctx, "stub")["geometry"]
    assert line == {
        "type": "LineString",
        "coordinates": [
            [stub.dxf.start.x * factor, stub.dxf.start.y * factor],
            [stub.dxf.end.x * factor, stub.dxf.end.y * factor],
        ],
    }


@then(
    parsers.parse("each door's line in the GeoJSON runs from jamb to jamb at its drawing coordinates times {factor:g}")
)
def door_jambs(ctx, factor):
    for name in ("front door", "internal door"):
        geometry = _the_feature(ctx, name)["geometry"]
        assert geometry["type"] == "LineString"
        expected = [[p.x * factor, p.y * factor] for p in _jambs(ctx, name)]
        assert geometry["coordinates"] == expected, (name, geometry["coordinates"], expected)


@then(
    parsers.parse(
        "the GeoJSON holds {walls:d} walls, {doors:d} doors, {windows:d} window and {spaces:d} spaces, as the loaded plan does"
    )
)
def geojson_counts(ctx, walls, doors, windows, spaces):
    from checker.reading.load import load_plan

    kinds = [f["properties"]["kind"] for f in ctx["geojson"]["features"]]
    found = {kind: kinds.count(kind) for kind in ("wall", "door", "window", "space")}
    assert found == {"wall": walls, "door": doors, "window": windows, "space": spaces}, found
    counts = load_plan(plan_path(ctx), units=None).counts()
    assert len(kinds) == sum(counts.values())
    assert (counts["walls"], counts["doors"], counts["windows"], counts["spaces"]) == (walls, doors, windows, spaces)


@then(parsers.parse('the GeoJSON\'s units are "{unit}" from "{source}" at {factor:g} metres per unit'))
def geojson_units(ctx, unit, source, factor):
    if "geojson" not in ctx:
        geojson_validates(ctx, "plan.geojson")
    units = ctx["geojson"]["units"]
    assert (units["used"], units["source"], units["metres_per_unit"]) == (unit, source, factor), units
    assert ctx["geojson"]["storeys"][0]["units"]["used"] == unit


@then("the GeoJSON says the front door is external and the internal door is not")
def doors_external(ctx):
    geojson_validates(ctx, "plan.geojson")
    front, internal = _the_feature(ctx, "front door"), _the_feature(ctx, "internal door")
    assert front["properties"]["external"] is True
    assert front["properties"]["outward"] == [0.0, -1.0]  # the front door faces south, out of the flat
    assert internal["properties"]["external"] is False and "outward" not in internal["properties"]


@then("the GeoJSON says the window is external")
def window_external(ctx):
    window = _the_feature(ctx, "window")
    assert window["properties"]["kind"] == "window" and window["properties"]["external"] is True
    assert window["properties"]["outward"] == [0.0, 1.0]


@then(parsers.parse('the GeoJSON names the spaces "{first}" and "{second}"'))
def space_names(ctx, first, second):
    for name in (first, second):
        feature = _the_feature(ctx, name)
        assert feature["geometry"]["type"] == "Polygon"
        assert feature["properties"]["name"] == name
    assert all("name" not in f["properties"] for f in ctx["geojson"]["features"] if f["properties"]["kind"] != "space")


@then("every GeoJSON feature names its storey, handle, layer, how it was recognised and how sure")
def feature_sources(ctx):
    layers = {
        "wall": ROLE_LAYERS[Role.WALLS],
        "door": ROLE_LAYERS[Role.DOORS],
        "window": ROLE_LAYERS[Role.WINDOWS],
        "space": ROLE_LAYERS[Role.SPACES],
    }
    handles = set(ctx["handles"].values())
    for feature in ctx["geojson"]["features"]:
        properties = feature["properties"]
        assert properties["storey"] == "Storey 1"
        assert properties["handle"] in handles
        assert properties["layer"] == layers[properties["kind"]]
        assert properties["recognised_by"] in RECOGNISED_BY
        assert 0 <= properties["confidence"] <= 1
    # The convention's blocks state what they are.
    assert _the_feature(ctx, "front door")["properties"]["recognised_by"] == "block-attributes"


def test_schema_knows_every_way_of_recognising():
    """The schema's list of ways is the plan model's: a new way cannot slip out unvalidated."""
    feature = plan_schema()["$defs"]["feature"]["properties"]["properties"]["properties"]
    assert tuple(feature["recognised_by"]["enum"]) == RECOGNISED_BY


@then(
    parsers.parse(
        'the GeoJSON\'s storeys are "{first}" in "{first_unit}" and "{second}" in "{second_unit}", and its units "{used}"'
    )
)
def geojson_storeys(ctx, first, first_unit, second, second_unit, used):
    data = ctx["geojson"]
    assert [(s["name"], s["units"]["used"]) for s in data["storeys"]] == [(first, first_unit), (second, second_unit)]
    assert data["units"]["used"] == used
    assert {f["properties"]["storey"] for f in data["features"]} == {first, second}


# ---------------------------------------------------------------- then: SVG


@then(
    parsers.parse(
        'the SVG has one "wall" element per wall, one "door" per door, one "window" per window and one "space" per room, each with its handle'
    )
)
def svg_elements(ctx):
    root = _svg(ctx)
    handles = ctx["handles"]
    expected = {
        "wall": {handles["outer"], handles["inner"], handles["partition"], handles["stub"]},
        "door": {handles["front door"], handles["internal door"]},
        "window": {handles["window"]},
        "space": {handles["Hall"], handles["Living room"]},
    }
    for css_class, wanted in expected.items():
        paths = _paths(root, css_class)
        assert len(paths) == len(wanted), (css_class, len(paths))
        assert {p.get("data-handle") for p in paths} == wanted
        assert all(p.get("d", "").startswith("M") for p in paths)
    ctx["svg"] = root


@then('the SVG marks the front door and the window "external" with an arrow each, and not the internal door')
def svg_external(ctx):
    root = ctx["svg"]
    external = {p.get("data-handle") for p in _paths(root, "external")}
    assert external == {ctx["handles"]["front door"], ctx["handles"]["window"]}
    arrows = _paths(root, "outward")
    assert len(arrows) == 2
    # The front door's arrow points down the page (south, out of the flat): SVG y runs down.
    (front,) = [p for p in _paths(root, "door") if p.get("data-handle") == ctx["handles"]["front door"]]
    door_y = _first_point(front.get("d"))[1]
    tails = [_points(a.get("d")) for a in arrows]
    south = [t for t in tails if abs(t[0][1] - door_y) < 1e-6]
    assert south and south[0][1][1] > door_y


@then(parsers.parse('the SVG sets the room names "{first}" and "{second}"'))
def svg_names(ctx, first, second):
    names = [t.text for t in ctx["svg"].iter(f"{SVG}text") if t.get("class") == "name"]
    assert sorted(names) == sorted([first, second])


@then("the SVG's legend names walls, doors, windows, spaces, the original drawing and external openings")
def svg_legend(ctx):
    (legend,) = [g for g in ctx["svg"].iter(f"{SVG}g") if g.get("class") == "legend"]
    entries = {g.get("data-kind"): g.find(f"{SVG}text").text for g in legend if g.get("class") == "legend-entry"}
    assert entries == {
        "original": "original drawing",
        "wall": "walls",
        "door": "doors",
        "window": "windows",
        "space": "spaces",
        "outward": "external opening (arrow points outside)",
    }, entries


def _page_frame(ctx):
    """Page = (x * f + dx, dy - y * f), from the outer wall's first corner in the SVG and in the DXF."""
    root = ctx["svg"]
    (outer,) = [p for p in _paths(root, "wall") if p.get("data-handle") == ctx["handles"]["outer"]]
    page_x, page_y = _first_point(outer.get("d"))
    x, y = _doc(ctx).entitydb[ctx["handles"]["outer"]].get_points("xy")[0]
    factor = 0.001
    return factor, page_x - x * factor, page_y + y * factor


@then("the original drawing is drawn in the same frame as the recognised walls")
def original_same_frame(ctx):
    (original,) = _paths(ctx["svg"], "original")
    points = _points(original.get("d"))
    factor, dx, dy = _page_frame(ctx)
    # Every corner of the inner wall face, where the original has it.
    inner = _doc(ctx).entitydb[ctx["handles"]["inner"]]
    for x, y in inner.get_points("xy"):
        page = (x * factor + dx, dy - y * factor)
        assert min(abs(px - page[0]) + abs(py - page[1]) for px, py in points) < 0.002, page


@then("the sofa is in the original drawing and nothing recognised")
def sofa_original_only(ctx):
    (original,) = _paths(ctx["svg"], "original")
    points = _points(original.get("d"))
    factor, dx, dy = _page_frame(ctx)
    # Where CAD places the block's corners: its own explosion of the reference.
    sofa = _doc(ctx).entitydb[ctx["handles"]["sofa"]]
    corners = [p for e in sofa.virtual_entities() for p in e.get_points("xy")]
    assert len(corners) == 4
    for x, y in corners:
        page = (x * factor + dx, dy - y * factor)
        assert min(abs(px - page[0]) + abs(py - page[1]) for px, py in points) < 0.002, page
    recognised = {p.get("data-handle") for p in ctx["svg"].iter(f"{SVG}path") if p.get("data-handle")}
    assert ctx["handles"]["sofa"] not in recognised


@then(parsers.parse('the SVG "{name}" draws both storeys side by side under their names'))
def svg_storeys(ctx, name):
    root = _svg(ctx, name)
    titles = [t for t in root.iter(f"{SVG}text") if t.get("class") == "title"]
    assert [t.text for t in titles] == ["Ground floor", "First floor"]
    spans = {}
    for storey in ("Ground floor", "First floor"):
        xs = [x for p in root.iter(f"{SVG}path") if p.get("data-storey") == storey for x, _ in _points(p.get("d"))]
        assert xs, storey
        spans[storey] = (min(xs), max(xs))
    assert spans["Ground floor"][1] < spans["First floor"][0]
    assert float(titles[0].get("x")) < float(titles[1].get("x"))


# ---------------------------------------------------------------- then: PNG


@then(parsers.parse('"{name}" is a PNG about {pixels:d} pixels on its long side'))
def png_size(ctx, name, pixels):
    data = (ctx["tmp"] / name).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert max(width, height) == pixels and min(width, height) > pixels / 10
    ctx["png"] = ctx["tmp"] / name


@then("the PNG shows the walls', doors' and windows' colours")
def png_colours(ctx):
    from PIL import Image

    picture = Image.open(ctx["png"]).convert("RGB")
    colours = {colour: count for count, colour in picture.getcolors(maxcolors=1 << 20)}
    for kind in ("wall", "door", "window", "original"):
        hex_colour = STYLES[kind]["stroke"].lstrip("#")
        rgb = tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
        assert colours.get(rgb, 0) > 50, (kind, colours.get(rgb, 0))


# ---------------------------------------------------------------- then: by the API


@then(parsers.parse('its SVG element is classed "inferred" and says "{words}"'))
def inferred_svg(ctx, words):
    root = ET.fromstring(preview_svg(ctx["plan"]))
    (door,) = [p for p in _paths(root, "door") if p.get("data-handle") == ctx["handles"]["internal door"]]
    assert "inferred" in door.get("class").split()
    assert words in door.find(f"{SVG}title").text
    stated = [p for p in _paths(root, "door") if p.get("data-handle") == ctx["handles"]["front door"]]
    assert "inferred" not in stated[0].get("class").split()
    ctx["svg"] = root


@then(parsers.parse('its GeoJSON feature says it was inferred from "{how}" with confidence {confidence:g}'))
def inferred_geojson(ctx, how, confidence):
    ctx["geojson"] = plan_geojson(ctx["plan"])
    properties = _the_feature(ctx, "internal door")["properties"]
    assert (properties["recognised_by"], properties["confidence"], properties["inferred"]) == (how, confidence, True)


@then("the legend says what the dashes mean")
def legend_dashes(ctx):
    (legend,) = [g for g in ctx["svg"].iter(f"{SVG}g") if g.get("class") == "legend"]
    kinds = {g.get("data-kind"): g.find(f"{SVG}text").text for g in legend}
    assert kinds["inferred"] == "inferred from shape (dashed)"


@then(parsers.parse("the SVG numbers the plates {first:d} and {second:d}"))
def plates_numbered(ctx, first, second):
    root = ET.fromstring(preview_svg(ctx["plan"]))
    plates = _paths(root, "plate")
    assert len(plates) == 2
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "plate"]
    assert labels == [f"plate {first}", f"plate {second}"]
    # Each plate's box is where the drawing says, in the same frame as the walls.
    ctx["svg"] = root
    factor, dx, dy = _page_frame(ctx)
    for plate, box in zip(plates, ctx["plates"]):
        xs, ys = zip(*_points(plate.get("d")))
        assert min(xs) == pytest.approx(box[0] * factor + dx, abs=0.002)
        assert max(ys) == pytest.approx(dy - box[1] * factor, abs=0.002)


@then("the GeoJSON gives the plates in metres")
def plates_geojson(ctx):
    data = plan_geojson(ctx["plan"])
    assert data["storeys"][0]["plates"] == [[v * 0.001 for v in box] for box in ctx["plates"]]


# ---------------------------------------------------------------- a corpus plan


@given(parsers.parse('a layer mapping file "{name}" taking Walls as walls, Doors as doors and Crystal as windows'))
def mapping_file(ctx, name):
    (ctx["tmp"] / name).write_text(
        '[layers]\nwalls = "Walls"\ndoors = "Doors"\nwindows = "Crystal"\n', encoding="utf-8"
    )


@then(
    "the GeoJSON holds walls, each drawn as a LINE lying on that line's drawing coordinates times its metres per unit"
)
def corpus_walls(ctx):
    from .conftest import CORPUS

    doc = ezdxf.readfile(CORPUS / "yorikvanhavre__barcelona-pavillion__plan.dxf")
    factor = ctx["geojson"]["storeys"][0]["units"]["metres_per_unit"]
    walls = _features(ctx, kind="wall")
    assert len(walls) >= 10
    checked = 0
    for wall in walls:
        entity = doc.entitydb.get(wall["properties"]["handle"])
        if entity is None or entity.dxftype() != "LINE":
            continue
        ends = sorted(
            [
                [entity.dxf.start.x * factor, entity.dxf.start.y * factor],
                [entity.dxf.end.x * factor, entity.dxf.end.y * factor],
            ]
        )
        assert wall["geometry"]["type"] == "LineString"
        assert sorted(wall["geometry"]["coordinates"]) == ends, (wall["properties"]["handle"], wall["geometry"], ends)
        checked += 1
    assert checked >= 10

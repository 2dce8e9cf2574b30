"""Steps for fast_reading.feature: the light records against ezdxf's own document."""

from __future__ import annotations

import dataclasses
import gc
import random
import sys
from pathlib import Path

import ezdxf
from pytest_bdd import given, parsers, scenarios, then, when

from checker.errors import InputError
from checker.reading.dxf.extract import extract
from checker.reading.dxf.limits import check_expansion
from checker.reading.dxf.light import LIGHT_TYPES, ReadDrawing
from checker.reading.dxf.reader import read_dxf
from checker.reading.layers import LayerMapping
from checker.reading.load import _kept_whole
from checker.reading.recognition.sheet import summarise_modelspace

from .conftest import CORPUS, REPO

scenarios("fast_reading.feature")

FLATTEN = 1.0  # drawing units; the same for both readings


def _file(ctx) -> Path:
    return ctx["tmp"] / "drawing.dxf"


@given(parsers.parse('the corpus file "{name}"'))
def corpus_file(ctx, name):
    ctx["path"] = CORPUS / name
    assert ctx["path"].is_file(), ctx["path"]


def _door_block(doc, name: str, base=(0, 0)) -> None:
    block = doc.blocks.new(name, base_point=base)
    block.add_line((0, 0), (900, 0))
    block.add_arc((0, 0), 900, 0, 90)
    block.add_attdef("RC", (0, 0))
    block.add_attdef("ROLE", (0, 0))


@given(
    "a drawing with door, window and light blocks rotated, scaled, mirrored, with extrusion -1, with a moved base point, with attributes, XDATA and reactors"
)
def placed_blocks(ctx):
    doc = ezdxf.new("R2018")
    for name in ("A-WALL", "A-DOOR", "A-GLAZ", "E-LITE", "A-AREA", "A-FURN"):
        doc.layers.add(name)
    _door_block(doc, "DOOR")
    _door_block(doc, "DOOR-BASE", base=(450, 100))
    window = doc.blocks.new("WINDOW")
    window.add_line((0, 0), (1200, 0))
    window.add_line((0, 100), (1200, 100))
    doc.blocks.new("LIGHT").add_circle((0, 0), 100)
    msp = doc.modelspace()
    placements = [
        {},
        {"rotation": 90},
        {"rotation": 33.5, "xscale": 1.25, "yscale": 0.8},
        {"xscale": -1},
        {"yscale": -1, "rotation": 270},
        {"extrusion": (0, 0, -1)},
        {"extrusion": (0, 0, -1), "rotation": 45},
    ]
    for k, extra in enumerate(placements):
        door = msp.add_blockref(
            "DOOR" if k % 2 else "DOOR-BASE", (5000 * k, 1000), dxfattribs={"layer": "A-DOOR", **extra}
        )
        door.add_attrib("RC", "RC2", (0, 0))
        door.add_attrib("role", "ENTRANCE" if k == 0 else "INTERNAL", (0, 0))
    msp.add_blockref("WINDOW", (100, 7000), dxfattribs={"layer": "A-GLAZ", "rotation": 180})
    msp.add_blockref("LIGHT", (300, 300), dxfattribs={"layer": "E-LITE"})
    msp.add_blockref("LIGHT", (700, 300), dxfattribs={"layer": "E-LITE", "extrusion": (0, 0, -1)})
    msp.add_lwpolyline([(0, 0), (40000, 0), (40000, 8000), (0, 8000)], close=True, dxfattribs={"layer": "A-WALL"})
    msp.add_lwpolyline([(0, 0), (100, 0), (100, 100), (0, 100), (0, 0)], close=True, dxfattribs={"layer": "A-WALL"})
    msp.add_line((0, 4000), (40000, 4000), dxfattribs={"layer": "A-WALL", "thickness": 3000})
    msp.add_line((1, 1), (2, 2))  # layer 0: loose linework for recognition
    doc.appids.add("ANNEX_TEST")
    tagged = msp.add_line((0, 6000), (40000, 6000), dxfattribs={"layer": "A-WALL"})
    tagged.set_xdata("ANNEX_TEST", [(1000, "wall"), (1040, 1.5), (1070, 3), (1010, (1, 2, 3))])
    with_xdata = msp.add_blockref("WINDOW", (100, 8000), dxfattribs={"layer": "A-GLAZ"})
    with_xdata.set_xdata("ANNEX_TEST", [(1000, "window")])
    grouped = msp.add_line((0, 7000), (40000, 7000), dxfattribs={"layer": "A-WALL"})
    doc.groups.new("WALLS").extend([grouped, tagged])  # the group's reactors on both lines
    ctx["doc"] = doc


@given("the drawing has nested wall blocks, a MINSERT grid of doors, bulged and tilted polylines and aligned texts")
def the_rest(ctx):
    doc = ctx["doc"]
    msp = doc.modelspace()
    piece = doc.blocks.new("PIECE")
    piece.add_lwpolyline([(0, 0), (2000, 0), (2000, 200), (0, 200)], close=True)
    outer = doc.blocks.new("OUTER")
    outer.add_blockref("PIECE", (0, 1000), dxfattribs={"rotation": 90, "xscale": -1})
    outer.add_blockref("DOOR", (0, 0), dxfattribs={"layer": "A-DOOR"})
    msp.add_blockref("OUTER", (9000, 9000), dxfattribs={"layer": "A-WALL", "extrusion": (0, 0, -1)})
    msp.add_blockref("PIECE", (12000, 9000), dxfattribs={"layer": "A-FURN"})
    grid = msp.add_blockref("DOOR", (0, 20000), dxfattribs={"layer": "A-DOOR"})
    grid.grid(size=(1, 2), spacing=(1000, 3000))
    msp.add_lwpolyline([(0, 0, 0.5), (2000, 0, 0)], format="xyb", dxfattribs={"layer": "A-DOOR"})
    msp.add_lwpolyline([(0, 0), (500, 0)], dxfattribs={"layer": "A-WALL", "extrusion": (0, 0, -1)})
    for k, align in enumerate(("LEFT", "MIDDLE_CENTER", "BOTTOM_RIGHT", "TOP_LEFT")):
        msp.add_text(f"Room {k}", height=250, dxfattribs={"layer": "A-AREA"}).set_placement(
            (1000 * k, 3000), (1000 * k + 800, 3000), align=ezdxf.enums.TextEntityAlignment[align]
        )
    msp.add_text("  Hall   one ", dxfattribs={"layer": "A-AREA", "insert": (50, 50)})
    msp.add_text("Tilted", dxfattribs={"layer": "A-AREA", "insert": (50, 50), "extrusion": (0, 0, -1)})
    msp.add_mtext("Kitchen", dxfattribs={"layer": "A-AREA", "insert": (90, 90)})
    doc.saveas(_file(ctx))
    ctx["path"] = _file(ctx)


@given("a drawing with a wall in the modelspace and a wall on a paperspace layout")
def paperspace_wall(ctx):
    doc = ezdxf.new("R2018")
    doc.layers.add("A-WALL")
    doc.modelspace().add_lwpolyline(
        [(0, 0), (4000, 0), (4000, 200), (0, 200)], close=True, dxfattribs={"layer": "A-WALL"}
    )
    doc.paperspace().add_lwpolyline([(0, 0), (40, 0), (40, 2), (0, 2)], close=True, dxfattribs={"layer": "A-WALL"})
    doc.layouts.new("Sheet 2").add_line((0, 0), (10, 0), dxfattribs={"layer": "A-WALL"})
    doc.saveas(_file(ctx))
    ctx["path"] = _file(ctx)


@given("a drawing with door blocks on a frozen layer and on a switched-off layer")
def hidden_doors(ctx):
    doc = ezdxf.new("R2018")
    doc.layers.add("A-DOOR").freeze()
    doc.layers.add("A-DOOR-NEW").off()
    _door_block(doc, "DOOR")
    for k, layer in enumerate(("A-DOOR", "A-DOOR-NEW")):
        door = doc.modelspace().add_blockref("DOOR", (2000 * k, 0), dxfattribs={"layer": layer})
        door.add_attrib("RC", "RC2", (0, 0))
    doc.saveas(_file(ctx))
    ctx["path"] = _file(ctx)


@given("a drawing whose entities have no handles")
def no_handles(ctx):
    doc = ezdxf.new("R2018")
    doc.layers.add("A-WALL")
    doc.modelspace().add_lwpolyline(
        [(0, 0), (4000, 0), (4000, 200), (0, 200)], close=True, dxfattribs={"layer": "A-WALL"}
    )
    doc.modelspace().add_line((0, 1000), (4000, 1000), dxfattribs={"layer": "A-WALL"})
    doc.saveas(_file(ctx))
    lines = _file(ctx).read_text(encoding="utf-8").splitlines()
    start = lines.index("ENTITIES") + 1  # the first group code line of the section's entities
    end = start + lines[start:].index("ENDSEC") - 1
    kept = lines[:start]
    pairs = list(zip(lines[start:end:2], lines[start + 1 : end : 2]))
    kept += [line for code, value in pairs if code.strip() != "5" for line in (code, value)]
    _file(ctx).write_text("\n".join(kept + lines[end:]) + "\n", encoding="utf-8")
    ctx["path"] = _file(ctx)


@given(parsers.parse('a drawing whose wall has the handle "{handle}"'))
def wall_with_handle(ctx, handle):
    doc = ezdxf.new("R2018")
    doc.layers.add("A-WALL")
    wall = doc.modelspace().add_line((0, 1000), (4000, 1000), dxfattribs={"layer": "A-WALL"})
    doc.modelspace().add_line((0, 2000), (4000, 2000), dxfattribs={"layer": "A-WALL"})
    doc.saveas(_file(ctx))
    text = _file(ctx).read_text(encoding="utf-8")
    marker = f"  0\nLINE\n  5\n{wall.dxf.handle}\n"
    assert text.count(marker) == 1
    _file(ctx).write_text(text.replace(marker, f"  0\nLINE\n  5\n{handle}\n"), encoding="utf-8")
    ctx["path"] = _file(ctx)


@given(parsers.parse("a drawing whose wall line has its bulged polyline's handle written {how}"))
def line_with_taken_handle(ctx, how):
    doc = ezdxf.new("R2018")
    doc.layers.add("A-WALL")
    wall = doc.modelspace().add_line((0, 1000), (4000, 1000), dxfattribs={"layer": "A-WALL"})
    while True:  # a handle with a letter in it, so that small letters differ
        bulged = doc.modelspace().add_lwpolyline([(0, 0, 0, 0, 1), (4000, 0)], dxfattribs={"layer": "A-WALL"})
        if any(c.isalpha() for c in bulged.dxf.handle):
            break
        doc.modelspace().delete_entity(bulged)
    doc.saveas(_file(ctx))
    handle = bulged.dxf.handle
    taken = {"as it is": handle, "in small letters": handle.lower(), "with a leading 0": "0" + handle}[how]
    text = _file(ctx).read_text(encoding="utf-8")
    marker = f"  0\nLINE\n  5\n{wall.dxf.handle}\n"
    assert text.count(marker) == 1
    _file(ctx).write_text(text.replace(marker, f"  0\nLINE\n  5\n{taken}\n"), encoding="utf-8")
    ctx["path"] = _file(ctx)


@given("a drawing whose door block's attributes are not closed by a SEQEND")
def open_attributes(ctx):
    doc = ezdxf.new("R2018")
    doc.layers.add("A-DOOR")
    doc.layers.add("A-WALL")
    _door_block(doc, "DOOR")
    door = doc.modelspace().add_blockref("DOOR", (0, 0), dxfattribs={"layer": "A-DOOR"})
    door.add_attrib("RC", "RC2", (0, 0))
    doc.modelspace().add_line((0, 1000), (4000, 1000), dxfattribs={"layer": "A-WALL"})
    doc.saveas(_file(ctx))
    lines = _file(ctx).read_text(encoding="utf-8").splitlines()
    at = lines.index("SEQEND")  # the value line; its group code is the line before
    # Drop the SEQEND entity: from its (0, SEQEND) pair up to the next (0, ...) pair.
    following = next(k for k in range(at + 1, len(lines), 2) if lines[k].strip() == "0")
    _file(ctx).write_text("\n".join(lines[: at - 1] + lines[following:]) + "\n", encoding="utf-8")
    ctx["path"] = _file(ctx)


@given("a drawing whose ENTITIES section has no ENDSEC")
def no_endsec(ctx):
    doc = ezdxf.new("R2018")
    doc.layers.add("A-DOOR")
    doc.layers.add("A-WALL")
    _door_block(doc, "DOOR")
    door = doc.modelspace().add_blockref("DOOR", (0, 0), dxfattribs={"layer": "A-DOOR"})
    door.add_attrib("RC", "RC2", (0, 0))
    doc.modelspace().add_lwpolyline(
        [(0, 0), (4000, 0), (4000, 200), (0, 200)], close=True, dxfattribs={"layer": "A-WALL"}
    )
    doc.saveas(_file(ctx))
    lines = _file(ctx).read_text(encoding="utf-8").splitlines()
    start = lines.index("ENTITIES")
    end = start + lines[start:].index("ENDSEC")  # the value line; its group code is the line before
    _file(ctx).write_text("\n".join(lines[: end - 1] + lines[end + 1 :]) + "\n", encoding="utf-8")
    ctx["path"] = _file(ctx)


@given(parsers.parse("the benchmark's block of flats {side:d} flats on a side"))
def block_of_flats(ctx, side):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_load import write_block_of_flats

    write_block_of_flats(_file(ctx), side)
    ctx["path"] = _file(ctx)


def _dump(raw) -> dict:
    """Everything extraction produced, geometry as exact WKB."""

    def row(item):
        return tuple(
            (f.name, getattr(item, f.name).wkb if hasattr(getattr(item, f.name), "wkb") else getattr(item, f.name))
            for f in dataclasses.fields(item)
        )

    dump = {
        name: [row(x) for x in getattr(raw, name)]
        for name in ("shapes", "openings", "lights", "texts", "arcs", "loose", "hatches")
    }
    for name in ("layer_entities", "hidden_layers", "ignored_types", "problems", "opening_attributes"):
        dump[name] = dict(getattr(raw, name))
    dump["layer_roles"] = dict(raw.layer_roles)
    dump["entity_count"] = raw.entity_count
    return dump


@when("it is read both ways and extracted")
def read_both_ways(ctx):
    mapping = LayerMapping()
    try:
        plain, ctx["plain_report"] = read_dxf(ctx["path"])
    except InputError as exc:
        ctx["plain_error"] = str(exc)
    try:
        light, ctx["light_report"] = read_dxf(ctx["path"], None, _kept_whole(mapping))
    except InputError as exc:
        ctx["light_error"] = str(exc)
    if "plain_error" in ctx or "light_error" in ctx:
        return
    assert not isinstance(plain, ReadDrawing)
    ctx["light_doc"] = light
    ctx["plain_doc"] = plain
    ctx["plain_raw"] = extract(plain, mapping, FLATTEN)
    ctx["light_raw"] = extract(light, mapping, FLATTEN)


# Values and group codes a damaged file shows in place of the right ones.
_JUNK = [
    "",
    "x",
    "1e999",
    "nan",
    "-0.0",
    "1.5",
    "  7",
    "0",
    "1",
    "EOF",
    "SEQEND",
    "ATTRIB",
    "AcDbEntity",
    "{ACAD_REACTORS",
    "}",
    "1A",
    "*Model_Space",
]
_CODES = [
    "5",
    "8",
    "10",
    "20",
    "30",
    "11",
    "42",
    "67",
    "66",
    "70",
    "71",
    "100",
    "102",
    "330",
    "1001",
    "1000",
    "210",
    "220",
    "230",
    "1",
    "2",
    "72",
    "73",
    "999",
    "0",
    "310",
]


def _outcome(path: Path, light: bool):
    """What a reading ends in: the refusal, or the repairs and the extraction (repr: NaN equals NaN)."""
    mapping = LayerMapping()
    try:
        doc, report = read_dxf(path, None, _kept_whole(mapping) if light else None)
    except InputError as exc:
        return ("refused", str(exc))
    try:
        raw = extract(doc, mapping, FLATTEN)
    except Exception as exc:  # noqa: BLE001 - the same failure both ways is what is compared
        return ("extraction failed", type(exc).__name__)
    return ("read", report.recovered, report.repairs, repr(_dump(raw)))


@when(
    parsers.parse("{count:d} copies of it, each with a few tags changed, dropped, added or doubled, are read both ways")
)
def damaged_copies(ctx, count):
    rng = random.Random(20261205)
    lines = ctx["path"].read_text(encoding="utf-8").split("\n")
    start = lines.index("ENTITIES")
    end = start + lines[start:].index("ENDSEC")
    ctx["outcomes"] = []
    for k in range(count):
        copy = list(lines)
        first, last = (start + 1, end - 1) if k % 3 else (1, len(copy) - 2)  # a third anywhere in the file
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(first, last)
            edit = rng.random()
            if edit < 0.3:
                copy[i] = rng.choice(_JUNK)
            elif edit < 0.5:
                copy[i] = rng.choice(_CODES)
            elif edit < 0.7:
                del copy[i : i + 2]
            elif edit < 0.85:
                copy[i:i] = [rng.choice(_CODES), rng.choice(_JUNK)]
            else:
                copy[i:i] = copy[i : i + 2]
            last = min(last, len(copy) - 2)
        path = ctx["tmp"] / f"damaged-{k}.dxf"
        path.write_text("\n".join(copy), encoding="utf-8")
        ctx["outcomes"].append((path.name, _outcome(path, False), _outcome(path, True)))


@then("every copy gives the same refusal, repairs and extraction both ways")
def same_outcomes(ctx):
    differing = [name for name, plain, light in ctx["outcomes"] if plain != light]
    assert not differing, differing
    assert len({plain[0] for _, plain, _ in ctx["outcomes"]}) > 1  # the damage did reach the reading


@then("both readings give the same extraction")
def same_extraction(ctx):
    plain, light = _dump(ctx["plain_raw"]), _dump(ctx["light_raw"])
    for name in plain:
        assert plain[name] == light[name], name
    # What telling the kind of sheet reads: kinds counted and texts without making the records.
    assert summarise_modelspace(ctx["plain_doc"]) == summarise_modelspace(ctx["light_doc"])


def _records(ctx) -> list:
    doc = ctx["light_doc"]
    if not isinstance(doc, ReadDrawing):
        return []
    return [e for e in doc.modelspace() if type(e) in LIGHT_TYPES]


@then("the light reading took the plain doors, windows, lights, lines, polylines and texts as records")
def took_records(ctx):
    kinds = sorted({(e.dxftype(), e.layer) for e in _records(ctx)})
    # XDATA on a line and a window, and a group's reactors on two lines, are no reason to leave them to ezdxf.
    assert kinds == [
        ("INSERT", "A-DOOR"),
        ("INSERT", "A-GLAZ"),
        ("INSERT", "E-LITE"),
        ("LINE", "0"),
        ("LINE", "A-WALL"),
        ("LWPOLYLINE", "A-WALL"),
        ("TEXT", "A-AREA"),
    ], kinds
    doors = [e for e in _records(ctx) if e.dxftype() == "INSERT" and e.layer == "A-DOOR"]
    assert len(doors) == 7 and all(len(d.attribs) == 2 for d in doors)
    assert len([e for e in _records(ctx) if e.dxftype() == "LINE" and e.layer == "A-WALL"]) == 3
    left = [e.dxftype() for e in ctx["light_doc"].modelspace() if type(e) not in LIGHT_TYPES]
    # The MINSERT grid, the exploded wall blocks, the bulged and the tilted polyline, the tilted text, the MTEXT.
    assert sorted(left) == ["INSERT", "INSERT", "INSERT", "LWPOLYLINE", "LWPOLYLINE", "MTEXT", "TEXT"], left


@then("both readings count the same entities once expanded, for the reading limits")
def same_expansion(ctx):
    assert isinstance(ctx["light_doc"], ReadDrawing)
    assert check_expansion(ctx["plain_doc"], "plan") == check_expansion(ctx["light_doc"], "plan") > 0


@then("the light reading took nothing as records")
def took_nothing(ctx):
    assert _records(ctx) == []


@then("no light record is alive while the light reading holds every one of them packed")
def records_packed(ctx):
    doc = ctx["light_doc"]
    assert isinstance(doc, ReadDrawing)
    alive = [o for o in gc.get_objects() if type(o) in LIGHT_TYPES]
    assert alive == [], f"{len(alive)} records alive"
    walked = [e for e in doc.modelspace() if type(e) in LIGHT_TYPES]
    assert len(walked) == len(doc.modelspace()) > 100  # each made again from its packing


@then("the light reading took every modelspace entity as a record")
def took_everything(ctx):
    doc = ctx["light_doc"]
    assert isinstance(doc, ReadDrawing)
    assert len(_records(ctx)) == len(doc.modelspace()) > 0


@then(parsers.parse("the extraction has {openings:d} openings and {lights:d} lights"))
def opening_count(ctx, openings, lights):
    raw = ctx["light_raw"]
    assert (len(raw.openings), len(raw.lights)) == (openings, lights)


@then(parsers.parse("the extraction has {count:d} openings"))
def openings_only(ctx, count):
    assert len(ctx["light_raw"].openings) == count


@then(parsers.parse("the extraction has {count:d} wall shape"))
def wall_shapes(ctx, count):
    assert len([s for s in ctx["light_raw"].shapes if s.role is not None and s.role.value == "walls"]) == count


@then("both readings refuse it with the same sentence")
def same_refusal(ctx):
    assert ctx.get("plain_error") and ctx.get("plain_error") == ctx.get("light_error"), ctx


@then("both readings were recovered with the same repairs")
def both_recovered(ctx):
    plain, light = ctx["plain_report"], ctx["light_report"]
    assert plain.recovered and light.recovered
    assert (plain.repairs, plain.unrepaired, plain.repair_count) == (
        light.repairs,
        light.unrepaired,
        light.repair_count,
    )

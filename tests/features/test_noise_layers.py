"""Steps for noise_layers.feature: entities on furniture, dimension and hatching layers
are counted, not read (issue 12), through the real reader, extraction and loader."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from checker.reading.dxf.extract import extract
from checker.reading.dxf.reader import read_dxf
from checker.reading.layers import LayerMapping
from checker.reading.load import load_plan

from .conftest import plan_path, save_all

scenarios("noise_layers.feature")


@given(
    parsers.parse(
        '{count:d} armchairs, each a block of a quarter arc and three lines, stand in the house on layer "{layer}"'
    )
)
def armchairs(drawing, count, layer):
    doc = drawing.doc
    doc.layers.add(layer)
    block = doc.blocks.new("ARMCHAIR")
    block.add_arc((0, 0), 400, 0, 90, dxfattribs={"layer": "0"})  # a door's swing would look alike
    for start, end in (((0, 0), (400, 0)), ((0, 0), (0, 400)), ((400, 0), (400, 400))):
        block.add_line(start, end, dxfattribs={"layer": "0"})
    space = doc.modelspace()
    for k in range(count):
        space.add_blockref("ARMCHAIR", (1000 + (k % 8) * 1000, 1000 + (k // 8) * 1200), dxfattribs={"layer": layer})


@given(
    parsers.parse('a floor hatch and a dimension lie in the house on layers "{hatch_layer}" and "{dimension_layer}"')
)
def hatch_and_dimension(drawing, hatch_layer, dimension_layer):
    doc = drawing.doc
    space = doc.modelspace()
    for name in (hatch_layer, dimension_layer):
        doc.layers.add(name)
    hatch = space.add_hatch(dxfattribs={"layer": hatch_layer})
    hatch.paths.add_polyline_path([(500, 500), (3000, 500), (3000, 3000), (500, 3000)], is_closed=True)
    space.add_linear_dim(base=(0, -800), p1=(0, 0), p2=(10000, 0), dxfattribs={"layer": dimension_layer}).render()


@given(parsers.parse('the text "{text}" is written in the house on layer "{layer}"'))
def text_in_house(drawing, text, layer):
    drawing.doc.layers.add(layer)
    drawing.text((2.5, 6.0), text, layer)


@given(
    parsers.parse('a block holding a 3 m wall on layer "{wall_layer}" is placed on layer "{layer}" beside the house')
)
def wall_block(drawing, wall_layer, layer):
    doc = drawing.doc
    doc.layers.add(layer)
    block = doc.blocks.new("GARDEN-WALL")
    block.add_lwpolyline([(0, 0), (3000, 0), (3000, 200), (0, 200)], close=True, dxfattribs={"layer": wall_layer})
    doc.modelspace().add_blockref("GARDEN-WALL", (15000, 0), dxfattribs={"layer": layer})


def _extracted(ctx):
    save_all(ctx)
    doc, _ = read_dxf(plan_path(ctx))
    return extract(doc, LayerMapping(), 1.0)


@when("the drawing is extracted and the plan is loaded")
def extracted_and_loaded(ctx):
    ctx["raw"] = _extracted(ctx)
    ctx["plan"] = load_plan(plan_path(ctx))


@when("the drawing is extracted")
def extracted(ctx):
    ctx["raw"] = _extracted(ctx)


def _layers(text: str) -> set[str]:
    return {part.strip().strip('"') for part in text.replace(" or ", ",").split(",") if part.strip()}


@then(parsers.parse("the extraction holds no shape, linework, hatch or arc from layers {layers}"))
def nothing_from(ctx, layers):
    raw = ctx["raw"]
    names = _layers(layers)
    found = [item for group in (raw.shapes, raw.loose, raw.hatches, raw.arcs) for item in group if item.layer in names]
    assert not found, f"{len(found)} elements read from {sorted(names)}, e.g. {found[0]}"


@then(parsers.parse('the extraction holds the text "{text}"'))
def holds_text(ctx, text):
    assert text in [t.text for t in ctx["raw"].texts]


@then(parsers.parse('the load report lists the layer "{layer}" as unmapped with {count:d} entities'))
def unmapped_with(ctx, layer, count):
    assert (layer, count) in ctx["plan"].loads[0].unmapped_layers, ctx["plan"].loads[0].unmapped_layers


@then(parsers.parse("the load report counts {hatches:d} HATCH and {dimensions:d} DIMENSION as ignored"))
def ignored_counts(ctx, hatches, dimensions):
    ignored = dict(ctx["plan"].loads[0].ignored_types)
    assert (ignored.get("HATCH"), ignored.get("DIMENSION")) == (hatches, dimensions), ignored


@then(parsers.parse("the plan has {walls:d} walls, {doors:d} door and {windows:d} window"))
def plan_counts(ctx, walls, doors, windows):
    storey = ctx["plan"].storeys[0]
    assert (len(storey.walls), len(storey.doors), len(storey.windows)) == (walls, doors, windows)


@then(
    parsers.parse(
        'the extraction holds {lines:d} pieces of linework (the arcs\' too) and {arcs:d} arcs from layer "{layer}"'
    )
)
def linework_from(ctx, lines, arcs, layer):
    raw = ctx["raw"]
    found_lines = sum(1 for s in raw.loose if s.layer == layer)
    found_arcs = sum(1 for a in raw.arcs if a.layer == layer)
    assert (found_lines, found_arcs) == (lines, arcs)


@given(parsers.parse('a block holding the text "{text}" and a frame is placed in the house on layer "{layer}"'))
def text_block(drawing, text, layer):
    doc = drawing.doc
    doc.layers.add(layer)
    block = doc.blocks.new("ROOM-TAG")
    block.add_lwpolyline([(0, 0), (1200, 0), (1200, 400), (0, 400)], close=True, dxfattribs={"layer": "0"})
    block.add_text(text, height=200, dxfattribs={"layer": "0", "insert": (100, 100)})
    doc.modelspace().add_blockref("ROOM-TAG", (3000, 5000), dxfattribs={"layer": layer})

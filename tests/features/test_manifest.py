"""Steps for manifest.feature."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, scenarios, then

from checker.reading.dxf.starter import PlanDrawing

from .conftest import draw_house

scenarios("manifest.feature")

PROJECT = '[project]\nname = "Two storeys"\npermit = "P-42"\ndwellings = 1\n'
STOREYS = (
    '\n[[storeys]]\nname = "Ground"\nfile = "ground.dxf"\nelevation = 0.0{ground_units}\n'
    '\n[[storeys]]\nname = "First"\nfile = "first.dxf"\nelevation = 2.8\n'
)


def write_project(ctx, ground_unit="mm", first_unit="m", wall_layer=None, header_units=None, extra=""):
    for name, unit in (("ground", ground_unit), ("first", first_unit)):
        drawing = PlanDrawing(unit)
        if wall_layer:
            drawing.add_layer(wall_layer)
            drawing.walls_loop([(0, 0), (10, 0), (10, 8), (0, 8)], thickness=0.3, layer=wall_layer)
            drawing.door((4.0, 0.0), (5.0, 0.0), ROLE="ENTRANCE", RC="RC2")
        else:
            draw_house(drawing, ROLE="ENTRANCE", RC="RC2", GLAZING="NONE", VIEWER="YES")
        if header_units is not None and name == "ground":
            drawing.doc.header["$INSUNITS"] = header_units
        drawing.save(ctx["tmp"] / f"{name}.dxf")
    ctx["manifest"] = ctx["tmp"] / "project.toml"
    ctx["manifest_extra"] = extra
    ctx["ground_units"] = ""
    _write_manifest(ctx)


def _write_manifest(ctx):
    text = PROJECT + STOREYS.format(ground_units=ctx["ground_units"]) + ctx["manifest_extra"]
    ctx["manifest"].write_text(text, encoding="utf-8")


@given(parsers.parse('a two-storey project drawn in "{ground}" and "{first}"'))
def two_storey(ctx, ground, first):
    write_project(ctx, ground, first)


@given(parsers.parse('a two-storey project drawn in "{ground}" and "{first}" with walls on layer "{layer}"'))
def two_storey_layers(ctx, ground, first, layer):
    write_project(ctx, ground, first, wall_layer=layer, extra=f'\n[layers]\nwalls = ["{layer}"]\n')


@given(parsers.parse('a two-storey project drawn in "{ground}" and "{first}" whose ground floor header says inches'))
def two_storey_inches(ctx, ground, first):
    write_project(ctx, ground, first, header_units=1)


@given(parsers.parse('the manifest gives the ground floor\'s units as "{unit}"'))
def manifest_units(ctx, unit):
    ctx["ground_units"] = f'\nunits = "{unit}"'
    _write_manifest(ctx)


DEFECTS = {
    "project has no name": ('[project]\npermit = "x"\n', True),
    "project has an unknown key": ('[project]\nname = "x"\ncolour = "red"\n', True),
    "storey file is missing": ('[project]\nname = "x"\n', True),
    "storey elevation is text": ('[project]\nname = "x"\n', True),
    "dwellings are zero": ('[project]\nname = "x"\ndwellings = 0\n', True),
    "layer table has a bad role": ('[project]\nname = "x"\n\n[layers]\nfurniture = ["F"]\n', True),
    "storey names repeat": ('[project]\nname = "x"\n', True),
    "text is not TOML": ("[project\nname = ", False),
    "storeys are missing": ('[project]\nname = "x"\n', False),
    "units are unknown": ('[project]\nname = "x"\nunits = "cubits"\n', True),
}


@given(parsers.parse("a manifest whose {defect}"))
def defective_manifest(ctx, defect):
    head, with_storeys = DEFECTS[defect]
    storeys = ""
    if with_storeys:
        PlanDrawing("mm").save(ctx["tmp"] / "exists.dxf")
        file = "ground.dxf" if defect == "storey file is missing" else "exists.dxf"
        elevation = '"high"' if defect == "storey elevation is text" else "0.0"
        storeys = f'\n[[storeys]]\nname = "Ground"\nfile = "{file}"\nelevation = {elevation}\n'
        if defect == "storey names repeat":
            storeys *= 2
    # TOML requires tables after top-level keys: storeys before [layers].
    if "[layers]" in head:
        project, layers = head.split("\n[layers]", 1)
        text = project + storeys + "\n[layers]" + layers
    else:
        text = head + storeys
    ctx["manifest"] = ctx["tmp"] / "project.toml"
    ctx["manifest"].write_text(text, encoding="utf-8")


@then(parsers.parse('the JSON carries the project\'s permit "{permit}"'))
def json_permit(ctx, permit):
    assert ctx["json"]["project"]["permit"] == permit


@then(parsers.parse('the plan has one storey named "{name}" at elevation 0'))
def one_storey(ctx, name):
    (storey,) = ctx["plan"].storeys
    assert (storey.name, storey.elevation_m) == (name, 0.0)


@then("every storey has walls")
def every_storey_walls(ctx):
    assert all(storey.walls for storey in ctx["plan"].storeys)
    assert ctx["plan"].loads[0].layers_by_role()["walls"] == ["Wand (neu)"]


@then(parsers.parse('the ground floor\'s units are "{unit}" from the user and plausible'))
def ground_units(ctx, unit):
    units = ctx["plan"].loads[0].units
    assert (units.used, units.source, units.plausible, units.declared) == (unit, "user", True, "in")
    minx, _, maxx, _ = ctx["plan"].storeys[0].footprint.bounds
    assert maxx - minx == pytest.approx(10.3, rel=0.02)

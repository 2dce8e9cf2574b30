"""Steps for bombs.feature: small DXF files that stand for billions of entities, written
with ezdxf, and checked by a real ``annex`` process under a memory ceiling."""

from __future__ import annotations

from pathlib import Path

import ezdxf
from pytest_bdd import given, parsers, scenarios, then

from checker.reading.dxf.starter import PlanDrawing

from .conftest import draw_house_around_doors

# The shared process steps: pytest-bdd registers a step as a fixture in the module that
# defines it, so they come over with a star import.
from .limited_process import *  # noqa: F401,F403

scenarios("bombs.feature")


def bomb_path(ctx) -> Path:
    return ctx["tmp"] / "bomb.dxf"


def nested_blocks(path: Path, depth: int, fan_out: int) -> None:
    """LEVEL0 holds a wall line; LEVELn inserts LEVELn-1 ``fan_out`` times; modelspace
    inserts the top level once, on the wall layer."""
    doc = ezdxf.new("R2010")
    doc.layers.add("A-WALL")
    for level in range(depth + 1):
        block = doc.blocks.new(f"LEVEL{level}")
        if level == 0:
            block.add_line((0, 0), (1000, 0))
        else:
            for copy in range(fan_out):
                block.add_blockref(f"LEVEL{level - 1}", (copy * 1500, 0))
    doc.modelspace().add_blockref(f"LEVEL{depth}", (0, 0), dxfattribs={"layer": "A-WALL"})
    doc.saveas(path)


def minsert(path: Path, block_name: str, layer: str, rows: int, columns: int) -> None:
    doc = ezdxf.new("R2010")
    doc.layers.add(layer)
    block = doc.blocks.new(block_name)
    block.add_line((0, 0), (900, 0))
    block.add_line((0, 0), (0, 900))
    reference = doc.modelspace().add_blockref(block_name, (0, 0), dxfattribs={"layer": layer})
    reference.grid(size=(rows, columns), spacing=(1000, 1000))
    doc.saveas(path)


@given(parsers.parse("a drawing whose blocks nest {depth:d} deep, each inserting the next {times:d} times"))
def blocks_nesting(ctx, depth, times):
    # "8 deep, 10 times each": eight levels of inserting, 10^8 copies of the line.
    nested_blocks(bomb_path(ctx), depth, times)


@given(parsers.parse("a drawing whose blocks nest {depth:d} deep, each inserting the next once"))
def blocks_chain(ctx, depth):
    nested_blocks(bomb_path(ctx), depth - 1, 1)  # LEVEL0 to LEVEL19: twenty blocks, one inside the next


@given(parsers.parse("a drawing with a door inserted as a MINSERT grid of {rows:d} x {columns:d}"))
def door_grid(ctx, rows, columns):
    minsert(bomb_path(ctx), "DOOR", "A-DOOR", rows, columns)


@given(parsers.parse("a drawing with a wall block inserted as a MINSERT grid of {rows:d} x {columns:d}"))
def wall_grid(ctx, rows, columns):
    minsert(bomb_path(ctx), "TILE", "A-WALL", rows, columns)


@given("a house drawn in millimetres with a wall line reaching 1e300 units")
def far_line(ctx):
    drawing = PlanDrawing("mm")
    draw_house_around_doors(drawing)
    drawing.door((4.0, 0.0), (5.0, 0.0), ROLE="ENTRANCE", RC="RC2", CERT="PAS 24:2022", GLAZING="NONE", VIEWER="YES")
    drawing.doc.modelspace().add_line((0, 0), (1e300, 0), dxfattribs={"layer": "A-WALL"})
    drawing.save(bomb_path(ctx))


@given("a drawing whose block SELF inserts itself")
def self_inserting(ctx):
    doc = ezdxf.new("R2010")
    block = doc.blocks.new("SELF")
    block.add_line((0, 0), (1000, 0))
    block.add_blockref("SELF", (2000, 0))
    doc.modelspace().add_blockref("SELF", (0, 0))
    doc.saveas(bomb_path(ctx))


@given(parsers.parse("a drawing whose block of one hatch with {paths:d} boundaries is inserted {times:d} times"))
def hatch_block(ctx, paths, times):
    doc = ezdxf.new("R2010")
    block = doc.blocks.new("HATCHED")
    hatch = block.add_hatch()
    for k in range(paths):
        x = (k % 30) * 20.0
        y = (k // 30) * 20.0
        hatch.paths.add_polyline_path([(x, y), (x + 10, y), (x + 10, y + 10), (x, y + 10)], is_closed=True)
    msp = doc.modelspace()
    for k in range(times):
        msp.add_blockref("HATCHED", ((k % 40) * 1000.0, (k // 40) * 1000.0))
    doc.saveas(bomb_path(ctx))


@then("nothing on the error output is a warning")
def no_warning(ctx):
    assert "Warning" not in ctx["run"].stderr, ctx["run"].stderr


@given(parsers.parse("a drawing whose block of one polyline with {vertices:d} vertices is inserted {times:d} times"))
def polyline_block(ctx, vertices, times):
    doc = ezdxf.new("R2010")
    doc.layers.add("A-WALL")
    block = doc.blocks.new("ZIGZAG")
    block.add_lwpolyline([(k * 10.0, (k % 2) * 10.0) for k in range(vertices)])
    # One MINSERT column of copies: a small file, and extraction places the cells as it
    # places separate references. (ezdxf takes minutes to build a 100,000-vertex polyline.)
    reference = doc.modelspace().add_blockref("ZIGZAG", (0.0, 0.0), dxfattribs={"layer": "A-WALL"})
    reference.grid(size=(times, 1), spacing=(50.0, 0.0))
    doc.saveas(bomb_path(ctx))


def _house(ctx) -> PlanDrawing:
    drawing = PlanDrawing("mm")
    draw_house_around_doors(drawing)
    drawing.door((4.0, 0.0), (5.0, 0.0), ROLE="ENTRANCE", RC="RC2", CERT="PAS 24:2022", GLAZING="NONE", VIEWER="YES")
    return drawing


@given("a house drawn in millimetres with a block of one circle inserted at a scale of 1e200")
def scaled_circle(ctx):
    drawing = _house(ctx)
    block = drawing.doc.blocks.new("HUGE")
    block.add_circle((0, 0), 1e200)
    drawing.doc.modelspace().add_blockref(
        "HUGE", (0, 0), dxfattribs={"layer": "A-WALL", "xscale": 1e200, "yscale": 1e200}
    )
    drawing.save(bomb_path(ctx))


@given("a house drawn in millimetres with a circle of radius 1e300 on its wall layer")
def huge_circle(ctx):
    drawing = _house(ctx)
    drawing.doc.modelspace().add_circle((0, 0), 1e300, dxfattribs={"layer": "A-WALL"})
    drawing.save(bomb_path(ctx))

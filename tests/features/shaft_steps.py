"""Steps for OPEN-08.feature: apartment blocks of several storeys with a light well,
a roof at the top, windows onto the light well and openings in the roof.

Every storey is its own DXF file (drawn with the real PlanDrawing), listed in a
project.toml written again whenever a storey is added, and read by the real loader.
"""

from __future__ import annotations

from pytest_bdd import given, parsers

from checker.reading.dxf.starter import PlanDrawing

from .reach_steps import *  # noqa: F401,F403  (shared steps)
from .rule_steps import parse_attributes

BLOCK = [(0, 0), (12, 0), (12, 10), (0, 10)]
STOREY_NAMES = ("Ground floor", "First floor", "Second floor", "Third floor", "Fourth floor", "Fifth floor")
# The light well: x 5 to 7, y 4 to 6, inside 0.2 m walls.
WELL = (5.0, 7.0, 4.0, 6.0)


def _write_manifest(ctx) -> None:
    lines = ['[project]\nname = "Block"\n']
    for key, name, elevation in ctx["storeys"]:
        lines.append(f'[[storeys]]\nname = "{name}"\nfile = "{key}.dxf"\nelevation = {elevation}\n')
    ctx["manifest"] = ctx["tmp"] / "project.toml"
    ctx["manifest"].write_text("\n".join(lines), encoding="utf-8")


def _add_storey(ctx, key: str, name: str, elevation: float) -> PlanDrawing:
    drawing = PlanDrawing("mm")
    ctx["drawings"][key] = drawing
    ctx.setdefault("storeys", []).append((key, name, elevation))
    ctx.setdefault("storey_keys", {})[name.lower()] = key
    _write_manifest(ctx)
    return drawing


def _well_loop():
    x0, x1, y0, y1 = WELL
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


@given(
    parsers.parse(
        'a {count:d}-storey block 12 m by 10 m with floors {height:g} m apart and a light well "{name}" on every storey'
    ),
    target_fixture="drawing",
)
def block_with_well(ctx, count, height, name):
    first = None
    for level in range(count):
        drawing = _add_storey(ctx, f"s{level}", STOREY_NAMES[level], level * height)
        drawing.walls_loop(BLOCK, thickness=0.3)
        drawing.walls_loop(_well_loop(), thickness=0.2)
        drawing.space(_well_loop(), name)
        first = first or drawing
    ctx["floor_height"] = height
    ctx["storey_count"] = count
    return first


@given(
    parsers.re(
        r"a (?P<count>\d+)-storey block 12 m by 10 m with floors (?P<height>[\d.]+) m apart and a closed void of walls, "
        r"without a name, (?P<where>on every storey|on the ground floor only)"
    ),
    target_fixture="drawing",
)
def block_with_closed_void(ctx, count, height, where):
    first = None
    for level in range(int(count)):
        drawing = _add_storey(ctx, f"s{level}", STOREY_NAMES[level], level * float(height))
        drawing.walls_loop(BLOCK, thickness=0.3)
        if level == 0 or where == "on every storey":
            drawing.walls_loop(_well_loop(), thickness=0.2)
        first = first or drawing
    return first


@given(
    parsers.parse("a {count:d}-storey block 12 m by 10 m with floors {height:g} m apart and no light well"),
    target_fixture="drawing",
)
def block_without_well(ctx, count, height):
    first = None
    for level in range(count):
        drawing = _add_storey(ctx, f"s{level}", STOREY_NAMES[level], level * height)
        drawing.walls_loop(BLOCK, thickness=0.3)
        first = first or drawing
    return first


@given(
    parsers.re(
        r'the flat roof "(?P<name>[^"]+)" is drawn on the top storey at (?P<height>[\d.]+) m'
        r"(?: sloped (?P<slope>[\d.]+) degrees)?"
    )
)
def roof_on_top_storey(ctx, name, height, slope):
    key = ctx["storeys"][-1][0]
    handle = ctx["drawings"][key].access_surface(BLOCK, float(height), slope=float(slope) if slope else None)
    ctx.setdefault("surfaces", {})[name] = handle


@given(parsers.parse('a roof plan at {height:g} m with the flat roof "{name}"'))
def roof_plan(ctx, height, name):
    drawing = _add_storey(ctx, "roof", "Roof", height)
    drawing.walls_loop(BLOCK, thickness=0.3)  # the parapet
    ctx.setdefault("surfaces", {})[name] = drawing.access_surface(BLOCK, height)


@given(
    parsers.re(
        r'the (?P<storey>[a-z ]+?) has a (?P<kind>window|door) "(?P<name>[^"]+)" onto the light well in its (?P<side>south|north) '
        r"wall at x (?P<a>[\d.]+) to (?P<b>[\d.]+) with (?P<attributes>.+)"
    )
)
def opening_onto_well(ctx, storey, kind, name, side, a, b, attributes):
    key = ctx["storey_keys"][storey]
    drawing = ctx["drawings"][key]
    y = WELL[2] if side == "south" else WELL[3]
    draw = drawing.window if kind == "window" else drawing.door
    handle = draw((float(a), y), (float(b), y), **parse_attributes(attributes))
    name_of_storey = next(n for k, n, _ in ctx["storeys"] if k == key)
    ctx.setdefault("openings", {})[name] = (handle, name_of_storey)


@given(
    parsers.re(
        r'the (?P<storey>[a-z ]+?) has a window "(?P<name>[^"]+)" in its outer (?P<side>south|north) wall at x (?P<a>[\d.]+) '
        r"to (?P<b>[\d.]+) with (?P<attributes>.+)"
    )
)
def outer_window(ctx, storey, name, side, a, b, attributes):
    key = ctx["storey_keys"][storey]
    y = 0.0 if side == "south" else 10.0
    handle = ctx["drawings"][key].window((float(a), y), (float(b), y), **parse_attributes(attributes))
    name_of_storey = next(n for k, n, _ in ctx["storeys"] if k == key)
    ctx.setdefault("openings", {})[name] = (handle, name_of_storey)


@given(
    parsers.re(
        r'the roof plan has a (?P<kind>window|door) "(?P<name>[^"]+)" at x (?P<a>[\d.]+) to (?P<b>[\d.]+), y (?P<y>[\d.]+) '
        r"with (?P<attributes>.+)"
    )
)
def roof_opening(ctx, kind, name, a, b, y, attributes):
    drawing = ctx["drawings"]["roof"]
    draw = drawing.window if kind == "window" else drawing.door
    handle = draw((float(a), float(y)), (float(b), float(y)), **parse_attributes(attributes))
    ctx.setdefault("openings", {})[name] = (handle, "Roof")

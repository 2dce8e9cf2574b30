"""Steps for recognition_benchmark.feature: the benchmark's scoring and generator are right.

The benchmark lives in benchmarks/ (not a package); it is loaded from its file, as
`make bench-recognition` runs it. Nothing here asserts how well recognition does.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import ezdxf
import pytest
from ezdxf import disassemble
from ezdxf.math import OCS
from pytest_bdd import given, parsers, scenarios, then, when
from shapely.geometry import LineString, box

from checker.reading.units import unit_by_name

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("bench_recognition", BENCHMARKS / "bench_recognition.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_recognition"] = module
    spec.loader.exec_module(module)  # puts benchmarks/ on sys.path, so plan_styles imports too
    return module, sys.modules["plan_styles"]


bench, styles = _load_benchmark()

scenarios("recognition_benchmark.feature")


def _perfect(truth) -> bench.Reading:
    return bench.Reading(truth.doors, truth.windows, truth.rooms, truth.unit)


# ---------------------------------------------------------------------------- givens


@given(parsers.parse('a generated plan in the style "{style}" with seed {seed:d}'))
def generated_plan_seeded(ctx, style, seed):
    ctx["style"] = styles.STYLE_BY_NAME[style]
    ctx["seed"] = seed
    ctx["path"] = ctx["tmp"] / "plan.dxf"
    ctx["truth"] = styles.write_plan(style, seed, ctx["path"])


@given(parsers.parse('a generated plan in the style "{style}"'))
def generated_plan(ctx, style):
    generated_plan_seeded(ctx, style, 1)


@given("its file is replaced by one that is not a drawing")
def not_a_drawing(ctx):
    ctx["path"].write_text("this is a letter to the planning office, not a drawing\n", encoding="utf-8")


@given(parsers.parse("a true door from ({x0:g}, {y0:g}) to ({x1:g}, {y1:g}) in metres"))
def true_door(ctx, x0, y0, x1, y1):
    ctx["truth"] = styles.Truth(doors=(LineString([(x0, y0), (x1, y1)]),), windows=(), rooms=(), unit="m")


@given("a true 4 m by 4 m room")
def true_room(ctx):
    ctx["truth"] = styles.Truth(doors=(), windows=(), rooms=(box(10, 10, 14, 14),), unit="m")


# ---------------------------------------------------------------------------- whens


@when("a reading equal to its truth is scored")
def score_perfect(ctx):
    ctx["score"] = bench.score(ctx["truth"], _perfect(ctx["truth"]))


@when("a reading equal to its truth but without its first door is scored")
def score_missing_door(ctx):
    truth = ctx["truth"]
    reading = _perfect(truth)
    ctx["score"] = bench.score(truth, bench.Reading(truth.doors[1:], reading.windows, reading.rooms, reading.unit))


@when("a reading equal to its truth plus a window 3 m from every true one is scored")
def score_spurious_window(ctx):
    truth = ctx["truth"]
    xmax = max(w.bounds[2] for w in truth.windows + truth.doors)
    spurious = LineString([(xmax + 3, 0), (xmax + 4.2, 0)])
    ctx["score"] = bench.score(truth, bench.Reading(truth.doors, truth.windows + (spurious,), truth.rooms, truth.unit))


@when("a reading equal to its truth but with its first door read as a window is scored")
def score_door_as_window(ctx):
    truth = ctx["truth"]
    ctx["score"] = bench.score(
        truth, bench.Reading(truth.doors[1:], truth.windows + truth.doors[:1], truth.rooms, truth.unit)
    )


@when(parsers.parse("a door from ({x0:g}, {y0:g}) to ({x1:g}, {y1:g}) is scored against it"))
def score_one_door(ctx, x0, y0, x1, y1):
    ctx["score"] = bench.score(ctx["truth"], bench.Reading(doors=(LineString([(x0, y0), (x1, y1)]),), unit="m"))


@when(
    parsers.parse(
        "two doors from ({a0:g}, {a1:g}) to ({a2:g}, {a3:g}) and from ({b0:g}, {b1:g}) to ({b2:g}, {b3:g}) "
        "are scored against it"
    )
)
def score_two_doors(ctx, a0, a1, a2, a3, b0, b1, b2, b3):
    doors = (LineString([(a0, a1), (a2, a3)]), LineString([(b0, b1), (b2, b3)]))
    ctx["score"] = bench.score(ctx["truth"], bench.Reading(doors=doors, unit="m"))


@when(parsers.parse("a room covering the first {share:g} of its depth is scored against it"))
def score_room_share(ctx, share):
    room = box(10, 10, 14, 10 + 4 * share)
    ctx["score"] = bench.score(ctx["truth"], bench.Reading(rooms=(room,), unit="m"))


@when("the file is read and scored")
def read_and_score(ctx):
    ctx["reading"] = bench.read_plan(ctx["path"])
    ctx["score"] = bench.score(ctx["truth"], ctx["reading"])


@when("the same style and seed are written again")
def write_again(ctx):
    ctx["again"] = ctx["tmp"] / "again.dxf"
    ctx["truth_again"] = styles.write_plan(ctx["style"], ctx["seed"], ctx["again"])


@when(parsers.parse('the sweep runs the styles "{first}" and "{second}" with one seed'))
def run_sweep(ctx, first, second):
    chosen = (styles.STYLE_BY_NAME[first], styles.STYLE_BY_NAME[second])
    ctx["chosen"] = chosen
    ctx["results"] = bench.sweep(styles=chosen, seeds=(1,), folder=ctx["tmp"] / "sweep")
    ctx["truths"] = [styles.write_plan(style, 1, ctx["tmp"] / f"truth-{n}.dxf") for n, style in enumerate(chosen)]


# ---------------------------------------------------------------------------- thens


def _figures(score, kinds):
    return {
        f"{kind} {which}": getattr(getattr(score, kind), which) for kind in kinds for which in ("precision", "recall")
    }


@then("door, window and room precision and recall are all 1.0")
def all_one(ctx):
    assert _figures(ctx["score"], ("doors", "windows", "rooms")) == {
        f"{k} {w}": 1.0 for k in ("doors", "windows", "rooms") for w in ("precision", "recall")
    }


@then("window and room precision and recall are all 1.0")
def windows_rooms_one(ctx):
    assert set(_figures(ctx["score"], ("windows", "rooms")).values()) == {1.0}


@then("door and room precision and recall are all 1.0")
def doors_rooms_one(ctx):
    assert set(_figures(ctx["score"], ("doors", "rooms")).values()) == {1.0}


@then("the unit is counted right")
def unit_right(ctx):
    assert ctx["score"].units_right == 1 and ctx["score"].plans == 1


@then("the unit is counted wrong")
def unit_wrong(ctx):
    assert ctx["score"].units_right == 0 and ctx["score"].plans == 1


@then("door recall is one door short of 1.0")
def door_recall_short(ctx):
    n = len(ctx["truth"].doors)
    assert ctx["score"].doors.recall == pytest.approx((n - 1) / n)


@then("door precision is 1.0")
def door_precision_one(ctx):
    assert ctx["score"].doors.precision == 1.0


@then("window precision is one window short of 1.0")
def window_precision_short(ctx):
    s = ctx["score"].windows
    assert s.found == s.matched + 1
    assert s.precision == pytest.approx(s.matched / (s.matched + 1))


@then("window recall is 1.0")
def window_recall_one(ctx):
    assert ctx["score"].windows.recall == 1.0


@then(parsers.parse("{count:d} door is matched"))
def doors_matched(ctx, count):
    assert ctx["score"].doors.matched == count


@then(parsers.parse("door precision is {value:g}"))
def door_precision(ctx, value):
    assert ctx["score"].doors.precision == pytest.approx(value)


@then(parsers.parse("{count:d} room is matched"))
def rooms_matched(ctx, count):
    assert ctx["score"].rooms.matched == count


@then("door, window and room recall are all 0.0")
def recall_zero(ctx):
    s = ctx["score"]
    assert (s.doors.recall, s.windows.recall, s.rooms.recall) == (0.0, 0.0, 0.0)
    assert (s.doors.found, s.windows.found, s.rooms.found) == (0, 0, 0)


@then("the plan is counted as refused")
def counted_refused(ctx):
    assert ctx["score"].refused == 1
    assert ctx["reading"].refused and not ctx["reading"].refused.startswith("CRASH"), ctx["reading"].refused


@then("its truth has 1 or more doors, 3 to 12 windows and 2 to 8 rooms that do not overlap")
def truth_shape(ctx):
    truth = ctx["truth"]
    assert len(truth.doors) >= 1
    assert 3 <= len(truth.windows) <= 12
    assert 2 <= len(truth.rooms) <= 8
    rooms = list(truth.rooms)
    total = sum(r.area for r in rooms)
    from shapely.ops import unary_union

    assert unary_union(rooms).area == pytest.approx(total, rel=1e-6), "true rooms overlap"
    assert all(r.is_valid and r.area > 1.0 for r in rooms)


@then("the header of its file says what the style says about the unit")
def header_as_styled(ctx):
    style = ctx["style"]
    doc = ezdxf.readfile(ctx["path"])
    declared = doc.header.get("$INSUNITS")
    true_code = unit_by_name(style.unit).code
    if style.header == "right" and doc.dxfversion > "AC1009":
        assert declared == true_code
    elif style.header == "missing" or doc.dxfversion <= "AC1009":
        assert declared is None
    elif style.header == "unitless":
        assert declared == 0
    elif style.header == "wrong":
        assert declared not in (None, 0, true_code)
    else:
        assert declared == unit_by_name(style.header.split()[1]).code
    if style.codepage:
        assert doc.header.get("$DWGCODEPAGE") == style.codepage


@then("every swing arc in the file is hinged at a jamb of a true door")
def arcs_at_jambs(ctx):
    metres = unit_by_name(ctx["style"].unit).metres
    doc = ezdxf.readfile(ctx["path"])
    arcs = [e for e in disassemble.recursive_decompose(doc.modelspace()) if e.dxftype() == "ARC"]
    centres = [(c.x * metres, c.y * metres) for c in (OCS(e.dxf.extrusion).to_wcs(e.dxf.center) for e in arcs)]
    assert centres, "the style draws swing arcs"
    jambs = [point for door in ctx["truth"].doors for point in (door.coords[0], door.coords[-1])]
    for x, y in centres:
        nearest = min(((x - jx) ** 2 + (y - jy) ** 2) ** 0.5 for jx, jy in jambs)
        assert nearest <= 0.2, f"an arc centred at ({x:.2f}, {y:.2f}) m is {nearest:.2f} m from every true jamb"


@then("reading it through the real loader loads it or refuses it in one sentence, never a crash")
def loads_or_refuses(ctx):
    reading = bench.read_plan(ctx["path"])
    if reading.refused:
        assert not reading.refused.startswith("CRASH"), reading.refused
    else:
        assert reading.unit is not None


@then("both files hold the same bytes and both truths are equal")
def same_again(ctx):
    assert ctx["path"].read_bytes() == ctx["again"].read_bytes()
    first, second = ctx["truth"], ctx["truth_again"]
    assert first.unit == second.unit and first.room_names == second.room_names
    for a, b in zip(
        first.doors + first.windows + first.rooms, second.doors + second.windows + second.rooms, strict=True
    ):
        assert a.equals_exact(b, 1e-9)


@then("each style is scored on one plan, with its true openings and rooms counted")
def sweep_counts(ctx):
    for style, truth in zip(ctx["chosen"], ctx["truths"]):
        s = ctx["results"][style.name]
        assert s.plans == 1
        assert (s.doors.true, s.windows.true, s.rooms.true) == (len(truth.doors), len(truth.windows), len(truth.rooms))
        for tally in (s.doors, s.windows, s.rooms):
            assert 0 <= tally.matched <= min(tally.found, tally.true)


@then("the report has a row per style, an overall row and a PASS or FAIL for each figure")
def report_rows(ctx):
    lines = bench.table(ctx["results"], "title") + bench.verdict(ctx["results"])
    for style in ctx["chosen"]:
        assert any(line.startswith(style.name[:44]) for line in lines)
    assert any(line.startswith("overall") for line in lines)
    verdicts = [line for line in lines if line.rstrip().endswith(("PASS", "FAIL"))]
    assert len(verdicts) == 7  # six precision/recall figures and the units
    widths = {len(line) for line in lines if line.startswith((ctx["chosen"][0].name[:44], "overall"))}
    assert len(widths) == 1, "rows are fixed width"


@then(parsers.parse('its drawing defines the layer "{layer}" and draws nothing on it'))
def layer_defined_and_empty(ctx, layer):
    doc = ezdxf.readfile(ctx["path"])
    assert layer in doc.layers
    on_it = [e for e in doc.modelspace() if e.dxf.layer == layer]
    on_it += [e for block in doc.blocks for e in block if e.dxf.layer == layer]
    assert not on_it

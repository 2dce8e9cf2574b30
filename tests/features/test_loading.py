"""Steps for loading.feature: releases, binary DXF, recovery and refusals."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then

from checker.reading.dxf.starter import PlanDrawing

from .conftest import plan_path

scenarios("loading.feature")


@given(parsers.parse('a plan drawn in "{unit}" as DXF {release}'), target_fixture="drawing")
def plan_in_release(ctx, unit, release):
    drawing = PlanDrawing(unit, dxfversion=release)
    ctx["drawings"]["plan"] = drawing
    return drawing


@given("the plan is saved as binary DXF")
def saved_binary(ctx):
    ctx["binary"] = True


@given("the saved file is damaged by a stray end of section")
def damaged(ctx, drawing):
    path = drawing.save(plan_path(ctx))
    text = path.read_text(encoding="utf-8")
    marker = "  0\nSECTION\n  2\nENTITIES\n"
    assert marker in text
    # An ENDSEC with no SECTION before it: a strict read refuses the file.
    path.write_text(text.replace(marker, "  0\nENDSEC\n" + marker, 1), encoding="utf-8")


@given(parsers.parse("the saved file is cut off after {percent:d} percent"))
def cut_off(ctx, drawing, percent):
    path = drawing.save(plan_path(ctx))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * percent // 100])


@given("a DWG file plan.dwg")
def dwg_file(ctx):
    # The first bytes of an AutoCAD 2018 DWG: its version string, then binary data.
    (ctx["tmp"] / "plan.dwg").write_bytes(b"AC1032\x00\x00\x00\x00\x00\x06\x1f\x00\x00\x00\x01" + bytes(range(256)))


@given(parsers.parse('the plan only holds lines on layer "{layer}"'))
def only_lines(drawing, layer):
    drawing.add_layer(layer)
    for i in range(5):
        drawing.doc.modelspace().add_line((0, i), (10, i), dxfattribs={"layer": layer})


@then(parsers.parse("the plan has {walls:d} walls, {doors:d} door and {windows:d} window"))
def plan_has(ctx, walls, doors, windows):
    counts = ctx["plan"].counts()
    assert (counts["walls"], counts["doors"], counts["windows"]) == (walls, doors, windows), counts


@then("the file is reported as binary")
def reported_binary(ctx):
    assert ctx["plan"].loads[0].read.binary is True


@then(parsers.parse("the file is reported as recovered with at least {count:d} repair"))
def reported_recovered(ctx, count):
    read = ctx["plan"].loads[0].read
    assert read.recovered is True
    assert read.repair_count >= count and read.repairs, read


@then("the exit status is not 0 and there is no traceback")
def not_zero_no_traceback(ctx):
    run = ctx["run"]
    assert run.returncode in (1, 2), (run.returncode, run.stderr)
    assert "Traceback" not in run.stderr + run.stdout
    if run.returncode == 2:
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("annex: "), run.stderr


@then(parsers.parse('the error names "{text}"'))
def error_names(ctx, text):
    assert text in ctx["run"].stderr, ctx["run"].stderr

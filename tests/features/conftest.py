"""Generic steps shared by every feature: drawing a plan, loading it, running the CLI.

A scenario's state lives in the ``ctx`` dict. Plans are drawn with the real
``PlanDrawing`` (ezdxf), saved to a temporary DXF file and read back by the real
loader; the CLI runs as a real process.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from checker.reading.layers import LayerMapping
from checker.reading.dxf.starter import PlanDrawing
from checker.engine import run_rules
from checker.errors import AnnexError
from checker.reading.load import load_plan
from checker.rulesets import load_ruleset

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture
def ctx(tmp_path) -> dict:
    return {"tmp": tmp_path, "drawings": {}, "manifest": None}


def plan_path(ctx: dict, name: str = "plan") -> Path:
    return ctx["tmp"] / f"{name}.dxf"


# A small house that complies with every shipped ruleset: 10 m x 8 m outline, 0.3 m
# walls, a front door in the south wall (its attributes given by the scenario) lit and
# seen from the street 6 m in front, and a secure window in the north wall.
# Coordinates in metres; every feature can add to it.
HOUSE = [(0, 0), (10, 0), (10, 8), (0, 8)]
STREET = [(-20, -6), (30, -6), (30, -14), (-20, -14)]


def draw_house(drawing: PlanDrawing, **door_attributes) -> None:
    draw_house_around_doors(drawing)
    drawing.door((4.0, 0.0), (5.0, 0.0), **door_attributes)


def draw_house_around_doors(drawing: PlanDrawing) -> None:
    """The complying house without its front door."""
    drawing.walls_loop(HOUSE, thickness=0.3)
    drawing.window((6.0, 8.0), (4.8, 8.0), SILL=900, HEAD=2100, RC="RC2", CERT="PAS 24:2022", GLAZING="P4A")
    drawing.light((5.5, -0.6))
    drawing.public_realm(STREET)


# ---------------------------------------------------------------- given


@given(parsers.parse('a plan drawn in "{unit}"'), target_fixture="drawing")
def a_plan_drawn_in(ctx, unit):
    drawing = PlanDrawing(None if unit == "no unit" else unit)
    ctx["drawings"]["plan"] = drawing
    return drawing


@given("a plan drawn in millimetres", target_fixture="drawing")
def a_plan_in_mm(ctx):
    return a_plan_drawn_in(ctx, "mm")


@given("the plan shows a 10 m by 8 m house with a front door and a window")
def the_house(drawing):
    draw_house(drawing, ROLE="ENTRANCE", RC="RC2", CERT="PAS 24:2022", GLAZING="NONE", VIEWER="YES")


@given(parsers.re(r'the file (?P<name>\S+) holds "(?P<text>.*)"'))
def file_with_text(ctx, name, text):
    (ctx["tmp"] / name).write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- when


def save_all(ctx) -> None:
    for name, drawing in ctx["drawings"].items():
        path = plan_path(ctx, name)
        if not path.exists():
            drawing.save(path, binary=ctx.get("binary", False))


@when("the plan is loaded")
def the_plan_is_loaded(ctx):
    save_all(ctx)
    target = ctx["manifest"] or plan_path(ctx)
    mapping = LayerMapping.from_table(ctx["mapping"], "test") if ctx.get("mapping") else None
    try:
        ctx["plan"] = load_plan(target, units=ctx.get("units"), mapping=mapping)
        ctx["error"] = None
    except AnnexError as exc:
        ctx["plan"] = None
        ctx["error"] = exc


@when(parsers.parse('the plan is checked under "{ruleset}"'))
def checked_under(ctx, ruleset):
    the_plan_is_loaded(ctx)
    assert ctx["error"] is None, f"the plan did not load: {ctx['error']}"
    ctx["results"] = run_rules(ctx["plan"], ruleset_named(ruleset))


def ruleset_named(name: str):
    """A shipped ruleset, or with a .toml name one of the test rulesets in tests/data/rulesets."""
    return load_ruleset(REPO / "tests" / "data" / "rulesets" / name if name.endswith(".toml") else name)


def run_annex(ctx, arguments: str) -> subprocess.CompletedProcess:
    save_all(ctx)
    words = [
        w.replace("{plan}", str(plan_path(ctx)))
        .replace("{tmp}", str(ctx["tmp"]))
        .replace("{corpus}", str(CORPUS))
        .replace("{repo}", str(REPO))
        .replace("{manifest}", str(ctx["manifest"]))
        for w in shlex.split(arguments)
    ]
    env = {k: v for k, v in os.environ.items() if k != "ANNEX_DEBUG"}
    result = subprocess.run(
        [sys.executable, "-m", "checker.cli", *words],
        capture_output=True,
        text=True,
        cwd=ctx["tmp"],
        env=env,
        timeout=300,
    )
    ctx["run"] = result
    return result


@when(parsers.parse('I run "annex {arguments}"'))
def i_run_annex(ctx, arguments):
    run_annex(ctx, arguments)


# ---------------------------------------------------------------- then


@then(parsers.parse("the exit status is {status:d}"))
def the_exit_status_is(ctx, status):
    run = ctx["run"]
    assert run.returncode == status, f"exit {run.returncode}\nstdout:\n{run.stdout}\nstderr:\n{run.stderr}"


@then(parsers.parse('the error is one sentence saying "{text}"'))
def one_sentence_error(ctx, text):
    run = ctx["run"]
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got:\n{run.stderr}"
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    assert lines[0].startswith("annex: ") and lines[0].endswith(".")
    assert text in lines[0], lines[0]


@then(parsers.parse('the output says "{text}"'))
def output_says(ctx, text):
    assert text in ctx["run"].stdout, ctx["run"].stdout


@then(parsers.parse('the plan is refused with "{text}"'))
def refused_with(ctx, text):
    assert ctx["plan"] is None, "the plan loaded, but should have been refused"
    assert text in str(ctx["error"]), str(ctx["error"])


@then("the plan loads")
def the_plan_loads(ctx):
    assert ctx["error"] is None, f"the plan did not load: {ctx['error']}"


@then(parsers.parse('the JSON file "{name}" validates against the results schema'))
def json_validates(ctx, name):
    import jsonschema

    from checker.results import load_schema

    data = json.loads((ctx["tmp"] / name).read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema())
    ctx["json"] = data


@then(
    parsers.parse('the JSON lists the storeys "{first_name}" in "{first_unit}" and "{second_name}" in "{second_unit}"')
)
def json_storeys(ctx, first_name, first_unit, second_name, second_unit):
    inputs = ctx["json"]["inputs"]
    assert [(i["storey"], i["units"]["used"]) for i in inputs] == [(first_name, first_unit), (second_name, second_unit)]
    assert len({i["sha256"] for i in inputs}) == 2

"""Steps for corpus.feature: the shared corpus of real DXF files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pytest_bdd import parsers, scenarios, then, when

from .conftest import CORPUS, REPO

ANNEX = REPO / ".venv" / "bin" / "annex"

DATA = Path(__file__).resolve().parents[1] / "data"
FEATURE = Path(__file__).with_name("corpus.feature")

scenarios("corpus.feature")


def test_every_corpus_file_is_in_the_feature():
    """A file added to the corpus must get its row in corpus.feature."""
    assert CORPUS.is_dir(), f"the shared corpus should sit beside the checkout, at {CORPUS}"
    listed = set(re.findall(r"^\s*\|\s*(\S+\.dxf)\s*\|", FEATURE.read_text(encoding="utf-8"), re.MULTILINE))
    assert {p.name for p in CORPUS.glob("*.dxf")} <= listed


@pytest.fixture(autouse=True)
def mapping_files(ctx):
    """The layer-mapping files, beside the runs' working folder."""
    for path in DATA.glob("*.toml"):
        shutil.copy(path, ctx["tmp"] / path.name)


@then(parsers.parse('the corpus run ends with "{outcome}"'))
def run_ends_with(ctx, outcome):
    run = ctx["run"]
    assert "Traceback" not in run.stdout + run.stderr, run.stderr
    if outcome == "loaded":
        assert run.returncode == 0, run.stderr
    else:
        assert run.returncode == 2, run.stdout
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("annex: ") and lines[0].endswith("."), run.stderr


@then(parsers.parse('the corpus run says "{text}"'))
def run_says(ctx, text):
    run = ctx["run"]
    assert text in run.stdout + run.stderr, run.stdout + run.stderr


@then(parsers.parse('the preflight JSON reports units "{used}" from the {source}, {plausibility}'))
def preflight_units(ctx, used, source, plausibility):
    report = json.loads((ctx["tmp"] / "preflight.json").read_text(encoding="utf-8"))
    units = report["files"][0]["units"]
    assert (units["used"], units["source"]) == (used, source), units
    assert units["plausible"] is (plausibility == "plausible"), units
    ctx["preflight"] = report


@then(parsers.parse("the preflight JSON counts at least {walls:d} walls"))
def preflight_walls(ctx, walls):
    assert ctx["preflight"]["counts"]["walls"] >= walls, ctx["preflight"]["counts"]


# ------------------------------------------------------------------ one preflight per file
# Each corpus file is preflighted once per test session (a subprocess through the real
# CLI), and every scenario about it reads that run: the corpus runs dominate this module's time.
_RUNS: dict[str, dict] = {}


@when(parsers.parse('the corpus file "{name}" is preflighted'))
def corpus_preflighted(ctx, name, tmp_path_factory):
    if name not in _RUNS:
        out = tmp_path_factory.mktemp("corpus") / "preflight.json"
        run = subprocess.run(
            [str(ANNEX), "preflight", str(CORPUS / name), "--quiet", "--json", str(out)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        report = json.loads(out.read_text(encoding="utf-8")) if run.returncode != 2 and out.exists() else None
        _RUNS[name] = {"run": run, "report": report}
    ctx["corpus"] = _RUNS[name]
    run = ctx["corpus"]["run"]
    assert "Traceback" not in run.stdout + run.stderr, run.stderr


def _within(value: int, bounds: str) -> bool:
    low, _, high = bounds.partition("-")
    return int(low) <= value <= int(high or low)


@then(parsers.parse("it loads in {unit} with {walls} walls, {doors} doors, {windows} windows and {rooms} rooms"))
def corpus_loads(ctx, unit, walls, doors, windows, rooms):
    run, report = ctx["corpus"]["run"], ctx["corpus"]["report"]
    assert run.returncode in (0, 1) and report is not None, run.stderr
    counts = report["counts"]
    assert report["files"][0]["units"]["used"] == unit, report["files"][0]["units"]
    found = {
        "walls": counts["walls"],
        "doors": counts["doors"],
        "windows": counts["windows"],
        "rooms": counts["spaces"],
    }
    wanted = {"walls": walls, "doors": doors, "windows": windows, "rooms": rooms}
    assert all(_within(found[k], wanted[k]) for k in found), (found, wanted)


@then(parsers.parse("the corpus plan has {count:d} site boundary"))
def corpus_site(ctx, count):
    assert ctx["corpus"]["report"]["counts"]["site"] == count, ctx["corpus"]["report"]["counts"]


@then("every wall of the corpus plan was recognised from geometry")
def corpus_walls_from_geometry(ctx, tmp_path):
    from checker.reading import load_plan

    plan = load_plan(CORPUS / "Evil-Spirit__TheHouseBuiltByProgrammer__plan.dxf")
    walls = plan.storeys[0].walls
    assert walls and {w.source.recognised_by for w in walls} == {"geometry"}
    assert all(0 < w.source.confidence < 1 and w.source.reason is not None for w in walls)


@then(parsers.parse('it is refused with one sentence saying "{says}"'))
def corpus_refused(ctx, says):
    run = ctx["corpus"]["run"]
    assert run.returncode == 2, run.stdout
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("annex: ") and lines[0].endswith("."), run.stderr
    assert says in lines[0], lines[0]
    assert lines[0].count(". ") == 0, lines[0]  # one sentence


@then("the refusal does not blame the layer names")
def refusal_not_about_names(ctx):
    said = ctx["corpus"]["run"].stderr
    assert "none of its layers" not in said and "map its layers" not in said, said


@then(parsers.parse('the corpus report notes "{text}"'))
def corpus_report_notes(ctx, text):
    report = ctx["corpus"]["report"]
    assert report is not None, ctx["corpus"]["run"].stderr
    said = [p["message"] for f in report["files"] for p in f["problems"]]
    assert any(text in s for s in said), said


@then(parsers.parse("the corpus plan has no wall north of y = {metres:g} m"))
def corpus_no_wall_north(ctx, metres):
    from checker.reading import load_plan

    name = ctx["corpus"]["run"].args[2].rsplit("/", 1)[-1]
    walls = load_plan(CORPUS / name).storeys[0].walls
    assert walls and max(w.geometry.bounds[3] for w in walls) < metres

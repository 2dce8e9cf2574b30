"""Steps for corpus.feature: the shared corpus of real DXF files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pytest_bdd import parsers, scenarios, then

from .conftest import CORPUS

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

"""What the fuzzers found stays fixed, and the real ``annex`` process ends as the in-process one does.

The drawings under tests/data/fuzz/ (see its README for where each came from) go
through ``annex check`` in a forked process like the fuzzer's cases. A handful of
inputs, good and bad of every kind, go through the installed console script as a
real subprocess: its exit status is 0, 1 or 2 and a refusal is one sentence on
stderr, never a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO
from .harness import Outcome, assert_ends_well, run_forked
from .plans import house

KEPT = sorted((REPO / "tests" / "data" / "fuzz").glob("*.dxf"))
ANNEX = Path(sys.executable).with_name("annex")


@pytest.mark.parametrize("path", KEPT, ids=[p.name for p in KEPT])
def test_a_drawing_the_fuzzer_found_ends_in_a_result_or_one_sentence(path):
    assert_ends_well(run_forked(["check", path, "--quiet"]))


def _inputs(folder: Path) -> dict[str, tuple[list[str], set[int]]]:
    """argv and the exit statuses it may end with, by case name."""
    plan = house("mm").save(folder / "house.dxf")
    (folder / "nul.toml").write_text('[project]\nname = "x"\n[[storeys]]\nname = "G"\nfile = "house.dxf\\u0000"\n')
    (folder / "huge.toml").write_text(
        '[project]\nname = "x"\n[[storeys]]\nname = "G"\nfile = "house.dxf"\nelevation = ' + "9" * 400 + "\n"
    )
    (folder / "fuzzed.toml").write_text(
        '[ruleset]\nname = "fuzzed"\ntitle = "t"\njurisdiction = "XX"\nversion = "1"\nstatus = "final"\nextends = 0.0\n'
    )
    (folder / "latin1.toml").write_bytes(b'[ruleset]\nname = "latin1"\ntitle = "\xe9"\n')
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    (folder / "layers.toml").write_text('[layers]\nwalls = [["A-WALL"]]\n')
    cases = {
        "a complying house": (["check", str(plan)], {0}),
        "a manifest naming a file with NUL": (["preflight", str(folder / "nul.toml")], {2}),
        "a manifest with a 400-digit elevation": (["preflight", str(folder / "huge.toml")], {2}),
        "a ruleset extending a number": (["check", str(plan), "--ruleset", str(folder / "fuzzed.toml")], {2}),
        "a ruleset that is not UTF-8": (["check", str(plan), "--ruleset", str(folder / "latin1.toml")], {2}),
        "a schedule that is no workbook": (["check", str(plan), "--schedule", str(folder / "broken.xlsx")], {2}),
        "a layer mapping of nested lists": (["preflight", str(plan), "--layers", str(folder / "layers.toml")], {2}),
    }
    for path in KEPT:
        cases[f"kept {path.name}"] = (["check", str(path)], {0, 1, 2})
    return cases


NAMES = [  # the keys of _inputs, which builds the files in each test's own folder
    "a complying house",
    "a manifest naming a file with NUL",
    "a manifest with a 400-digit elevation",
    "a ruleset extending a number",
    "a ruleset that is not UTF-8",
    "a schedule that is no workbook",
    "a layer mapping of nested lists",
    *(f"kept {p.name}" for p in KEPT),
]


@pytest.mark.parametrize("name", NAMES)
def test_the_annex_process_exits_0_1_or_2_with_one_sentence_and_no_traceback(tmp_path, name):
    argv, statuses = _inputs(tmp_path)[name]
    done = subprocess.run([str(ANNEX), *argv], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    outcome = Outcome(tuple(argv), done.returncode, done.stdout, done.stderr)
    assert_ends_well(outcome)
    assert done.returncode in statuses, f"{name}: exit {done.returncode}, expected {sorted(statuses)}: {done.stderr}"

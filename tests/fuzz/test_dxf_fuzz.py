"""Any drawing, however damaged, ends in a result or in one sentence: the DXF loader's fuzzer.

Seeds: the real-world corpus (shared/corpus) and small plans written by ezdxf
(ASCII R2018 and R12, binary, nested blocks and a MINSERT, Persian text in
ANSI_1256). Each case applies a few mutations (tests/fuzz/dxf_mutations.py) and runs
``annex check FILE`` in a forked process with a memory and time cap. A failing
case's file is written to out/fuzz-failures/ to be kept under tests/data/fuzz/ once
it is fixed; the files kept there are checked on every run (test_fuzz_regressions).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from .conftest import REPO, cases
from .dxf_mutations import load_seed, apply, mutation
from .harness import run_forked
from .plans import write_seed_plans

CORPUS = REPO.parent / "shared" / "corpus"
FAILURES = REPO / "out" / "fuzz-failures"
SLOW = REPO / "out" / "fuzz-slow"


class Seeds(list):
    def __repr__(self) -> str:  # a failure report names the seed it drew, not every seed's bytes
        return f"<{len(self)} seeds>"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Seeds:
    written = write_seed_plans(tmp_path_factory.mktemp("dxf-seeds"))
    corpus = sorted(CORPUS.glob("*.dxf"))
    return Seeds(load_seed(path) for path in [*written.values(), *corpus])


@st.composite
def mutated_drawings(draw, seeds):
    """(seed name, edits): a failure report names the seed, it does not print its megabytes."""
    name = draw(st.sampled_from([s.name for s in seeds]))
    seed = next(s for s in seeds if s.name == name)
    others = [s for s in seeds if not s.binary and s is not seed]
    edits = draw(st.lists(mutation(seed, others), min_size=1, max_size=6))
    return name, edits


def check_drawing(folder: Path, name: str, data: bytes, record: bool = True) -> None:
    path = folder / "case.dxf"
    path.write_bytes(data)
    outcome = run_forked(["check", path, "--quiet"], seconds=60)
    if record:  # --hypothesis-show-statistics: which seeds end how, and what cost much
        event(f"{name}: exit {outcome.status}")
        costly = [
            what
            for what, over in (
                ("peak memory over 1 GB", outcome.peak_mb is not None and outcome.peak_mb > 1024),
                ("over 10 s", outcome.seconds is not None and outcome.seconds > 10),
            )
            if over
        ]
        for what in costly:
            event(f"{name}: {what}")
        if costly:  # kept to be looked at: not a failure, but a drawing the limits may want to refuse
            SLOW.mkdir(parents=True, exist_ok=True)
            (SLOW / f"{Path(name).stem}-{hashlib.sha256(data).hexdigest()[:12]}.dxf").write_bytes(data)
    problem = outcome.problem()
    if problem is not None:
        # Overwritten while hypothesis shrinks: the file left is the last, smallest failure.
        FAILURES.mkdir(parents=True, exist_ok=True)
        kept = FAILURES / f"{Path(name).stem}-{hashlib.sha256(problem.encode()).hexdigest()[:8]}.dxf"
        kept.write_bytes(data)
        pytest.fail(f"{name} mutated ({kept}): {problem}")


@cases(120)
@given(data=st.data())
def test_every_mutated_drawing_ends_in_a_result_or_one_sentence(seeds, tmp_path_factory, data):
    name, edits = data.draw(mutated_drawings(seeds))
    folder = tmp_path_factory.getbasetemp() / "dxf-cases"
    folder.mkdir(exist_ok=True)
    check_drawing(folder, name, apply(next(s for s in seeds if s.name == name), edits))


def test_every_seed_ends_in_a_result_or_one_sentence(seeds, tmp_path):
    """The seeds themselves, unmutated: the fuzzer starts from inputs that end well."""
    for seed in seeds:
        check_drawing(tmp_path, seed.name, seed.data, record=False)

"""Steps for build_growth.feature: build_storey + run_rules on a plan four times larger,
as a ratio of CPU times per entity in one run (a quadratic loop would make it 4)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from pytest_bdd import given, scenarios, then, when

import checker.reading.load as load
from checker.engine import run_rules
from checker.rulesets import DEFAULT_RULESET, load_ruleset

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from bench_load import write_block_of_flats  # noqa: E402

scenarios("build_growth.feature")

SIDES = (12, 24)  # about 2,000 and 8,000 entities
BASELINE_SIDE = 1  # one flat: what building and checking cost whatever the size
RUNS = 3  # the least of a few runs: a busy machine only ever adds time
MOST_PER_ENTITY = 3.0  # linear is 1; quadratic would be 4


@given("bench_load's block of flats at 12 x 12 flats and at 24 x 24 flats", target_fixture="plans")
def plans(tmp_path):
    made = []
    for side in (BASELINE_SIDE, *SIDES):
        path = tmp_path / f"flats-{side}.dxf"
        made.append((path, write_block_of_flats(path, side)))
    return made


@pytest.fixture
def timed_build(monkeypatch):
    """CPU seconds spent in build_storey, by load_plan's own call."""
    spent = [0.0]
    build = load.build_storey

    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return build(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - start

    monkeypatch.setattr(load, "build_storey", timed)
    return spent


def _build_and_check_seconds(path: Path, spent: list[float]) -> float:
    ruleset = load_ruleset(DEFAULT_RULESET)
    best = float("inf")
    for _ in range(RUNS):
        spent[0] = 0.0
        plan = load.load_plan(path)
        start = time.process_time()
        results = run_rules(plan, ruleset)
        rules = time.process_time() - start
        assert results.findings
        best = min(best, spent[0] + rules)
    return best


@when(
    "each is loaded and checked, with the storey's building and the rules timed in CPU seconds",
    target_fixture="per_entity",
)
def build_and_check(plans, timed_build):
    (one_flat, _), *sized = plans
    fixed = _build_and_check_seconds(one_flat, timed_build)
    return [max(_build_and_check_seconds(path, timed_build) - fixed, 1e-6) / entities for path, entities in sized]


@then("the larger plan's CPU time per entity to build and check is at most 3 times the smaller plan's")
def linear_enough(per_entity):
    small, large = per_entity
    growth = large / small
    assert growth <= MOST_PER_ENTITY, (
        f"building and checking cost {large * 1e6:.0f} us per entity on the larger plan against {small * 1e6:.0f} us "
        f"on the smaller: {growth:.1f}x per entity for 4x the entities (linear is 1x; the limit {MOST_PER_ENTITY}x)"
    )

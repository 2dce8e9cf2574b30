"""Steps for performance_growth.feature: the growth of a whole check from a small plan to
one sixteen times larger, as a ratio of CPU times in one run (issue 12's guard against
per-element loops that grow quadratically; `make bench` has the absolute figures)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pytest_bdd import given, scenarios, then, when

from checker.cli import main as annex

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from bench_load import write_block_of_flats  # noqa: E402

scenarios("performance_growth.feature")

SIDES = (6, 24)  # about 500 and 8,000 entities: sixteen times the entities
BASELINE_SIDE = 1  # one flat: what any check costs whatever its size (start-up of the rules, the results file)
MOST_PER_ENTITY = 3.0  # linear is 1; quadratic would be 16


@given("bench_load's block of flats at 6 x 6 flats and at 24 x 24 flats", target_fixture="plans")
def plans(tmp_path):
    made = []
    for side in SIDES:
        path = tmp_path / f"flats-{side}.dxf"
        made.append((path, write_block_of_flats(path, side)))
    return made


def _check_cpu_seconds(path: Path, out: Path) -> float:
    start = time.process_time()
    status = annex(["check", str(path), "--json", str(out), "--quiet"])
    seconds = time.process_time() - start
    assert status in (0, 1), f"annex check of {path.name} ended with {status}"  # 1: findings fail
    assert out.stat().st_size > 0
    return seconds


@when("each is checked by `annex check --json`, in this process, timed in CPU seconds", target_fixture="per_entity")
def check_each(plans, tmp_path):
    # The fixed cost of a check, taken off both: on a small plan it would otherwise hide
    # a cost per entity that grows with the plan. The first check also pays for imports.
    one_flat = tmp_path / "one-flat.dxf"
    write_block_of_flats(one_flat, BASELINE_SIDE)
    fixed = min(_check_cpu_seconds(one_flat, tmp_path / "fixed.json") for _ in range(3))
    return [
        max(_check_cpu_seconds(path, tmp_path / f"{path.stem}.json") - fixed, 1e-6) / entities
        for path, entities in plans
    ]


@then("the larger plan's CPU time per entity is at most 3 times the smaller plan's")
def linear_enough(per_entity):
    small, large = per_entity
    growth = large / small
    assert growth <= MOST_PER_ENTITY, (
        f"checking costs {large * 1e6:.0f} us per entity on the larger plan against {small * 1e6:.0f} us on the smaller: "
        f"{growth:.1f}x per entity for 16x the entities (linear is 1x; the limit {MOST_PER_ENTITY}x)"
    )

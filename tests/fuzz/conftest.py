"""Hypothesis profiles for the fuzz tests.

``make test`` runs the short profile: a fixed seed (derandomised), no example
database, a few hundred cases in all, the same cases on every machine. ``make fuzz``
sets ANNEX_FUZZ=long: random seeds, many times the cases, and failures kept in
out/fuzz-db so that the next run tries them first. A failure prints the
reproducing example (``@example``/a file under tests/data/fuzz/ keeps it for good).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[2]
LONG = os.environ.get("ANNEX_FUZZ") == "long"
# How many times the short run's cases the long run tries.
LONG_FACTOR = int(os.environ.get("ANNEX_FUZZ_FACTOR", "40"))

_common = dict(
    deadline=None,  # a case's time is the harness's cap, not hypothesis's deadline
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    print_blob=True,
)
settings.register_profile("annex-short", derandomize=True, database=None, **_common)
if LONG:
    from hypothesis.database import DirectoryBasedExampleDatabase

    settings.register_profile(
        "annex-long",
        derandomize=False,
        database=DirectoryBasedExampleDatabase(str(REPO / "out" / "fuzz-db")),
        **_common,
    )
settings.load_profile("annex-long" if LONG else "annex-short")


def cases(short: int) -> settings:
    """Settings for a property tried on ``short`` cases in make test, LONG_FACTOR times more in make fuzz."""
    return settings(max_examples=short * LONG_FACTOR if LONG else short)


@pytest.fixture(scope="session", autouse=True)
def warm_checker(tmp_path_factory):
    """One check in this process before any case: a forked case then starts with the
    rules' catalogue, the message catalogues and the lazy imports loaded (0.6 s -> 0.15 s)."""
    from .harness import run_in_process
    from .plans import house

    plan = house("mm").save(tmp_path_factory.mktemp("warm") / "house.dxf")
    assert run_in_process(["check", plan, "--quiet"]).status == 0

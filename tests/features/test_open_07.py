"""Steps for OPEN-07.feature: all shared (two-storey houses and windows from reach_steps)."""

from __future__ import annotations

from pytest_bdd import scenarios

from .reach_steps import *  # noqa: F401,F403  (shared steps)
from .rule_steps import *  # noqa: F401,F403  (shared steps)

scenarios("OPEN-07.feature")

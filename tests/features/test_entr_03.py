"""Steps for ENTR-03.feature: lights at external doors."""

from __future__ import annotations

from pytest_bdd import scenarios

from .door_surroundings_steps import *  # noqa: F401,F403  (door, light and storey steps)
from .rule_steps import *  # noqa: F401,F403  (shared steps)

scenarios("ENTR-03.feature")

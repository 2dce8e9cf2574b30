"""Steps for OPEN-03.feature: glazing in and beside external doors."""

from __future__ import annotations

from pytest_bdd import scenarios

from .door_surroundings_steps import *  # noqa: F401,F403  (door, window and light steps)
from .rule_steps import *  # noqa: F401,F403  (shared steps)

scenarios("OPEN-03.feature")

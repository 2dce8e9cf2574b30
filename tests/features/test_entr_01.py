"""Steps for ENTR-01.feature: entrance recess depth."""

from __future__ import annotations

from pytest_bdd import scenarios

from .door_surroundings_steps import *  # noqa: F401,F403  (recessed house, door and window steps)
from .rule_steps import *  # noqa: F401,F403  (shared steps)

scenarios("ENTR-01.feature")

"""Steps for OPEN-04.feature: low glazing within reach."""

from __future__ import annotations

from pytest_bdd import scenarios

from .reach_steps import *  # noqa: F401,F403  (shared steps)

scenarios("OPEN-04.feature")

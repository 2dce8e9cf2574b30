"""Steps for OPEN-01.feature: reachable doors and windows."""

from __future__ import annotations

from pytest_bdd import scenarios

from .reach_steps import *  # noqa: F401,F403  (shared steps)

scenarios("OPEN-01.feature")

"""Steps for OPEN-06.feature: grilles on reachable windows without the class."""

from __future__ import annotations

from pytest_bdd import scenarios

from .reach_steps import *  # noqa: F401,F403  (shared steps)

scenarios("OPEN-06.feature")

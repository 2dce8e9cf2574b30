"""Steps for PLAN-02.feature: every step is shared (rule_steps and conftest)."""

from __future__ import annotations

from pytest_bdd import scenarios

from .rule_steps import *  # noqa: F401,F403  (shared steps)

scenarios("PLAN-02.feature")

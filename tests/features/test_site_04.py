"""Steps for SITE-04.feature: stores overlooked from windows or the street."""

from __future__ import annotations

from pytest_bdd import scenarios

from .rule_steps import *  # noqa: F401,F403  (shared steps)
from .site_steps import *  # noqa: F401,F403  (rooms, windows, stores, street, fences)

scenarios("SITE-04.feature")

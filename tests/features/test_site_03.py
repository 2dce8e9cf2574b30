"""Steps for SITE-03.feature: climbing aids near openings out of reach."""

from __future__ import annotations

from pytest_bdd import scenarios

from .rule_steps import *  # noqa: F401,F403  (shared steps)
from .site_steps import *  # noqa: F401,F403  (windows, climbing aids, a first floor)

scenarios("SITE-03.feature")

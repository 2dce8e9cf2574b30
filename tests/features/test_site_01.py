"""Steps for SITE-01.feature: front boundary fences."""

from __future__ import annotations

from pytest_bdd import scenarios

from .rule_steps import *  # noqa: F401,F403  (shared steps)
from .site_steps import *  # noqa: F401,F403  (site, street, fences)

scenarios("SITE-01.feature")

"""Steps for SITE-02.feature: rear and side boundary fences."""

from __future__ import annotations

from pytest_bdd import scenarios

from .rule_steps import *  # noqa: F401,F403  (shared steps)
from .site_steps import *  # noqa: F401,F403  (site, street, fences)

scenarios("SITE-02.feature")

"""Steps for ENTR-04.feature: communal entrance access control by dwellings served."""

from __future__ import annotations

from pytest_bdd import scenarios

from .entrance_access_steps import *  # noqa: F401,F403
from .rule_steps import *  # noqa: F401,F403

scenarios("ENTR-04.feature")

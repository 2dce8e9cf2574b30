"""Steps for ENTR-05.feature: dwelling entrances behind access control."""

from __future__ import annotations

from pytest_bdd import scenarios

from .entrance_access_steps import *  # noqa: F401,F403
from .rule_steps import *  # noqa: F401,F403

scenarios("ENTR-05.feature")

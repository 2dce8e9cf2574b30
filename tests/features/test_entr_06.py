"""Steps for ENTR-06.feature: hiding places under stairs and in recesses at communal entrances."""

from __future__ import annotations

from pytest_bdd import scenarios

from .hiding_place_steps import *  # noqa: F401,F403  (shared steps)

scenarios("ENTR-06.feature")

"""Steps for SITE-04.feature: stores overlooked from windows or the street."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios

from checker.reading.dxf.starter import PlanDrawing

from .rule_steps import *  # noqa: F401,F403  (shared steps)
from .site_steps import *  # noqa: F401,F403  (rooms, windows, stores, street, fences)
from .site_steps import FENCE_PLACES, add_first_floor, rect

scenarios("SITE-04.feature")


@given(
    parsers.re(
        r"the plan has a first floor at (?P<elevation>[\d.]+) m overhanging the rear garden by (?P<depth>[\d.]+) m"
    )
)
def overhanging_first_floor(ctx, elevation, depth):
    """A first floor over the house whose rear wall stands ``depth`` metres further out,
    over the garden (its walls lie outside the ground floor's footprint)."""
    upper = PlanDrawing("mm")
    upper.walls_loop(rect(0.0, 0.0, 10.0, 8.0 + float(depth)), thickness=0.3)
    add_first_floor(ctx, upper, float(elevation))


@given("the plan has a free-standing wall across the garden")
def garden_wall(drawing):
    drawing.wall(*FENCE_PLACES["across the garden"], thickness=0.2)

"""Steps for ENTR-02.feature: entrance doors seen from the street."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios

from checker.reading.dxf.starter import PlanDrawing

from .conftest import HOUSE
from .entrance_access_steps import *  # noqa: F401,F403
from .entrance_access_steps import FIRST, GROUND, _handles, write_manifest
from .rule_steps import *  # noqa: F401,F403
from .rule_steps import parse_attributes

scenarios("ENTR-02.feature")


@given(
    parsers.re(
        r"a two-storey house whose first floor spans a porch recessed (?P<depth>[\d.]+) m, "
        r'with a door "(?P<name>[^"]+)" at the back of the porch with (?P<attributes>.+)'
    ),
    target_fixture="drawing",
)
def house_over_a_recessed_porch(ctx, depth, name, attributes):
    """The 10 m by 8 m house; on the ground floor its front wall steps back ``depth``
    metres between x = 3 and x = 7 (the porch), the first floor's front wall runs
    straight along y = 0 over the porch. Steps that follow draw into the ground floor."""
    back = float(depth)
    ground = PlanDrawing("mm")
    ground.walls_loop([(0, 0), (3, 0), (3, back), (7, back), (7, 0), (10, 0), (10, 8), (0, 8)], thickness=0.3)
    _handles(ctx)[name] = ground.door((4.5, back), (5.5, back), **parse_attributes(attributes))
    first = PlanDrawing("mm")
    first.walls_loop(HOUSE, thickness=0.3)
    ctx["drawings"] = {"ground": ground, "first": first}
    write_manifest(ctx, 1, [(GROUND, "ground.dxf", 0.0), (FIRST, "first.dxf", 2.8)])
    return ground

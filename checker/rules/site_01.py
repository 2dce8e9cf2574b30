"""SITE-01: front boundary fences are low enough to see over.

What it checks
    Every fence that faces the public realm is at most ``front_max_height`` high. A
    fence faces the public realm (is a front fence) when some part of it lies within
    ``front_distance`` of the public realm (a street, public footpath or kerb line
    on a C-ROAD or C-PUBL layer, on any storey). A fence's height is the thickness
    it is drawn with; a fence drawn without thickness cannot be judged. A fence
    drawn as one polyline is classified whole: draw the front run and the rear and
    side runs as separate entities.

Why
    Low front boundaries keep the front garden, the entrance and the ground-floor
    windows in view of passers-by and neighbours (natural surveillance), and leave
    a burglar nowhere to work unseen at the front of the house.

Parameters
    front_max_height (length, default 1.0 m): the highest front fence accepted;
    exactly this height passes.
    front_distance (length, default 2.0 m): how close to the public realm a fence
    must come to count as a front fence (shared with SITE-02).

Example
    A 1.2 m fence along the back of the pavement fails; a 1.0 m one passes; a 1.8 m
    fence along the rear of the garden, 20 m from the street, is not a front fence
    and is judged by SITE-02 instead. A plan with fences but no street drawn cannot
    be assessed (front cannot be told from rear: one not-assessable finding); a
    plan with no fence, or no fence near the street, has nothing to judge (one
    not-applicable finding).

Source
    Secured by Design, Homes guide: front boundaries kept under 1 m for
    surveillance (figure from a secondary summary: provisional). The front
    distance is ours (provisional). Enabled as advice (warning) outside England.
"""

from __future__ import annotations

from ..messages import Number, msg
from ..results import Mark, Quantity, not_applicable
from ._boundaries import EPS, classify_fences, fences, judge_height, no_public_realm
from .base import Context, Needs, Parameter, Rule

ID = "SITE-01"


def check(context: Context):
    max_height = float(context.params["front_max_height"])
    distance = float(context.params["front_distance"])
    drawn = fences(context.plan)
    if not drawn:
        yield not_applicable(ID, msg("SITE-01.no-fences"))
        return
    classified = classify_fences(context.plan, distance)
    if classified is None:
        yield no_public_realm(ID, drawn, msg("SITE-01.front-cannot-be-told"), Quantity(max_height, "m"))
        return
    front = [c for c in classified if c.front]
    if not front:
        yield not_applicable(ID, msg("SITE-01.no-front-fence", distance=Number(distance, ".2f")))
        return
    required = Quantity(max_height, "m")
    for c in front:
        marks = [Mark(c.storey, c.fence.line)]
        if c.street_line.length > EPS:
            marks.append(Mark(c.storey, c.street_line, "measure"))
        common = dict(elements=(c.fence.source,), marks=tuple(marks), required=required)
        where = msg("SITE-01.front-fence", fence=c.name, distance=Number(c.street_distance, ".2f"))
        yield judge_height(
            ID,
            c.fence,
            where,
            max_height,
            True,
            msg("SITE-01.advice", limit=Number(max_height, ".2f")),
            **common,
        )


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter("front_max_height", "length", 1.0, "Highest front boundary fence accepted."),
        Parameter("front_distance", "length", 2.0, "A fence this close to the public realm is a front fence."),
    ),
    needs=Needs(roles=("fences", "public")),
)

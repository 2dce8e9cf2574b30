"""SITE-02: rear and side boundary fences are high enough to stop casual entry.

What it checks
    Every rear or side fence is at least ``rear_min_height`` high. A rear or side
    fence is any fence that is not a front fence by SITE-01's test: no part of it
    lies within ``front_distance`` of the public realm. A fence's height is the
    thickness it is drawn with; a fence drawn without thickness cannot be judged.
    When a site boundary is drawn but no rear or side fence at all, the rule fails
    once: the rear and side boundaries have no fence. It does not check that the
    fences close the whole boundary.

Why
    Rear gardens are where most burglars of houses get in, out of sight of the
    street. A fence that cannot simply be stepped or vaulted over keeps them to the
    front, where they can be seen.

Parameters
    rear_min_height (length, default 1.8 m): the lowest rear or side fence
    accepted; exactly this height passes.
    front_distance (length, default 2.0 m): how close to the public realm a fence
    must come to count as a front fence (the same test as SITE-01; set both rules
    alike).

Example
    A 1.8 m close-boarded fence along the back of the garden passes; a 1.5 m one
    fails; one drawn without thickness is not assessable. A plan with fences but no
    street drawn cannot be assessed (front cannot be told from rear: one
    not-assessable finding). A plan with neither site boundary nor fences has
    nothing to judge (one not-applicable finding).

Source
    Secured by Design, Homes guide: rear garden boundaries at least 1.8 m (figure
    taken from a summary, not yet checked against the guide: provisional). The
    front distance is ours (provisional). Enabled as advice (warning) outside
    England.
"""

from __future__ import annotations

from ..messages import Number, Term, msg
from ..results import Mark, Quantity, failed, not_applicable
from ._boundaries import classify_fences, fences, judge_height, no_public_realm, site_boundaries
from .base import Context, Needs, Parameter, Rule

ID = "SITE-02"


def check(context: Context):
    min_height = float(context.params["rear_min_height"])
    distance = float(context.params["front_distance"])
    required = Quantity(min_height, "m")
    drawn = fences(context.plan)
    boundaries = site_boundaries(context.plan)
    if not drawn and not boundaries:
        yield not_applicable(ID, msg("SITE-02.nothing-drawn"))
        return
    classified = classify_fences(context.plan, distance) if drawn else []
    if classified is None:
        yield no_public_realm(ID, drawn, msg("SITE-02.rear-cannot-be-told"), required)
        return
    rear = [c for c in classified if not c.front]
    if not rear:
        if not boundaries:
            yield not_applicable(ID, msg("SITE-02.only-front-fences"))
            return
        said = "SITE-02.no-rear-fence-only-front" if drawn else "SITE-02.no-rear-fence"
        yield failed(
            ID,
            msg(said, limit=Number(min_height, ".2f")),
            elements=tuple(b.source for _, b in boundaries),
            marks=tuple(Mark(storey, b.polygon) for storey, b in boundaries),
            measured=Quantity(Term("no-fence"), None),
            required=required,
        )
        return
    for c in rear:
        common = dict(elements=(c.fence.source,), marks=(Mark(c.storey, c.fence.line),), required=required)
        yield judge_height(
            ID,
            c.fence,
            msg("SITE-02.rear-fence", fence=c.name),
            min_height,
            False,
            msg("SITE-02.advice", limit=Number(min_height, ".2f")),
            **common,
        )


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter("rear_min_height", "length", 1.8, "Lowest rear or side boundary fence accepted."),
        Parameter("front_distance", "length", 2.0, "A fence this close to the public realm is a front fence."),
    ),
    needs=Needs(roles=("fences", "site", "public")),
)

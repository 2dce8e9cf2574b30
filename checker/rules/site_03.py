"""SITE-03: climbing aids stand well away from openings out of reach from the ground.

What it checks
    Every climbing aid (an access surface on a climbing-aid layer: a bin or cycle
    store, a shed, a low wall) is at least ``min_distance`` in plan from the
    nearest door or window on the building's envelope, on any storey, whose sill
    is out of reach from the ground: more than the ruleset's reach height
    ([reach] vertical) above ground level. Openings within reach from the ground
    are left out: the aid gives a burglar nothing he does not have already.
    The distance runs from the aid's outline to the opening's jamb line. An
    opening without SILL on a storey whose floor is above the reach height is out
    of reach whatever its sill; one on a lower storey may or may not be, so an aid
    closer than ``min_distance`` to such an opening, and to no known one, is not
    assessable. An aid with no opening out of reach anywhere passes.

Why
    A bin store, shed or garden wall next to the house is a step up to the windows
    and balcony doors above it, which otherwise need a ladder. Rules that judge
    reachable openings (a class for every opening within reach) count climbing
    aids as standing surfaces where they are drawn; this rule asks that they be
    placed away from the facade in the first place, so that moving a bin does not
    open a window to attack.

Parameters
    min_distance (length, default 2.0 m): the least plan distance from a climbing
    aid to an opening out of reach from the ground; exactly this distance passes.
    The reach height is the ruleset's [reach] vertical.

Example
    Under a reach height of 2.4 m, a bin store 1.0 m from a landing window with its
    sill 2.6 m above ground fails; 2.0 m away it passes. Under England's 2.0 m
    reach, a window with its sill 2.2 m up counts; under 2.4 m it is within reach
    from the ground already and is not considered. A plan with no climbing aid has
    nothing to judge (one not-applicable finding).

Source
    Burglary-prevention criteria: climbing aids (bin stores, sheds, low walls,
    downpipes) make new access surfaces (ADQ's accessible level surfaces, NEN 5087's
    standing surfaces); the 2 m distance is ours (provisional). UK fire-service
    advice keeps bins 6 m from buildings, for fire, not burglary.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

from ..geometry import opening_levels
from ..messages import Arg, Message, Number, msg
from ..plan import AccessKind, Opening, Storey
from ..results import Mark, Quantity, failed, not_applicable, not_assessable, passed
from ._within_reach import opening_name
from .base import AttributeNeed, Context, Needs, Parameter, Rule

ID = "SITE-03"
EPS = 1e-6


@dataclass(frozen=True)
class _Target:
    storey: Storey
    opening: Opening
    sill: float | None  # above ground; None when unknown and possibly within reach

    @property
    def name(self) -> Message:
        return opening_name(self.opening, self.storey)


def _targets(plan, vertical: float) -> tuple[list[_Target], list[_Target]]:
    """Envelope openings out of reach from the ground, and those whose sill is unknown and may be."""
    high: list[_Target] = []
    unknown: list[_Target] = []
    for storey, opening in plan.openings():
        if not opening.on_envelope:
            continue
        sill, _ = opening_levels(storey, opening)
        if sill is None:
            # A sill can be no lower than its floor.
            if storey.elevation_m > vertical + EPS:
                high.append(_Target(storey, opening, None))
            else:
                unknown.append(_Target(storey, opening, None))
        elif sill > vertical + EPS:
            high.append(_Target(storey, opening, sill))
    return high, unknown


def _nearest(aids: np.ndarray, targets: list[_Target]) -> dict[int, tuple[float, int]]:
    """For each aid, the distance to the nearest target and its index (the lowest sill among ties)."""
    if not targets:
        return {}
    tree = shapely.STRtree([t.opening.span for t in targets])
    pairs, distances = tree.query_nearest(aids, return_distance=True)
    best: dict[int, tuple[float, float, int]] = {}
    for aid, target, distance in zip(pairs[0].tolist(), pairs[1].tolist(), distances.tolist()):
        sill = targets[target].sill
        key = (distance, math.inf if sill is None else sill, target)
        if aid not in best or key < best[aid]:
            best[aid] = key
    return {aid: (key[0], key[2]) for aid, key in best.items()}


def check(context: Context):
    plan = context.plan
    min_distance = float(context.params["min_distance"])
    vertical = float(context.reach_model.vertical_m)
    aids = [(storey, s) for storey in plan.storeys for s in storey.access_surfaces if s.kind is AccessKind.CLIMBING_AID]
    if not aids:
        yield not_applicable(ID, msg("SITE-03.no-climbing-aid"))
        return
    high, unknown = _targets(plan, vertical)
    polygons = np.array([s.polygon for _, s in aids], dtype=object)
    nearest_high = _nearest(polygons, high)
    nearest_unknown = _nearest(polygons, unknown)
    required = Quantity(min_distance, "m")
    for index, (storey, aid) in enumerate(aids):
        name = msg("SITE-03.aid", handle=aid.source.handle, storey=storey.name)
        high_distance, high_index = nearest_high.get(index, (math.inf, None))
        unknown_distance, unknown_index = nearest_unknown.get(index, (math.inf, None))
        # A finite distance comes with its index: the checks of None only tell mypy so.
        if high_index is not None and (high_distance < min_distance - EPS or unknown_distance >= min_distance - EPS):
            target, distance, uncertain = high[high_index], high_distance, False
        elif unknown_index is not None and unknown_distance < min_distance - EPS:
            target, distance, uncertain = unknown[unknown_index], unknown_distance, True
        else:
            yield passed(
                ID,
                msg("SITE-03.nothing-out-of-reach", aid=name, vertical=Number(vertical, ".2f")),
                elements=(aid.source,),
                marks=(Mark(storey.name, aid.polygon),),
                required=required,
            )
            continue
        line = shapely.shortest_line(aid.polygon, target.opening.span)
        marks = [Mark(storey.name, aid.polygon), Mark(target.storey.name, target.opening.span)]
        if distance > EPS:
            marks.append(Mark(storey.name, line, "measure"))
        common = dict(
            elements=(aid.source, target.opening.source),
            marks=tuple(marks),
            required=required,
            measured=Quantity(distance, "m"),
        )
        if uncertain:
            yield not_assessable(
                ID,
                msg(
                    "SITE-03.sill-unknown",
                    aid=name,
                    distance=Number(distance, ".2f"),
                    opening=target.name,
                    vertical=Number(vertical, ".2f"),
                ),
                **common,
            )
            continue
        level = (
            msg("SITE-03.sill-above-ground", height=Number(target.sill, ".2f"))
            if target.sill is not None
            else msg("SITE-03.floor-above-ground", height=Number(target.storey.elevation_m, ".2f"))
        )
        said: dict[str, Arg] = dict(
            aid=name,
            distance=Number(distance, ".2f"),
            opening=target.name,
            level=level,
            limit=Number(min_distance, ".2f"),
        )
        if distance >= min_distance - EPS:
            yield passed(ID, msg("SITE-03.far-enough", **said), **common)
        else:
            yield failed(ID, msg("SITE-03.too-near", **said), **common)


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter("min_distance", "length", 2.0, "Least plan distance from a climbing aid to an opening out of reach."),
    ),
    needs=Needs(roles=("walls",), attributes=(AttributeNeed("window", "SILL"),)),
    uses_reach=True,
)

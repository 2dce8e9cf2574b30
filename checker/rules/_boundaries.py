"""Front and rear boundaries, shared by SITE-01 and SITE-02: which fences face the
public realm.

A fence is a front fence when some part of it lies within ``front_distance`` of the
public realm (a street, a public footpath or a kerb line, drawn on any storey); every
other fence is a rear or side fence. Each fence entity is classified whole, so a run
drawn as one polyline from the street to the back of the garden counts as a front
fence: draw front and rear runs as separate entities.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString

from ..messages import Arg, Message, Number, msg
from ..plan import Fence, Plan, PublicRealm, SiteBoundary
from ..results import Finding, Mark, Quantity, failed, not_assessable, passed

# Drawn geometry and unit conversions leave noise of a few nanometres; a value drawn
# exactly at a limit counts as at it.
EPS = 1e-6


@dataclass(frozen=True)
class SiteFence:
    storey: str
    fence: Fence
    front: bool
    street: PublicRealm  # the nearest public realm
    street_distance: float  # plan distance from the fence to it
    street_line: LineString  # the shortest line between them, for drawing

    @property
    def name(self) -> Message:
        return msg("name.fence", handle=self.fence.source.handle, storey=self.storey)


def fences(plan: Plan) -> list[tuple[str, Fence]]:
    return [(storey.name, fence) for storey in plan.storeys for fence in storey.fences]


def public_realm(plan: Plan) -> list[PublicRealm]:
    return [p for storey in plan.storeys for p in storey.public_realm]


def site_boundaries(plan: Plan) -> list[tuple[str, SiteBoundary]]:
    return [(storey.name, b) for storey in plan.storeys for b in storey.site_boundaries]


def classify_fences(plan: Plan, front_distance: float) -> list[SiteFence] | None:
    """Every fence of the plan, front or not; None when no public realm is drawn."""
    streets = public_realm(plan)
    if not streets:
        return None
    drawn = fences(plan)
    if not drawn:
        return []
    lines = np.array([f.line for _, f in drawn], dtype=object)
    targets = np.array([s.geometry for s in streets], dtype=object)
    pairs, distances = shapely.STRtree(targets).query_nearest(lines, return_distance=True)
    # Equally near streets give several rows per fence; keep the first of each.
    _, first = np.unique(pairs[0], return_index=True)
    fence_idx, street_idx, distances = pairs[0][first], pairs[1][first], distances[first]
    shortest = shapely.shortest_line(lines[fence_idx], targets[street_idx])
    classified: list[SiteFence] = []
    for f, s, d, line in zip(fence_idx.tolist(), street_idx.tolist(), distances.tolist(), shortest.tolist()):
        storey, fence = drawn[f]
        classified.append(SiteFence(storey, fence, d <= front_distance + EPS, streets[s], d, line))
    return classified


def no_public_realm(rule_id: str, drawn: list[tuple[str, Fence]], which: Message, required: Quantity) -> Finding:
    """Fences but no street: ``which`` fences ("the front fences ... the rear ones") cannot be told."""
    return not_assessable(
        rule_id,
        msg("boundary.no-public-realm", which=which),
        elements=tuple(f.source for _, f in drawn),
        marks=tuple(Mark(storey, f.line) for storey, f in drawn),
        required=required,
    )


def judge_height(
    rule_id: str, fence: Fence, where: Message, limit: float, at_most: bool, advice: Message, **common
) -> Finding:
    """A fence's height against ``limit`` (at most or at least); ``advice`` ends a failure."""
    height = fence.height_m
    if height is None:
        return not_assessable(rule_id, msg("boundary.no-height", where=where), **common)
    meets = height <= limit + EPS if at_most else height >= limit - EPS
    measured = Quantity(height, "m")
    figures: dict[str, Arg] = dict(where=where, height=Number(height, ".2f"))
    if meets:
        said = "boundary.height-at-most" if at_most else "boundary.height-at-least"
        return passed(rule_id, msg(said, limit=Number(limit, ".2f"), **figures), measured=measured, **common)
    return failed(rule_id, msg("boundary.height-fails", advice=advice, **figures), measured=measured, **common)

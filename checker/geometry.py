"""Geometry several rules share: where a burglar can stand, what he can reach, what
can be seen from where, how deep an entrance is recessed.

Everything is in metres, on the plan model; spatial questions go through STRtrees
and shapely's vectorised functions, never a loop over every pair of elements.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from .messages import Message, Number, Term, msg
from .plan import AccessKind, Opening, OpeningKind, Plan, Source, Storey

# Storeys whose floor is at most this far above ground level stand on the ground.
GROUND_STOREY_ELEVATION = 0.5
# How far outside an opening we probe for "is this ground or building", metres.
OUTSIDE_PROBE = 0.5
# Sight lines start this far outside the facade, so the door's own wall does not block them.
SIGHT_START = 0.3


# ---------------------------------------------------------------- heights


def opening_levels(storey: Storey, opening: Opening) -> tuple[float | None, float | None]:
    """Sill and head above ground level; a door without SILL stands on its floor."""
    attrs = opening.attributes
    sill = attrs.sill_m
    if sill is None and opening.kind is OpeningKind.DOOR:
        sill = 0.0
    sill_abs = None if sill is None else storey.elevation_m + sill
    head_abs = None if attrs.head_m is None else storey.elevation_m + attrs.head_m
    return sill_abs, head_abs


def outside_point(opening: Opening, distance: float = OUTSIDE_PROBE) -> Point | None:
    if opening.outward is None:
        return None
    centre = opening.position
    return Point(centre.x + opening.outward[0] * distance, centre.y + opening.outward[1] * distance)


def ground_storeys(plan: Plan) -> list[Storey]:
    """The storeys standing on the ground; with none drawn there, the lowest storey with walls."""
    grounded = [s for s in plan.storeys if s.elevation_m <= GROUND_STOREY_ELEVATION]
    if not any(s.footprint is not None for s in grounded):
        lowest = min((s for s in plan.storeys if s.footprint is not None), key=lambda s: s.elevation_m, default=None)
        grounded = [*grounded, lowest] if lowest else grounded
    return grounded


def ground_footprint(plan: Plan) -> BaseGeometry | None:
    """Where the building stands on the ground: the ground storeys' footprints."""
    grounded = [s.footprint for s in ground_storeys(plan) if s.footprint is not None]
    return shapely.union_all(grounded) if grounded else None


def storeys_at_level(plan: Plan, storey: Storey) -> list[Storey]:
    """The storeys at ``storey``'s level: the ground storeys for one of them, otherwise
    those whose floor is within GROUND_STOREY_ELEVATION of its floor."""
    grounded = ground_storeys(plan)
    if any(s is storey for s in grounded):
        return grounded
    return [s for s in plan.storeys if abs(s.elevation_m - storey.elevation_m) <= GROUND_STOREY_ELEVATION]


# ---------------------------------------------------------------- standing surfaces and reach


@dataclass(frozen=True)
class StandingSurface:
    """Somewhere to stand: the ground (everywhere outside the building) or an access surface."""

    kind: str  # "ground", or an AccessKind value
    height_m: float
    polygon: BaseGeometry | None  # None for the ground
    source: Source | None
    slope_deg: float | None  # None: not stated, taken as flat


@dataclass(frozen=True)
class Reach:
    """How an opening is reached from a standing surface."""

    surface: StandingSurface
    vertical_m: float  # the sill's height above the surface
    horizontal_m: float  # plan distance from the surface to the opening
    line: LineString  # from the nearest point of the surface to the opening, for drawing


@dataclass(frozen=True)
class ReachModel:
    """The surfaces a ruleset counts, indexed once, asked per opening."""

    surfaces: tuple[StandingSurface, ...]  # access surfaces that count (not the ground)
    excluded: tuple[tuple[StandingSurface, Message], ...]  # access surfaces that do not, with why
    ground: BaseGeometry | None  # the ground storeys' footprint
    vertical_m: float
    lateral_m: float
    tree: shapely.STRtree

    def reach(self, storey: Storey, opening: Opening) -> Reach | None | Message:
        """The lowest reach that puts the opening within range; None if none does.

        Returns the reason (a Message) instead when the sill height is not known and matters.
        """
        sill, head = opening_levels(storey, opening)
        worst_sill = sill if sill is not None else storey.elevation_m  # a sill can be no lower than the floor
        candidates = self._candidates(opening, worst_sill, head)
        if not candidates:
            return None
        # The easiest reach: least climb, then least stretch sideways.
        best = min(candidates, key=lambda r: (max(r.vertical_m, 0.0), r.horizontal_m))
        if sill is None:
            return msg(
                "reach.unknown-sill",
                height=Number(best.surface.height_m + self.vertical_m, ".2f"),
                surface=Term(f"surface.{best.surface.kind}"),
            )
        return best

    def _candidates(self, opening: Opening, sill: float, head: float | None) -> list[Reach]:
        found: list[Reach] = []
        span = opening.span
        ground_reach = self._ground(opening, sill)
        if ground_reach is not None:
            found.append(ground_reach)
        for index in self.tree.query(span, predicate="dwithin", distance=self.lateral_m).tolist():
            surface = self.surfaces[index]
            vertical = sill - surface.height_m
            if vertical > self.vertical_m or (head is not None and head < surface.height_m):
                continue
            near_surface, near_opening = nearest_points(surface.polygon, span)
            found.append(
                Reach(surface, vertical, near_surface.distance(near_opening), LineString([near_surface, near_opening]))
            )
        return found

    def _ground(self, opening: Opening, sill: float) -> Reach | None:
        if sill > self.vertical_m:
            return None
        probe = outside_point(opening)
        if probe is None:
            return None
        ground = StandingSurface("ground", 0.0, None, None, 0.0)
        if self.ground is None or not self.ground.contains(probe):
            return Reach(ground, sill, 0.0, LineString([probe, opening.position]))
        # Outside this opening is more building (a lower storey): the ground is as far
        # as that building's edge.
        edge = nearest_points(self.ground.boundary, probe)[0]
        distance = edge.distance(opening.span)
        if distance > self.lateral_m:
            return None
        return Reach(ground, sill, distance, LineString([edge, opening.position]))


def reach_model(
    plan: Plan,
    vertical_m: float,
    lateral_m: float,
    max_slope_deg: float,
    max_height_m: float,
    slope_inclusive: bool = True,
) -> ReachModel:
    """Index the access surfaces a ruleset counts: slope at most ``max_slope_deg`` (a
    surface with no stated slope is taken as flat) and at most ``max_height_m`` above
    ground (the limit for roofs and balconies; climbing aids always count)."""
    counted: list[StandingSurface] = []
    counted_polygons: list[BaseGeometry] = []  # the counted surfaces' own, never None
    excluded: list[tuple[StandingSurface, Message]] = []
    for storey in plan.storeys:
        for surface in storey.access_surfaces:
            standing = StandingSurface(
                surface.kind.value, surface.height_m, surface.polygon, surface.source, surface.slope_deg
            )
            slope = surface.slope_deg or 0.0
            too_steep = slope > max_slope_deg if slope_inclusive else slope >= max_slope_deg
            if too_steep:
                limit = msg(
                    "reach.slope-at-most" if slope_inclusive else "reach.slope-under", limit=Number(max_slope_deg, "g")
                )
                excluded.append((standing, msg("reach.too-steep", slope=Number(slope, "g"), limit=limit)))
            elif surface.kind is not AccessKind.CLIMBING_AID and surface.height_m > max_height_m:
                excluded.append(
                    (
                        standing,
                        msg("reach.too-high", height=Number(surface.height_m, ".2f"), limit=Number(max_height_m, "g")),
                    )
                )
            else:
                counted.append(standing)
                counted_polygons.append(surface.polygon)
    tree = shapely.STRtree(counted_polygons)
    return ReachModel(tuple(counted), tuple(excluded), ground_footprint(plan), vertical_m, lateral_m, tree)


# ---------------------------------------------------------------- sight lines


@dataclass(frozen=True)
class SightObstacles:
    """What blocks a view at ground level, split by how sure we are that it does."""

    known: BaseGeometry  # the building, free-standing walls, fences higher than the limit
    unknown_fences: tuple  # fences drawn without a height
    everything: BaseGeometry  # known, with the height-less fences taken as blocking


def sight_obstacles(plan: Plan, storey: Storey, fence_limit_m: float) -> SightObstacles:
    """The obstacles to a view from ``storey``: the building on the ground and at the
    storey's level, the free-standing walls of that level, and fences higher than
    ``fence_limit_m``; fences without a height are kept apart, so a rule can tell
    "blocked" from "blocked only if those fences are high".

    Walls of other levels are no obstacles: a first floor spanning a recessed porch
    has walls outside the ground footprint, but they stand above the view."""
    parts: list[BaseGeometry] = []
    footprint = ground_footprint(plan)
    if footprint is not None:
        parts.append(footprint)
    if storey.footprint is not None:
        parts.append(storey.footprint)
    level = storeys_at_level(plan, storey)
    level_footprints = [s.footprint for s in level if s.footprint is not None]
    level_footprint = shapely.union_all(level_footprints) if level_footprints else None
    if level_footprint is not None:
        parts.append(level_footprint)
    unknown = []
    for each in plan.storeys:
        for fence in each.fences:
            if fence.height_m is None:
                unknown.append(fence)
            elif fence.height_m > fence_limit_m:
                parts.append(fence.line)
    walls = np.array([w.geometry for each in level for w in each.walls], dtype=object)
    if len(walls) and level_footprint is not None:
        # A wall inside the level's footprint is part of the building; one outside it stands free.
        parts.extend(walls[~shapely.within(walls, level_footprint.buffer(0.05))].tolist())
    known = shapely.union_all(parts) if parts else Polygon()
    everything = shapely.union_all([known, *(f.line for f in unknown)]) if unknown else known
    return SightObstacles(known, tuple(unknown), everything)


def clear_sight_line(start: Point, targets: list[Point], obstacles: BaseGeometry) -> LineString | None:
    """The shortest line from ``start`` to a target that crosses no obstacle."""
    if not targets:
        return None
    lines = shapely.linestrings([[(start.x, start.y), (t.x, t.y)] for t in targets])
    shapely.prepare(obstacles)
    blocked = shapely.intersects(obstacles, lines) if not obstacles.is_empty else np.zeros(len(targets), bool)
    free = lines[~blocked]
    if len(free) == 0:
        return None
    return free[int(np.argmin(shapely.length(free)))]


def points_along(geometries: list[BaseGeometry], spacing: float, near: Point, within: float) -> list[Point]:
    """Points every ``spacing`` metres along the edges of ``geometries`` within ``within`` of ``near``."""
    edges = [g.boundary if isinstance(g, Polygon) or g.geom_type == "MultiPolygon" else g for g in geometries]
    reach = near.buffer(within)
    points: list[Point] = []
    for edge in edges:
        local = edge.intersection(reach)
        for part in shapely.get_parts(local):
            if part.is_empty or part.length == 0:
                continue
            count = max(int(part.length / spacing), 1)
            distances = np.linspace(0, part.length, count + 1)
            points.extend(shapely.line_interpolate_point(part, distances).tolist())
            points.append(nearest_points(part, near)[0])
    return points


def sight_start(opening: Opening, footprint: BaseGeometry | None = None) -> Point:
    """Just outside an envelope opening: SIGHT_START beyond the wall's outer face when
    the footprint is given (a thick wall or a door drawn on the inner face would
    otherwise start the line inside the building); the centre of an internal one."""
    point = outside_point(opening, SIGHT_START)
    if point is None:
        return opening.position
    if footprint is None or not footprint.covers(point):
        return point
    centre = opening.position
    out = np.asarray(opening.outward)
    run = _inside_run(footprint, np.asarray(centre.coords[0]), out, 10.0)
    return Point(*(np.asarray(centre.coords[0]) + out * (run + SIGHT_START)))


# ---------------------------------------------------------------- recesses


def recess_depth(footprint: BaseGeometry, opening: Opening, probe_length: float = 10.0) -> tuple[float, LineString]:
    """How far the building extends outward on both sides of a door beyond the door itself.

    Rays run outward from the door's centre and from points beside each jamb (0.15 m
    to RECESS_SEARCH beyond it, as a recess may be wider than its door); a side's run
    is its longest, and the depth is the shorter side's run less the centre's (the wall
    the door is in). Returns the depth and the measured line from the door outward.
    """
    if opening.outward is None:
        return 0.0, LineString([opening.position, opening.position])
    out = np.asarray(opening.outward)
    along = np.asarray(opening.along)
    start, end = np.asarray(opening.span.coords[0]), np.asarray(opening.span.coords[1])
    centre = (start + end) / 2
    centre_run = _inside_run(footprint, centre, out, probe_length)
    sides = []
    for jamb, direction in ((start, -along), (end, along)):
        sides.append(
            max(_inside_run(footprint, jamb + direction * offset, out, probe_length) for offset in RECESS_OFFSETS)
        )
    depth = max(0.0, min(sides) - centre_run)
    begin = centre + out * centre_run
    return depth, LineString([tuple(begin), tuple(begin + out * depth)])


# Where beside each jamb the recess's side walls are looked for, metres.
RECESS_SEARCH = 1.5
RECESS_OFFSETS = np.arange(0.15, RECESS_SEARCH + 1e-9, 0.15)


def _inside_run(footprint: BaseGeometry, origin: np.ndarray, direction: np.ndarray, length: float) -> float:
    """Length of the ray's first stretch inside ``footprint`` (0 if it starts outside)."""
    ray = LineString([tuple(origin), tuple(origin + direction * length)])
    inside = ray.intersection(footprint)
    first = 0.0
    for part in shapely.get_parts(inside):
        if part.geom_type != "LineString" or part.is_empty:
            continue
        coords = np.asarray(part.coords)
        distances = (coords - origin) @ direction
        if distances.min() <= 1e-6:
            first = max(first, float(distances.max()))
    return first


__all__ = [
    "Reach",
    "ReachModel",
    "SightObstacles",
    "StandingSurface",
    "clear_sight_line",
    "ground_footprint",
    "ground_storeys",
    "opening_levels",
    "outside_point",
    "points_along",
    "reach_model",
    "recess_depth",
    "sight_obstacles",
    "sight_start",
    "storeys_at_level",
]

"""Light wells, shafts and roof openings as entry routes, for the rules that judge them
(OPEN-08 their class and grille, OPEN-04 their glass): which spaces are vertical voids
through the storeys, the roof at a shaft's top and whether one can stand on it, the
openings onto a shaft, and the skylights and hatches in a roof. Messages keep OPEN-08's
ids: that rule defines what a shaft and a roof opening are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..messages import Message, Number, msg
from ..plan import AccessKind, AccessSurface, OpeningKind, Plan, Source, Space, Storey
from ..reading.recognition.room_words import names_void
from .base import Context
from ._within_reach import EPS

# A skylight or hatch is drawn on a storey this close to the roof's height, this far inside its edge.
ROOF_LEVEL = 0.5
ROOF_EDGE = 0.3
# A closed wall outline narrower than this is a wall drawn in outline, not a void.
MIN_VOID_WIDTH = 0.5


@dataclass(frozen=True)
class Shaft:
    """One vertical void: its outlines by storey, bottom to top."""

    parts: tuple[tuple[Storey, Space], ...]

    @property
    def outline(self) -> BaseGeometry:
        return shapely.union_all([space.polygon for _, space in self.parts])

    @property
    def top(self) -> Storey:
        return self.parts[-1][0]

    @property
    def bottom(self) -> Storey:
        return self.parts[0][0]

    @property
    def space(self) -> Space:
        return self.parts[-1][1]


def closed_voids(storey: Storey) -> list[Space]:
    """Empty closed wall outlines inside the storey: a wall drawn as a closed outline
    that lies inside the footprint off its edge, is at least MIN_VOID_WIDTH across,
    takes at most half the footprint, holds no wall or opening, and has no door in its
    sides. Returned as unnamed spaces (their source is the wall's)."""
    if storey.footprint is None or not storey.walls:
        return []
    geometries = np.array([w.geometry for w in storey.walls], dtype=object)
    polygons = np.flatnonzero(shapely.get_type_id(geometries) == 3).tolist()  # 3: Polygon
    if not polygons:
        return []
    inner = storey.footprint.buffer(-0.05)
    found = []
    for index in polygons:
        polygon = geometries[index]
        if polygon.area > storey.footprint.area / 2 or not inner.contains(polygon):
            continue
        if polygon.buffer(-MIN_VOID_WIDTH / 2).is_empty:
            continue
        holds = storey.wall_index.query(polygon, predicate="contains_properly")
        if len(holds) or len(storey.opening_index.query(polygon, predicate="contains_properly")):
            continue
        doors = [
            storey.openings[i] for i in storey.opening_index.query(polygon, predicate="dwithin", distance=0.3).tolist()
        ]
        if any(o.kind is OpeningKind.DOOR for o in doors):
            continue
        found.append(Space(storey.walls[index].source, None, "other", polygon))
    return found


def shafts(plan: Plan) -> list[Shaft]:
    """Spaces named as voids, and closed voids found on at least two storeys, grouped
    across storeys by overlap (STRtree, then union-find)."""
    voids = [(storey, space) for storey in plan.storeys for space in storey.spaces if names_void(space.name)]
    voids += _recurring([(storey, space) for storey in plan.storeys for space in closed_voids(storey)], voids)
    if not voids:
        return []
    polygons = [space.polygon for _, space in voids]
    tree = shapely.STRtree(polygons)
    left, right = tree.query(polygons, predicate="intersects")
    parent = list(range(len(voids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in zip(left.tolist(), right.tolist()):
        if a != b and shapely.intersection(polygons[a], polygons[b]).area > 0:
            parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in range(len(voids)):
        groups.setdefault(root(i), []).append(i)
    found = []
    for members in groups.values():
        parts = sorted((voids[i] for i in members), key=lambda part: (part[0].elevation_m, part[1].source.handle))
        found.append(Shaft(tuple(parts)))
    return sorted(found, key=lambda s: (s.bottom.elevation_m, s.space.source.handle))


def _recurring(candidates: list, named: list) -> list:
    """The closed voids that mostly overlap a closed void of another storey, and no named void."""
    if not candidates:
        return []
    polygons = [space.polygon for _, space in candidates]
    left, right = shapely.STRtree(polygons).query(polygons, predicate="intersects")
    again = {
        a
        for a, b in zip(left.tolist(), right.tolist())
        if candidates[a][0] is not candidates[b][0]
        # most of the smaller one: a void, not two rooms that happen to cross
        and polygons[a].intersection(polygons[b]).area >= 0.5 * min(polygons[a].area, polygons[b].area)
    }
    named_tree = shapely.STRtree([space.polygon for _, space in named])
    return [candidates[i] for i in sorted(again) if not len(named_tree.query(polygons[i], predicate="intersects"))]


def roofs(plan: Plan) -> list[tuple[Storey, AccessSurface]]:
    return [(storey, s) for storey in plan.storeys for s in storey.access_surfaces if s.kind is AccessKind.ROOF]


def steep_roofs(context: Context) -> dict:
    """The surfaces the ruleset's [reach] leaves out for their slope, by source, with why.
    Their height does not matter here: a high roof is reached over the neighbours' roofs."""
    if context.reach is None:
        return {}
    return {surface.source: why for surface, why in context.reach.excluded if why.id == "reach.too-steep"}


def roof_of(shaft: Shaft, all_roofs, distance: float, steep: dict):
    """The roof at the shaft's top (the lowest one at or above its top storey within
    ``distance``), and why one cannot stand on it (None when one can)."""
    outline = shaft.outline
    top = shaft.top.elevation_m
    near = [
        roof for _, roof in all_roofs if roof.height_m >= top - EPS and roof.polygon.distance(outline) <= distance + EPS
    ]
    if not near:
        return None, None
    usable = [roof for roof in near if roof.source not in steep]
    if usable:
        return min(usable, key=lambda r: (r.height_m, r.source.handle)), None
    roof = min(near, key=lambda r: (r.height_m, r.source.handle))
    return roof, steep[roof.source]


def openings_onto(plan: Plan, shaft: Shaft, distance: float):
    """Openings on the storeys the shaft runs through whose side lands in the shaft."""
    outline = shaft.outline
    bottom, top = shaft.bottom.elevation_m, shaft.top.elevation_m
    shapely.prepare(outline)
    for storey in plan.storeys:
        if not storey.openings or not bottom - EPS <= storey.elevation_m <= top + EPS:
            continue
        hits = np.sort(storey.opening_index.query(outline, predicate="dwithin", distance=distance)).tolist()
        if not hits:
            continue
        openings = [storey.openings[i] for i in hits]
        centres = np.array([o.position.coords[0] for o in openings])
        normals = np.array([(-o.along[1], o.along[0]) for o in openings])
        onto = np.zeros(len(openings), bool)
        for step in np.linspace(0.1, distance, 5):
            for side in (1.0, -1.0):
                probes = centres + normals * step * side
                onto |= shapely.contains_xy(outline, probes[:, 0], probes[:, 1])
        for opening, yes in zip(openings, onto.tolist()):
            if yes:
                yield storey, opening


def roof_openings(plan: Plan, all_roofs, steep: dict):
    """Skylights and hatches: openings on a storey at a roof's level, inside it, off its edge."""
    for _, roof in all_roofs:
        if roof.source in steep:
            continue
        inner = roof.polygon.buffer(-ROOF_EDGE)
        if inner.is_empty:
            continue
        for storey in plan.storeys:
            if not storey.openings or abs(storey.elevation_m - roof.height_m) > ROOF_LEVEL:
                continue
            for index in np.sort(storey.opening_index.query(inner, predicate="intersects")).tolist():
                opening = storey.openings[index]
                if inner.contains(opening.position):
                    yield storey, opening, roof


def void_name(shaft: Shaft) -> Message:
    storey, space = shaft.parts[-1]
    if space.name is None:
        return msg("OPEN-08.closed-void", handle=space.source.handle, storey=storey.name, bottom=shaft.bottom.name)
    return msg(
        "OPEN-08.void", name=space.name or "", handle=space.source.handle, storey=storey.name, bottom=shaft.bottom.name
    )


def roof_name(roof: AccessSurface) -> Message:
    return msg("OPEN-08.roof", handle=roof.source.handle, storey=roof.source.storey)


def onto_void(shaft: Shaft, roof: AccessSurface) -> Message:
    """ "opens onto the shaft “نورگیر” (...), which is open to the roof 6B 12.00 m above
    ground (...), so it is within reach"."""
    return msg(
        "OPEN-08.onto-void",
        void=void_name(shaft),
        roof=roof_name(roof),
        height=Number(roof.height_m, ".2f"),
        depth=Number(roof.height_m - shaft.bottom.elevation_m, ".2f"),
    )


def in_roof(roof: AccessSurface) -> Message:
    """ "is an opening in the roof 6B on Roof, 12.00 m above ground, so it is within reach"."""
    return msg("OPEN-08.in-roof", roof=roof_name(roof), height=Number(roof.height_m, ".2f"))


@dataclass(frozen=True)
class OntoShaft:
    """An opening onto a shaft open to an accessible roof: why it is within reach."""

    where: Message  # onto_void's clause
    shaft: Shaft
    roof: AccessSurface


@dataclass(frozen=True)
class InRoof:
    """A skylight or hatch in a roof one can stand on: why it is within reach."""

    where: Message  # in_roof's clause
    roof: AccessSurface


def openings_onto_open_shafts(context: Context, distance: float) -> dict[Source, OntoShaft]:
    """Every window and door onto a shaft open to an accessible roof, by its source
    (``distance`` is OPEN-08's ``roof_distance``): the rules that judge openings within
    reach (OPEN-08's class, OPEN-04's glazing) treat these as within reach."""
    plan = context.plan
    all_roofs = roofs(plan)
    steep = steep_roofs(context)
    found: dict[Source, OntoShaft] = {}
    for shaft in shafts(plan):
        roof, why_not = roof_of(shaft, all_roofs, distance, steep)
        if roof is None or why_not is not None:
            continue
        onto = OntoShaft(onto_void(shaft, roof), shaft, roof)
        for _, opening in openings_onto(plan, shaft, distance):
            found.setdefault(opening.source, onto)
    return found


def openings_in_accessible_roofs(context: Context) -> dict[Source, InRoof]:
    """Every skylight and roof hatch in a roof one can stand on, by its source."""
    plan = context.plan
    found: dict[Source, InRoof] = {}
    for _, opening, roof in roof_openings(plan, roofs(plan), steep_roofs(context)):
        found.setdefault(opening.source, InRoof(in_roof(roof), roof))
    return found

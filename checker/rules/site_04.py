"""SITE-04: parking, bicycle and bin stores are overlooked.

What it checks
    Every free-standing store is in clear view, within ``max_distance``, of a
    window of a habitable room or of the public realm. A free-standing store is a
    space whose use is STORAGE or GARAGE (a bin or cycle store, a shed, a detached
    garage, a car port or parking bay drawn as a space) that lies outside the
    dwelling: its inside point is in no storey's footprint, or only in a separate
    outbuilding (a footprint part that holds no other kind of room and is not the
    largest part of its storey). Integral garages and cupboards are not judged.
    Climbing aids drawn as access surfaces are not stores unless a space is drawn
    for them too.

    A view is clear when the straight line from the viewer to a point on the
    store's outline (the outbuilding's outline for a walled store) crosses neither
    the building, nor a free-standing wall, nor a fence higher than
    ``fence_max_height``; fences without a height are taken as blocking. Viewers
    are the points just outside every window on the envelope, on any storey, whose
    room (the smallest space just inside it) is habitable, and points along the
    public realm. Obstacles are those at ground level, for upper-storey windows too:
    the ground storeys' walls, the footprint and fences; an upper storey's walls
    (a first floor overhanging the garden) stand above the view.
    The shortest clear sight line is the measure. A store nothing overlooks fails;
    it is not assessable instead when no public realm is drawn at all (the street
    might see it) or when some fence has no height (it might be low enough).

Why
    Natural surveillance: a car, bicycle or bin store that neighbours or passers-by
    can see is less often broken into, and is less use as cover or as a source of
    climbing aids and tools.

Parameters
    max_distance (length, default 30 m): the longest sight line that counts.
    fence_max_height (length, default 1.0 m): fences up to this height do not block
    the view; exactly this height does not block.

Example
    A bin store 4 m behind the living-room window passes with the sight line as
    measure; behind a 1.8 m fence, out of sight of the street, it fails; behind a
    1.0 m fence it passes. A store seen only from a bathroom window, with no street
    drawn, is not assessable (the street might see it). A plan with no spaces
    cannot be assessed (stores cannot be found); a plan with spaces but no
    free-standing store has nothing to judge (one not-applicable finding).

Source
    CPTED natural surveillance (parking, bin and cycle stores overlooked from the
    street or from habitable-room windows); Secured by Design, Homes guide
    (secondary summary). Both figures are ours (provisional).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from ..geometry import clear_sight_line, points_along, sight_obstacles, sight_start
from ..graph import SIDE_PROBE, smallest_space
from ..messages import Arg, Message, Number, Term, msg
from ..plan import Opening, OpeningKind, Plan, Space, Storey
from ..results import Mark, Quantity, failed, not_applicable, not_assessable, passed
from .base import Context, Needs, Parameter, Rule
from ._within_reach import opening_handle

ID = "SITE-04"
EPS = 1e-6
STORE_USES = ("storage", "garage")
STORE_SPACING = 0.5  # metres between target points on a store's outline
PUBLIC_SPACING = 1.0  # metres between viewer points along the public realm
TARGET_OFFSET = 0.05  # targets sit this far outside the store's outline, clear of its own walls


@dataclass(frozen=True)
class _Store:
    storey: Storey
    space: Space
    outline: BaseGeometry  # the store, or the outbuilding it is in

    @property
    def name(self) -> Message:
        """'garage "Bikes" (3F) on Ground floor' or 'store (3F) on Ground floor'."""
        kind = Term("garage" if self.space.use == "garage" else "store")
        where: dict[str, Arg] = dict(kind=kind, handle=self.space.source.handle, storey=self.storey.name)
        if self.space.name:
            return msg("SITE-04.named-store", name=self.space.name, **where)
        return msg("SITE-04.store", **where)


@dataclass(frozen=True)
class _Viewer:
    storey: Storey
    window: Opening
    room: Space
    start: Point


def _stores(plan: Plan) -> list[_Store]:
    """Store spaces outside the dwelling: in no footprint, or only in an outbuilding's."""
    dwelling: list[BaseGeometry] = []
    outbuildings: list[BaseGeometry] = []
    for storey in plan.storeys:
        if storey.footprint is None:
            continue
        parts = np.array(shapely.get_parts(storey.footprint), dtype=object)
        homes = np.zeros(len(parts), bool)
        homes[int(np.argmax(shapely.area(parts)))] = True
        rooms = [s.polygon.representative_point() for s in storey.spaces if s.use not in STORE_USES]
        if rooms:
            _, part_idx = shapely.STRtree(parts).query(np.array(rooms, dtype=object), predicate="within")
            homes[part_idx] = True
        dwelling.extend(parts[homes].tolist())
        outbuildings.extend(parts[~homes].tolist())
    dwelling_tree = shapely.STRtree(dwelling)
    outbuilding_tree = shapely.STRtree(outbuildings)
    candidates = [(storey, space) for storey in plan.storeys for space in storey.spaces if space.use in STORE_USES]
    if not candidates:
        return []
    points = np.array([space.polygon.representative_point() for _, space in candidates], dtype=object)
    inside, _ = dwelling_tree.query(points, predicate="within")
    housed = set(inside.tolist())
    point_idx, building_idx = outbuilding_tree.query(points, predicate="within")
    building_of = dict(zip(point_idx.tolist(), building_idx.tolist()))
    stores = []
    for i, (storey, space) in enumerate(candidates):
        if i in housed:
            continue
        outline = outbuildings[building_of[i]] if i in building_of else space.polygon
        stores.append(_Store(storey, space, outline))
    return stores


def _just_inside(window: Opening) -> Point:
    """A point SIDE_PROBE behind a window on the envelope, in its room."""
    if window.outward is None:
        raise ValueError("only an opening on the envelope has an inside and an outside")
    return Point(window.position.x - window.outward[0] * SIDE_PROBE, window.position.y - window.outward[1] * SIDE_PROBE)


def _viewers(plan: Plan) -> list[_Viewer]:
    """Points just outside every envelope window whose room is habitable."""
    viewers: list[_Viewer] = []
    for storey in plan.storeys:
        windows = [o for o in storey.openings if o.kind is OpeningKind.WINDOW and o.on_envelope]
        if not windows or not storey.spaces:
            continue
        inside = np.array([_just_inside(w) for w in windows], dtype=object)
        owner = smallest_space(storey, inside)
        for window, room in zip(windows, owner.tolist()):
            if room >= 0 and storey.spaces[room].use == "habitable":
                viewers.append(_Viewer(storey, window, storey.spaces[room], sight_start(window)))
    return viewers


def _shorter(best, line: LineString | None, *rest):
    if line is None:
        return best
    if best is None or line.length < best[0].length:
        return (line, *rest)
    return best


def check(context: Context):
    plan = context.plan
    max_distance = float(context.params["max_distance"])
    fence_limit = float(context.params["fence_max_height"])
    if not any(storey.spaces for storey in plan.storeys):
        yield not_assessable(ID, msg("SITE-04.no-spaces"))
        return
    stores = _stores(plan)
    if not stores:
        yield not_applicable(ID, msg("SITE-04.no-store"))
        return
    ground = min(plan.storeys, key=lambda s: s.elevation_m)
    seen = sight_obstacles(plan, ground, fence_limit)
    obstacles, unknown_fences = seen.everything, len(seen.unknown_fences)
    viewers = _viewers(plan)
    viewer_tree = shapely.STRtree([v.start for v in viewers])
    streets = [(storey, p) for storey in plan.storeys for p in storey.public_realm]
    street_tree = shapely.STRtree([p.geometry for _, p in streets])
    required = Quantity(max_distance, "m")
    for store in stores:
        ring = store.outline.buffer(TARGET_OFFSET, join_style="mitre").exterior
        best = None  # (line, description, source)
        for k in viewer_tree.query(store.outline, predicate="dwithin", distance=max_distance).tolist():
            viewer = viewers[k]
            targets = points_along([ring], STORE_SPACING, viewer.start, max_distance)
            window = dict(handle=opening_handle(viewer.window.source), storey=viewer.storey.name)
            best = _shorter(
                best,
                clear_sight_line(viewer.start, targets, obstacles),
                msg("SITE-04.window-in-room", room=viewer.room.name, **window)
                if viewer.room.name
                else msg("SITE-04.window", **window),
                viewer.window.source,
            )
        local = street_tree.query(store.outline, predicate="dwithin", distance=max_distance).tolist()
        if local:
            centre = store.outline.centroid
            radius = shapely.hausdorff_distance(centre, ring)
            views = np.array(
                points_along([streets[j][1].geometry for j in local], PUBLIC_SPACING, centre, max_distance + radius),
                dtype=object,
            )
            for spot in points_along([ring], STORE_SPACING, centre, radius + 1.0):
                near = views[shapely.distance(spot, views) <= max_distance + EPS] if len(views) else views
                line = clear_sight_line(spot, list(near), obstacles)
                if line is not None:
                    seen_from = streets[local[0]][1] if len(local) == 1 else _nearest_street(streets, street_tree, line)
                    best = _shorter(
                        best, line, msg("SITE-04.public-realm", handle=seen_from.source.handle), seen_from.source
                    )
        marks = [Mark(store.storey.name, store.space.polygon)]
        if best is not None:
            line, seen_from, source = best
            marks.append(Mark(store.storey.name, line, "measure"))
            yield passed(
                ID,
                msg("SITE-04.overlooked", store=store.name, viewer=seen_from, distance=Number(line.length, ".2f")),
                elements=(store.space.source, source),
                marks=tuple(marks),
                measured=Quantity(line.length, "m"),
                required=required,
            )
            continue
        common = dict(elements=(store.space.source,), marks=tuple(marks), required=required)
        if unknown_fences:
            yield not_assessable(
                ID,
                msg("SITE-04.fences-without-height", store=store.name, count=unknown_fences),
                **common,
            )
        elif not streets:
            yield not_assessable(
                ID,
                msg("SITE-04.no-public-realm", store=store.name),
                **common,
            )
        else:
            yield failed(
                ID,
                msg("SITE-04.not-overlooked", store=store.name, limit=Number(max_distance, ".2f")),
                **common,
            )


def _nearest_street(streets, tree: shapely.STRtree, line: LineString):
    """The public realm a sight line ends on."""
    end = Point(line.coords[-1])
    return streets[int(tree.query_nearest(end)[0])][1]


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter("max_distance", "length", 30.0, "Longest sight line that counts as overlooking."),
        Parameter("fence_max_height", "length", 1.0, "Fences up to this height do not block the view."),
    ),
    needs=Needs(roles=("spaces", "windows", "public")),
)

"""ENTR-02: entrance doors can be seen from the street.

What it checks
    Every entrance door on the building's envelope (ROLE ENTRANCE, a dwelling's own
    entrance, or COMMUNAL, the entrance to shared parts) has a clear line of sight
    to the public realm (street, public footpath) within ``max_distance``. The line
    starts just outside the door and may not cross the building, a free-standing
    wall, or a fence higher than ``fence_max_height``; lower fences do not block.
    Walls block at their own level: a door on the ground is hidden only by the ground
    storeys' walls, never by an upper storey's (a first floor spanning a recessed
    porch stands above the view). The finding shows the shortest clear line and its
    length.

    A door with no clear line fails, showing the shortest blocked line and naming
    the fences across it. A door whose only blockers are fences drawn without a
    height (no thickness) is not assessable. When no public realm is drawn at all,
    each entrance door is not assessable. A plan with no entrance or communal door
    on the envelope has nothing to judge (not applicable). Doors without ROLE are
    left to OPEN-02 and PLAN-02, which report them.

Why
    A front door that neighbours and passers-by can see is a poor place to force:
    natural surveillance is the first principle of Secured by Design and of crime
    prevention through environmental design (CPTED). High front boundaries, walls and
    projecting wings hide a burglar at work.

Parameters
    fence_max_height (length, default 1.0 m): fences up to this height do not block
    the view; higher ones do (SBD: front boundaries kept under 1 m).
    max_distance (length, default 50 m): how far from the door the public realm is
    searched for; public realm further away does not count.
    spacing (length, default 1.0 m): how densely points on the public realm's edge
    are tried as the other end of the sight line.

Example
    A front door facing the street across a front garden with a 1.0 m fence passes,
    with the sight line to the pavement drawn; the same garden with a 1.8 m fence
    fails, naming the fence; a fence drawn without thickness makes it not
    assessable.

Source
    Secured by Design, Homes guide: natural surveillance of entrances, front
    boundaries under 1 m (secondary source, provisional); CPTED natural surveillance.
"""

from __future__ import annotations

import shapely
from shapely.geometry import LineString

from ..geometry import (
    SightObstacles,
    clear_sight_line,
    ground_footprint,
    points_along,
    sight_obstacles,
    sight_start,
)
from ..messages import Listing, Message, Number, msg
from ..plan import OpeningKind, OpeningRole
from ..results import Mark, Quantity, failed, not_applicable, not_assessable, passed
from ._within_reach import opening_handle, role_term
from .base import AttributeNeed, Context, Needs, Parameter, Rule

ID = "ENTR-02"
ROLES = (OpeningRole.ENTRANCE, OpeningRole.COMMUNAL)


def check(context: Context):
    plan = context.plan
    fence_limit = float(context.params["fence_max_height"])
    max_distance = float(context.params["max_distance"])
    spacing = float(context.params["spacing"])
    doors = [
        (storey, door)
        for storey, door in plan.openings()
        if door.kind is OpeningKind.DOOR and door.on_envelope and door.attributes.role in ROLES
    ]
    if not doors:
        yield not_applicable(ID, msg("ENTR-02.no-entrance"))
        return

    realm = [p for storey in plan.storeys for p in storey.public_realm]
    realm_geometries = [p.geometry for p in realm]
    realm_tree = shapely.STRtree(realm_geometries)
    fences = [(storey, f) for storey in plan.storeys for f in storey.fences]
    fence_tree = shapely.STRtree([f.line for _, f in fences])
    required = Quantity(max_distance, "m")
    obstacles: dict[str, SightObstacles] = {}  # per storey
    building = ground_footprint(plan)

    for storey, door in doors:
        name = msg(
            "name.door-with-role",
            role=role_term(door.attributes.role),
            handle=opening_handle(door.source),
            storey=storey.name,
        )
        door_mark = Mark(storey.name, door.span)
        common = dict(required=required)
        if not realm:
            yield not_assessable(
                ID,
                msg("ENTR-02.no-public-realm", door=name),
                elements=(door.source,),
                marks=(door_mark,),
                **common,
            )
            continue
        start = sight_start(door, storey.footprint)
        inside = realm_tree.query(start, predicate="intersects")
        if len(inside):
            yield passed(
                ID,
                msg("ENTR-02.opens-onto-public-realm", door=name),
                elements=(door.source, realm[int(inside[0])].source),
                marks=(door_mark, Mark(storey.name, start, "measure")),
                measured=Quantity(0.0, "m"),
                **common,
            )
            continue
        near = realm_tree.query(start, predicate="dwithin", distance=max_distance)
        targets = points_along([realm_geometries[i] for i in sorted(near.tolist())], spacing, start, max_distance)
        if not targets:
            nearest = int(realm_tree.query_nearest(start)[0])
            shortest = shapely.shortest_line(start, realm_geometries[nearest])
            yield failed(
                ID,
                msg(
                    "ENTR-02.too-far",
                    door=name,
                    distance=Number(shortest.length, ".1f"),
                    limit=Number(max_distance, "g"),
                ),
                elements=(door.source,),
                marks=(door_mark, Mark(storey.name, shortest, "measure")),
                measured=Quantity(float(shortest.length), "m"),
                **common,
            )
            continue
        if storey.name not in obstacles:
            obstacles[storey.name] = sight_obstacles(plan, storey, fence_limit)
        seen = obstacles[storey.name]
        line = clear_sight_line(start, targets, seen.everything)
        if line is not None:
            yield passed(
                ID,
                msg("ENTR-02.in-view", door=name, distance=Number(line.length, ".1f")),
                elements=(door.source,),
                marks=(door_mark, Mark(storey.name, line, "measure")),
                measured=Quantity(float(line.length), "m"),
                **common,
            )
            continue
        if seen.unknown_fences:
            line = clear_sight_line(start, targets, seen.known)
            if line is not None:
                hidden = [
                    fences[i][1]
                    for i in sorted(fence_tree.query(line, predicate="intersects").tolist())
                    if fences[i][1].height_m is None
                ]
                yield not_assessable(
                    ID,
                    msg(
                        "ENTR-02.view-crosses-fence-without-height",
                        door=name,
                        distance=Number(line.length, ".1f"),
                        fences=_fence_names(hidden, heights=False),
                    ),
                    elements=(door.source, *(f.source for f in hidden)),
                    marks=(
                        door_mark,
                        Mark(storey.name, line, "measure"),
                        *(Mark(f.source.storey, f.line) for f in hidden),
                    ),
                    measured=Quantity(float(line.length), "m"),
                    **common,
                )
                continue
        shortest = min((LineString([start, t]) for t in targets), key=lambda candidate: candidate.length)
        crossing = [
            fences[i][1]
            for i in sorted(fence_tree.query(shortest, predicate="intersects").tolist())
            if fences[i][1].height_m is None or fences[i][1].height_m > fence_limit
        ]
        blockers: list[Listing | Message] = [_fence_names(crossing)] if crossing else []
        walls = _walls_crossed(shortest, [f for f in (building, storey.footprint) if f is not None])
        if walls:
            blockers.insert(0, walls)
        blocked_by = Listing(blockers, "and-each") if blockers else msg("ENTR-02.a-free-standing-wall")
        yield failed(
            ID,
            msg(
                "ENTR-02.view-blocked",
                door=name,
                limit=Number(max_distance, "g"),
                length=Number(shortest.length, ".1f"),
                blocked_by=blocked_by,
            ),
            elements=(door.source, *(f.source for f in crossing)),
            marks=(
                door_mark,
                Mark(storey.name, shortest, "measure"),
                *(Mark(f.source.storey, f.line) for f in crossing),
            ),
            measured=Quantity(float(shortest.length), "m"),
            **common,
        )


def _walls_crossed(line: LineString, footprints: list) -> Message | None:
    """ "the building" when the line crosses a footprint (free-standing walls are not in it)."""
    return msg("ENTR-02.the-building") if any(footprint.intersects(line) for footprint in footprints) else None


def _fence_names(fences, heights: bool = True) -> Listing:
    """ "fence 2F (1.80 m high) and fence 30 (no height)"."""
    names = []
    for fence in fences:
        if not heights:
            names.append(msg("ENTR-02.fence", handle=fence.source.handle))
        elif fence.height_m is None:
            names.append(msg("ENTR-02.fence-without-height", handle=fence.source.handle))
        else:
            names.append(
                msg("ENTR-02.fence-with-height", handle=fence.source.handle, height=Number(fence.height_m, ".2f"))
            )
    return Listing(names, "and")


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter("fence_max_height", "length", 1.0, "Highest fence that does not block the view."),
        Parameter("max_distance", "length", 50.0, "How far from the door the public realm counts."),
        Parameter("spacing", "length", 1.0, "Spacing of the points tried along the public realm's edge."),
    ),
    needs=Needs(roles=("walls", "doors", "public"), attributes=(AttributeNeed("door", "ROLE"),)),
)

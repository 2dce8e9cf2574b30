"""ENTR-02: entrance doors can be seen from the street.

What it checks
    Every entrance door on the building's envelope (ROLE ENTRANCE, a dwelling's own
    entrance, or COMMUNAL, the entrance to shared parts) has a clear line of sight
    to the public realm (street, public footpath) within ``max_distance``. The line
    starts just outside the door and may not cross the building, a free-standing
    wall, or a fence higher than ``fence_max_height``; lower fences do not block. The
    finding shows the shortest clear line and its length.

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
    SightObstacles, clear_sight_line, ground_footprint, points_along, sight_obstacles, sight_start,
)
from ..plan import OpeningKind, OpeningRole
from ..results import Mark, Quantity, failed, not_applicable, not_assessable, passed
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
        yield not_applicable(ID, "No entrance or communal door is on the building's envelope.")
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
        name = f"{door.attributes.role.value.lower()} door {door.source.handle} on {storey.name}"
        door_mark = Mark(storey.name, door.span)
        common = dict(required=required)
        if not realm:
            yield not_assessable(
                ID, f"The {name} cannot be judged: no public realm (street or footpath) is drawn.",
                elements=(door.source,), marks=(door_mark,), **common,
            )
            continue
        start = sight_start(door, storey.footprint)
        inside = realm_tree.query(start, predicate="intersects")
        if len(inside):
            yield passed(
                ID, f"The {name} opens directly onto the public realm.",
                elements=(door.source, realm[int(inside[0])].source), marks=(door_mark, Mark(storey.name, start, "measure")),
                measured=Quantity(0.0, "m"), **common,
            )
            continue
        near = realm_tree.query(start, predicate="dwithin", distance=max_distance)
        targets = points_along([realm_geometries[i] for i in sorted(near.tolist())], spacing, start, max_distance)
        if not targets:
            nearest = int(realm_tree.query_nearest(start)[0])
            line = shapely.shortest_line(start, realm_geometries[nearest])
            yield failed(
                ID, f"The {name} is {line.length:.1f} m from the nearest public realm, further than "
                f"{max_distance:g} m, so it is not overlooked from the street.",
                elements=(door.source,), marks=(door_mark, Mark(storey.name, line, "measure")),
                measured=Quantity(float(line.length), "m"), **common,
            )
            continue
        if storey.name not in obstacles:
            obstacles[storey.name] = sight_obstacles(plan, storey, fence_limit)
        seen = obstacles[storey.name]
        line = clear_sight_line(start, targets, seen.everything)
        if line is not None:
            yield passed(
                ID, f"The {name} is in clear view of the public realm {line.length:.1f} m away.",
                elements=(door.source,), marks=(door_mark, Mark(storey.name, line, "measure")),
                measured=Quantity(float(line.length), "m"), **common,
            )
            continue
        if seen.unknown_fences:
            line = clear_sight_line(start, targets, seen.known)
            if line is not None:
                hidden = [
                    fences[i][1] for i in sorted(fence_tree.query(line, predicate="intersects").tolist())
                    if fences[i][1].height_m is None
                ]
                yield not_assessable(
                    ID, f"The {name} cannot be judged: its view of the public realm {line.length:.1f} m away "
                    f"crosses {_fence_names(hidden, heights=False)}, drawn without a height (give it a thickness).",
                    elements=(door.source, *(f.source for f in hidden)),
                    marks=(door_mark, Mark(storey.name, line, "measure"), *(Mark(f.source.storey, f.line) for f in hidden)),
                    measured=Quantity(float(line.length), "m"), **common,
                )
                continue
        shortest = min((LineString([start, t]) for t in targets), key=lambda candidate: candidate.length)
        crossing = [
            fences[i][1] for i in sorted(fence_tree.query(shortest, predicate="intersects").tolist())
            if fences[i][1].height_m is None or fences[i][1].height_m > fence_limit
        ]
        blockers = [_fence_names(crossing)] if crossing else []
        walls = _walls_crossed(shortest, [f for f in (building, storey.footprint) if f is not None])
        if walls:
            blockers.insert(0, walls)
        what = "blocked by " + (" and ".join(blockers) if blockers else "a free-standing wall")
        yield failed(
            ID, f"The {name} has no clear view of the public realm within {max_distance:g} m; the shortest "
            f"line, {shortest.length:.1f} m, is {what}.",
            elements=(door.source, *(f.source for f in crossing)),
            marks=(door_mark, Mark(storey.name, shortest, "measure"), *(Mark(f.source.storey, f.line) for f in crossing)),
            measured=Quantity(float(shortest.length), "m"), **common,
        )


def _walls_crossed(line: LineString, footprints: list) -> str | None:
    """ "the building" when the line crosses a footprint (free-standing walls are not in it)."""
    return "the building" if any(footprint.intersects(line) for footprint in footprints) else None


def _fence_names(fences, heights: bool = True) -> str:
    names = []
    for fence in fences:
        height = "no height" if fence.height_m is None else f"{fence.height_m:.2f} m high"
        names.append(f"fence {fence.source.handle}" + (f" ({height})" if heights else ""))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


RULE = Rule(
    id=ID,
    title="Entrance doors can be seen from the public realm",
    criterion="Every entrance and communal door on the envelope has a clear line of sight to the public realm, "
    "not blocked by the building, free-standing walls or fences higher than the limit.",
    source="Secured by Design, Homes guide (natural surveillance; front boundaries under 1 m, secondary source); CPTED",
    applies_to="doors on the envelope with ROLE ENTRANCE or COMMUNAL",
    check=check,
    parameters=(
        Parameter("fence_max_height", "length", 1.0, "Highest fence that does not block the view."),
        Parameter("max_distance", "length", 50.0, "How far from the door the public realm counts."),
        Parameter("spacing", "length", 1.0, "Spacing of the points tried along the public realm's edge."),
    ),
    needs=Needs(roles=("walls", "doors", "public"), attributes=(AttributeNeed("door", "ROLE"),)),
)

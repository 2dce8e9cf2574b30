"""ENTR-06: no hiding place under a stair or in a recess beside a communal entrance.

What it checks
    A hiding place is a space whose name says it is under a stair or a recess (under
    stair, niche, alcove, زیر پله، تورفتگی; see room_words.names_hiding_place),
    inside the building or drawn outside its walls (a porch niche beside the door), or a
    recess in the storey's outline (what the outline's convex hull holds beyond it, in
    pieces at least 0.6 m across, cut to ``max_distance`` round the door) that is not
    mostly a named one. Every one on the storey of a communal entrance door (ROLE
    COMMUNAL, on the envelope) and at most ``max_distance`` from the door is judged:
    points inside it (its corners 0.15 m in, and a point in its middle) are each
    looked at.

    A point inside the building is seen when a straight line from just inside the
    door (0.4 m in) reaches it without crossing a wall of the storey. A point outside
    the building (a recess in the facade) is seen when a line from just outside the
    door, or from the street (the public realm within ``street_distance``, every
    metre along its edges) reaches it past the building, free-standing walls and
    fences higher than ``fence_max_height`` (the sight lines of ENTR-02, per level).

    Every point seen passes; a point out of sight fails (someone can wait there
    unseen), and the finding names how many of its points are hidden. A communal door
    whose storey has no walls is not assessable (what blocks the view is unknown). A
    plan without a communal entrance, or without a hiding place near one, gives one
    not-applicable finding.

Why
    A burglar waits in a blind corner at the entrance for a resident to open the door,
    or hides there after slipping in. The Iranian forensic-expert list of building
    security indicators names blind and penetrable points, first among them the space
    under stairs; the BHRC expert names the placement of non-private routes under the
    occupants' view as a design means.

Parameters
    max_distance (length, default 5 m): how far from the communal door hiding places
    are looked for.
    street_distance (length, default 50 m): how far from a recess the street is looked at.
    fence_max_height (length, default 1.0 m): fences up to this height do not block the view.

Example
    A four-storey block whose communal door opens into a lobby with the stair along
    its side: a space "زیر پله" under the stair, open to the lobby and in line with the
    door, passes; the same space behind a wall beside the door, reached round a corner,
    fails as a hiding place.

Source
    Iran: forensic-expert list of building security indicators (blind and penetrable
    points: under stairs); BHRC faculty member quoted by IRNA (routes under the
    occupants' view). Secondary sources; all figures ours, provisional until the Topic 4
    police appendix is read.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from ..geometry import points_along, sight_obstacles, sight_start
from ..messages import Arg, Message, Number, msg
from ..plan import OpeningKind, OpeningRole, Source
from ..reading.recognition.room_words import names_hiding_place
from ..results import Mark, Quantity, failed, not_applicable, not_assessable, passed
from ._within_reach import EPS, opening_handle, role_term
from .base import Context, Needs, Parameter, Rule

ID = "ENTR-06"
INSET = 0.15  # sample points this far inside the hiding place's outline
INSIDE_START = 0.4  # the view from inside starts this far in from the door
MIN_RECESS = 0.6  # a recess in the facade narrower than this (metres) hides nobody


def check(context: Context):
    plan = context.plan
    max_distance = float(context.params["max_distance"])
    street_distance = float(context.params["street_distance"])
    fence_limit = float(context.params["fence_max_height"])
    realm = [p.geometry for storey in plan.storeys for p in storey.public_realm]
    realm_tree = shapely.STRtree(realm)

    def street_points(target: Point) -> list[Point]:
        near = sorted(realm_tree.query(target, predicate="dwithin", distance=street_distance).tolist())
        return points_along([realm[i] for i in near], 1.0, target, street_distance)

    judged = 0
    for storey in plan.storeys:
        doors = [d for d in storey.openings if d.kind is OpeningKind.DOOR and d.attributes.role is OpeningRole.COMMUNAL]
        if not doors:
            continue
        hiding = [s for s in storey.spaces if names_hiding_place(s.name)] + list(storey.outside_recesses)
        tree = shapely.STRtree([s.polygon for s in hiding])
        # A closed wall outline reads as a filled polygon: its edges are the wall faces that block a view.
        walls = (
            shapely.union_all(
                [
                    w.geometry.boundary if w.geometry.geom_type in ("Polygon", "MultiPolygon") else w.geometry
                    for w in storey.walls
                ]
            )
            if storey.walls
            else None
        )
        recesses = facade_recesses(storey.footprint)
        recess_tree = shapely.STRtree(recesses)
        outside_obstacles = None
        for door in doors:
            name = msg(
                "name.door-with-role",
                role=role_term(door.attributes.role),
                handle=opening_handle(door.source),
                storey=storey.name,
            )
            near = np.sort(tree.query(door.span, predicate="dwithin", distance=max_distance + EPS)).tolist()
            near_recesses = np.sort(
                recess_tree.query(door.span, predicate="dwithin", distance=max_distance + EPS)
            ).tolist()
            places: list[tuple[BaseGeometry, Source | None, Message | None]] = [
                (
                    hiding[i].polygon,
                    hiding[i].source,
                    msg("ENTR-06.place", name=hiding[i].name or "", handle=hiding[i].source.handle),
                )
                for i in near
            ]
            # A recess found in the outline has no entity of its own (place None): its own messages.
            zone = door.span.buffer(max_distance)
            for i in near_recesses:
                piece = recesses[i].intersection(zone)
                if _wide_enough(piece) and not _mostly_named(piece, hiding, tree):
                    places.append((piece, None, None))
            for polygon, source, place in places:
                judged += 1
                distance = float(polygon.distance(door.span))
                marks = [Mark(storey.name, door.span), Mark(storey.name, polygon.boundary)]
                elements = (source, door.source) if source is not None else (door.source,)
                required = Quantity(msg("ENTR-06.all-seen"), None)
                if walls is None or not door.on_envelope:
                    unknown = (
                        msg("ENTR-06.no-walls", place=place, door=name)
                        if place
                        else msg("ENTR-06.recess-no-walls", door=name)
                    )
                    yield not_assessable(ID, unknown, elements=elements, marks=tuple(marks), required=required)
                    continue
                if outside_obstacles is None:
                    outside_obstacles = sight_obstacles(plan, storey, fence_limit).everything
                targets = _targets(polygon)
                inner = _inside_point(door)
                outer = sight_start(door, storey.footprint)
                footprint = storey.footprint
                seen_lines = []
                hidden = 0
                for target in targets:
                    if footprint is not None and footprint.covers(target):
                        line = _clear(inner, target, walls)
                    else:
                        line = None
                        for start in [outer, *street_points(target)]:
                            line = _clear(start, target, outside_obstacles)
                            if line is not None:
                                break
                    if line is None:
                        hidden += 1
                    else:
                        seen_lines.append(line)
                measured = Quantity(msg("ENTR-06.hidden-of", hidden=hidden, count=len(targets)), None)
                marks += [Mark(storey.name, line, "measure") for line in seen_lines[:1]]
                said: dict[str, Arg] = dict(door=name, distance=Number(distance, ".2f"))
                if place is not None:
                    said["place"] = place
                hidden_id, seen_id = (
                    ("ENTR-06.hidden", "ENTR-06.seen")
                    if place is not None
                    else ("ENTR-06.recess-hidden", "ENTR-06.recess-seen")
                )
                if hidden:
                    yield failed(
                        ID,
                        msg(hidden_id, hidden=hidden, count=len(targets), **said),
                        elements=elements,
                        marks=tuple(marks),
                        measured=measured,
                        required=required,
                    )
                else:
                    yield passed(
                        ID,
                        msg(seen_id, count=len(targets), **said),
                        elements=elements,
                        marks=tuple(marks),
                        measured=measured,
                        required=required,
                    )
    if not judged:
        yield not_applicable(ID, msg("ENTR-06.nothing-to-judge", distance=Number(max_distance, "g")))


def facade_recesses(footprint) -> list:
    """The recesses of a storey's outline: what its convex hull holds beyond it, in
    pieces at least MIN_RECESS across (so wall reveals and slivers are no recesses)."""
    if footprint is None or footprint.is_empty:
        return []
    beyond = footprint.convex_hull.difference(footprint)
    return [piece for piece in shapely.get_parts(beyond).tolist() if _wide_enough(piece)]


def _mostly_named(piece, hiding: list, tree) -> bool:
    """Whether a named hiding place covers most of a recess of the outline (it is judged by its name)."""
    named = tree.query(piece, predicate="intersects").tolist()
    return any(piece.intersection(hiding[i].polygon).area >= 0.5 * piece.area for i in named)


def _wide_enough(polygon) -> bool:
    return not polygon.is_empty and polygon.area > 0 and not polygon.buffer(-MIN_RECESS / 2).is_empty


def _targets(polygon) -> list[Point]:
    """The points of a hiding place that must be seen: its corners INSET in, and its middle."""
    inset = polygon.buffer(-INSET, join_style="mitre").simplify(0.2)
    points = [polygon.representative_point()]
    if not inset.is_empty:
        for part in shapely.get_parts(inset):
            points.extend(Point(xy) for xy in list(part.exterior.coords)[:-1])
    return points


def _inside_point(door) -> Point:
    centre = door.position
    return Point(centre.x - door.outward[0] * INSIDE_START, centre.y - door.outward[1] * INSIDE_START)


def _clear(start: Point, target: Point, obstacles):
    line = shapely.LineString([start, target])
    if obstacles is None or obstacles.is_empty or not obstacles.intersects(line):
        return line
    return None


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter("max_distance", "length", 5.0, "How far from a communal door hiding places are looked for."),
        Parameter("street_distance", "length", 50.0, "How far from a recess the street is looked at."),
        Parameter("fence_max_height", "length", 1.0, "Fences up to this height do not block the view."),
    ),
    needs=Needs(roles=("walls", "doors")),
)

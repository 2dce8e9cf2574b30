"""ENTR-03: every external door has a light near it.

What it checks
    Every door in the building's envelope, whatever its role, has an external
    light (a block on a lights layer) within ``light_radius`` in plan of the point
    just outside the door (0.5 m out from its centre). Lights drawn on any storey
    count, since all storeys share the plan's coordinates (a light over the door
    may be drawn on the first-floor plan). A light exactly at ``light_radius``
    passes. A plan without any light fails for every external door: the plan
    shows no light there. A door on a storey with no walls drawn is not
    assessable (whether it is external cannot be told). A plan with no external
    door gives one not-applicable finding.

Why
    A lit door shows anyone working at it to passers-by and neighbours, and lets
    occupants see who is there.

Parameters
    light_radius (length, default 3.05 m): how far from the door's outside a light
    may stand.

Example
    A front door with a wall light 1.0 m from it passes ("1.00 m"); a back door
    whose nearest light is 6 m away fails; in a plan with no light at all every
    external door fails with "no light drawn".

Source
    Orlando ordinance 9.16 (US): at least 80 % of the door and of the ground within
    10 ft (3.05 m) of it lit. A US municipal figure, used as advice (provisional).
"""

from __future__ import annotations

import shapely
from shapely.geometry import LineString

from ..geometry import outside_point
from ..messages import Arg, Number, Term, msg
from ..results import Mark, Quantity, failed, not_applicable, passed
from ._within_reach import opening_handle, unplaced_door
from .base import Context, Needs, Parameter, Rule

ID = "ENTR-03"
TOLERANCE = 1e-6  # metres: a light drawn 3050 mm away measures 3.0500000000000003 m


def check(context: Context):
    radius = float(context.params["light_radius"])
    required = Quantity(radius, "m")
    doors = []
    unknown = 0
    for storey, door in context.plan.openings():
        if door.kind.value != "door":
            continue
        if storey.footprint is None:
            finding = unplaced_door(ID, storey, door, required)
            if finding is not None:
                unknown += 1
                yield finding
        elif door.on_envelope:
            doors.append((storey, door))
    if not doors:
        if not unknown:
            yield not_applicable(ID, msg("ENTR-03.no-external-door"))
        return
    lights = [(storey, light) for storey in context.plan.storeys for light in storey.lights]
    # Every door here is on the envelope, so it has an outward side and a point outside.
    outside = [point for _, door in doors if (point := outside_point(door)) is not None]
    if lights:
        tree = shapely.STRtree([light.position for _, light in lights])
        (inputs, found), gaps = tree.query_nearest(outside, return_distance=True, all_matches=False)
        nearest = dict(zip(inputs.tolist(), found.tolist()))
        distances = dict(zip(inputs.tolist(), gaps.tolist()))
    for index, (storey, door) in enumerate(doors):
        name = msg("name.door", handle=opening_handle(door.source), storey=storey.name)
        radius_m = Number(radius, "g")
        point = outside[index]
        door_mark = Mark(storey.name, door.span)
        circle = Mark(storey.name, point.buffer(radius), "measure")
        if not lights:
            yield failed(
                ID,
                msg("ENTR-03.no-light-drawn", door=name, radius=radius_m),
                elements=(door.source,),
                marks=(door_mark, circle),
                measured=Quantity(Term("no-light-drawn"), None),
                required=required,
            )
            continue
        light_storey, light = lights[nearest[index]]
        distance = float(distances[index])
        light_name = (
            msg("ENTR-03.light", handle=light.source.handle)
            if light_storey is storey
            else msg("ENTR-03.light-elsewhere", handle=light.source.handle, storey=light_storey.name)
        )
        figures: dict[str, Arg] = dict(door=name, light=light_name, distance=Number(distance, ".2f"), radius=radius_m)
        line = Mark(storey.name, LineString([point, light.position]), "measure")
        common = dict(
            elements=(door.source, light.source),
            measured=Quantity(distance, "m"),
            required=required,
        )
        light_mark = Mark(light_storey.name, light.position)
        if distance <= radius + TOLERANCE:
            yield passed(
                ID,
                msg("ENTR-03.lit", **figures),
                marks=(door_mark, light_mark, line),
                **common,
            )
        else:
            yield failed(
                ID,
                msg("ENTR-03.light-too-far", **figures),
                marks=(door_mark, light_mark, circle, line),
                **common,
            )


RULE = Rule(
    id=ID,
    check=check,
    parameters=(Parameter("light_radius", "length", 3.05, "How far from the door's outside a light may stand."),),
    needs=Needs(roles=("walls", "doors", "lights")),
)

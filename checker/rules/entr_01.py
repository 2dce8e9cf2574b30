"""ENTR-01: entrance doors are not deeply recessed.

What it checks
    Every dwelling entrance door and communal entrance door (ROLE ENTRANCE or
    COMMUNAL) in the building's envelope is set back from the facade on either side
    of it by at most ``max_depth``. The depth is measured outward from the door's
    wall to the front of the shallower of the two walls flanking it (a recess needs
    building on both sides; a door beside a single projecting wing is not
    recessed). A depth of exactly ``max_depth`` passes.

    A door on a storey with no walls (no footprint) cannot be measured and is not
    assessable. A plan with no such door gives one finding: not applicable, or not
    assessable when some doors have no ROLE (one of them may be the entrance).

Why
    A deep recess hides someone working at the door from the street and from
    neighbours.

Parameters
    max_depth (length, default 0.6 m): the deepest recess accepted.

Example
    A front door set 0.6 m back between two projecting walls passes; set 0.8 m
    back it fails ("recessed 0.80 m, deeper than 0.6 m"); a door flush with the
    facade passes as not recessed.

Source
    Secured by Design, Homes guide: entrance door recesses no deeper than about
    600 mm (figure from a secondary source, provisional).
"""

from __future__ import annotations

from ..geometry import recess_depth
from ..messages import Arg, Number, msg
from ..plan import OpeningKind
from ..results import Mark, Quantity, failed, not_assessable, passed
from ._within_reach import opening_handle, role_term
from ._entrances import no_entrance_door
from .base import AttributeNeed, Context, Needs, Parameter, Rule

ID = "ENTR-01"
ROLES = ("ENTRANCE", "COMMUNAL")
TOLERANCE = 1e-6  # metres: a drawn 600 mm recess measures 0.6000000000000001 m


def check(context: Context):
    limit = float(context.params["max_depth"])
    required = Quantity(limit, "m")
    judged = 0
    without_role = 0
    for storey in context.plan.storeys:
        for door in storey.openings:
            if door.kind is not OpeningKind.DOOR:
                continue
            role = door.attributes.role
            if role is None:
                if door.on_envelope or storey.footprint is None:
                    without_role += 1
                continue
            if role.value not in ROLES:
                continue
            label = msg(
                "name.door-with-role", role=role_term(role), handle=opening_handle(door.source), storey=storey.name
            )
            door_mark = Mark(storey.name, door.span)
            if storey.footprint is None:
                judged += 1
                yield not_assessable(
                    ID,
                    msg("ENTR-01.no-walls", door=label, storey=storey.name),
                    elements=(door.source,),
                    marks=(door_mark,),
                    required=required,
                )
                continue
            if not door.on_envelope:
                continue
            judged += 1
            depth, line = recess_depth(storey.footprint, door)
            marks = (door_mark, Mark(storey.name, line, "measure")) if depth > 0 else (door_mark,)
            common = dict(elements=(door.source,), marks=marks, measured=Quantity(depth, "m"), required=required)
            figures: dict[str, Arg] = dict(door=label, depth=Number(depth, ".2f"), limit=Number(limit, "g"))
            if depth <= limit + TOLERANCE:
                said = msg("ENTR-01.shallow", **figures) if depth > 0 else msg("ENTR-01.not-recessed", door=label)
                yield passed(ID, said, **common)
            else:
                yield failed(ID, msg("ENTR-01.too-deep", **figures), **common)
    if judged:
        return
    yield no_entrance_door(ID, without_role)


RULE = Rule(
    id=ID,
    check=check,
    parameters=(Parameter("max_depth", "length", 0.6, "Deepest entrance recess accepted."),),
    needs=Needs(roles=("walls", "doors"), attributes=(AttributeNeed("door", "ROLE"),)),
)

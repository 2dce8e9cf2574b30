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
from ..plan import OpeningKind
from ..results import Mark, Quantity, failed, not_applicable, not_assessable, passed
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
            label = f"{role.value.lower()} door {door.source.handle} on {storey.name}"
            door_mark = Mark(storey.name, door.span)
            if storey.footprint is None:
                judged += 1
                yield not_assessable(
                    ID, f"How deep the {label} is recessed cannot be measured: {storey.name} has no walls drawn.",
                    elements=(door.source,), marks=(door_mark,), required=required,
                )
                continue
            if not door.on_envelope:
                continue
            judged += 1
            depth, line = recess_depth(storey.footprint, door)
            marks = (door_mark, Mark(storey.name, line, "measure")) if depth > 0 else (door_mark,)
            common = dict(elements=(door.source,), marks=marks, measured=Quantity(depth, "m"), required=required)
            if depth <= limit + TOLERANCE:
                said = f"recessed {depth:.2f} m, at most {limit:g} m" if depth > 0 else "not recessed"
                yield passed(ID, f"The {label} is {said}.", **common)
            else:
                yield failed(
                    ID, f"The {label} is recessed {depth:.2f} m, deeper than {limit:g} m; "
                    f"a deep recess hides someone at the door.", **common,
                )
    if judged:
        return
    if without_role:
        one = without_role == 1
        yield not_assessable(
            ID, f"No external door is marked ROLE=ENTRANCE or COMMUNAL, and {without_role} external "
            f"door{'' if one else 's'} {'has' if one else 'have'} no ROLE; mark the entrance door.",
        )
    else:
        yield not_applicable(ID, "No external door is marked ROLE=ENTRANCE or COMMUNAL, so no entrance recess is measured.")


RULE = Rule(
    id=ID,
    title="Entrance doors are not deeply recessed",
    criterion="An entrance or communal entrance door is set back from the facade beside it by at most the given depth.",
    source="Secured by Design, Homes guide (about 600 mm, secondary source, provisional)",
    applies_to="external doors with ROLE ENTRANCE or COMMUNAL",
    check=check,
    parameters=(
        Parameter("max_depth", "length", 0.6, "Deepest entrance recess accepted."),
    ),
    needs=Needs(roles=("walls", "doors"), attributes=(AttributeNeed("door", "ROLE"),)),
)

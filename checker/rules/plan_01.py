"""PLAN-01: drawing units are declared and plausible.

What it checks
    For every storey file: the unit its coordinates were read in was declared (by
    ``$INSUNITS`` in the header, or by the user in project.toml or with ``--units``),
    and under that unit the building's longest side is between 4 m and 250 m and the
    median door or window width between 0.3 m and 6 m.

Why
    Every other rule measures in metres. A drawing in millimetres read as inches
    makes a 10 m house 254 m long, and every reach distance and recess depth wrong.
    An undeclared unit is guessed from the drawing's sizes; the guess is reported,
    never trusted silently.

Parameters
    None. The plausible ranges are fixed in ``checker.reading.units``.

Example
    A plan whose header says inches but whose outline is 116 units long (2.9 m)
    fails, and the message suggests metres (116 m) or feet (35 m).

Source
    The plan convention (docs/plan-convention.md); DXF reference, header variable
    ``$INSUNITS``.
"""

from __future__ import annotations

from ..messages import Number, Term, msg
from ..results import Quantity, failed, passed
from ..reading.units import PLAUSIBLE_BUILDING_LENGTH
from .base import Context, Rule

ID = "PLAN-01"


def check(context: Context):
    low, high = PLAUSIBLE_BUILDING_LENGTH
    required = Quantity(msg("PLAN-01.required", low=Number(low, "g"), high=Number(high, "g")), None)
    for load in context.plan.loads:
        units = load.units
        measured = Quantity(
            round(units.building_length_m, 2) if units.building_length_m is not None else Term("no-extents"),
            "m" if units.building_length_m is not None else None,
        )
        text = msg("PLAN-01.units", storey=load.storey, judgement=units.judgement)
        if units.source == "assumed":
            yield failed(
                ID, msg("PLAN-01.undeclared", storey=load.storey, judgement=units.judgement), measured=measured, required=required
            )
        elif not units.plausible:
            yield failed(ID, text, measured=measured, required=required)
        else:
            yield passed(ID, text, measured=measured, required=required)


RULE = Rule(
    id=ID,
    check=check,
)

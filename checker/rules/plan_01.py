"""PLAN-01: drawing units are declared and plausible.

What it checks
    For every storey file: the unit its coordinates were read in was declared (by
    ``$INSUNITS`` in the header, or by the user in project.toml or with ``--units``),
    and under that unit the building's longest side is between 4 m and 250 m and the
    median door or window width between 0.3 m and 6 m. A unit inferred from the
    drawing's own sizes (the header missing, unitless or contradicted, and door
    swings, opening spans, wall thicknesses, room areas and text heights clearly
    agreeing on one unit) is a warning that names the evidence: the plan is
    measured in that unit, and the architect is asked to confirm it.

Why
    Every other rule measures in metres. A drawing in millimetres read as inches
    makes a 10 m house 254 m long, and every reach distance and recess depth wrong.
    An undeclared unit is guessed from the drawing's sizes; the guess is reported,
    never trusted silently. Clear evidence (several door leaves 0.8-1.0 m wide and
    walls 0.12-0.30 m thick in only one unit) is trusted enough to measure with, not
    enough to pass without a word; weak evidence (the extents alone, one door) still
    fails as undeclared.

Parameters
    None. The plausible ranges are fixed in ``checker.reading.units`` and
    ``checker.reading.recognition.units``.

Example
    A plan whose header says inches but whose outline is 116 units long (2.9 m)
    fails, and the message suggests metres (116 m) or feet (35 m). The same plan
    with five door swings of 0.9 units and 0.2-unit walls is read in metres with a
    warning: "The header says inches, but door swings 0.90-0.90 m wide (5) and walls
    0.20-0.20 m thick (16 faces) only in metres, so the drawing is read in metres".

Source
    The plan convention (docs/plan-convention.md); DXF reference, header variable
    ``$INSUNITS``.
"""

from __future__ import annotations

from ..messages import Number, Term, msg
from ..results import Quantity, Severity, failed, passed
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
        if units.source == "inferred":  # measured in the inferred unit; said, but not blocking
            yield failed(
                ID,
                msg("PLAN-01.inferred", storey=load.storey, judgement=units.judgement),
                measured=measured,
                required=required,
                severity=Severity.WARNING,
            )
        elif units.source == "assumed":
            yield failed(
                ID,
                msg("PLAN-01.undeclared", storey=load.storey, judgement=units.judgement),
                measured=measured,
                required=required,
            )
        elif not units.plausible:
            yield failed(ID, text, measured=measured, required=required)
        else:
            yield passed(ID, text, measured=measured, required=required)


RULE = Rule(
    id=ID,
    check=check,
)

"""OPEN-07: (ir) privacy sills, reported where they pull against natural surveillance.

What it checks
    Every window on the building's envelope on a storey whose floor is more than
    ``privacy_floor`` above ground level has a sill at least ``privacy_sill`` above
    its floor. A lower sill is reported as a warning, not a failure: it breaks the
    Topic 4 privacy rule, but a low sill is also what lets occupants watch the street
    and the entrances, so the reviewer weighs the two. Windows on lower storeys are
    not selected; a plan with none selected says so once.

Why
    Iran's Topic 4 privacy rules ask for sills of at least 1.10 m where the floor is
    more than 0.70 m up, and sills above passers-by's eye line; the police annex asks
    for natural surveillance. Both are design goals; the annex must show where they
    meet, not silently pick one.

Parameters
    privacy_floor (length, default 0.70 m): floors higher than this above ground
    are subject to the privacy sill.
    privacy_sill (length, default 1.10 m): the lowest sill the privacy rule accepts.

Example
    A first-floor bedroom window (floor 2.8 m up) with SILL=900 is reported: "its
    sill is 0.90 m above its floor, below the privacy sill of 1.10 m"; with
    SILL=1100 it passes; without SILL it is not assessable.

Source
    Iranian National Building Regulations, Topic 4 (privacy); the tension with
    natural surveillance as noted in the reference criteria. Provisional.
"""

from __future__ import annotations

from ..messages import Number, msg
from ..plan import OpeningKind
from ..results import Mark, Quantity, failed, not_applicable, not_assessable, passed
from .base import AttributeNeed, Context, Needs, Parameter, Rule
from ._within_reach import opening_handle

ID = "OPEN-07"
TOLERANCE = 1e-6  # metres: a sill drawn exactly at the limit meets it


def check(context: Context):
    floor_limit = float(context.params["privacy_floor"])
    sill_limit = float(context.params["privacy_sill"])
    required = Quantity(sill_limit, "m")
    judged = 0
    for storey in context.plan.storeys:
        if storey.elevation_m <= floor_limit + TOLERANCE:
            continue
        for window in storey.openings:
            if window.kind is not OpeningKind.WINDOW or not window.on_envelope:
                continue
            judged += 1
            name = msg("name.window", handle=opening_handle(window.source), storey=storey.name)
            common = dict(elements=(window.source,), marks=(Mark(storey.name, window.span),), required=required)
            sill = window.attributes.sill_m
            if sill is None:
                yield not_assessable(ID, msg("OPEN-07.no-sill", window=name), **common)
            elif sill + TOLERANCE >= sill_limit:
                yield passed(
                    ID,
                    msg("OPEN-07.meets", window=name, sill=Number(sill, ".2f"), limit=Number(sill_limit, ".2f")),
                    measured=Quantity(sill, "m"),
                    **common,
                )
            else:
                yield failed(
                    ID,
                    msg("OPEN-07.below", window=name, sill=Number(sill, ".2f"), limit=Number(sill_limit, ".2f")),
                    measured=Quantity(sill, "m"),
                    **common,
                )
    if not judged:
        yield not_applicable(ID, msg("OPEN-07.no-window-high-enough", limit=Number(floor_limit, ".2f")))


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter(
            "privacy_floor", "length", 0.70, "Floors higher than this above ground are subject to the privacy sill."
        ),
        Parameter("privacy_sill", "length", 1.10, "The lowest sill the privacy rule accepts."),
    ),
    needs=Needs(roles=("walls", "windows"), attributes=(AttributeNeed("window", "SILL"),)),
)

"""OPEN-04: low glazing in doors and windows a burglar can reach is security glazing.

What it checks
    Among the doors and windows on the envelope that are within reach (the
    ruleset's [reach] definition, as in OPEN-01), the low glass: a window whose SILL
    is below ``low_sill`` above its floor; a glazed door (GLAZING stated and not
    NONE; a door without SILL stands on its floor) whose sill is below ``low_sill``;
    and a window whose sill is below ``door_zone_sill`` and which lies within
    ``door_zone_distance`` in plan of an external door on the same storey (a
    sidelight, glass by the lock). Each such opening states a GLAZING class of at
    least ``required_glazing`` in the EN 356 order P1A < P2A < P3A < P4A < P5A <
    P6B < P7B < P8B. FLOAT and TOUGHENED fail; GLAZING=NONE states a solid
    panel, which has no glass to judge (as in OPEN-03).

    Where the ruleset enables OPEN-08, a window or door onto a light well or shaft
    open to an accessible roof (as OPEN-08 finds them, ``shaft_distance`` being its
    ``roof_distance``) is within reach too, whatever its height and whether or not it
    is on the envelope: a burglar comes down the shaft. Its low glass is judged as
    above. This rule, not OPEN-08, judges that glass so the glazing figures stay in one
    place (this rule's parameters) and an opening onto a shaft is held to the same
    glazing as one reached from the ground. OPEN-08 judges its class and grille (RC1N
    and RC2N count as RC1 and RC2 only without glazing, as in OPEN-01); this rule
    judges its glass whatever its class, as for any opening within reach.

    Where the ruleset enables OPEN-08, a skylight or roof hatch in a roof one can stand
    on (as OPEN-08 finds them) is within reach too, and all its glass is low: it lies in
    the roof, underfoot, whatever SILL says. Its glass is judged as above.

    An opening of at most ``min_area`` (WIDTH x (HEAD - SILL), a door from its floor;
    when both are stated) is too small to climb through and is not selected for its
    low sill or as a roof opening; a window in a door's zone is selected whatever its
    size (glass by the lock is broken to reach in, not to climb through).

    Openings out of reach, or whose sill is not low, are not selected; if nothing is
    selected, one not-applicable finding says so. An opening that states no GLAZING,
    or whose GLAZING or (for a door) whose glazing cannot be read, is not
    assessable. A window without SILL is not assessable where the sill matters (it
    could be low and within reach), unless its glazing is good enough either way.

Why
    Ordinary glass low down is broken with a kick or a stone and climbed through;
    glass next to a door is broken to reach in and turn the lock. Laminated
    security glass holds together when hit.

Parameters
    required_glazing (glazing, default P2A): the lowest EN 356 class accepted.
    low_sill (length, default 0.8 m): glass whose sill is below this, above its
    floor, is low.
    door_zone_sill (length, default 1.5 m): near a door, glass whose sill is below
    this is low.
    door_zone_distance (length, default 0.3 m): how near (in plan, at most) a window
    must be to a door to be in the door's zone.
    shaft_distance (length, default 1.0 m): where OPEN-08 is enabled, how far from a
    shaft's outline its roof and the openings onto it are looked for; keep it equal
    to OPEN-08's ``roof_distance``.
    min_area (area, default 0 m2): openings of at most this area are too small to
    climb through and out of scope, except in a door's zone; keep it equal to
    OPEN-01's and OPEN-08's.

Example
    A reachable living-room window with SILL=600 and GLAZING=FLOAT fails; with
    GLAZING=P4A it passes; with SILL=800 it is not low and not judged. A FLOAT
    sidelight with SILL=1000 0.2 m from the front door fails. Under ir-police-annex a
    roof hatch 0.8 m x 0.8 m (SILL=0, HEAD=800) glazed FLOAT in a flat roof fails, with
    P4A it passes; a 0.3 m x 0.2 m skylight (600 cm2) is out of scope.

Source
    Secured by Design, New Homes 2010 (secondary source): laminated glazing below
    800 mm above floor, or below 1500 mm within 300 mm of a door frame; P2A required
    from 2011 (secondary). Approved Document Q (2015): glazing that would let
    someone reach in and release a lock is laminated (functional, no figure). Dutch
    and Iranian rulesets: P4A (provisional). Iran: BHRC faculty member quoted by IRNA
    (Donya-e-Eqtesad): external openings over 600 cm2 lower than 4.5 m need a lock;
    Iranian practitioners name windows on the roof and onto light wells as entry
    routes (secondary). All figures provisional.
"""

from __future__ import annotations

import shapely

from ..geometry import Reach
from ..messages import Message, Number, Term, msg
from ..plan import GLAZING_CLASSES, OpeningKind, Source
from ..results import Mark, Quantity, failed, not_applicable, not_assessable, passed
from ._within_reach import (
    EPS,
    Reachability,
    opening_area,
    opening_name,
    reach_elements,
    reach_marks,
    reach_phrase,
    unplaced_findings,
    unreadable,
)
from ._shafts import InRoof, OntoShaft, openings_in_accessible_roofs, openings_onto_open_shafts
from .base import AttributeNeed, Context, Needs, Parameter, Rule

ID = "OPEN-04"


def _rank(glazing: str) -> int:
    return GLAZING_CLASSES.index(glazing)


def check(context: Context):
    reachability = Reachability.of(context.reach_model)
    required = str(context.params["required_glazing"])
    low_sill = float(context.params["low_sill"])
    zone_sill = float(context.params["door_zone_sill"])
    zone_distance = float(context.params["door_zone_distance"])
    min_area = float(context.params["min_area"])
    # A ruleset that enables OPEN-08 counts shafts open to a roof, and roofs, as access routes.
    onto_shaft: dict = {}
    if any(rule.id == "OPEN-08" for rule in context.enabled):
        onto_shaft.update(openings_onto_open_shafts(context, float(context.params["shaft_distance"])))
        for source, roof in openings_in_accessible_roofs(context).items():
            onto_shaft.setdefault(source, roof)
    selected = 0
    unplaced = unplaced_findings(ID, context.plan)
    selected += len(unplaced)
    yield from unplaced
    for storey in context.plan.storeys:
        doors = [o for o in storey.openings if o.kind is OpeningKind.DOOR and o.on_envelope]
        door_tree = shapely.STRtree([d.span for d in doors])
        for opening in storey.openings:
            shaft = onto_shaft.get(opening.source)
            if not opening.on_envelope and shaft is None:
                continue
            finding = _judge(
                reachability,
                storey,
                opening,
                doors,
                door_tree,
                required,
                (low_sill, zone_sill, zone_distance, min_area),
                shaft,
            )
            if finding is not None:
                selected += 1
                yield finding
    if not selected:
        yield not_applicable(ID, msg("OPEN-04.no-low-glass"))


def _judge(reachability, storey, opening, doors, door_tree, required, figures, shaft=None):
    low_sill, zone_sill, zone_distance, min_area = figures
    attrs = opening.attributes
    is_window = opening.kind is OpeningKind.WINDOW
    glazing_reason = unreadable(attrs, "GLAZING")
    if glazing_reason is None and (attrs.glazing == "NONE" or (not is_window and attrs.glazing is None)):
        return None  # no glass: a solid panel, or a door that states none
    area = opening_area(opening)
    too_small = min_area > 0 and area is not None and area <= min_area + EPS
    reach: Reach | OntoShaft | InRoof | Message | None
    if isinstance(shaft, InRoof):
        if too_small:
            return None
        reach = shaft  # a skylight or hatch: on the roof, whatever else reaches it
    else:
        reach = reachability.reach(storey, opening)
        if shaft is not None and not isinstance(reach, Reach):
            reach = shaft  # within reach down the shaft, whatever its height
    if reach is None:
        return None

    sill = attrs.sill_m if is_window else (attrs.sill_m or 0.0)
    why_low = None
    door = None
    zone_line = None
    if isinstance(reach, InRoof):
        why_low = msg("OPEN-04.glass-in-roof")
    elif sill is not None:
        if sill < low_sill - EPS and not too_small:
            why_low = msg("OPEN-04.low-sill", sill=Number(sill, ".2f"), limit=Number(low_sill, "g"))
        elif is_window and sill < zone_sill - EPS and doors:
            index, distance = door_tree.query_nearest(
                opening.span, max_distance=zone_distance + EPS, return_distance=True
            )
            if len(index):
                door = doors[int(index[0])]
                zone_line = shapely.shortest_line(opening.span, door.span)
                why_low = msg(
                    "OPEN-04.low-sill-near-door",
                    sill=Number(sill, ".2f"),
                    limit=Number(zone_sill, "g"),
                    distance=Number(float(distance[0]), ".2f"),
                    door=door.source.handle,
                )
        if why_low is None:
            return None

    label = opening_name(opening, storey)
    reached = reach if isinstance(reach, (Reach, OntoShaft, InRoof)) else None
    elements: tuple[Source, ...]
    if isinstance(reach, OntoShaft):
        elements = (opening.source, reach.shaft.space.source, reach.roof.source)
    elif isinstance(reach, InRoof):
        elements = (opening.source, reach.roof.source)
    else:
        elements = reach_elements(opening, reach if isinstance(reach, Reach) else None)
    elements += (door.source,) if door else ()
    marks = reach_marks(storey, opening, reached if isinstance(reached, Reach) else None)
    if zone_line is not None and zone_line.length > 0:
        marks += (Mark(storey.name, zone_line, "measure"),)
    common = dict(
        elements=elements,
        marks=marks,
        measured=Quantity(attrs.glazing or Term("nothing"), None),
        required=Quantity(required, None),
    )
    glazing = attrs.glazing
    good = glazing is not None and _rank(glazing) >= _rank(required)
    # why_low is set for glass in a roof, and for glass within reach (else it returned above).
    if isinstance(reached, InRoof) and why_low is not None:
        where = msg("OPEN-04.onto-shaft-and-low", onto=reached.where, why_low=why_low)
    elif isinstance(reached, OntoShaft):
        where = (
            msg("OPEN-04.onto-shaft-and-low", onto=reached.where, why_low=why_low)
            if why_low
            else msg("reach.has-no-sill")
        )
        if not why_low:  # no SILL: the shaft reaches it, but whether its glass is low is not known
            reach = msg("OPEN-04.onto-shaft-and-low", onto=reached.where, why_low=msg("reach.has-no-sill"))
            reached = None
    elif isinstance(reached, Reach) and why_low is not None:
        where = msg("OPEN-04.within-reach-and-low", reach=reach_phrase(reached, storey), why_low=why_low)
    else:
        where = msg("reach.has-no-sill")
    said = dict(opening=label, where=where, required=required)

    if glazing_reason is not None:
        return not_assessable(ID, msg("OPEN-04.glazing-unreadable", reason=glazing_reason, **said), **common)
    if good:
        if reached:
            return passed(ID, msg("OPEN-04.meets", glazing=glazing, **said), **common)
        return passed(ID, msg("OPEN-04.meets-without-sill", glazing=glazing, **said), **common)
    if not isinstance(reach, (Reach, OntoShaft, InRoof)):  # not reached: the reason why not
        state = msg("OPEN-04.its-glazing-is", glazing=glazing) if glazing else msg("OPEN-03.no-glazing-stated")
        return not_assessable(
            ID,
            msg(
                "OPEN-04.sill-unknown",
                opening=label,
                reason=reach,
                limit=Number(low_sill, "g"),
                required=required,
                state=state,
            ),
            **common,
        )
    if glazing is None:
        return not_assessable(ID, msg("OPEN-04.no-glazing-stated", **said), **common)
    kind = (
        msg("OPEN-04.glazing-below", glazing=glazing, required=required)
        if glazing.startswith("P")
        else msg("OPEN-04.not-security-glazing", glazing=glazing)
    )
    return failed(ID, msg("OPEN-04.below", kind=kind, **said), **common)


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter("required_glazing", "glazing", "P2A", "Lowest EN 356 class accepted for low glass."),
        Parameter("low_sill", "length", 0.8, "Glass with its sill below this, above its floor, is low."),
        Parameter("door_zone_sill", "length", 1.5, "Near a door, glass with its sill below this is low."),
        Parameter("door_zone_distance", "length", 0.3, "How near a door (in plan, at most) the door zone reaches."),
        Parameter(
            "shaft_distance", "length", 1.0, "Where OPEN-08 is enabled: its roof_distance, for openings onto a shaft."
        ),
        Parameter(
            "min_area",
            "area",
            0.0,
            "Openings of at most this area (WIDTH x (HEAD - SILL)) are too small to climb through, except by a door.",
        ),
    ),
    needs=Needs(
        roles=("walls", "doors", "windows"),
        attributes=(AttributeNeed("window", "GLAZING"), AttributeNeed("window", "SILL")),
    ),
    uses_reach=True,
)

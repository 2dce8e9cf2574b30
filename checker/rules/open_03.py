"""OPEN-03: glazing within reach of a door's lock is security glazing.

What it checks
    For every external door (a door on the building's envelope), the glass a
    burglar could break to reach in and turn the lock: the glazing in the door's
    own leaf, and every window on the envelope of the same storey (a sidelight, an
    adjacent window) that lies within ``lock_reach`` in plan of the door's lock. The
    lock side is not drawn, so both jambs count as the lock. Each such piece of
    glass states a GLAZING class of at least ``required_glazing`` (EN 356, in the
    order P1A < P2A < P3A < P4A < P5A < P6B < P7B < P8B; FLOAT and TOUGHENED are
    below every class). One finding per door and glazed element.

    A leaf with GLAZING=NONE, or a window with GLAZING=NONE (a solid panel), has
    no glass to judge. A door with no glass anywhere near its lock passes. A door or
    window near the lock that states no GLAZING, or one that cannot be read, is not
    assessable, and so is a door on a storey with no walls drawn (whether it is
    external cannot be told). Windows on other storeys, and internal windows,
    cannot be broken from outside next to the door and are not judged. A plan with
    no external door gives one not-applicable finding.

Why
    Breaking a pane and reaching through to open the lock from inside is one of the
    commonest ways into a house; laminated security glass holds together when hit.

Parameters
    lock_reach (length, default 1.016 m): how far from the lock (either jamb, in
    plan) glass counts as within reach.
    required_glazing (glazing, default P4A): the lowest EN 356 class accepted.

Example
    A back door with a FLOAT sidelight 0.1 m from its jamb fails (FLOAT is below
    P4A); the same door with a P4A sidelight and a solid leaf (GLAZING=NONE) passes;
    a window 1.5 m away is not judged at all.

Source
    Approved Document Q (2015): glazing that would let someone reach in and release
    the lock must be laminated (a functional rule, no distance given). The distance
    is St Charles, Illinois, code 15.08.230 (40 in, 1016 mm from the lock). Class:
    P2A in the UK ruleset (SBD New Homes, secondary source), P4A in the Dutch and
    Iranian rulesets (provisional).
"""

from __future__ import annotations

from shapely.geometry import Point
from shapely import shortest_line

from ..messages import Message, Number, Term, msg
from ..plan import GLAZING_CLASSES, Opening, OpeningKind
from ..results import Mark, Quantity, failed, not_applicable, not_assessable, passed
from ._within_reach import opening_name, unplaced_door
from .base import AttributeNeed, Context, Needs, Parameter, Rule

ID = "OPEN-03"
DEFAULT_REACH = 1.016
EXTERNAL_DOOR_ROLES = ("ENTRANCE", "COMMUNAL", "SECONDARY")
TOLERANCE = 1e-6  # metres: glass drawn exactly lock_reach away counts as within it


def _glazing_state(opening: Opening, required: str) -> tuple[str, str | Message]:
    """("none" | "unknown" | "pass" | "fail", the glazing or why it is unknown) for the opening's stated GLAZING."""
    attrs = opening.attributes
    glazing = attrs.glazing
    if glazing is None:
        unreadable = [reason for tag, reason in attrs.invalid if tag == "GLAZING"]
        if unreadable:
            return "unknown", msg("OPEN-03.glazing-unreadable", reason=unreadable[0])
        return "unknown", msg("OPEN-03.no-glazing-stated")
    if glazing == "NONE":
        return "none", "NONE"
    if glazing.startswith("P") and GLAZING_CLASSES.index(glazing) >= GLAZING_CLASSES.index(required):
        return "pass", glazing
    return "fail", glazing


def check(context: Context):
    reach = float(context.params["lock_reach"])
    required = str(context.params["required_glazing"])
    within = Number(reach, "g")
    required_q = Quantity(required, None)
    judged = 0
    for storey in context.plan.storeys:
        openings = storey.openings
        for door in openings:
            if door.kind is not OpeningKind.DOOR:
                continue
            if storey.footprint is None:
                finding = unplaced_door(ID, storey, door, required_q)
                if finding is not None:
                    judged += 1
                    yield finding
                continue
            if not door.on_envelope:
                continue
            judged += 1
            door_name = opening_name(door, storey)
            door_mark = Mark(storey.name, door.span)
            jambs = [Point(door.span.coords[0]), Point(door.span.coords[-1])]
            findings = []

            state, text = _glazing_state(door, required)
            common = dict(elements=(door.source,), marks=(door_mark,), required=required_q)
            if state == "unknown":
                findings.append(
                    not_assessable(
                        ID,
                        msg("OPEN-03.leaf-unknown", door=door_name, reason=text),
                        measured=Quantity(Term("nothing"), None),
                        **common,
                    )
                )
            elif state == "pass":
                findings.append(
                    passed(
                        ID,
                        msg("OPEN-03.leaf-meets", door=door_name, glazing=text, required=required),
                        measured=Quantity(text, None),
                        **common,
                    )
                )
            elif state == "fail":
                findings.append(
                    failed(
                        ID,
                        msg("OPEN-03.leaf-below", door=door_name, glazing=text, required=required),
                        measured=Quantity(text, None),
                        **common,
                    )
                )

            # Envelope windows of this storey within reach of either jamb (the lock side is not drawn).
            hits = storey.opening_index.query(jambs, predicate="dwithin", distance=reach + TOLERANCE)[1]
            near = sorted(
                {i for i in hits.tolist() if openings[i].kind is OpeningKind.WINDOW and openings[i].on_envelope}
            )
            for index in near:
                window = openings[index]
                lock = min(jambs, key=lambda jamb: jamb.distance(window.span))
                line = shortest_line(lock, window.span)
                distance = line.length
                window_name = window.source.handle
                where = msg("OPEN-03.from-the-lock", distance=Number(round(distance, 3), "g"), door=door_name)
                said = dict(window=window_name, where=where)
                state, text = _glazing_state(window, required)
                common = dict(
                    elements=(door.source, window.source),
                    marks=(door_mark, Mark(storey.name, window.span), Mark(storey.name, line, "measure")),
                    required=required_q,
                )
                if state == "unknown":
                    findings.append(
                        not_assessable(
                            ID,
                            msg("OPEN-03.window-unknown", reason=text, **said),
                            measured=Quantity(Term("nothing"), None),
                            **common,
                        )
                    )
                elif state == "none":
                    findings.append(
                        passed(
                            ID,
                            msg("OPEN-03.window-unglazed", **said),
                            measured=Quantity("NONE", None),
                            **common,
                        )
                    )
                elif state == "pass":
                    findings.append(
                        passed(
                            ID,
                            msg("OPEN-03.window-meets", glazing=text, required=required, **said),
                            measured=Quantity(text, None),
                            **common,
                        )
                    )
                else:
                    findings.append(
                        failed(
                            ID,
                            msg("OPEN-03.window-below", glazing=text, required=required, **said),
                            measured=Quantity(text, None),
                            **common,
                        )
                    )

            if not findings:
                findings.append(
                    passed(
                        ID,
                        msg("OPEN-03.no-glazing-near-lock", door=door_name, within=within),
                        elements=(door.source,),
                        marks=(door_mark, Mark(storey.name, door.span.buffer(reach), "measure")),
                        measured=Quantity(Term("no-glazing"), None),
                        required=required_q,
                    )
                )
            yield from findings
    if not judged:
        yield not_applicable(ID, msg("OPEN-03.no-external-door"))


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter(
            "lock_reach", "length", DEFAULT_REACH, "How far from the lock (either jamb) glazing counts as within reach."
        ),
        Parameter(
            "required_glazing", "glazing", "P4A", "Lowest EN 356 class accepted for glazing within reach of a lock."
        ),
    ),
    needs=Needs(
        roles=("walls", "doors", "windows"),
        attributes=(
            AttributeNeed("door", "GLAZING", EXTERNAL_DOOR_ROLES),
            AttributeNeed("window", "GLAZING"),
        ),
    ),
)

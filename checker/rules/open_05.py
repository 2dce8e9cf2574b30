"""OPEN-05: occupants can see callers at a dwelling's entrance door.

What it checks
    Every dwelling entrance door (ROLE=ENTRANCE) gives a view of whoever stands at
    it by at least one of: a door viewer (VIEWER=YES); glazing in the leaf (GLAZING
    given and not NONE); or a window within ``window_distance`` of the door in plan
    on the same storey, on the same side of the building (for a door in the
    building's envelope a window in the envelope, for a flat's door off a corridor
    an internal window). A passing finding names every means found.

    The door fails when it states VIEWER=NO and GLAZING=NONE and no window is
    near. It is not assessable when nothing shows callers and VIEWER or GLAZING is
    missing or cannot be read. A plan with no door marked ROLE=ENTRANCE gives one
    finding: not applicable, or not assessable when some doors have no ROLE (one of
    them may be the entrance).

Why
    An occupant who cannot see who is at the door opens it to find out, and
    distraction burglars rely on that.

Parameters
    window_distance (length, default 1.0 m): how close to the door (in plan) a
    window must be to show callers.

Example
    A solid front door (GLAZING=NONE) with VIEWER=NO and no window beside it fails;
    with a window 0.4 m from the door it passes ("a window ... 0.40 m away"); with
    neither VIEWER nor GLAZING stated it is not assessable.

Source
    Approved Document Q (2015), para. 1.4: the main entrance door has a door viewer
    unless there is another means of seeing callers, such as clear glazing in the
    door or a window next to it. "Next to" read as within 1.0 m (ours, provisional).
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely import shortest_line

from ..messages import Listing, Message, Number, Term, msg
from ..plan import Opening, OpeningKind, OpeningRole, Storey
from ..results import Mark, Quantity, failed, not_assessable, passed
from ._entrances import no_entrance_door
from .base import AttributeNeed, Context, Needs, Parameter, Rule
from ._within_reach import opening_handle

ID = "OPEN-05"
TOLERANCE = 1e-6  # metres: a window drawn exactly window_distance away counts as near


def _nearest_windows(storey: Storey, doors: list[Opening], distance: float) -> list[tuple[Opening, float] | None]:
    """For each door, the nearest window within ``distance`` on the same side of the
    building (ties to the lower handle), or None; one tree query for all the doors."""
    nearest: list[tuple[Opening, float] | None] = [None] * len(doors)
    if not doors:
        return nearest
    openings = storey.openings
    spans = np.array([door.span for door in doors], dtype=object)
    door_idx, hit_idx = storey.opening_index.query(spans, predicate="dwithin", distance=distance + TOLERANCE)
    pairs = [
        (d, h)
        for d, h in zip(door_idx.tolist(), hit_idx.tolist())
        if openings[h].kind is OpeningKind.WINDOW and openings[h].on_envelope == doors[d].on_envelope
    ]
    if not pairs:
        return nearest
    gaps = shapely.distance(
        np.array([openings[h].span for _, h in pairs], dtype=object),
        np.array([doors[d].span for d, _ in pairs], dtype=object),
    ).tolist()
    best: dict[int, tuple[float, str, int]] = {}
    for (d, h), gap in zip(pairs, gaps):
        key = (gap, openings[h].source.handle, h)
        if d not in best or key[:2] < best[d][:2]:
            best[d] = key
    for d, (gap, _, h) in best.items():
        nearest[d] = (openings[h], gap)
    return nearest


def _unreadable(door: Opening, tag: str) -> Message | None:
    for key, reason in door.attributes.invalid:
        if key == tag:
            return reason
    return None


def check(context: Context):
    distance = float(context.params["window_distance"])
    within = Number(distance, "g")
    required = Quantity(msg("OPEN-05.required", within=within), None)
    judged = 0
    without_role = 0
    for storey in context.plan.storeys:
        entrances = []
        for door in storey.doors:
            if door.attributes.role is None:
                without_role += 1
            elif door.attributes.role is OpeningRole.ENTRANCE:
                entrances.append(door)
        for door, window in zip(entrances, _nearest_windows(storey, entrances, distance)):
            attrs = door.attributes
            judged += 1
            name = msg("ENTR-05.door", handle=opening_handle(door.source), storey=storey.name)
            elements = [door.source]
            marks = [Mark(storey.name, door.span)]
            means = []
            if attrs.viewer is True:
                means.append(msg("OPEN-05.a-door-viewer"))
            if attrs.glazing not in (None, "NONE"):
                means.append(msg("OPEN-05.glazing-in-leaf", glazing=attrs.glazing))
            if window is not None:
                opening, gap = window
                means.append(msg("OPEN-05.window-near", window=opening.source.handle, distance=Number(gap, ".2f")))
                elements.append(opening.source)
                marks += [
                    Mark(storey.name, opening.span),
                    Mark(storey.name, shortest_line(door.span, opening.span), "measure"),
                ]
            common = dict(elements=tuple(elements), marks=tuple(marks), required=required)
            if means:
                yield passed(
                    ID,
                    msg("OPEN-05.callers-seen", door=name, means=Listing(means, "and-each")),
                    measured=Quantity(Listing(means, "comma"), None),
                    **common,
                )
                continue
            if attrs.viewer is False and attrs.glazing == "NONE":
                yield failed(
                    ID,
                    msg("OPEN-05.callers-unseen", door=name, within=within),
                    measured=Quantity(msg("OPEN-05.no-means"), None),
                    **common,
                )
                continue
            gaps = []
            if attrs.viewer is None:
                reason = _unreadable(door, "VIEWER")
                gaps.append(
                    msg("OPEN-05.viewer-unreadable", reason=reason) if reason else msg("OPEN-05.no-viewer-stated")
                )
            if attrs.glazing is None:
                reason = _unreadable(door, "GLAZING")
                gaps.append(
                    msg("OPEN-03.glazing-unreadable", reason=reason) if reason else msg("OPEN-03.no-glazing-stated")
                )
            yield not_assessable(
                ID,
                msg("OPEN-05.cannot-judge", door=name, gaps=Listing(gaps, "and-each"), within=within),
                measured=Quantity(Term("unknown"), None),
                **common,
            )
    if judged:
        return
    yield no_entrance_door(ID, without_role)


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter("window_distance", "length", 1.0, "How close to the door a window must be to show callers."),
    ),
    needs=Needs(
        roles=("doors", "windows"),
        attributes=(
            AttributeNeed("door", "ROLE"),
            AttributeNeed("door", "VIEWER|GLAZING", ("ENTRANCE",)),
        ),
    ),
)

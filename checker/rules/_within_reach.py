"""What the reach rules (OPEN-01, OPEN-04, OPEN-06) share: naming openings and
surfaces, the nearest standing surface of an opening out of reach, the surfaces a
ruleset does not count, and how an opening's class compares with the required one.

The reach itself is the ruleset's (``context.reach``, a geometry.ReachModel); this
module only asks it questions and words the answers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import Enum

import numpy as np
import shapely

from ..geometry import Reach, ReachModel, StandingSurface, opening_levels
from ..messages import Capitalised, Listing, Message, Number, Term, msg
from ..plan import Opening, OpeningAttributes, OpeningKind, Plan, Source, Storey
from ..results import Finding, Mark, not_assessable
from ._classes import accepted_certificate, meets_class

# Drawn geometry and unit conversions leave noise of a few nanometres; thresholds are
# compared with this much slack so that a value drawn exactly at a limit counts as at it.
EPS = 1e-6


def opening_name(opening: Opening, storey: Storey) -> Message:
    """ "door 1A on Ground floor", or "door D1 (handle 1A) on Ground floor"."""
    return msg(f"name.{opening.kind.value}", handle=opening_handle(opening.source), storey=storey.name)


def opening_handle(source: Source) -> str | Message:
    """An opening's handle as findings show it: "D1 (handle 6B)" when it has a type
    mark (drawn beside it or given by the schedule), so the architect finds it in the
    door schedule; the bare handle otherwise."""
    if source.type_mark:
        return msg("name.marked-handle", mark=source.type_mark, handle=source.handle)
    return source.handle


def role_term(role) -> Term:
    """A door's ROLE as the word before "door": "entrance", "communal", ..."""
    return Term(f"role.{role.value.lower()}")


def surface_name(surface: StandingSurface, storey: Storey | None = None) -> Message:
    """ "the ground", "the roof 6B", or "the roof 6B on Ground floor" when drawn on
    another storey than ``storey`` (handles repeat across a project's files)."""
    if surface.source is None:
        return msg("name.ground")
    kind = Term(f"surface.{surface.kind}")
    if storey is not None and surface.source.storey != storey.name:
        return msg("name.surface-elsewhere", kind=kind, handle=surface.source.handle, storey=surface.source.storey)
    return msg("name.surface", kind=kind, handle=surface.source.handle)


def reach_phrase(reach: Reach, storey: Storey | None = None) -> Message:
    """ "within reach of the roof 6B (its sill 0.50 m above it, 0.15 m beside it)"."""
    if abs(reach.vertical_m) < 0.005:
        height = msg("reach.sill-level")
    elif reach.vertical_m > 0:
        height = msg("reach.sill-above", height=Number(reach.vertical_m, ".2f"))
    else:
        height = msg("reach.sill-below-top", height=Number(-reach.vertical_m, ".2f"))
    surface = surface_name(reach.surface, storey)
    if reach.horizontal_m > 0.005:
        return msg("reach.within-beside", surface=surface, height=height, beside=Number(reach.horizontal_m, ".2f"))
    return msg("reach.within", surface=surface, height=height)


def reach_elements(opening: Opening, reach: Reach | None) -> tuple:
    if reach is not None and reach.surface.source is not None:
        return (opening.source, reach.surface.source)
    return (opening.source,)


def reach_marks(storey: Storey, opening: Opening, reach: Reach | None) -> tuple[Mark, ...]:
    marks = [Mark(storey.name, opening.span)]
    if reach is not None and reach.line.length > 0:
        marks.append(Mark(storey.name, reach.line, "measure"))
    return tuple(marks)


def grille_text(grille: tuple[float, float]) -> Message:
    """ "20/120 mm"."""
    bar, gap = grille
    return msg("grille.bar-gap", bar=Number(bar * 1000, "g"), gap=Number(gap * 1000, "g"))


def has_grille(attributes: OpeningAttributes) -> bool:
    """A GRILLE other than NONE."""
    return attributes.grille is not None and attributes.grille != (0.0, 0.0)


def unplaced_storeys(plan: Plan) -> list[Storey]:
    """Storeys with openings but no footprint: none of their openings can be found on the envelope."""
    return [s for s in plan.storeys if s.openings and s.footprint is None]


# Roles that say a door is not external, even where the envelope cannot be found.
INTERNAL_ROLES = ("INTERNAL", "GARAGE")


def unplaced_door(rule_id: str, storey: Storey, door: Opening, required) -> Finding | None:
    """For a door on a storey without walls: not assessable, unless its ROLE says it is internal."""
    if door.attributes.role is not None and door.attributes.role.value in INTERNAL_ROLES:
        return None
    return not_assessable(
        rule_id,
        msg("reach.door-unplaced", handle=opening_handle(door.source), storey=storey.name),
        elements=(door.source,),
        marks=(Mark(storey.name, door.span),),
        required=required,
    )


def unplaced_findings(rule_id: str, plan: Plan) -> list[Finding]:
    """One not-assessable finding per storey whose openings cannot be placed on the envelope."""
    return [
        not_assessable(rule_id, msg("reach.storey-unplaced", storey=storey.name, count=len(storey.openings)))
        for storey in unplaced_storeys(plan)
    ]


# ---------------------------------------------------------------- classes


class ClassState(str, Enum):
    MEETS = "meets"  # the stated RC is at least the required class
    CERTIFIED = "certified"  # an accepted certificate is stated
    UNKNOWN = "unknown"  # RC1N/RC2N whose GLAZING cannot be read
    UNSTATED = "unstated"  # neither RC nor CERT (or an RC that cannot be read)
    BELOW = "below"  # a class or certificate is stated, and it is not enough


def class_state(attributes: OpeningAttributes, required: str, accepted: list[str]) -> ClassState:
    """The opening's resistance against ``required``, as OPEN-02 judges it."""
    meets = meets_class(attributes, required)
    if meets:
        return ClassState.MEETS
    if accepted_certificate(attributes.cert, accepted):
        return ClassState.CERTIFIED
    if meets is None:
        return ClassState.UNKNOWN
    if attributes.rc is None and attributes.cert is None:
        return ClassState.UNSTATED
    return ClassState.BELOW


def stated_class(attributes: OpeningAttributes) -> str | Term:
    """ "RC2 / PAS 24" as the opening states it, or the word "nothing"."""
    return " / ".join(v for v in (attributes.rc, attributes.cert) if v) or Term("nothing")


def wanted_class(required: str, accepted: list[str], grille: bool = False) -> Listing:
    """ "RC2", "RC2 or PAS 24, LPS 1175", "RC2 or a grille": what an opening needs."""
    return Listing(
        [required] + ([Listing(accepted, "comma")] if accepted else []) + ([Term("a-grille")] if grille else []),
        "or-each",
    )


def reach_clause(reached: Reach | None, storey: Storey) -> Message:
    """ "is within reach of the roof 6B (...)", or "has no SILL" when the reach is not known."""
    if reached is None:
        return msg("reach.has-no-sill")
    return msg("reach.is-within", reach=reach_phrase(reached, storey))


def unreadable(attributes: OpeningAttributes, tag: str) -> Message | None:
    """The reason ``tag`` could not be read, or None."""
    for name, reason in attributes.invalid:
        if name == tag:
            return reason
    return None


# ---------------------------------------------------------------- reach


@dataclass(frozen=True)
class Reachability:
    """The ruleset's reach model, with what the rules need to explain an answer.

    Built once per check: ``unlimited`` is the same model without the vertical limit
    (so it names the nearest standing surface of an opening out of reach), and
    ``excluded_tree`` indexes the surfaces the ruleset does not count.
    """

    model: ReachModel
    unlimited: ReachModel
    excluded_tree: shapely.STRtree

    @classmethod
    def of(cls, model: ReachModel) -> Reachability:
        # An object array: the stubs' STRtree takes no list holding Optional polygons
        # (only the ground has none, and it is never excluded).
        polygons = np.array([surface.polygon for surface, _ in model.excluded], dtype=object)
        return cls(model, replace(model, vertical_m=math.inf), shapely.STRtree(polygons))

    @property
    def vertical_m(self) -> float:
        return self.model.vertical_m

    @property
    def lateral_m(self) -> float:
        return self.model.lateral_m

    def reach(self, storey: Storey, opening: Opening) -> Reach | None | Message:
        return self.model.reach(storey, opening)

    def nearest(self, storey: Storey, opening: Opening) -> Reach | None:
        """The standing surface within lateral reach that the sill is least high above,
        whatever the height; for an opening without SILL, measured from its floor."""
        if opening.attributes.sill_m is None:
            opening = replace(opening, attributes=replace(opening.attributes, sill_m=0.0))
        found = self.unlimited.reach(storey, opening)
        return found if not isinstance(found, Message) else None

    def excluded_near(self, storey: Storey, opening: Opening) -> list[tuple[StandingSurface, Message]]:
        """Surfaces the ruleset does not count that would otherwise put the opening within reach."""
        if not self.model.excluded:
            return []
        sill, head = opening_levels(storey, opening)
        sill = storey.elevation_m if sill is None else sill
        found = []
        hits = self.excluded_tree.query(opening.span, predicate="dwithin", distance=self.lateral_m + EPS)
        for index in np.sort(hits).tolist():
            surface, why = self.model.excluded[index]
            if sill - surface.height_m <= self.vertical_m + EPS and (head is None or head >= surface.height_m):
                found.append((surface, why))
        return found

    def excluded_sentences(self, storey: Storey, opening: Opening) -> list[Message]:
        """ "The roof 6B does not count: its slope 30° is not under 30°." for each."""
        return [
            msg("reach.does-not-count", surface=Capitalised(surface_name(surface, storey)), why=why)
            for surface, why in self.excluded_near(storey, opening)
        ]


def opening_area(opening: Opening) -> float | None:
    """WIDTH x (HEAD - SILL), a door from its floor; None when a height is not stated
    (the area a ruleset's ``min_area`` compares: openings too small to pass through)."""
    attrs = opening.attributes
    sill = attrs.sill_m if attrs.sill_m is not None else (0.0 if opening.kind is OpeningKind.DOOR else None)
    if sill is None or attrs.head_m is None or attrs.head_m <= sill:
        return None
    return round(opening.width_m * (attrs.head_m - sill), 6)

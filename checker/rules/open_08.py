"""OPEN-08: windows and doors onto light wells and shafts open to a roof, and roof openings, resist burglary.

What it checks
    A light well or service shaft is a space whose name says so (light well, shaft,
    void, duct, نورگیر، داکت; see room_words.names_void), or a closed void that runs
    through storeys: a wall drawn as a closed outline, at least 0.5 m across, inside
    the footprint and off its edge, empty (no wall or opening in it), with no door in
    its sides, found overlapping on at least two storeys. Its outlines on every storey
    that overlap are one shaft, running from the lowest of those storeys to the top.
    The shaft is open to an accessible roof when a roof drawn on the access layers lies
    within ``roof_distance`` of the shaft's outline, no lower than the shaft's top
    storey, and is flat enough for the ruleset's [reach] (``max_slope``; its
    ``max_surface_height`` does not apply: a burglar reaches a high roof over the
    neighbours' roofs or the stair, not from the ground). A skylight or roof hatch is
    a window or door drawn on a storey at the roof's level (within 0.5 m) inside the
    roof, at least 0.3 m from its edge.

    Every window and door opening onto a shaft open to an accessible roof, on any
    storey the shaft runs through (a probe up to ``roof_distance`` beside its middle
    lands in the shaft), and every skylight or roof hatch, is judged as within reach,
    whatever its height: an EN 1627 class at least ``required_class`` or an accepted
    certificate (CERT) passes; where ``grilles_accepted`` is true a window with a
    GRILLE (other than NONE) passes too; a lower class fails; neither is not
    assessable (RC1N and RC2N count as RC1 and RC2 only without glazing, as in
    OPEN-01). Its glass is OPEN-04's to judge: that rule counts the openings found
    here as within reach and applies the ruleset's glazing figures to their low glass,
    so the glazing figures stay in one place. An opening of at most ``min_area`` (WIDTH x (HEAD - SILL), doors from
    their floor; when both are stated) is too small to pass through and passes.

    A shaft whose nearest roof is too steep passes (it is not open to an accessible
    roof); a shaft with no roof drawn at its top is not assessable, since it cannot be
    told whether it is open. A plan without any shaft or roof opening gives one
    not-applicable finding.

Why
    In apartment blocks light wells and service shafts are shared vertical voids open
    to the roof: a burglar comes over the roofs and down the shaft, and every window
    onto it, on any storey, is as easy to reach as a ground-floor window. The Iranian
    list of penetrable points names light wells (نورگیر) and ducts (داکت), and Iranian
    practitioners name windows onto light wells and on the roof as entry routes.

Parameters
    required_class (class, default RC2): the lowest EN 1627 class accepted.
    accepted_certificates (list, default none): certificates that also count.
    grilles_accepted (bool, default false): whether a window with a grille passes
    without the class.
    min_area (area, default 0 m2): openings of at most this area are out of scope.
    roof_distance (length, default 1.0 m): how far from a shaft's outline its roof
    and the openings onto it are looked for.

Example
    A four-storey block (floors at 0, 3, 6 and 9 m) with a light well "نورگیر" and a
    flat roof at 12 m drawn around it: a second-floor bathroom window 0.6 m x 0.6 m
    onto the light well with RC=NONE fails under ir-police-annex, the same window with
    GRILLE=20/120 passes, and a 0.3 m x 0.2 m duct grille of exactly 600 cm2 passes as
    too small.

Source
    Iran: Building and Housing Research Center faculty member quoted by IRNA
    (Donya-e-Eqtesad): every external opening over 600 cm2 and lower than 4.5 m needs
    a lock; forensic-expert list of building security indicators (penetrable points:
    under stairs, light wells, ducts); Iranian practitioners' guidance on windows onto
    light wells and roofs. Secondary sources: provisional until the Topic 4 police
    appendix is read.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..messages import Message, Number, Term, msg
from ..plan import Opening, OpeningKind, Storey
from ..results import Mark, Quantity, failed, not_applicable, not_assessable, passed
from ._shafts import (
    in_roof,
    onto_void,
    openings_onto,
    roof_name,
    roof_of,
    roof_openings,
    roofs,
    shafts,
    steep_roofs,
    void_name,
)
from ._within_reach import (
    EPS,
    ClassState,
    class_state,
    grille_text,
    has_grille,
    opening_area,
    opening_name,
    stated_class,
    unreadable,
    wanted_class,
)
from .base import Context, Needs, Parameter, Rule

ID = "OPEN-08"


def check(context: Context):
    plan = context.plan
    params = context.params
    distance = float(params["roof_distance"])
    all_roofs = roofs(plan)
    steep = steep_roofs(context)
    judge = _Judge(
        str(params["required_class"]),
        list(params["accepted_certificates"]),
        bool(params["grilles_accepted"]),
        float(params["min_area"]),
    )
    judged = 0
    for shaft in shafts(plan):
        judged += 1
        roof, why_not = roof_of(shaft, all_roofs, distance, steep)
        void = void_name(shaft)
        marks = tuple(Mark(storey.name, space.polygon.boundary) for storey, space in shaft.parts)
        if roof is None:
            yield not_assessable(
                ID,
                msg("OPEN-08.no-roof", void=void, distance=Number(distance, "g")),
                elements=(shaft.space.source,),
                marks=marks,
            )
            continue
        if why_not is not None:
            yield passed(
                ID,
                msg("OPEN-08.roof-not-accessible", void=void, roof=roof_name(roof), why=why_not),
                elements=(shaft.space.source, roof.source),
                marks=marks,
            )
            continue
        where = onto_void(shaft, roof)
        for storey, opening in openings_onto(plan, shaft, distance):
            judged += 1
            yield judge(storey, opening, where, (opening.source, shaft.space.source, roof.source))
    for storey, opening, roof in roof_openings(plan, all_roofs, steep):
        judged += 1
        where = in_roof(roof)
        yield judge(storey, opening, where, (opening.source, roof.source))
    if not judged:
        yield not_applicable(ID, msg("OPEN-08.nothing-to-judge"))


@dataclass(frozen=True)
class _Judge:
    required_class: str
    accepted: list
    grilles: bool
    min_area: float

    def __call__(self, storey: Storey, opening: Opening, where: Message, elements: tuple):
        attrs = opening.attributes
        label = opening_name(opening, storey)
        marks = (Mark(storey.name, opening.span),)
        area = opening_area(opening)
        if self.min_area > 0 and area is not None and area <= self.min_area + EPS:
            return passed(
                ID,
                msg(
                    "OPEN-08.too-small",
                    opening=label,
                    where=where,
                    area=Number(area, ".3f"),
                    limit=Number(self.min_area, "g"),
                ),
                elements=elements,
                marks=marks,
                measured=Quantity(area, "m2"),
                required=Quantity(msg("OPEN-08.over", limit=Number(self.min_area, "g")), None),
            )
        grille_counts = self.grilles and opening.kind is OpeningKind.WINDOW
        wanted = wanted_class(self.required_class, self.accepted, grille_counts)
        grille = attrs.grille if grille_counts and has_grille(attrs) else None
        stated: str | Term | Message = stated_class(attrs)
        if grille is not None:
            stated = grille_text(grille) if not isinstance(stated, str) else f"{stated} + GRILLE"
        common = dict(elements=elements, marks=marks, measured=Quantity(stated, None), required=Quantity(wanted, None))
        said = dict(opening=label, where=where)
        state = class_state(attrs, self.required_class, self.accepted)
        # A class that meets or is unknown is a stated one, as a certified window states its certificate.
        if state is ClassState.MEETS and attrs.rc is not None:
            return passed(ID, msg("OPEN-08.meets", rc=attrs.rc, required=self.required_class, **said), **common)
        if state is ClassState.CERTIFIED and attrs.cert is not None:
            return passed(ID, msg("OPEN-08.certified", cert=attrs.cert, **said), **common)
        if grille is not None:
            return passed(ID, msg("OPEN-08.grille", grille=grille_text(grille), **said), **common)
        if grille_counts and (grille_unreadable := unreadable(attrs, "GRILLE")):
            return not_assessable(
                ID, msg("OPEN-08.unreadable", tag="GRILLE", reason=grille_unreadable, **said), **common
            )
        if state is ClassState.UNKNOWN and attrs.rc is not None:
            return not_assessable(
                ID,
                msg("OPEN-08.unreadable", tag="GLAZING", reason=msg("OPEN-08.glazing-needed", rc=attrs.rc), **said),
                **common,
            )
        if state is ClassState.UNSTATED:
            reason = unreadable(attrs, "RC")
            if reason:
                return not_assessable(ID, msg("OPEN-08.unreadable", tag="RC", reason=reason, **said), **common)
            return not_assessable(ID, msg("OPEN-08.unstated", wanted=wanted, **said), **common)
        return failed(ID, msg("OPEN-08.below", stated=stated, wanted=wanted, **said), **common)


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter("required_class", "class", "RC2", "Lowest EN 1627 resistance class accepted."),
        Parameter("accepted_certificates", "list", [], "Certificates that count instead of a class."),
        Parameter("grilles_accepted", "bool", False, "Whether a window with a grille passes without the class."),
        Parameter(
            "min_area",
            "area",
            0.0,
            "Openings of at most this area (WIDTH x (HEAD - SILL)) are too small to pass through.",
        ),
        Parameter(
            "roof_distance",
            "length",
            1.0,
            "How far from a shaft's outline its roof and the openings onto it are looked for.",
        ),
    ),
    needs=Needs(roles=("walls", "windows")),
    uses_reach=True,
)

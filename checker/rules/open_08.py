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

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..messages import Message, Number, msg
from ..plan import AccessKind, AccessSurface, Opening, OpeningKind, Plan, Source, Space, Storey
from ..reading.recognition.room_words import names_void
from ..results import Mark, Quantity, failed, not_applicable, not_assessable, passed
from ._within_reach import (
    EPS,
    ClassState,
    class_state,
    grille_text,
    has_grille,
    opening_name,
    stated_class,
    unreadable,
    wanted_class,
)
from .base import Context, Needs, Parameter, Rule

ID = "OPEN-08"

# A skylight or hatch is drawn on a storey this close to the roof's height, this far inside its edge.
ROOF_LEVEL = 0.5
ROOF_EDGE = 0.3
# A closed wall outline narrower than this is a wall drawn in outline, not a void.
MIN_VOID_WIDTH = 0.5


@dataclass(frozen=True)
class Shaft:
    """One vertical void: its outlines by storey, bottom to top."""

    parts: tuple[tuple[Storey, Space], ...]

    @property
    def outline(self) -> BaseGeometry:
        return shapely.union_all([space.polygon for _, space in self.parts])

    @property
    def top(self) -> Storey:
        return self.parts[-1][0]

    @property
    def bottom(self) -> Storey:
        return self.parts[0][0]

    @property
    def space(self) -> Space:
        return self.parts[-1][1]


def closed_voids(storey: Storey) -> list[Space]:
    """Empty closed wall outlines inside the storey: a wall drawn as a closed outline
    that lies inside the footprint off its edge, is at least MIN_VOID_WIDTH across,
    takes at most half the footprint, holds no wall or opening, and has no door in its
    sides. Returned as unnamed spaces (their source is the wall's)."""
    if storey.footprint is None or not storey.walls:
        return []
    geometries = np.array([w.geometry for w in storey.walls], dtype=object)
    polygons = np.flatnonzero(shapely.get_type_id(geometries) == 3).tolist()  # 3: Polygon
    if not polygons:
        return []
    inner = storey.footprint.buffer(-0.05)
    found = []
    for index in polygons:
        polygon = geometries[index]
        if polygon.area > storey.footprint.area / 2 or not inner.contains(polygon):
            continue
        if polygon.buffer(-MIN_VOID_WIDTH / 2).is_empty:
            continue
        holds = storey.wall_index.query(polygon, predicate="contains_properly")
        if len(holds) or len(storey.opening_index.query(polygon, predicate="contains_properly")):
            continue
        doors = [
            storey.openings[i] for i in storey.opening_index.query(polygon, predicate="dwithin", distance=0.3).tolist()
        ]
        if any(o.kind is OpeningKind.DOOR for o in doors):
            continue
        found.append(Space(storey.walls[index].source, None, "other", polygon))
    return found


def shafts(plan: Plan) -> list[Shaft]:
    """Spaces named as voids, and closed voids found on at least two storeys, grouped
    across storeys by overlap (STRtree, then union-find)."""
    voids = [(storey, space) for storey in plan.storeys for space in storey.spaces if names_void(space.name)]
    voids += _recurring([(storey, space) for storey in plan.storeys for space in closed_voids(storey)], voids)
    if not voids:
        return []
    polygons = [space.polygon for _, space in voids]
    tree = shapely.STRtree(polygons)
    left, right = tree.query(polygons, predicate="intersects")
    parent = list(range(len(voids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in zip(left.tolist(), right.tolist()):
        if a != b and shapely.intersection(polygons[a], polygons[b]).area > 0:
            parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in range(len(voids)):
        groups.setdefault(root(i), []).append(i)
    found = []
    for members in groups.values():
        parts = sorted((voids[i] for i in members), key=lambda part: (part[0].elevation_m, part[1].source.handle))
        found.append(Shaft(tuple(parts)))
    return sorted(found, key=lambda s: (s.bottom.elevation_m, s.space.source.handle))


def _recurring(candidates: list, named: list) -> list:
    """The closed voids that mostly overlap a closed void of another storey, and no named void."""
    if not candidates:
        return []
    polygons = [space.polygon for _, space in candidates]
    left, right = shapely.STRtree(polygons).query(polygons, predicate="intersects")
    again = {
        a
        for a, b in zip(left.tolist(), right.tolist())
        if candidates[a][0] is not candidates[b][0]
        # most of the smaller one: a void, not two rooms that happen to cross
        and polygons[a].intersection(polygons[b]).area >= 0.5 * min(polygons[a].area, polygons[b].area)
    }
    named_tree = shapely.STRtree([space.polygon for _, space in named])
    return [candidates[i] for i in sorted(again) if not len(named_tree.query(polygons[i], predicate="intersects"))]


def roofs(plan: Plan) -> list[tuple[Storey, AccessSurface]]:
    return [(storey, s) for storey in plan.storeys for s in storey.access_surfaces if s.kind is AccessKind.ROOF]


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
        roof, why_not = _roof_of(shaft, all_roofs, distance, steep)
        void = _void_name(shaft)
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
                msg("OPEN-08.roof-not-accessible", void=void, roof=_roof_name(roof), why=why_not),
                elements=(shaft.space.source, roof.source),
                marks=marks,
            )
            continue
        where = onto_void(shaft, roof)
        for storey, opening in _openings_onto(plan, shaft, distance):
            judged += 1
            yield judge(storey, opening, where, (opening.source, shaft.space.source, roof.source))
    for storey, opening, roof in _roof_openings(plan, all_roofs, steep):
        judged += 1
        where = msg("OPEN-08.in-roof", roof=_roof_name(roof), height=Number(roof.height_m, ".2f"))
        yield judge(storey, opening, where, (opening.source, roof.source))
    if not judged:
        yield not_applicable(ID, msg("OPEN-08.nothing-to-judge"))


def onto_void(shaft: Shaft, roof: AccessSurface) -> Message:
    """ "opens onto the shaft “نورگیر” (...), which is open to the roof 6B 12.00 m above
    ground (...), so it is within reach"."""
    return msg(
        "OPEN-08.onto-void",
        void=_void_name(shaft),
        roof=_roof_name(roof),
        height=Number(roof.height_m, ".2f"),
        depth=Number(roof.height_m - shaft.bottom.elevation_m, ".2f"),
    )


@dataclass(frozen=True)
class OntoShaft:
    """An opening onto a shaft open to an accessible roof: why it is within reach."""

    where: Message  # onto_void's clause
    shaft: Shaft
    roof: AccessSurface


def openings_onto_open_shafts(context: Context, distance: float) -> dict[Source, OntoShaft]:
    """Every window and door onto a shaft open to an accessible roof, by its source, as
    this rule finds them (``distance`` is its ``roof_distance``): other rules that judge
    openings within reach (OPEN-04's glazing) treat these as within reach too."""
    plan = context.plan
    all_roofs = roofs(plan)
    steep = steep_roofs(context)
    found: dict[Source, OntoShaft] = {}
    for shaft in shafts(plan):
        roof, why_not = _roof_of(shaft, all_roofs, distance, steep)
        if roof is None or why_not is not None:
            continue
        onto = OntoShaft(onto_void(shaft, roof), shaft, roof)
        for _, opening in _openings_onto(plan, shaft, distance):
            found.setdefault(opening.source, onto)
    return found


def _void_name(shaft: Shaft) -> Message:
    storey, space = shaft.parts[-1]
    if space.name is None:
        return msg("OPEN-08.closed-void", handle=space.source.handle, storey=storey.name, bottom=shaft.bottom.name)
    return msg(
        "OPEN-08.void", name=space.name or "", handle=space.source.handle, storey=storey.name, bottom=shaft.bottom.name
    )


def _roof_name(roof: AccessSurface) -> Message:
    return msg("OPEN-08.roof", handle=roof.source.handle, storey=roof.source.storey)


def steep_roofs(context: Context) -> dict:
    """The surfaces the ruleset's [reach] leaves out for their slope, by source, with why.
    Their height does not matter here: a high roof is reached over the neighbours' roofs."""
    if context.reach is None:
        return {}
    return {surface.source: why for surface, why in context.reach.excluded if why.id == "reach.too-steep"}


def _roof_of(shaft: Shaft, all_roofs, distance: float, steep: dict):
    """The roof at the shaft's top (the lowest one at or above its top storey within
    ``distance``), and why one cannot stand on it (None when one can)."""
    outline = shaft.outline
    top = shaft.top.elevation_m
    near = [
        roof for _, roof in all_roofs if roof.height_m >= top - EPS and roof.polygon.distance(outline) <= distance + EPS
    ]
    if not near:
        return None, None
    usable = [roof for roof in near if roof.source not in steep]
    if usable:
        return min(usable, key=lambda r: (r.height_m, r.source.handle)), None
    roof = min(near, key=lambda r: (r.height_m, r.source.handle))
    return roof, steep[roof.source]


def _openings_onto(plan: Plan, shaft: Shaft, distance: float):
    """Openings on the storeys the shaft runs through whose side lands in the shaft."""
    outline = shaft.outline
    bottom, top = shaft.bottom.elevation_m, shaft.top.elevation_m
    shapely.prepare(outline)
    for storey in plan.storeys:
        if not storey.openings or not bottom - EPS <= storey.elevation_m <= top + EPS:
            continue
        hits = np.sort(storey.opening_index.query(outline, predicate="dwithin", distance=distance)).tolist()
        if not hits:
            continue
        openings = [storey.openings[i] for i in hits]
        centres = np.array([o.position.coords[0] for o in openings])
        normals = np.array([(-o.along[1], o.along[0]) for o in openings])
        onto = np.zeros(len(openings), bool)
        for step in np.linspace(0.1, distance, 5):
            for side in (1.0, -1.0):
                probes = centres + normals * step * side
                onto |= shapely.contains_xy(outline, probes[:, 0], probes[:, 1])
        for opening, yes in zip(openings, onto.tolist()):
            if yes:
                yield storey, opening


def _roof_openings(plan: Plan, all_roofs, steep: dict):
    """Skylights and hatches: openings on a storey at a roof's level, inside it, off its edge."""
    for roof_storey, roof in all_roofs:
        if roof.source in steep:
            continue
        inner = roof.polygon.buffer(-ROOF_EDGE)
        if inner.is_empty:
            continue
        for storey in plan.storeys:
            if not storey.openings or abs(storey.elevation_m - roof.height_m) > ROOF_LEVEL:
                continue
            for index in np.sort(storey.opening_index.query(inner, predicate="intersects")).tolist():
                opening = storey.openings[index]
                if inner.contains(opening.position):
                    yield storey, opening, roof


def opening_area(opening: Opening) -> float | None:
    """WIDTH x (HEAD - SILL), a door from its floor; None when a height is not stated."""
    attrs = opening.attributes
    sill = attrs.sill_m if attrs.sill_m is not None else (0.0 if opening.kind is OpeningKind.DOOR else None)
    if sill is None or attrs.head_m is None or attrs.head_m <= sill:
        return None
    return round(opening.width_m * (attrs.head_m - sill), 6)


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
        stated = stated_class(attrs)
        if grille_counts and has_grille(attrs):
            stated = grille_text(attrs.grille) if not isinstance(stated, str) else f"{stated} + GRILLE"
        common = dict(elements=elements, marks=marks, measured=Quantity(stated, None), required=Quantity(wanted, None))
        said = dict(opening=label, where=where)
        state = class_state(attrs, self.required_class, self.accepted)
        if state is ClassState.MEETS:
            return passed(ID, msg("OPEN-08.meets", rc=attrs.rc, required=self.required_class, **said), **common)
        if state is ClassState.CERTIFIED:
            return passed(ID, msg("OPEN-08.certified", cert=attrs.cert, **said), **common)
        if grille_counts and has_grille(attrs):
            return passed(ID, msg("OPEN-08.grille", grille=grille_text(attrs.grille), **said), **common)
        if grille_counts and unreadable(attrs, "GRILLE"):
            return not_assessable(
                ID, msg("OPEN-08.unreadable", tag="GRILLE", reason=unreadable(attrs, "GRILLE"), **said), **common
            )
        if state is ClassState.UNKNOWN:
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

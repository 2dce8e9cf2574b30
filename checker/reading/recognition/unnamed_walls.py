"""Walls in drawings whose layers say nothing: everything on layer 0, on a CAD program's
own layers (SolveSpace's ``s001-#def-active-grp``), or inside blocks on layer 0.

Used only when no layer carries a plan role. Two kinds of evidence (a plot holding
building outlines is taken first, as neighbouring outlines would pass for wall faces):

1. **Double lines**: long lines with a parallel partner 0.07-0.6 m away, running beside
   it (a wall's two faces), in at least two directions. The unit is not known yet, so the
   evidence is weighed in each candidate unit that makes the drawing a building's size
   (4-400 m), and the unit under which most lines find a partner is used for the choice
   only; the units decision itself comes later, from all evidence. In that unit a line
   with partners on both sides keeps the nearer (an eaves line or a bed 0.6 m from a
   wall is not its other face); a closed outline is a wall only as a wall strip or when
   it is mostly faces (not a bed or a counter with one side beside something), and never
   inside a block named as a fitting; and the short lines closing a wall's end at a jamb
   or round a corner, joined to the faces at two points, are wall too.
2. **Outlines**: closed outlines only (a site plan with building footprints, as SolveSpace
   writes): a closed outline holding at least two others is the plot (site boundary);
   the closed outlines inside it, a few square metres or more, are buildings' outlines,
   taken as their walls.

What is found is moved from ``Extraction.loose`` to ``Extraction.shapes`` with the wall
(or site) role; the layers take that role with ``how = "geometry"``, a low confidence and
a reason, so every element built from them says it was recognised from geometry.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import shapely

from ...geoarrays import point_array
from ...messages import msg
from ..dxf.extract import Extraction, RawShape
from ..layers import LayerRole, Role
from .openings import is_not_door_name
from .walls import (
    DOUBLE_LINE_MAX,
    DOUBLE_LINE_MIN,
    MIN_OVERLAP,
    PARALLEL_SIN,
    Segments,
    double_line_thickness,
    segments_of,
    thickness_of_polygons,
)

# Candidate drawing units (name, metres per unit) for weighing evidence before the units decision.
CANDIDATE_UNITS = (("m", 1.0), ("mm", 0.001), ("cm", 0.01), ("in", 0.0254), ("ft", 0.3048))
BUILDING_MIN_M, BUILDING_MAX_M = 4.0, 400.0  # a drawing of one building (or plot) is this big
FACE_MIN_M = 0.5  # shorter paired lines are door leaves, frames and furniture, not wall faces
CLOSED_FACE_SHARE = 0.5  # a closed outline is a wall when at least this share of it runs beside another face
TOUCH_M = 0.002  # line ends this close are joined
WALL_END_PIECES = 6  # a wall's end (a jamb, a return round a corner) is drawn in at most this many short lines
MIN_FACES = 6  # fewer paired faces are a drawn object, not a building's walls
FOLD_SLANT_COS = (0.26, 0.97)  # |cos| to a face of a piece at 15-75 degrees: a folding leaf, not a wall's end
MIN_FACE_LENGTH_M = 12.0  # total paired face length for a building
# The longest paired face runs at least this share of the drawing's size: a building's
# walls run along it, where window frames in an elevation or profiles in a detail are short.
LONGEST_FACE_SHARE = 0.2
TURN_SIN = 0.5  # faces at least 30 degrees apart count as two directions
BUILDING_MIN_AREA_M2 = 4.0  # a smaller closed outline on a site plan is a symbol, not a building
RUN_SPACING_SHARE = 0.15  # neighbours on both sides this evenly spaced make a run (stairs, paving)
GEOMETRY_CONFIDENCE = 0.6  # walls from geometry alone: likely, not certain


@dataclass(frozen=True)
class UnnamedWalls:
    """What was found: wall shapes (role WALLS), the site outline if any (role SITE), the
    candidate unit the evidence was weighed in, and how (``double-lines`` or ``outlines``)."""

    walls: list[RawShape]
    site: list[RawShape]
    unit: str
    how: str
    face_length: float  # metres in ``unit``: paired face length, or the outlines' perimeter


def find_unnamed_walls(raw: Extraction) -> UnnamedWalls | None:
    """Walls from geometry on role-less linework, or None when there is no such evidence."""
    pool = [s for s in raw.loose if s.role is None]
    if not pool:
        return None
    geometries = np.empty(len(pool), dtype=object)
    geometries[:] = [s.geometry for s in pool]
    x0, y0, x1, y1 = shapely.total_bounds(geometries)
    size = max(x1 - x0, y1 - y0)
    if not size > 0:
        return None
    outlines = _outlines(pool, geometries, size)
    if outlines is not None and outlines.site:
        return outlines  # a plot holding buildings: its neighbouring outlines are not a wall's faces
    return _double_lines(pool, geometries, size) or outlines


def adopt(raw: Extraction, found: UnnamedWalls) -> None:
    """Move the found shapes from the recognition linework to the plan's shapes, and give
    their layers the role with how it was found (the elements' sources read it)."""
    taken = {id(s) for s in found.walls} | {id(s) for s in found.site}
    raw.loose = [s for s in raw.loose if id(s) not in taken]
    for role, shapes in ((Role.WALLS, found.walls), (Role.SITE, found.site)):
        reason = _reason(role, found.how, len(shapes), found.unit)
        for layer in sorted({s.layer for s in shapes}):
            if raw.layer_roles.get(layer) is None or raw.layer_roles[layer].role is None:
                raw.layer_roles[layer] = LayerRole(role, "geometry", reason, GEOMETRY_CONFIDENCE)
        raw.shapes.extend(replace(s, role=role) for s in shapes)


def _reason(role: Role, how: str, count: int, unit: str):
    """Why these shapes are walls (or the site boundary): the evidence in words."""
    if role is Role.SITE:
        return msg("recognition.unnamed-site-outlines")
    if how == "outlines":
        return msg("recognition.unnamed-walls-outlines", count=count)
    return msg("recognition.unnamed-walls-double-lines", count=count, unit=unit)


def _double_lines(pool: list[RawShape], geometries: np.ndarray, size: float) -> UnnamedWalls | None:
    segments = segments_of(list(geometries))
    if len(segments) < 2 * MIN_FACES:
        return None
    best = None
    for unit, metres in CANDIDATE_UNITS:
        if not BUILDING_MIN_M <= size * metres <= BUILDING_MAX_M:
            continue
        everything = Segments(segments.start * metres, segments.end * metres, segments.owner)
        # Only lines long enough to be a face take part: furniture, hatching and text
        # strokes are many and short, and would only make the search dense.
        long = everything.length >= FACE_MIN_M
        scaled = Segments(everything.start[long], everything.end[long], everything.owner[long])
        if len(scaled) < MIN_FACES:
            continue
        faces = ~np.isnan(double_line_thickness(scaled))
        faces &= ~_evenly_spaced_runs(scaled)
        length = float(scaled.length[faces].sum())
        longest = float(scaled.length[faces].max(initial=0.0))
        if (
            faces.sum() >= MIN_FACES
            and length >= MIN_FACE_LENGTH_M
            and longest >= LONGEST_FACE_SHARE * size * metres  # walls run along the building
            and _two_directions(scaled, faces)
        ):
            # The unit under which most lines find their other face wins: a count, not a
            # length, which would favour the larger units.
            if best is None or (faces.sum(), length) > (len(best[1]), best[2]):
                best = (unit, np.flatnonzero(long)[faces], length, everything, metres)
    if best is None:
        return None
    unit, _, length, everything, metres = best
    long_index = np.flatnonzero(everything.length >= FACE_MIN_M)
    scaled = Segments(everything.start[long_index], everything.end[long_index], everything.owner[long_index])
    faces_long = _faces_beside_walls(scaled)
    faces_long &= ~_evenly_spaced_runs(scaled)
    faces = np.zeros(len(everything), dtype=bool)
    faces[long_index[faces_long]] = True
    accepted = faces | _wall_ends(everything, faces)
    owners = np.unique(everything.owner[accepted])
    owners = owners[_wall_like(geometries[owners], metres, everything, faces, owners)]
    # A toilet's cistern or a cupboard drawn in a block so named is a fitting, however wall-like.
    owners = np.array([k for k in owners.tolist() if not is_not_door_name(pool[k].block)], dtype=int)
    return UnnamedWalls([pool[k] for k in owners.tolist()], [], unit, "double-lines", length)


def _faces_beside_walls(segments: Segments) -> np.ndarray:
    """Which lines are a wall's face.

    Lines pair as ``double_line_thickness`` pairs them, but a face has the wall on one
    side only: a line with partners on both sides belongs to the nearer one, and the
    farther one is not its wall's other face (the eaves line 0.6 m outside the outer
    face, a bed 0.6 m from a wall). A cavity wall drawn in three lines keeps its inner
    line, paired with the outer one across the middle.
    """
    n = len(segments)
    faces = np.zeros(n, dtype=bool)
    if n < 2:
        return faces
    lines = segments.lines()
    i, j = shapely.STRtree(lines).query(lines, predicate="dwithin", distance=DOUBLE_LINE_MAX)
    keep = i != j
    i, j = i[keep], j[keep]
    length = segments.length
    unit = segments.vector / length[:, None]
    cross = np.abs(unit[i, 0] * unit[j, 1] - unit[i, 1] * unit[j, 0])
    middle = (segments.start[j] + segments.end[j]) / 2 - segments.start[i]
    signed = unit[i, 0] * middle[:, 1] - unit[i, 1] * middle[:, 0]
    distance = np.abs(signed)
    s0 = np.einsum("ij,ij->i", segments.start[j] - segments.start[i], unit[i])
    s1 = np.einsum("ij,ij->i", segments.end[j] - segments.start[i], unit[i])
    overlap = np.minimum(np.maximum(s0, s1), length[i]) - np.maximum(np.minimum(s0, s1), 0)
    good = (cross <= PARALLEL_SIN) & (distance >= DOUBLE_LINE_MIN) & (distance <= DOUBLE_LINE_MAX)
    good &= overlap >= np.minimum(MIN_OVERLAP, 0.5 * np.minimum(length[i], length[j]))
    i, j, signed, distance = i[good], j[good], signed[good], distance[good]
    if not len(i):
        return faces
    above, below = np.full(n, np.inf), np.full(n, np.inf)
    np.fmin.at(above, i[signed > 0], distance[signed > 0])
    np.fmin.at(below, i[signed < 0], distance[signed < 0])
    # Seen from i, j is on one side; a nearer partner on i's other side makes j a far one.
    other_side = np.where(signed > 0, below[i], above[i])
    near_for_i = other_side >= distance
    # The query gives each pair both ways round: a pair stands when neither line calls
    # the other a far partner.
    order = np.lexsort((j, i))
    key_ij = i.astype(np.int64) * n + j
    key_ji = j.astype(np.int64) * n + i
    sorted_keys = key_ij[order]
    position = np.minimum(np.searchsorted(sorted_keys, key_ji), len(order) - 1)
    back = order[position]
    reverse_found = sorted_keys[position] == key_ji
    stands = near_for_i & np.where(reverse_found, near_for_i[back], True)
    faces[i[stands]] = True
    return faces


def _wall_like(
    geometries: np.ndarray, metres: float, segments: Segments, faces: np.ndarray, owners: np.ndarray
) -> np.ndarray:
    """Which of the shapes with faces are walls: every open line, and a closed outline
    that is a wall strip or whose outline is mostly faces. A bed or a counter drawn as
    a closed outline may have a side beside something parallel; a wall's outline runs
    beside its other face nearly all round."""
    keep = np.ones(len(owners), dtype=bool)
    closed = np.flatnonzero(shapely.get_type_id(geometries) == 3)
    if not len(closed):
        return keep
    strips = ~np.isnan(thickness_of_polygons(list(shapely.transform(geometries[closed], lambda xy: xy * metres))))
    face_length = np.bincount(segments.owner[faces], weights=segments.length[faces], minlength=int(owners.max()) + 1)
    outline = np.bincount(segments.owner, weights=segments.length, minlength=int(owners.max()) + 1)
    share = face_length[owners[closed]] / np.maximum(outline[owners[closed]], 1e-12)
    keep[closed] = strips | (share >= CLOSED_FACE_SHARE)
    return keep


def _wall_ends(segments: Segments, faces: np.ndarray) -> np.ndarray:
    """The short lines that close the walls found: a wall's end across its thickness at
    a door or window (the jamb), a short return between a window and a corner, drawn as
    lines too short to be taken for faces. A few short lines joined end to end (not
    through a face's end) that start and end on the faces found, at two distinct
    points, are the wall's. A chair touches no wall; a door stop touches it once; a
    swing's chords, flattened into many pieces, are too many to be a wall's end."""
    n = len(segments)
    # A shape of many pieces (an arc flattened into chords, a hatch) is no wall's end.
    pieces = np.bincount(segments.owner)[segments.owner]
    # (Longer unpaired lines, up to a metre, would take in a paving grid's squares along a wall.)
    is_short = ~faces & (segments.length < FACE_MIN_M) & (pieces <= WALL_END_PIECES)
    short = np.flatnonzero(is_short)
    ends = np.zeros(n, dtype=bool)
    if not len(short) or not faces.any():
        return ends
    points = np.concatenate([segments.start, segments.end])
    short_points = np.concatenate([short, short + n])
    involved = np.flatnonzero(np.concatenate([faces | is_short] * 2))  # the other lines take no part
    p, q = shapely.STRtree(point_array(points[involved])).query(
        shapely.points(points[short_points]), predicate="dwithin", distance=TOUCH_M
    )
    p, q = short_points[p], involved[q]
    segment_p, segment_q = p % n, q % n
    # Points where a face ends: a chain stops there (a jamb line and a swing meeting at
    # the jamb's corner are two things).
    at_face = np.zeros(2 * n, dtype=bool)
    at_face[p[faces[segment_q]]] = True
    parent = {int(k): int(k) for k in short.tolist()}

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    join = (segment_p != segment_q) & is_short[segment_q] & ~at_face[p]
    for a, b in zip(segment_p[join].tolist(), segment_q[join].tolist()):
        parent[root(a)] = root(b)
    members: dict[int, int] = {}
    for k in short.tolist():
        members[root(k)] = members.get(root(k), 0) + 1
    # The face points each chain touches, told apart by where they are.
    touched: dict[int, set] = {}
    face_of: dict[int, int] = {}  # a face each chain touches, for the chain's slant
    on_face = faces[segment_q]
    for a, point in zip(segment_p[on_face].tolist(), q[on_face].tolist()):
        x, y = points[point]
        touched.setdefault(root(a), set()).add((round(x / TOUCH_M), round(y / TOUCH_M)))
        face_of.setdefault(root(a), point % n)
    closing = {chain for chain, where in touched.items() if len(where) >= 2 and members[chain] <= WALL_END_PIECES}
    # A wall's end runs across the wall or along it; two or more pieces standing at a
    # slant to the faces are a folding door's half-open leaves in the gap.
    slanted: dict[int, int] = {}
    for k in short.tolist():
        chain = root(k)
        if chain in closing:
            face = segments.vector[face_of[chain]]
            cos = abs(float(np.dot(segments.vector[k], face))) / max(segments.length[k] * np.hypot(*face), 1e-12)
            if FOLD_SLANT_COS[0] <= cos <= FOLD_SLANT_COS[1]:
                slanted[chain] = slanted.get(chain, 0) + 1
    closing = {chain for chain in closing if slanted.get(chain, 0) < 2}
    for k in short.tolist():
        if root(k) in closing:
            ends[k] = True
    return ends


def _evenly_spaced_runs(segments: Segments) -> np.ndarray:
    """Lines with a parallel neighbour on each side at about the same distance: stair
    treads, paving and hatching, not a wall's faces (a face has its partner on one side
    and the room on the other)."""
    n = len(segments)
    above, below = np.full(n, np.inf), np.full(n, np.inf)
    lines = segments.lines()
    i, j = shapely.STRtree(lines).query(lines, predicate="dwithin", distance=DOUBLE_LINE_MAX)
    keep = i != j
    i, j = i[keep], j[keep]
    if len(i):
        length = segments.length
        unit = segments.vector / length[:, None]
        cross = np.abs(unit[i, 0] * unit[j, 1] - unit[i, 1] * unit[j, 0])
        middle = (segments.start[j] + segments.end[j]) / 2 - segments.start[i]
        signed = unit[i, 0] * middle[:, 1] - unit[i, 1] * middle[:, 0]
        along = np.einsum("ij,ij->i", middle, unit[i])
        beside = (cross <= PARALLEL_SIN) & (np.abs(signed) >= DOUBLE_LINE_MIN) & (along >= 0) & (along <= length[i])
        np.fmin.at(above, i[beside & (signed > 0)], signed[beside & (signed > 0)])
        np.fmin.at(below, i[beside & (signed < 0)], -signed[beside & (signed < 0)])
    both = np.isfinite(above) & np.isfinite(below)
    even = np.zeros(n, dtype=bool)
    even[both] = np.abs(above[both] - below[both]) <= RUN_SPACING_SHARE * np.maximum(above[both], below[both])
    return even


def _two_directions(segments: Segments, faces: np.ndarray) -> bool:
    """Walls enclose: faces run in at least two directions (not a stack of parallel lines)."""
    vectors = segments.vector[faces]
    units = vectors / np.hypot(*vectors.T)[:, None]
    reference = units[np.argmax(segments.length[faces])]
    cross = np.abs(units[:, 0] * reference[1] - units[:, 1] * reference[0])
    return bool((cross >= TURN_SIN).any())


def _outlines(pool: list[RawShape], geometries: np.ndarray, size: float) -> UnnamedWalls | None:
    """A site plan of closed outlines: the plot holding the buildings' outlines."""
    closed = shapely.get_type_id(geometries) == 3
    if closed.sum() < 2 or closed.sum() < 0.5 * len(pool):
        return None  # mostly open linework: not a drawing of outlines
    fitting = next(((u, m) for u, m in CANDIDATE_UNITS if BUILDING_MIN_M <= size * m <= BUILDING_MAX_M), None)
    if fitting is None:
        return None
    unit, metres = fitting
    index = np.flatnonzero(closed)
    polygons = geometries[index]
    areas = shapely.area(polygons)
    points = shapely.point_on_surface(polygons)
    tree = shapely.STRtree(polygons)
    holder, held = tree.query(points, predicate="within")  # (point index, polygon index)
    inside_other = holder[held != holder]
    holders = held[held != holder]
    holds = np.bincount(holders, minlength=len(polygons))
    site = [int(np.argmax(holds))] if holds.max(initial=0) >= 2 else []
    buildings = [
        k
        for k in range(len(polygons))
        if k not in site
        and areas[k] * metres**2 >= BUILDING_MIN_AREA_M2
        and (not site or k in set(inside_other.tolist()))
    ]
    if not buildings:
        return None
    perimeter = float(shapely.length(polygons[buildings]).sum() * metres)
    return UnnamedWalls(
        [pool[index[k]] for k in buildings], [pool[index[k]] for k in site], unit, "outlines", perimeter
    )

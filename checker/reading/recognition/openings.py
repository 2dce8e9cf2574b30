"""Doors and windows recognised from plain geometry, wherever they are drawn.

Real drawings rarely carry door and window blocks on their own layers. A door is
drawn as a swing arc of about 90 degrees centred on its hinge, usually with the
leaf line from the hinge to the arc's open end, standing in a gap in the walls; a
double door as two such arcs meeting in the middle; a sliding door as two leaves
offset side by side in the gap; a folding (bifold) door as leaves standing half open in
a zig-zag from jamb to jamb, hinged to each other. A window is two to four parallel lines bridging a
wall gap, or any linework on a glazing layer in a gap. They may sit on a door layer,
on layer 0, on any layer without a role, or inside blocks without attributes
(mirrored, rotated, scaled): extraction has already applied every transform.

Each cue that agrees raises the confidence: a swing arc alone is not a door (round
tables, sinks and stair arcs are arcs too); with its leaf it is probably one; hinged
at a wall gap it almost surely is. Arcs on furniture, sanitary and stair layers or in
blocks so named are never doors. Everything works in metres over numpy arrays and
STRtree queries; Python loops run over found openings only, never over pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString

from ...geoarrays import point_array
from ...messages import Message, Number, msg
from ...plan import OpeningKind
from ..layers import Role
from .text import fold, strip_accents
from .walls import Gaps, Segments

# Door swing arcs, in degrees and metres.
SWEEP_MIN, SWEEP_MAX = 75.0, 105.0
HALF_SWEEP_MIN, HALF_SWEEP_MAX = 160.0, 200.0  # a double-acting leaf's half circle
LEAF_RADIUS_MIN, LEAF_RADIUS_MAX = 0.5, 1.3  # one leaf: a 0.5 m cupboard to a 1.3 m front door
PAIR_LEAF_MIN = 0.3  # each leaf of a double door may be narrower
HINGE_TOLERANCE = 0.15  # of the radius: how far the leaf may start from the arc's centre
LEAF_LENGTH = (0.8, 1.12)  # of the radius
MEET_TOLERANCE = 0.1  # m: the two leaves of a double door meet this close
JAMB_TOLERANCE = 0.15  # m, beyond half the wall's thickness: hinge and closed end at the gap's jambs
NEAR_WALL = 0.4  # m: a hinge this close to a wall is on it
SAME_OPENING = 0.3  # m: a recognised opening this close to a known one is that one
# Folding (bifold) doors: leaves standing half open in a zig-zag across the gap.
FOLD_ANGLE = (15.0, 75.0)  # degrees between a half-open leaf and its gap
FOLD_REACH = 0.6  # m: how far half-open leaves stand out of the wall's face
FOLD_LEAF = (0.1, 0.65)  # of the gap's width: a leaf is half of a panel at most (two leaves to a panel)
FOLD_JOIN = 0.03  # m: folding leaves meet at their hinges this close
FOLD_COVER = 0.9  # of the gap's width: the leaves together span it, jamb to jamb
# Windows and sliding doors in a gap.
PARALLEL_COS = 0.985
FULL_LENGTH = 0.85  # of the gap's width: a window line bridges the gap
LEAF_PART = (0.3, 0.85)  # of the gap's width: one leaf of a sliding door
DEFAULT_HALF_THICKNESS = 0.15  # m, when the wall is drawn as one line
DISTINCT_OFFSET = 0.005  # m: lines closer than this across the wall are one line
OVERRUN = 1.2  # a window line or leaf is at most this much longer than its gap
PANE_JOIN = 0.02  # m: glazing lines this close end to end are one window; a mullion parts them
PANE_MIN = 0.3  # m: a shorter run of glazing in a gap is a frame piece, not a window
WINDOW_RUN_SPACING = 0.3  # m: parallel lines on a window layer this close are one window
WINDOW_ACROSS_WALL = 0.6  # m: ... and this far apart across a thick wall, when they run side by side
MULLION_MAX = 0.15  # m: panes in line this close apart are one glass front, a mullion between them
IN_LINE = 0.05  # m: ... and this close across
FRAME_REACH = 0.15  # m: a glass front ending this short of a wall reaches it (its frame is between)
TAKEN_REACH = 0.35  # m: window-layer lines whose middle is this close across an opening's span are its own
WINDOW_RUN_LENGTH = (0.4, 25.0)  # m: shorter runs are jambs and sills; a glass wall is one long window

CONFIDENCE = {
    "arc+leaf+gap": 0.9,
    "arc+gap": 0.75,
    "arc+leaf+wall": 0.7,
    "arc+leaf": 0.6,
    "window lines in gap": 0.85,
    "sliding leaves in gap": 0.75,
    "folding leaves in gap": 0.75,
    "window run on layer": 0.8,
    "block": 0.85,
}

# Words in layer and block names that mark furniture, fittings and stairs, whose arcs
# are never door swings (English, German, French, Spanish, Italian, Dutch, Persian in
# both scripts). Compared as parts of the folded name.
_NOT_DOOR_WORDS = (
    "furn",
    "furniture",
    "fixture",
    "fixt",
    "equip",
    "sanit",
    "plumb",
    "fitting",
    "toilet",
    "wc",
    "sink",
    "basin",
    "bath",
    "shower",
    "kitchen",
    "stair",
    "step",
    "table",
    "chair",
    "sofa",
    "bed",
    "tree",
    "mobel",
    "moebel",
    "treppe",
    "kuche",
    "tisch",
    "stuhl",
    "meuble",
    "mobilier",
    "escalier",
    "cuisine",
    "mueble",
    "mobiliario",
    "escalera",
    "arredo",
    "arredi",
    "mobili",
    "scala",
    "meubilair",
    "meubel",
    "trap",
    "keuken",
    "mobl",
    "pele",
    "sanitary",
    "asansor",
    "lift",
    "elev",
    "car",
    "col",
    "column",
    "strs",
    "eqpm",
    "case",
    "cab",
    "casework",
    "appl",
    "appliance",
    "ktch",
    "hatch",
    "dim",
    "anno",
    "text",
    "مبلمان",
    "مبل",
    "پله",
    "سرویس",
    "اشپزخانه",
    "اسانسور",
    "ستون",
    "سینک",
    "توالت",
    "حمام",
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


_NAME_VERDICTS: dict[str, bool] = {}


def is_not_door_name(name: str | None) -> bool:
    """True when a layer or block name says furniture, fittings or stairs."""
    if not name:
        return False
    if name not in _NAME_VERDICTS:
        _NAME_VERDICTS[name] = _names_no_door(name)
    return _NAME_VERDICTS[name]


def _names_no_door(name: str) -> bool:
    words = _WORD.findall(strip_accents(fold(name)))
    return any(word.startswith(stem) for word in words for stem in _NOT_DOOR_WORDS if len(stem) > 3 or word == stem)


@dataclass(frozen=True)
class ArcArrays:
    """Swing-arc candidates as arrays (metres): centre, radius, end points, and the
    index of the RawArc each came from."""

    centre: np.ndarray
    radius: np.ndarray
    ends: np.ndarray  # n x 2 x 2: the arc's two end points
    index: np.ndarray


@dataclass(frozen=True)
class Found:
    """An opening recognised from geometry, before it becomes a plan Opening."""

    kind: OpeningKind
    span: LineString  # jamb to jamb, metres
    side: tuple[float, float]  # a unit vector to the side the door swings to
    handle: str
    layer: str
    block: str
    recognised_by: str
    confidence: float
    reason: Message
    # Inside a block: the path of handles to the arc or line it was found from (see
    # extract.RawShape.path), which tells apart the openings of one block reference.
    path: str | None = None
    # The whole wall gap when the opening fills only part of it (panes beside a door):
    # closed whole where walls must close (the footprint, rooms).
    gap_span: LineString | None = None


@dataclass(frozen=True)
class Linework:
    """Loose linework as segments (metres) with, per segment, where it came from."""

    segments: Segments
    handle: list[str]
    layer: list[str]
    block: list[str | None]
    role: list[Role | None]
    path: list[str | None]


def linework(shapes: list, geometries: list) -> Linework:
    from .walls import segments_of

    segments = segments_of(geometries)
    owners = segments.owner.tolist()
    return Linework(
        segments,
        [shapes[k].handle for k in owners],
        [shapes[k].layer for k in owners],
        [shapes[k].block for k in owners],
        [shapes[k].role for k in owners],
        [shapes[k].path for k in owners],
    )


def recognise_openings(
    arcs: list,
    arc_geometry: tuple[np.ndarray, np.ndarray, np.ndarray],
    loose: Linework,
    walls: Segments,
    gaps: Gaps,
    known_spans: list,
    how_for_layer,
) -> list[Found]:
    """Doors from swing arcs, then folding doors, windows and sliding doors from lines in
    the gaps left.

    ``arc_geometry`` is (centres n x 2, radii n, end points n x 2 x 2) in metres for
    ``arcs`` (the RawArcs); ``known_spans`` are the openings already read from blocks on
    door and window layers, never found twice; ``how_for_layer(layer)`` gives the layer
    role's (how, confidence) or None.
    """
    doors, used_gaps = _doors(arcs, arc_geometry, loose, walls, gaps, how_for_layer)
    folding, folded_gaps = _folding_doors(loose, gaps, used_gaps, how_for_layer)
    windows = _gap_openings(loose, gaps, used_gaps | folded_gaps, how_for_layer)
    found = _not_known(_without_duplicates(doors + folding + windows), known_spans)
    return found + _window_layer_runs(loose, known_spans + [f.span for f in found], walls, how_for_layer)


# ---------------------------------------------------------------------------- doors


def _doors(arcs, arc_geometry, loose: Linework, walls: Segments, gaps: Gaps, how_for_layer):
    centres, radii, ends = arc_geometry
    used_gaps: set[int] = set()
    if not len(radii):
        return [], used_gaps
    sweeps = np.array([a.sweep_deg for a in arcs])
    excluded = np.array([is_not_door_name(a.layer) or is_not_door_name(a.block) for a in arcs], dtype=bool)
    quarter = (sweeps >= SWEEP_MIN) & (sweeps <= SWEEP_MAX)
    # A double-acting leaf is drawn as a half circle through its closed position.
    half = (sweeps >= HALF_SWEEP_MIN) & (sweeps <= HALF_SWEEP_MAX)
    candidate = (quarter | half) & (radii >= PAIR_LEAF_MIN) & (radii <= LEAF_RADIUS_MAX) & ~excluded
    index = np.flatnonzero(candidate)
    if not len(index):
        return [], used_gaps
    c, r, e = centres[index], radii[index], ends[index].copy()
    half_turn = half[index]
    if half_turn.any():
        # Its closed position is halfway round, on one side or the other of the line
        # between its ends; both are offered to the gap, which picks the one at its jamb.
        chord = e[half_turn, 1] - e[half_turn, 0]
        across = np.stack([-chord[:, 1], chord[:, 0]], axis=1) / np.hypot(*chord.T)[:, None]
        e[half_turn, 0] = c[half_turn] + across * r[half_turn, None]
        e[half_turn, 1] = c[half_turn] - across * r[half_turn, None]
    leaf_end, leaf_block = _leaves(c, r, e, loose.segments, loose.block)
    leaf_end[half_turn] = -1  # its leaf, if drawn, points at neither offered end: the gap decides
    # Arcs drawn on a wall layer (everything on one layer, as some exports do) have
    # their leaf there too: look for it among the wall lines.
    on_wall_layer = np.array([arcs[int(k)].role is Role.WALLS for k in index], dtype=bool)
    if on_wall_layer.any() and len(walls):
        wall_leaf, _ = _leaves(c, r, e, walls, [None] * len(walls))
        take = on_wall_layer & (leaf_end < 0)
        leaf_end[take] = wall_leaf[take]
    partner, shared_end = _pairs(c, r, e)
    for k in np.flatnonzero(half_turn & (partner >= 0)).tolist():  # half circles pair with nothing
        partner[partner[k]] = -1
        partner[k] = -1
    gap_of, gap_closed_end, gap_hinge_at_a = _arc_gaps(c, r, e, gaps)
    on_wall = _near_walls(c, walls)

    jambs = shapely.STRtree(point_array(np.concatenate([gaps.a, gaps.b]))) if len(gaps) else None
    found: list[Found] = []
    done = np.zeros(len(index), dtype=bool)
    for k in range(len(index)):
        if done[k]:
            continue
        arc = arcs[int(index[k])]
        hinge = c[k]
        leaf = int(leaf_end[k])
        other = int(partner[k])
        if other >= 0:
            # Double door: hinge to hinge; the leaves close where the arcs meet.
            done[other] = True
            open_end = e[k, 1 - shared_end[k]]
            span_points = (hinge, c[other])
            # Two arcs meeting mirrored are a cue as strong as a leaf line.
            has_leaf = True
            width = float(np.hypot(*(c[other] - hinge)))
            gap = _gap_between(hinge, c[other], gaps, jambs)
            cues = "double"
        else:
            if r[k] < LEAF_RADIUS_MIN:
                continue
            closed_choice = 1 - leaf if leaf >= 0 else (int(gap_closed_end[k]) if gap_of[k] >= 0 else -1)
            if closed_choice < 0:
                continue  # an arc alone, with no leaf and no wall gap, is not a door
            if leaf >= 0 and gap_of[k] >= 0 and int(gap_closed_end[k]) != closed_choice:
                gap_of[k] = -1  # the leaf says otherwise: this gap is not the door's
            closed_end = e[k, closed_choice]
            open_end = e[k, 1 - closed_choice]
            span_points = (hinge, closed_end)
            has_leaf = leaf >= 0
            width = float(r[k])
            gap = int(gap_of[k])
            cues = "single"
        if gap >= 0:
            used_gaps.add(gap)
            a, b = gaps.a[gap], gaps.b[gap]
            # Hinge end first, as drawn.
            if np.hypot(*(a - span_points[0])) > np.hypot(*(b - span_points[0])):
                a, b = b, a
            span_points = (a, b)
            width = float(np.hypot(*(b - a)))
        span = LineString([tuple(span_points[0]), tuple(span_points[1])])
        along = (span_points[1] - span_points[0]) / max(width, 1e-9)
        normal = np.array([-along[1], along[0]])
        side = normal if np.dot(open_end - hinge, normal) >= 0 else -normal
        if gap >= 0:
            key = "arc+leaf+gap" if has_leaf else "arc+gap"
        elif has_leaf:
            key = "arc+leaf+wall" if on_wall[k] else "arc+leaf"
        else:
            continue
        confidence = CONFIDENCE[key]
        reason = _door_reason(cues, key, width, float(r[k]))
        recognised_by = "geometry"
        in_block = arc.block is not None and (not has_leaf or leaf_block[k] == arc.block or other >= 0)
        if in_block:
            recognised_by, confidence = "block-shape", max(confidence, CONFIDENCE["block"])
        layer_how = how_for_layer(arc.layer) if arc.role is Role.DOORS else None
        if layer_how is not None:
            recognised_by = layer_how[0]
            confidence = min(max(confidence, CONFIDENCE["block"]), layer_how[1])
        found.append(
            Found(
                OpeningKind.DOOR,
                span,
                (float(side[0]), float(side[1])),
                arc.handle,
                arc.layer,
                arc.block or "",
                recognised_by,
                round(confidence, 2),
                reason,
                arc.path,
            )
        )
    return found, used_gaps


def _door_reason(cues: str, key: str, width: float, radius: float) -> Message:
    if cues == "double":
        return msg(
            "recognition.door-double-gap" if "gap" in key else "recognition.door-double", width=Number(width, ".2f")
        )
    return msg(_SINGLE_DOOR_REASONS[key], radius=Number(radius, ".2f"), width=Number(width, ".2f"))


_SINGLE_DOOR_REASONS = {
    "arc+leaf+gap": "recognition.door-arc-leaf-gap",
    "arc+gap": "recognition.door-arc-gap",
    "arc+leaf+wall": "recognition.door-arc-leaf-wall",
    "arc+leaf": "recognition.door-arc-leaf",
}


def _leaves(c: np.ndarray, r: np.ndarray, e: np.ndarray, segments: Segments, blocks: list) -> tuple[np.ndarray, list]:
    """For each arc, which of its end points (0 or 1) a leaf line reaches from the
    hinge, or -1; and the block that leaf was drawn in."""
    n = len(r)
    leaf_end = np.full(n, -1)
    leaf_block: list = [None] * n
    if not len(segments):
        return leaf_end, leaf_block
    tree = shapely.STRtree(point_array(np.concatenate([segments.start, segments.end])))
    hinge, seg_point = tree.query(shapely.points(c), predicate="dwithin", distance=float(r.max() * HINGE_TOLERANCE))
    if not len(hinge):
        return leaf_end, leaf_block
    m = len(segments)
    seg = seg_point % m
    near = np.where((seg_point < m)[:, None], segments.start[seg], segments.end[seg])
    far = np.where((seg_point < m)[:, None], segments.end[seg], segments.start[seg])
    tolerance = r[hinge] * HINGE_TOLERANCE
    length = np.hypot(*(far - near).T)
    good = np.hypot(*(near - c[hinge]).T) <= tolerance
    good &= (length >= LEAF_LENGTH[0] * r[hinge]) & (length <= LEAF_LENGTH[1] * r[hinge])
    to0 = np.hypot(*(far - e[hinge, 0]).T)
    to1 = np.hypot(*(far - e[hinge, 1]).T)
    which = np.where(to0 <= to1, 0, 1)
    good &= np.minimum(to0, to1) <= 2 * tolerance
    for h, w, s in zip(hinge[good].tolist(), which[good].tolist(), seg[good].tolist()):
        if leaf_end[h] < 0:
            leaf_end[h] = w
            leaf_block[h] = blocks[s]
    return leaf_end, leaf_block


def _pairs(c: np.ndarray, r: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Double doors: two arcs sharing an end point (the leaves' meeting) whose hinges are
    the sum of their radii apart, in line with the meeting point."""
    n = len(r)
    partner = np.full(n, -1)
    shared = np.zeros(n, dtype=int)
    points = e.reshape(-1, 2)
    i, j = shapely.STRtree(point_array(points)).query(
        shapely.points(points), predicate="dwithin", distance=MEET_TOLERANCE
    )
    arc_i, arc_j = i // 2, j // 2
    keep = arc_i < arc_j
    i, j, arc_i, arc_j = i[keep], j[keep], arc_i[keep], arc_j[keep]
    hinge_distance = np.hypot(*(c[arc_j] - c[arc_i]).T)
    total = r[arc_i] + r[arc_j]
    good = np.abs(hinge_distance - total) <= 0.1 * total
    # The two hinges must not coincide (a double-acting leaf drawn twice is one door).
    for a, b, pa, pb in zip(arc_i[good].tolist(), arc_j[good].tolist(), i[good].tolist(), j[good].tolist()):
        if partner[a] < 0 and partner[b] < 0:
            partner[a], partner[b] = b, a
            shared[a], shared[b] = pa % 2, pb % 2
    return partner, shared


def _arc_gaps(c: np.ndarray, r: np.ndarray, e: np.ndarray, gaps: Gaps):
    """For each arc, the wall gap it spans: hinge at one jamb, one end point at the other."""
    n = len(r)
    gap_of = np.full(n, -1)
    closed_end = np.zeros(n, dtype=int)
    hinge_at_a = np.zeros(n, dtype=bool)
    if not len(gaps):
        return gap_of, closed_end, hinge_at_a
    jambs = np.concatenate([gaps.a, gaps.b])
    reach = float(gaps.thickness.max() / 2 + JAMB_TOLERANCE)
    arc_k, jamb = shapely.STRtree(point_array(jambs)).query(shapely.points(c), predicate="dwithin", distance=reach)
    if not len(arc_k):
        return gap_of, closed_end, hinge_at_a
    g = jamb % len(gaps)
    at_a = jamb < len(gaps)
    other = np.where(at_a[:, None], gaps.b[g], gaps.a[g])
    here = np.where(at_a[:, None], gaps.a[g], gaps.b[g])
    tolerance = gaps.thickness[g] / 2 + JAMB_TOLERANCE
    good = np.hypot(*(here - c[arc_k]).T) <= tolerance
    d0 = np.hypot(*(e[arc_k, 0] - other).T)
    d1 = np.hypot(*(e[arc_k, 1] - other).T)
    which = np.where(d0 <= d1, 0, 1)
    good &= np.minimum(d0, d1) <= tolerance
    # The arc's radius is about the gap's width.
    good &= np.abs(gaps.width[g] - r[arc_k]) <= np.maximum(0.15 * r[arc_k], tolerance)
    for k, gap, w, a in zip(arc_k[good].tolist(), g[good].tolist(), which[good].tolist(), at_a[good].tolist()):
        if gap_of[k] < 0:
            gap_of[k], closed_end[k], hinge_at_a[k] = gap, w, a
    return gap_of, closed_end, hinge_at_a


def _gap_between(p: np.ndarray, q: np.ndarray, gaps: Gaps, jambs: shapely.STRtree | None) -> int:
    """The gap whose jambs are at ``p`` and ``q`` (a double door's hinges), or -1.
    ``jambs`` indexes every gap's two jamb points (a's, then b's)."""
    if jambs is None:
        return -1
    reach = float(gaps.thickness.max() / 2 + JAMB_TOLERANCE)
    near = jambs.query(shapely.points(p), predicate="dwithin", distance=reach)
    for jamb in near.tolist():
        g = jamb % len(gaps)
        here, there = (gaps.a[g], gaps.b[g]) if jamb < len(gaps) else (gaps.b[g], gaps.a[g])
        tolerance = gaps.thickness[g] / 2 + JAMB_TOLERANCE
        if np.hypot(*(here - p)) <= tolerance and np.hypot(*(there - q)) <= tolerance:
            return int(g)
    return -1


def _near_walls(c: np.ndarray, walls: Segments) -> np.ndarray:
    near = np.zeros(len(c), dtype=bool)
    if len(walls):
        k, _ = shapely.STRtree(walls.lines()).query(shapely.points(c), predicate="dwithin", distance=NEAR_WALL)
        near[k] = True
    return near


# ------------------------------------------------------------ windows, sliding doors


def _gap_openings(loose: Linework, gaps: Gaps, used_gaps: set[int], how_for_layer) -> list[Found]:
    """Windows (parallel lines bridging a gap, or linework on a window layer in it) and
    sliding doors (leaves offset side by side, each covering part of the gap)."""
    segments = loose.segments
    if not len(gaps) or not len(segments):
        return []
    gap_widths, gap_alongs = gaps.width, gaps.along  # computed once: properties build whole arrays
    free = np.array([g not in used_gaps for g in range(len(gaps))], dtype=bool)
    half = np.maximum(gaps.thickness / 2, DEFAULT_HALF_THICKNESS) + 0.05
    zones = shapely.buffer(gaps.lines(), half, cap_style="flat")
    g, s = shapely.STRtree(segments.lines()).query(zones, predicate="intersects")
    keep = free[g]
    g, s = g[keep], s[keep]
    if not len(g):
        return []
    along = gap_alongs[g]
    vector = segments.vector[s]
    length = np.hypot(*vector.T)
    parallel = np.abs(np.einsum("ij,ij->i", vector, along)) >= PARALLEL_COS * length
    p0 = np.einsum("ij,ij->i", segments.start[s] - gaps.a[g], along)
    p1 = np.einsum("ij,ij->i", segments.end[s] - gaps.a[g], along)
    lo = np.clip(np.minimum(p0, p1), 0, None)
    width = gap_widths[g]
    hi = np.minimum(np.maximum(p0, p1), width)
    covered = np.clip(hi - lo, 0, None) / width
    middle = (segments.start[s] + segments.end[s]) / 2 - gaps.a[g]
    offset = along[:, 0] * middle[:, 1] - along[:, 1] * middle[:, 0]
    # Window lines and leaves end at the jambs; a line running far past them (a floor
    # grid, a dimension line) only crosses the gap.
    # Glazing on a window layer may fill a small part of a wide gap (a pane beside a door).
    glazing = np.fromiter((r is Role.WINDOWS for r in loose.role), dtype=bool, count=len(loose.role))[s]
    long_enough = (covered >= LEAF_PART[0]) | (glazing & (hi - lo >= PANE_MIN))
    inside = parallel & (np.abs(offset) <= half[g]) & long_enough
    inside &= length <= width * OVERRUN + 0.05
    by_gap: dict[int, list[int]] = {}
    for row in np.flatnonzero(inside).tolist():
        by_gap.setdefault(int(g[row]), []).append(row)
    found: list[Found] = []
    for gap, rows in by_gap.items():
        full = [row for row in rows if covered[row] >= FULL_LENGTH]
        partial = [row for row in rows if covered[row] < FULL_LENGTH]
        full_offsets = _distinct(offset[full])
        roles = {loose.role[int(s[row])] for row in rows}
        first = int(s[full[0] if full else rows[0]])
        span = LineString([tuple(gaps.a[gap]), tuple(gaps.b[gap])])
        gap_width = float(gap_widths[gap])
        kind = None
        spans = [span]
        owners: list[int] = []  # per span, the line it is named by when a gap holds several
        if Role.WINDOWS in roles and Role.DOORS not in roles:
            kind, key = OpeningKind.WINDOW, "window lines in gap"
            first = int(s[next(row for row in rows if loose.role[int(s[row])] is Role.WINDOWS)])
            reason = msg("recognition.window-layer", width=Number(gap_width, ".2f"))
            # Glazing that fills only parts of the gap (panes between mullions, a door
            # between two windows in one wide gap): a window per run of glazing.
            glass = [row for row in rows if loose.role[int(s[row])] is Role.WINDOWS]
            runs = _runs(lo[glass], hi[glass])
            if len(runs) > 1 or runs[0][1] - runs[0][0] < FULL_LENGTH * gap_width:
                along_gap = gap_alongs[gap]
                panes = [(a, b) for a, b in runs if b - a >= PANE_MIN]
                spans = [
                    LineString([tuple(gaps.a[gap] + along_gap * a), tuple(gaps.a[gap] + along_gap * b)])
                    for a, b in panes
                ]
                # Each pane is named by a glass line of its own: a schedule row or a
                # finding naming one handle names one window.
                owners = [
                    int(s[next(row for row in glass if a - PANE_JOIN <= lo[row] and hi[row] <= b + PANE_JOIN)])
                    for a, b in panes
                ]
        elif _sliding(lo[partial], hi[partial], width[partial], offset[partial]) and len(full_offsets) < 2:
            kind, key = OpeningKind.DOOR, "sliding leaves in gap"
            reason = msg("recognition.door-sliding", width=Number(gap_width, ".2f"))
            first = int(s[partial[0]])
        elif Role.DOORS not in roles and 2 <= len(full_offsets) <= 4:
            kind, key = OpeningKind.WINDOW, "window lines in gap"
            reason = msg("recognition.window-lines", count=len(full_offsets), width=Number(gap_width, ".2f"))
        if kind is None:
            continue
        layer, block, role = loose.layer[first], loose.block[first], loose.role[first]
        recognised_by, confidence = "geometry", CONFIDENCE[key]
        if block is not None:
            recognised_by, confidence = "block-shape", max(confidence, CONFIDENCE["block"])
        layer_how = how_for_layer(layer) if role in (Role.DOORS, Role.WINDOWS) else None
        if layer_how is not None:
            recognised_by, confidence = layer_how[0], min(max(confidence, CONFIDENCE["block"]), layer_how[1])
        along_gap = gap_alongs[gap]
        side = (float(-along_gap[1]), float(along_gap[0]))
        found.extend(
            Found(
                kind,
                one,
                side,
                loose.handle[owner],
                layer,
                block or "",
                recognised_by,
                round(confidence, 2),
                reason,
                loose.path[owner],
                None if one is span else span,
            )
            for one, owner in zip(spans, owners or [first] * len(spans))
        )
    return found


def _folding_doors(loose: Linework, gaps: Gaps, used_gaps: set[int], how_for_layer) -> tuple[list[Found], set[int]]:
    """Folding (bifold) doors: two or more leaves, each standing at an angle to the gap,
    meeting end to end in a zig-zag out to one side of the wall, spanning the gap from
    jamb to jamb. The gaps they fill are returned too (no window is looked for there)."""
    segments = loose.segments
    if not len(gaps) or not len(segments):
        return [], set()
    widths, alongs = gaps.width, gaps.along
    free = np.array([k not in used_gaps for k in range(len(gaps))], dtype=bool)
    half = np.maximum(gaps.thickness / 2, DEFAULT_HALF_THICKNESS) + FOLD_REACH
    zones = shapely.buffer(gaps.lines(), half, cap_style="flat")
    g, s = shapely.STRtree(segments.lines()).query(zones, predicate="intersects")
    keep = free[g]
    g, s = g[keep], s[keep]
    if not len(g):
        return [], set()
    along, width = alongs[g], widths[g]
    start, end = segments.start[s] - gaps.a[g], segments.end[s] - gaps.a[g]
    p0, p1 = np.einsum("ij,ij->i", start, along), np.einsum("ij,ij->i", end, along)
    o0 = along[:, 0] * start[:, 1] - along[:, 1] * start[:, 0]
    o1 = along[:, 0] * end[:, 1] - along[:, 1] * end[:, 0]
    length = np.hypot(*segments.vector[s].T)
    cos = np.abs(p1 - p0) / np.maximum(length, 1e-9)
    slant = (cos >= np.cos(np.radians(FOLD_ANGLE[1]))) & (cos <= np.cos(np.radians(FOLD_ANGLE[0])))
    within = (np.minimum(p0, p1) >= -JAMB_TOLERANCE) & (np.maximum(p0, p1) <= width + JAMB_TOLERANCE)
    within &= np.maximum(np.abs(o0), np.abs(o1)) <= half[g]
    leafy = (length >= FOLD_LEAF[0] * width) & (length <= FOLD_LEAF[1] * width + 0.05)
    by_gap: dict[int, list[int]] = {}
    for row in np.flatnonzero(slant & within & leafy).tolist():
        by_gap.setdefault(int(g[row]), []).append(row)
    found: list[Found] = []
    filled: set[int] = set()
    for gap, rows in by_gap.items():
        if len(rows) < 2:
            continue
        w = float(widths[gap])
        lo, hi = np.minimum(p0[rows], p1[rows]), np.maximum(p0[rows], p1[rows])
        runs = _runs(lo, hi)
        if len(runs) != 1 or runs[0][0] > (1 - FOLD_COVER) * w or runs[0][1] < FOLD_COVER * w:
            continue
        # A zig-zag: every leaf meets another at a hinge, and all stand out to one side.
        ends = np.concatenate([np.stack([p0[rows], o0[rows]], 1), np.stack([p1[rows], o1[rows]], 1)])
        n = len(rows)
        apart = np.hypot(*(ends[:, None, :] - ends[None, :, :]).T)
        own = np.arange(2 * n) % n
        apart[own[:, None] == own[None, :]] = np.inf
        meets = (apart <= FOLD_JOIN).any(axis=1).reshape(2, n).any(axis=0)
        far = np.where(np.abs(o0[rows]) > np.abs(o1[rows]), o0[rows], o1[rows])
        if not meets.all() or not (np.all(far > 0) or np.all(far < 0)):
            continue
        first = int(s[rows[0]])
        along_gap = alongs[gap]
        sign = 1.0 if far[0] > 0 else -1.0
        side = (float(-along_gap[1] * sign), float(along_gap[0] * sign))
        layer, block, role = loose.layer[first], loose.block[first], loose.role[first]
        recognised_by, confidence = "geometry", CONFIDENCE["folding leaves in gap"]
        if block is not None:
            recognised_by, confidence = "block-shape", max(confidence, CONFIDENCE["block"])
        layer_how = how_for_layer(layer) if role is Role.DOORS else None
        if layer_how is not None:
            recognised_by, confidence = layer_how[0], min(max(confidence, CONFIDENCE["block"]), layer_how[1])
        found.append(
            Found(
                OpeningKind.DOOR,
                LineString([tuple(gaps.a[gap]), tuple(gaps.b[gap])]),
                side,
                loose.handle[first],
                layer,
                block or "",
                recognised_by,
                round(confidence, 2),
                msg("recognition.door-folding", leaves=n, width=Number(w, ".2f")),
                loose.path[first],
            )
        )
        filled.add(gap)
    return found, filled


def _runs(lo: np.ndarray, hi: np.ndarray) -> list[tuple[float, float]]:
    """The stretches along a gap that overlapping or touching lines cover, in order."""
    runs: list[list[float]] = []
    for a, b in sorted(zip(lo.tolist(), hi.tolist())):
        if runs and a <= runs[-1][1] + PANE_JOIN:
            runs[-1][1] = max(runs[-1][1], b)
        else:
            runs.append([a, b])
    return [(a, b) for a, b in runs]


def _distinct(values: np.ndarray) -> list[float]:
    result: list[float] = []
    for value in np.sort(values).tolist():
        if not result or value - result[-1] > DISTINCT_OFFSET:
            result.append(value)
    return result


def _sliding(lo: np.ndarray, hi: np.ndarray, width: np.ndarray, offset: np.ndarray) -> bool:
    """Leaves that each cover part of the gap, at two offsets, together cover all of it."""
    if len(lo) < 2:
        return False
    w = float(width[0])
    at_start = offset[lo <= 0.1 * w]
    at_end = offset[hi >= 0.9 * w]
    if not len(at_start) or not len(at_end):
        return False
    return bool(np.max(np.abs(at_start[:, None] - at_end[None, :])) > DISTINCT_OFFSET)


def _window_layer_runs(loose: Linework, taken: list, walls: Segments, how_for_layer) -> list[Found]:
    """Windows on a window layer where the walls show no gap (a window drawn over a
    continuous wall, a free-standing glass wall): each run of parallel lines side by
    side is one window, as long as the run."""
    segments = loose.segments
    mine = np.flatnonzero(np.array([role is Role.WINDOWS for role in loose.role], dtype=bool))
    if not len(mine):
        return []
    lines = segments.lines()[mine]
    if taken:
        # Linework already part of an opening lies along its span, within its wall. The
        # wide zones of used_zones (a door's swing) would also swallow the next pane of a
        # glass front beside a window already found.
        zones = shapely.buffer(np.array(taken, dtype=object), TAKEN_REACH, cap_style="flat")
        hit, _ = shapely.STRtree(zones).query(
            shapely.line_interpolate_point(lines, 0.5, normalized=True), predicate="intersects"
        )
        free = np.ones(len(mine), dtype=bool)
        free[hit] = False
        mine, lines = mine[free], lines[free]
    if not len(mine):
        return []
    start, end = segments.start[mine], segments.end[mine]
    length = np.hypot(*(end - start).T)
    unit = (end - start) / length[:, None]
    i, j = shapely.STRtree(lines).query(lines, predicate="dwithin", distance=WINDOW_ACROSS_WALL)
    keep = i < j
    i, j = i[keep], j[keep]
    parallel = np.abs(unit[i, 0] * unit[j, 1] - unit[i, 1] * unit[j, 0]) <= 1 - PARALLEL_COS
    # Side by side: lines this close are one run; further apart (a window's glass lines on
    # the two faces of a thick wall), only when they run beside each other for most of
    # their length, as one window's lines do (not two windows in line).
    s0 = np.einsum("ij,ij->i", start[j] - start[i], unit[i])
    s1 = np.einsum("ij,ij->i", end[j] - start[i], unit[i])
    overlap = np.minimum(np.maximum(s0, s1), length[i]) - np.maximum(np.minimum(s0, s1), 0)
    beside = overlap >= 0.5 * np.minimum(length[i], length[j])
    # End to end, lines join only when they touch: a mullion between two panes parts them
    # (one window per pane, as in a gap), while a line drawn in pieces stays one.
    touching = overlap >= -PANE_JOIN
    parallel &= beside | (touching & (shapely.distance(lines[i], lines[j]) <= WINDOW_RUN_SPACING))
    parent = list(range(len(mine)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in zip(i[parallel].tolist(), j[parallel].tolist()):
        parent[root(a)] = root(b)
    runs: dict[int, list[int]] = {}
    for k in range(len(mine)):
        runs.setdefault(root(k), []).append(k)
    candidates = []
    for members in runs.values():
        longest = max(members, key=lambda k: length[k])
        u, origin = unit[longest], start[longest]
        normal = np.array([-u[1], u[0]])
        ends = np.concatenate([start[members], end[members]]) - origin
        along = ends @ u
        middle = float(np.mean(ends @ normal))
        lo, hi = float(along.min()), float(along.max())
        if not WINDOW_RUN_LENGTH[0] <= hi - lo <= WINDOW_RUN_LENGTH[1]:
            continue
        span = LineString([tuple(origin + u * lo + normal * middle), tuple(origin + u * hi + normal * middle)])
        candidates.append((span, members, longest, normal))
    if not candidates:
        return []
    # A frame's short sides form runs of their own across the long ones: drop a run
    # whose middle lies on a longer run.
    spans = np.array([c[0] for c in candidates], dtype=object)
    lengths = shapely.length(spans)
    zones = shapely.buffer(spans, WINDOW_RUN_SPACING, cap_style="flat")
    middles = shapely.line_interpolate_point(spans, 0.5, normalized=True)
    m, z = shapely.STRtree(zones).query(middles, predicate="within")
    shorter = (lengths[m] < lengths[z]) | ((lengths[m] == lengths[z]) & (z < m))
    dropped = set(m[shorter].tolist())
    kept = [k for k in range(len(candidates)) if k not in dropped]
    stretches = _glazed_stretches([candidates[k][0] for k in kept], walls)
    found: list[Found] = []
    for k, stretch in zip(kept, stretches):
        span, members, longest, normal = candidates[k]
        s = int(mine[longest])
        layer = loose.layer[s]
        layer_how = how_for_layer(layer) or ("layer-name", 1.0)
        found.append(
            Found(
                OpeningKind.WINDOW,
                span,
                (float(normal[0]), float(normal[1])),
                loose.handle[s],
                layer,
                loose.block[s] or "",
                layer_how[0],
                round(min(CONFIDENCE["window run on layer"], layer_how[1]), 2),
                msg("recognition.window-layer-run", width=Number(span.length, ".2f")),
                loose.path[s],
                stretch,
            )
        )
    return found


def _glazed_stretches(spans: list, walls: Segments) -> list:
    """For each pane found on a window layer, the whole stretch of wall its glazing
    closes, or None when that is the pane itself.

    A glass front is drawn pane by pane with mullions between them, and its glass stops
    at the frame a few centimetres short of the wall. Each pane is a window, but for
    the footprint and the rooms the front is closed whole: panes in line with a mullion
    between them are one stretch, and a stretch ending just short of a wall reaches it.
    """
    if not spans:
        return []
    array = np.array(spans, dtype=object)
    start = shapely.get_coordinates(shapely.get_point(array, 0))
    end = shapely.get_coordinates(shapely.get_point(array, -1))
    length = np.maximum(np.hypot(*(end - start).T), 1e-9)
    unit = (end - start) / length[:, None]
    i, j = shapely.STRtree(array).query(array, predicate="dwithin", distance=MULLION_MAX)
    keep = i < j
    i, j = i[keep], j[keep]
    in_line = np.abs(unit[i, 0] * unit[j, 1] - unit[i, 1] * unit[j, 0]) <= 1 - PARALLEL_COS
    middle_j = (start[j] + end[j]) / 2 - start[i]
    in_line &= np.abs(unit[i, 0] * middle_j[:, 1] - unit[i, 1] * middle_j[:, 0]) <= IN_LINE
    parent = list(range(len(spans)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in zip(i[in_line].tolist(), j[in_line].tolist()):
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for k in range(len(spans)):
        groups.setdefault(root(k), []).append(k)
    wall_tree = shapely.STRtree(walls.lines()) if len(walls) else None
    result: list = [None] * len(spans)
    for members in groups.values():
        longest = max(members, key=lambda k: length[k])
        u, origin = unit[longest], start[longest]
        normal = np.array([-u[1], u[0]])
        points = np.concatenate([start[members], end[members]]) - origin
        along = points @ u
        offset = float(np.mean(points @ normal))
        lo, hi = float(along.min()), float(along.max())
        if wall_tree is not None:
            lo, hi = (
                _to_wall(origin, u, normal, offset, lo, -1, wall_tree),
                _to_wall(origin, u, normal, offset, hi, 1, wall_tree),
            )
        if len(members) == 1 and hi - lo <= length[longest] + 1e-6:
            continue
        stretch = LineString([tuple(origin + u * lo + normal * offset), tuple(origin + u * hi + normal * offset)])
        for k in members:
            result[k] = stretch
    return result


def _to_wall(origin, u, normal, offset: float, at: float, direction: int, wall_tree) -> float:
    """``at`` moved on along ``u`` (by ``direction``) to a wall just past it, if any."""
    point = shapely.points(origin + u * at + normal * offset)
    near = wall_tree.query(point, predicate="dwithin", distance=FRAME_REACH)
    if not len(near):
        return at
    ahead = []
    for line in wall_tree.geometries.take(near):
        # Where the wall crosses the stretch's line, or its nearest point to the end.
        nearest = shapely.get_coordinates(shapely.shortest_line(point, line))[1] - origin
        step = float(nearest @ u) - at
        if 0 <= step * direction <= FRAME_REACH:
            ahead.append(step * direction)
    return at + direction * min(ahead) if ahead else at


# --------------------------------------------------------------------- duplicates


def _without_duplicates(found: list[Found]) -> list[Found]:
    """One opening per place: the most confident of those whose spans' middles meet."""
    if len(found) < 2:
        return found
    middles = _middles(found)
    i, j = shapely.STRtree(middles).query(middles, predicate="dwithin", distance=SAME_OPENING)
    order = sorted(range(len(found)), key=lambda k: -found[k].confidence)
    rank = {k: n for n, k in enumerate(order)}
    dropped = set()
    for a, b in zip(i.tolist(), j.tolist()):
        if a != b:
            dropped.add(a if rank[a] > rank[b] else b)
    return [f for k, f in enumerate(found) if k not in dropped]


def _not_known(found: list[Found], known_spans: list) -> list[Found]:
    """Drop what is already an opening read from a block on a door or window layer."""
    if not found or not known_spans:
        return found
    middles = _middles(found)
    hit, _ = shapely.STRtree(np.array(known_spans, dtype=object)).query(
        middles, predicate="dwithin", distance=SAME_OPENING
    )
    known = set(hit.tolist())
    return [f for k, f in enumerate(found) if k not in known]


def _middles(found: list[Found]) -> np.ndarray:
    spans = np.array([f.span for f in found], dtype=object)
    return shapely.line_interpolate_point(spans, 0.5, normalized=True)


def used_zones(spans: list) -> np.ndarray:
    """The area each opening accounts for: its span widened by its width (a door's
    swing, a window's lines), so linework there is not reported as stray."""
    array = np.array(spans, dtype=object)
    return shapely.buffer(array, np.maximum(shapely.length(array), 0.3))

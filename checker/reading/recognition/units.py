"""Evidence for a drawing's unit, taken from the drawing itself.

A header's ``$INSUNITS`` is often missing, unitless (0) or a template default that
nobody changed (inches in a metric office). The drawing's own sizes say which unit
it is in: door leaves are 0.5 to 1.3 m wide, walls 7 to 60 cm thick, rooms 2 to
80 m², a building 4 to 250 m long. Each kind of evidence is measured here in
drawing units; ``weigh`` then scores each candidate unit by the share of each
kind's measurements that fall in the kind's plausible range in metres under that
unit, and says whether the best unit is clearly better than the others.

Measuring is linear in the drawing's size: wall thicknesses come from pairs of
parallel wall segments found with one STRtree query over at most
``MAX_WALL_SEGMENTS`` of the longest segments.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon

from ...geoarrays import point_array, line_array
from ..dxf.extract import Extraction
from ..layers import Role
from ..units import PLAUSIBLE_BUILDING_LENGTH, UNITS, Unit
from .openings import is_not_door_name


@dataclass(frozen=True)
class Kind:
    """One kind of evidence: what is measured, and what is plausible for it in metres."""

    name: str  # doors, openings, walls, rooms, texts, extent
    plausible: tuple[float, float]  # in metres, or square metres when ``power`` is 2
    power: int  # 1 for lengths, 2 for areas
    weight: float  # how much one kind counts in a unit's score
    min_count: int  # fewer measurements than this say nothing
    strong: bool  # counts towards a conclusive inference (text heights do not)


DOORS = Kind("doors", (0.5, 1.3), 1, 1.0, 3, True)  # swing-arc radii: a door leaf's width
OPENINGS = Kind("openings", (0.4, 3.0), 1, 1.0, 3, True)  # door and window block spans, jamb to jamb
WALLS = Kind("walls", (0.07, 0.6), 1, 1.0, 4, True)  # distance between a wall's two faces
ROOMS = Kind("rooms", (2.0, 80.0), 2, 1.0, 3, True)  # areas of closed outlines on space layers
# Model-space text is 2.5 mm on paper times the plot scale (1:50 to 1:200), so
# 0.1 to 0.5 m; notes and titles stray further, hence weak evidence only.
TEXTS = Kind("texts", (0.08, 1.0), 1, 0.25, 5, False)
EXTENT = Kind("extent", PLAUSIBLE_BUILDING_LENGTH, 1, 0.5, 1, False)  # the building's longest side
KINDS = (DOORS, OPENINGS, WALLS, ROOMS, TEXTS, EXTENT)
# Minimum counts: a plan with one or two doors says too little to overrule a
# header or to be measured without a declared unit; a real floor has more.

# The units a drawing is inferred to be in (yards are declared, never inferred).
CANDIDATES: tuple[Unit, ...] = tuple(u for u in UNITS if u.name in ("mm", "cm", "m", "in", "ft", "dm"))
# A swing arc is a door's when it sweeps about a quarter turn.
DOOR_SWEEP_DEG = (80.0, 100.0)
# ... and is drawn with its leaf: a line from the hinge within this share of the
# radius, as long as the radius give or take this share.
LEAF_HINGE_SHARE = 0.1
LEAF_LENGTH_SHARE = 0.15
# A kind supports a unit when at least this share of its measurements is plausible
# under it, and nearly as many as under the unit that explains the kind best (real
# drawings carry noise: fillets, furniture, hatch lines on wall layers).
SUPPORT_SHARE = 0.3
SUPPORT_OF_BEST = 0.8
# Conclusive: at least this many strong kinds support the best unit, and its score
# beats the runner-up's by at least this much (one kind's weight is 1).
MIN_STRONG_KINDS = 2
MIN_MARGIN = 0.75
# Wall faces: parallel within this angle, searched within this share of the building's length.
PARALLEL_SIN = math.sin(math.radians(3.0))
WALL_SEARCH_SHARE = 0.06
MAX_WALL_SEGMENTS = 4000


@dataclass(frozen=True)
class Measurements:
    """One kind's measurements, in drawing units (square units for areas)."""

    kind: Kind
    values: tuple[float, ...]
    weights: tuple[float, ...] | None = None  # wall faces count by their length; None counts each once

    def in_metres(self, unit: Unit) -> np.ndarray:
        return np.asarray(self.values, dtype=float) * unit.metres**self.kind.power

    def plausible_share(self, unit: Unit) -> float:
        metres = self.in_metres(unit)
        low, high = self.kind.plausible
        if not len(metres):
            return 0.0
        plausible = (metres >= low * (1 - 1e-9)) & (metres <= high * (1 + 1e-9))
        return float(np.average(plausible, weights=self.weights))

    def plausible_values(self, unit: Unit) -> np.ndarray:
        metres = self.in_metres(unit)
        low, high = self.kind.plausible
        return metres[(metres >= low * (1 - 1e-9)) & (metres <= high * (1 + 1e-9))]


@dataclass(frozen=True)
class Support:
    """What one kind of evidence says under one unit, for messages and the JSON."""

    kind: str
    count: int  # measurements taken
    plausible: int  # of which plausible under the unit
    low_m: float | None  # the plausible ones' range, metres (m² for rooms)
    high_m: float | None

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "count": self.count,
            "plausible": self.plausible,
            "range": None
            if self.low_m is None or self.high_m is None  # both or neither
            else [round(self.low_m, 3), round(self.high_m, 3)],
        }


@dataclass(frozen=True)
class Inference:
    """Scores per candidate unit and, when the evidence is clear, the unit it points to."""

    scores: dict[str, float]  # unit name -> score
    strong_kinds: dict[str, int]  # unit name -> strong kinds supporting it
    best: Unit | None
    conclusive: bool
    measurements: tuple[Measurements, ...]

    def supports(self, unit: Unit) -> tuple[Support, ...]:
        """The kinds that support ``unit``, with their plausible ranges."""
        found = []
        for m in self.measurements:
            if not _supports(m, unit):
                continue
            values = m.plausible_values(unit)
            found.append(Support(m.kind.name, len(m.values), len(values), float(values.min()), float(values.max())))
        return tuple(found)

    def is_supported(self, unit: Unit) -> bool:
        """True when at least one strong kind says the unit is plausible."""
        return self.strong_kinds.get(unit.name, 0) > 0


def measure(raw: Extraction, building_length: float | None) -> tuple[Measurements, ...]:
    """Every kind of evidence the extraction holds, in drawing units."""
    doors = door_leaf_radii(raw)
    spans = [math.dist(o.start, o.end) for o in raw.openings]
    rooms = [s.geometry.area for s in raw.shapes if s.role is Role.SPACES and isinstance(s.geometry, Polygon)]
    texts = [t.height for t in raw.texts if t.height > 0]
    walls, faces = wall_thicknesses(
        [s.geometry for s in raw.shapes if s.role is Role.WALLS]
        + [h.geometry for h in raw.hatches if h.role is Role.WALLS],
        building_length,
    )
    extent = [building_length] if building_length else []
    found = zip(KINDS, (doors, spans, walls, rooms, texts, extent))
    return tuple(
        Measurements(kind, tuple(float(v) for v in values), tuple(faces) if kind is WALLS else None)
        for kind, values in found
        if values
    )


def door_leaf_radii(raw: Extraction) -> list[float]:
    """Radii of door swings, found without knowing the unit: quarter-turn arcs drawn with
    their leaf (a line, or a thin rectangle's side, from the arc's centre, the hinge, as
    long as the radius), and quarter-turn arcs in blocks without attributes whose names
    do not say furniture, fittings or stairs (a door symbol is a block of its own;
    recognition then finds it by shape). Fillets and rounded corners sweep a quarter
    turn too, but have no leaf and are drawn loose."""
    quarter = [
        a
        for a in raw.arcs
        if DOOR_SWEEP_DEG[0] <= a.sweep_deg <= DOOR_SWEEP_DEG[1]
        and not is_not_door_name(a.layer)
        and not is_not_door_name(a.block)
    ]
    # A door symbol's block holds one swing (two for a double door); a block holding more
    # is a whole plan inserted as one block, whose arcs need their leaves like any other.
    per_block = Counter((a.handle, a.block) for a in quarter if a.block is not None)
    symbol = [a.block is not None and per_block[(a.handle, a.block)] <= 2 for a in quarter]
    in_blocks = [a.radius for a, is_symbol in zip(quarter, symbol) if is_symbol]
    quarter = [a for a, is_symbol in zip(quarter, symbol) if not is_symbol]
    lines = [s.geometry for s in raw.loose if isinstance(s.geometry, (LineString, Polygon))]
    lines += [s.geometry for s in raw.shapes if s.role is Role.DOORS and isinstance(s.geometry, (LineString, Polygon))]
    if not quarter or not lines:
        return in_blocks
    segments = _segments(lines)
    if segments is None:
        return in_blocks
    ends = np.concatenate([segments[:, 0], segments[:, 1]])
    owner = np.concatenate([np.arange(len(segments))] * 2)
    lengths = np.hypot(*(segments[:, 1] - segments[:, 0]).T)
    centres = shapely.points([a.center for a in quarter])
    radii = np.array([a.radius for a in quarter])
    arc_index, end_index = shapely.STRtree(point_array(ends)).query(
        centres, predicate="dwithin", distance=radii * LEAF_HINGE_SHARE
    )
    ratio = lengths[owner[end_index]] / radii[arc_index]
    leafed = np.unique(arc_index[(ratio >= 1 - LEAF_LENGTH_SHARE) & (ratio <= 1 + LEAF_LENGTH_SHARE)])
    return in_blocks + radii[leafed].tolist()


def _segments(geometries: list) -> np.ndarray | None:
    """Every straight piece of lines and outlines (rings of polygons), as an (n, 2, 2) array."""
    if not geometries:
        return None
    array = np.empty(len(geometries), dtype=object)
    array[:] = geometries
    kinds = shapely.get_type_id(array)
    if np.isin(kinds, (1, 2, 3)).all():  # lines, rings and polygons: in a few array calls
        return _segments_of_lines(array, kinds == 3)
    coords = []
    for geometry in geometries:
        rings = [geometry.exterior, *geometry.interiors] if isinstance(geometry, Polygon) else [geometry]
        for ring in rings:
            points = np.asarray(ring.coords)[:, :2]
            if len(points) >= 2:
                coords.append(np.stack([points[:-1], points[1:]], axis=1))
    if not coords:
        return None
    segments = np.concatenate(coords)
    keep = np.hypot(*(segments[:, 1] - segments[:, 0]).T) > 0
    return segments[keep] if keep.any() else None


def _segments_of_lines(array: np.ndarray, polygon: np.ndarray) -> np.ndarray | None:
    """``_segments`` of lines and polygons, in the same order (each geometry's rings in
    turn, exterior first), without a Python step per geometry."""
    rings, ring_owner = shapely.get_rings(array[polygon], return_index=True)
    parts = np.concatenate([rings, array[~polygon]])
    owner = np.concatenate([np.flatnonzero(polygon)[ring_owner], np.flatnonzero(~polygon)])
    parts = parts[np.argsort(owner, kind="stable")]
    coords, part = shapely.get_coordinates(parts, return_index=True)
    same = part[1:] == part[:-1]
    segments = np.stack([coords[:-1][same], coords[1:][same]], axis=1)
    keep = np.hypot(*(segments[:, 1] - segments[:, 0]).T) > 0
    return segments[keep] if keep.any() else None


def wall_thicknesses(geometries: list, building_length: float | None) -> tuple[list[float], list[float]]:
    """Distances between parallel, overlapping wall faces: one per segment, its nearest
    partner; and the segments' lengths, so that long faces count more than the short
    ones of columns, fillets and jambs.

    Segments come from wall lines and from the outlines of closed walls and wall
    hatches. A segment's partner is the nearest other segment that runs parallel to
    it, beside it (the midpoint projects onto the partner) and not on the same line.
    """
    if not geometries or not building_length:
        return [], []
    segments = _segments(geometries)
    if segments is None:
        return [], []
    vectors = segments[:, 1] - segments[:, 0]
    lengths = np.hypot(vectors[:, 0], vectors[:, 1])
    if len(segments) > MAX_WALL_SEGMENTS:  # the longest faces say the most; bound the work
        order = np.argsort(-lengths)[:MAX_WALL_SEGMENTS]
        segments, vectors, lengths = segments[order], vectors[order], lengths[order]
    if len(segments) < 2:
        return [], []
    directions = vectors / lengths[:, None]
    lines = line_array(segments)
    search = building_length * WALL_SEARCH_SHARE
    tree = shapely.STRtree(lines)
    # Most faces have their partner close by: look near first, and further only for the
    # rest. A partner found at a gap g is the nearest of all when g is well inside the
    # near search (any nearer partner lies within g of the segment, so it was searched).
    near = search / 8
    everyone = np.arange(len(segments))
    nearest = _face_gaps(tree, lines, segments, directions, lengths, everyone, near, search)
    farther = np.flatnonzero(~(nearest <= near / 2))
    if len(farther):
        nearest[farther] = _face_gaps(tree, lines, segments, directions, lengths, farther, search, search)
    found = np.isfinite(nearest)
    if not found.any():
        return [], []
    return nearest[found].tolist(), lengths[found].tolist()


def _face_gaps(
    tree,
    lines: np.ndarray,
    segments: np.ndarray,
    directions: np.ndarray,
    lengths: np.ndarray,
    rows: np.ndarray,
    distance: float,
    search: float,
) -> np.ndarray:
    """For the segments ``rows``: the gap to the nearest other face within ``distance``
    that runs parallel to it and beside it, not on its line; inf where there is none."""
    left, right = tree.query(lines[rows], predicate="dwithin", distance=distance)
    left = rows[left]
    pair = left != right
    left, right = left[pair], right[pair]
    parallel = np.abs(_cross(directions[left], directions[right])) < PARALLEL_SIN
    left, right = left[parallel], right[parallel]
    middles = segments[left].mean(axis=1)
    offset = middles - segments[right, 0]
    along = np.einsum("ij,ij->i", offset, directions[right])
    beside = (along >= 0) & (along <= lengths[right])
    gap = np.abs(_cross(directions[right], offset))
    apart = gap > search * 1e-3  # collinear pieces of one face are not two faces
    chosen = beside & apart
    nearest = np.full(len(segments), np.inf)
    np.minimum.at(nearest, left[chosen], gap[chosen])
    return nearest[rows]


def _supports(m: Measurements, unit: Unit) -> bool:
    """Enough of this kind's measurements are plausible under ``unit``, and about as many as under any unit."""
    if len(m.values) < m.kind.min_count:
        return False
    share = m.plausible_share(unit)
    best = max(m.plausible_share(u) for u in CANDIDATES)
    return share >= SUPPORT_SHARE and share >= SUPPORT_OF_BEST * best


def _cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The z of the cross product of rows of 2-d vectors."""
    return a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]


def weigh(measurements: tuple[Measurements, ...]) -> Inference:
    """Score each candidate unit; the best is conclusive when clearly better.

    A unit under which the building's extent is implausible is out, whatever the
    rest says -- except that a drawing smaller than a building (one room, a wall with
    its doors) may be measured in a unit that at least two strong kinds support. A
    kind with fewer than its minimum count of measurements is not counted (one door
    proves little).
    """
    scores: dict[str, float] = {}
    strong: dict[str, int] = {}
    extent = next((m for m in measurements if m.kind is EXTENT), None)
    for unit in CANDIDATES:
        score, kinds = 0.0, 0
        for m in measurements:
            if len(m.values) < m.kind.min_count:
                continue
            score += m.kind.weight * m.plausible_share(unit)
            if m.kind.strong and _supports(m, unit):
                kinds += 1
        if extent is not None and extent.plausible_share(unit) < 1.0:
            too_small = bool(len(extent.values)) and float(extent.in_metres(unit).max()) < extent.kind.plausible[0]
            if not (too_small and kinds >= MIN_STRONG_KINDS):
                continue
        scores[unit.name] = score
        strong[unit.name] = kinds
    ranked = sorted(scores, key=lambda name: -scores[name])
    best = next((u for u in CANDIDATES if ranked and u.name == ranked[0]), None)
    conclusive = False
    if best is not None:
        runner_up = scores[ranked[1]] if len(ranked) > 1 else 0.0
        conclusive = strong[best.name] >= MIN_STRONG_KINDS and scores[best.name] - runner_up >= MIN_MARGIN
    return Inference(scores, strong, best, conclusive, measurements)


def infer(raw: Extraction, building_length: float | None) -> Inference:
    """What the drawing's own sizes say about its unit."""
    return weigh(measure(raw, building_length))

"""Walls as architects draw them, how thick they are, and the gaps openings leave in them.

Walls arrive on wall layers as single lines, double lines (the two faces), closed or
open polylines, or hatches (solid or patterned). Each entity is one Wall element; a
hatch inside a double-line wall overlaps it, which the footprint's union absorbs.

Recognising doors and windows from plain geometry needs the places where a wall is
interrupted: two wall lines ending in line, facing each other across 0.4-4 m with
nothing between them. On a double-line or hatched wall each face shows such a gap;
the faces' gaps are merged into one, whose spread across the wall is the wall's
thickness there. A window drawn on the walls' own layer (three or four lines across the
wall, or two lines on its faces) would close its gap as wall: ``window_faces`` tells its
lines apart so that they are read as the window. Everything is in metres and vectorised
(STRtree queries and numpy over segment arrays): no loop runs over pairs of elements.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Polygon

from ...geoarrays import line_array, pairs_in_pieces, point_array

# Tolerances in metres, with why.
GAP_MIN = 0.4  # narrower breaks are wall joints and partitions meeting a wall
GAP_MAX = 4.0  # wider breaks are passages or missing walls, not one opening
IN_LINE = 0.03  # two wall ends this far off each other's line still face each other
FACING_COS = -0.985  # wall ends facing each other within about 10 degrees
THICKNESS_MIN = 0.05  # thinner "walls" are drawing lines, not wall faces
THICKNESS_MAX = 0.8  # thicker parallel lines are two walls, not one
DOUBLE_LINE_MIN = 0.07  # two parallel wall lines this far apart are one wall's faces
DOUBLE_LINE_MAX = 0.6
PARALLEL_SIN = 0.02  # about 1 degree
MIN_OVERLAP = 0.3  # faces must run side by side this long to count as one wall

# Wall ends probed at once: each probe is a line made in GEOS, and a large plan has
# millions of ends; made a batch at a time, they never all exist together.
PROBES_AT_ONCE = 1 << 16
PLACES_AT_ONCE = 1 << 15  # places where wall ends lie, in one tree at a time (near ones together)
GEOMETRIES_AT_ONCE = 1 << 16  # geometries whose outlines are made in GEOS at a time (segments_of)


@dataclass(frozen=True)
class Segments:
    """Straight pieces of linework: ``start``/``end`` (n x 2) and ``owner``, the index
    of the geometry each came from."""

    start: np.ndarray
    end: np.ndarray
    owner: np.ndarray

    def __len__(self) -> int:
        return len(self.owner)

    @property
    def vector(self) -> np.ndarray:
        return self.end - self.start

    @property
    def length(self) -> np.ndarray:
        return np.hypot(*self.vector.T) if len(self) else np.zeros(0)

    def lines(self) -> np.ndarray:
        return line_array(np.stack([self.start, self.end], axis=1)) if len(self) else np.empty(0, dtype=object)


def segments_of(geometries: list) -> Segments:
    """Every straight segment of the given lines and polygon outlines, in order.

    The outlines are made in GEOS GEOMETRIES_AT_ONCE at a time: all of a large plan's at
    once (214k walls and room outlines on the 500k-entity plan) held 130 MB."""
    if not geometries:
        empty = np.zeros((0, 2))
        return Segments(empty, empty, np.zeros(0, dtype=int))
    array = np.empty(len(geometries), dtype=object)
    array[:] = geometries
    starts, ends, owners = [], [], []
    for first in range(0, len(array), GEOMETRIES_AT_ONCE):
        batch = array[first : first + GEOMETRIES_AT_ONCE]
        batch = np.where(shapely.get_type_id(batch) == 3, shapely.boundary(batch), batch)
        parts, owner = shapely.get_parts(batch, return_index=True)
        coords, part = shapely.get_coordinates(parts, return_index=True)
        same = part[1:] == part[:-1]
        start, end = coords[:-1][same], coords[1:][same]
        keep = np.hypot(*(end - start).T) > 1e-9
        starts.append(start[keep])
        ends.append(end[keep])
        owners.append(owner[part[:-1][same]][keep] + first)
    return Segments(np.concatenate(starts), np.concatenate(ends), np.concatenate(owners))


@dataclass(frozen=True)
class Gaps:
    """Openings' places in the walls: jamb ``a`` to jamb ``b`` on the wall's centre line
    (n x 2 each), and ``thickness`` across the wall (0 where the wall is one line)."""

    a: np.ndarray
    b: np.ndarray
    thickness: np.ndarray

    def __len__(self) -> int:
        return len(self.thickness)

    @property
    def width(self) -> np.ndarray:
        return np.hypot(*(self.b - self.a).T) if len(self) else np.zeros(0)

    @property
    def along(self) -> np.ndarray:
        return (self.b - self.a) / self.width[:, None] if len(self) else np.zeros((0, 2))

    def lines(self) -> np.ndarray:
        return line_array(np.stack([self.a, self.b], axis=1)) if len(self) else np.empty(0, dtype=object)


def thickness_of_polygons(polygons: list) -> np.ndarray:
    """Each polygon's width as a long rectangle of the same area and perimeter
    (area = L t, perimeter = 2 (L + t)); NaN where the shape is no wall strip."""
    if not polygons:
        return np.zeros(0)
    array = np.array(polygons, dtype=object)
    area, half = shapely.area(array), shapely.length(array) / 2
    root = np.sqrt(np.clip(half**2 - 4 * area, 0, None))
    thickness = (half - root) / 2
    long_side = half - thickness
    strip = (thickness >= THICKNESS_MIN) & (thickness <= THICKNESS_MAX) & (long_side >= 3 * thickness)
    return np.where(strip, thickness, np.nan)


def double_line_thickness(segments: Segments) -> np.ndarray:
    """For each segment, the distance to the nearest parallel wall line running beside
    it 0.07-0.6 m away (the wall's other face); NaN where there is none."""
    result = np.full(len(segments), np.nan)
    if len(segments) < 2:
        return result
    lines = segments.lines()
    i, j = shapely.STRtree(lines).query(lines, predicate="dwithin", distance=DOUBLE_LINE_MAX)
    keep = i < j
    i, j = i[keep], j[keep]
    if not len(i):
        return result
    length = segments.length
    unit = segments.vector / length[:, None]
    cross = np.abs(unit[i, 0] * unit[j, 1] - unit[i, 1] * unit[j, 0])
    offset = segments.start[j] - segments.start[i]
    distance = np.abs(unit[i, 0] * offset[:, 1] - unit[i, 1] * offset[:, 0])
    # Overlap along segment i's direction.
    s0 = np.einsum("ij,ij->i", segments.start[j] - segments.start[i], unit[i])
    s1 = np.einsum("ij,ij->i", segments.end[j] - segments.start[i], unit[i])
    overlap = np.minimum(np.maximum(s0, s1), length[i]) - np.maximum(np.minimum(s0, s1), 0)
    good = (cross <= PARALLEL_SIN) & (distance >= DOUBLE_LINE_MIN) & (distance <= DOUBLE_LINE_MAX)
    good &= overlap >= np.minimum(MIN_OVERLAP, 0.5 * np.minimum(length[i], length[j]))
    i, j, distance = i[good], j[good], distance[good]
    for a in (i, j):  # each pair from both ends
        np.fmin.at(result, a, distance)
    return result


def typical_thickness(wall_geometries: list, hatches: list | None = None) -> float | None:
    """The walls' typical thickness in metres (length-weighted median over double lines
    and wall strips), or None when every wall is drawn as one line."""
    values, weights = [], []
    segments = segments_of(wall_geometries)
    doubles = double_line_thickness(segments)
    found = ~np.isnan(doubles)
    values.append(doubles[found])
    weights.append(segments.length[found])
    strips = [g for g in list(wall_geometries) + list(hatches or []) if isinstance(g, Polygon)]
    widths = thickness_of_polygons(strips)
    found = ~np.isnan(widths)
    values.append(widths[found])
    weights.append(shapely.length(np.array(strips, dtype=object))[found] / 2 if strips else np.zeros(0))
    value, weight = np.concatenate(values), np.concatenate(weights)
    if not len(value):
        return None
    order = np.argsort(value)
    cumulative = np.cumsum(weight[order])
    return float(value[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def find_gaps(segments: Segments) -> Gaps:
    """Where wall lines end facing each other in line across 0.4-4 m with nothing between.

    Each segment has two ends, each looking away from the segment; a gap is two ends
    looking at each other along one line. The two faces of a double-line wall give two
    such face gaps side by side, merged into one gap on the centre line.
    """
    empty = Gaps(np.zeros((0, 2)), np.zeros((0, 2)), np.zeros(0))
    if len(segments) < 2:
        return empty
    unit = segments.vector / segments.length[:, None]
    points = np.concatenate([segments.start, segments.end])
    looks = np.concatenate([-unit, unit])  # the start looks backwards, the end forwards
    i, j = _ends_ahead(points, looks)
    if not len(i):
        return empty
    facing = np.einsum("ij,ij->i", looks[i], looks[j]) <= FACING_COS
    offset = points[j] - points[i]
    ahead = np.einsum("ij,ij->i", offset, looks[i])
    across = np.abs(looks[i, 0] * offset[:, 1] - looks[i, 1] * offset[:, 0])
    good = facing & (i < j) & (ahead >= GAP_MIN) & (ahead <= GAP_MAX) & (across <= IN_LINE)
    i, j, ahead = i[good], j[good], ahead[good]
    # Nothing of the wall between the two ends (a pier between two windows, a crossing wall).
    if len(i):
        direction = (points[j] - points[i]) / ahead[:, None]
        inner = line_array(np.stack([points[i] + direction * 0.01, points[j] - direction * 0.01], axis=1))
        clear = np.ones(len(i), dtype=bool)
        clear[_crossed(shapely.STRtree(inner), segments)] = False
        i, j, ahead = i[clear], j[clear], ahead[clear]
    # Each end faces at most one other: the nearest.
    order = np.argsort(ahead, kind="stable")
    used = np.zeros(len(points), dtype=bool)
    pairs = []
    for k in order.tolist():
        a, b = int(i[k]), int(j[k])
        if not used[a] and not used[b]:
            used[a] = used[b] = True
            pairs.append((a, b))
    if not pairs:
        return empty
    pair = np.array(pairs)
    return _merge_faces(points[pair[:, 0]], points[pair[:, 1]])


def _ends_ahead(points: np.ndarray, looks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i, j): end j lies within IN_LINE of the line GAP_MIN to GAP_MAX ahead of end i,
    sorted by i, then j.

    The tree holds each place where ends lie once: most ends are shared by two segments (a
    polyline's vertex, a corner), and a tree of a large plan's wall ends (over a million on
    the 500k-entity plan) took 300 MB."""
    # The places, each once: the ends sorted by place (stably), a run of equal points each.
    ends_by_place = np.lexsort((points[:, 1], points[:, 0]))
    in_order = points[ends_by_place]
    new_place = np.ones(len(points), dtype=bool)
    new_place[1:] = (in_order[1:] != in_order[:-1]).any(axis=1)
    places = in_order[new_place]
    first_end = np.flatnonzero(new_place)
    ends_at = np.diff(np.append(first_end, len(points)))

    def probes(some: np.ndarray):
        """The line GAP_MIN to GAP_MAX ahead of each of ``some`` ends."""
        start, look = points[some], looks[some]
        return line_array(np.stack([start + look * GAP_MIN, start + look * GAP_MAX], axis=1))

    found = list(  # a probe reaches GAP_MAX from its end's point (1 % more: a unit vector's rounding)
        pairs_in_pieces(
            (places, places),
            lambda some: point_array(places[some]),
            (points, points),
            probes,
            targets_at_once=PLACES_AT_ONCE,
            probes_at_once=PROBES_AT_ONCE,
            within=IN_LINE,
            reach=GAP_MAX * 1.01,
        )
    )
    i = np.concatenate([np.zeros(0, dtype=np.intp)] + [probe for probe, _ in found])
    place = np.concatenate([np.zeros(0, dtype=np.intp)] + [target for _, target in found])
    del found
    # Every end at each place found: that place's run of ends.
    repeat = ends_at[place]
    i = np.repeat(i, repeat)
    nth = np.arange(len(i)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    j = ends_by_place[np.repeat(first_end[place], repeat) + nth]
    order = np.lexsort((j, i))
    return i[order], j[order]


def _crossed(tree: shapely.STRtree, segments: Segments) -> np.ndarray:
    """Indices of the tree's lines that some segment intersects. The segments are made
    lines PROBES_AT_ONCE at a time: all of a large plan's at once took 140 MB."""
    crossed = [np.zeros(0, dtype=np.intp)]
    for first in range(0, len(segments), PROBES_AT_ONCE):
        lines = line_array(
            np.stack(
                [segments.start[first : first + PROBES_AT_ONCE], segments.end[first : first + PROBES_AT_ONCE]], axis=1
            )
        )
        crossed.append(tree.query(lines, predicate="intersects")[1])
    return np.unique(np.concatenate(crossed))


def _merge_faces(a: np.ndarray, b: np.ndarray) -> Gaps:
    """Face gaps side by side (one wall's faces, or a hatch over a double line) become one."""
    lines = line_array(np.stack([a, b], axis=1))
    i, j = shapely.STRtree(lines).query(lines, predicate="dwithin", distance=THICKNESS_MAX)
    width = np.hypot(*(b - a).T)
    along = (b - a) / width[:, None]
    keep = i < j
    i, j = i[keep], j[keep]
    cross = np.abs(along[i, 0] * along[j, 1] - along[i, 1] * along[j, 0])
    s0 = np.einsum("ij,ij->i", a[j] - a[i], along[i])
    s1 = np.einsum("ij,ij->i", b[j] - a[i], along[i])
    overlap = np.minimum(np.maximum(s0, s1), width[i]) - np.maximum(np.minimum(s0, s1), 0)
    same = (cross <= 0.05) & (overlap >= 0.6 * np.minimum(width[i], width[j]))
    parent = list(range(len(a)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for x, y in zip(i[same].tolist(), j[same].tolist()):
        parent[root(x)] = root(y)
    n = len(a)
    label = np.array([root(k) for k in range(n)])
    first = np.full(n, n)
    np.minimum.at(first, label, np.arange(n))
    # Orient every member like its group's first gap, then take the clear opening
    # between the members (the narrowest along) on the middle line (across).
    f = first[label]
    u, origin = along[f], a[f]
    normal = np.stack([-u[:, 1], u[:, 0]], axis=1)
    forward = np.einsum("ij,ij->i", b - a, u) > 0
    p, q = np.where(forward[:, None], a, b), np.where(forward[:, None], b, a)
    start = np.einsum("ij,ij->i", p - origin, u)
    end = np.einsum("ij,ij->i", q - origin, u)
    offset = np.einsum("ij,ij->i", (p + q) / 2 - origin, normal)
    lo, hi = np.full(n, -np.inf), np.full(n, np.inf)
    low_off, high_off = np.full(n, np.inf), np.full(n, -np.inf)
    np.maximum.at(lo, label, start)
    np.minimum.at(hi, label, end)
    np.minimum.at(low_off, label, offset)
    np.maximum.at(high_off, label, offset)
    groups = np.unique(label)
    groups = groups[np.argsort(first[groups], kind="stable")]  # in drawing order
    groups = groups[hi[groups] - lo[groups] >= GAP_MIN]
    if not len(groups):
        return Gaps(np.zeros((0, 2)), np.zeros((0, 2)), np.zeros(0))
    g_first = first[groups]
    g_u, g_origin = along[g_first], a[g_first]
    g_normal = np.stack([-g_u[:, 1], g_u[:, 0]], axis=1)
    middle = (low_off[groups] + high_off[groups]) / 2
    out_a = g_origin + g_u * lo[groups][:, None] + g_normal * middle[:, None]
    out_b = g_origin + g_u * hi[groups][:, None] + g_normal * middle[:, None]
    return Gaps(out_a, out_b, high_off[groups] - low_off[groups])


# A window drawn as three or four lines across a wall drawn as double lines on a layer of
# no role: its outer lines lie on the wall's faces and are taken for wall, closing the gap.
WINDOW_FACE_EXTENT = 0.03  # m: the face lines start and end where the middle line does
WINDOW_FACE_OFFSET = (0.02, 0.31)  # m: each face this far from the middle line, on either side
WINDOW_LENGTH = (GAP_MIN, GAP_MAX)


def window_faces(walls: Segments, middles: Segments) -> np.ndarray:
    """Which wall segments are the outer lines of a window: for a line between the two
    faces of a wall (a window's middle glass line), the two wall segments beside it, one on
    each side at the same distance, that start and end where it does. A wall face runs on
    past the opening; a window's face lines stop at its jambs. Windows drawn as two lines
    on the faces alone are found by ``flush_window_faces``."""
    glazed = flush_window_faces(walls)
    if not len(walls) or not len(middles):
        return glazed
    length = middles.length
    short = np.flatnonzero((length >= WINDOW_LENGTH[0]) & (length <= WINDOW_LENGTH[1]))
    if not len(short):
        return glazed
    m, w = shapely.STRtree(walls.lines()).query(
        middles.lines()[short], predicate="dwithin", distance=WINDOW_FACE_OFFSET[1]
    )
    m = short[m]
    unit = middles.vector[m] / length[m, None]
    w_vec = walls.vector[w]
    w_len = np.maximum(np.hypot(*w_vec.T), 1e-12)
    parallel = np.abs(unit[:, 0] * w_vec[:, 1] - unit[:, 1] * w_vec[:, 0]) <= PARALLEL_SIN * w_len
    s0 = np.einsum("ij,ij->i", walls.start[w] - middles.start[m], unit)
    s1 = np.einsum("ij,ij->i", walls.end[w] - middles.start[m], unit)
    lo, hi = np.minimum(s0, s1), np.maximum(s0, s1)
    same_extent = (np.abs(lo) <= WINDOW_FACE_EXTENT) & (np.abs(hi - length[m]) <= WINDOW_FACE_EXTENT)
    rel = walls.start[w] - middles.start[m]
    offset = unit[:, 0] * rel[:, 1] - unit[:, 1] * rel[:, 0]
    good = (
        parallel & same_extent & (np.abs(offset) >= WINDOW_FACE_OFFSET[0]) & (np.abs(offset) <= WINDOW_FACE_OFFSET[1])
    )
    m, w, offset = m[good], w[good], offset[good]
    if not len(m):
        return glazed
    # One face on each side, as far off as each other (within 2 cm).
    left = np.full(len(middles), np.nan)
    right = np.full(len(middles), np.nan)
    np.fmax.at(left, m[offset > 0], offset[offset > 0])
    np.fmin.at(right, m[offset < 0], offset[offset < 0])
    balanced = np.abs(left + right) <= 0.02  # NaN where a side is missing: False
    take = balanced[m]
    glazed[w[take]] = True
    return glazed


# A window drawn as two lines on the faces of a double-line wall, on the walls' own layer:
# a piece of wall like any other, except that the wall runs on in line past both its
# ends, across the short lines closing the wall at its jambs.
JAMB_TOUCH = 0.01  # m: a jamb line's ends this close to the face lines' ends


def flush_window_faces(walls: Segments) -> np.ndarray:
    """Which wall segments are the two lines of a window drawn flush with the wall's faces.

    A candidate is a pair of parallel wall lines a wall's thickness apart, 0.4-4 m long,
    starting and ending together, closed at each end by a line across (the jamb) beyond
    which the wall runs on in line. A pier between two such windows looks the same, so
    candidates in a row (sharing a jamb) alternate, from the ends of the row, where the
    walls are: window, pier, window. A row of even length cannot be told and is left as wall.
    """
    glazed = np.zeros(len(walls), dtype=bool)
    if len(walls) < 4:
        return glazed
    length = walls.length
    unit = walls.vector / np.maximum(length, 1e-12)[:, None]
    short = np.flatnonzero((length >= WINDOW_LENGTH[0]) & (length <= WINDOW_LENGTH[1]))
    if len(short) < 2:
        return glazed
    lines = line_array(np.stack([walls.start[short], walls.end[short]], axis=1))  # the short ones only
    i, j = shapely.STRtree(lines).query(lines, predicate="dwithin", distance=DOUBLE_LINE_MAX)
    keep = i < j
    i, j = short[i[keep]], short[j[keep]]
    cross = np.abs(unit[i, 0] * unit[j, 1] - unit[i, 1] * unit[j, 0])
    rel = walls.start[j] - walls.start[i]
    distance = np.abs(unit[i, 0] * rel[:, 1] - unit[i, 1] * rel[:, 0])
    s0 = np.einsum("ij,ij->i", walls.start[j] - walls.start[i], unit[i])
    s1 = np.einsum("ij,ij->i", walls.end[j] - walls.start[i], unit[i])
    same = (np.abs(np.minimum(s0, s1)) <= WINDOW_FACE_EXTENT) & (
        np.abs(np.maximum(s0, s1) - length[i]) <= WINDOW_FACE_EXTENT
    )
    good = (cross <= PARALLEL_SIN) & (distance >= DOUBLE_LINE_MIN) & (distance <= DOUBLE_LINE_MAX) & same
    i, j = i[good], j[good]
    if not len(i):
        return glazed
    # The ends of each pair: i's start with the end of j nearest it, and so on.
    flip = np.einsum("ij,ij->i", unit[i], unit[j]) < 0
    j_start = np.where(flip[:, None], walls.end[j], walls.start[j])
    j_end = np.where(flip[:, None], walls.start[j], walls.end[j])
    ends = ((walls.start[i], j_start, -unit[i]), (walls.end[i], j_end, unit[i]))
    points = np.concatenate([walls.start, walls.end])
    # The wall ends at each pair's four corners, found at once: p and q of side 0, then of side 1.
    corners = np.concatenate([ends[0][0], ends[0][1], ends[1][0], ends[1][1]])
    pair, point = _points_near(points, corners, JAMB_TOUCH)
    corner, pair = np.divmod(pair, len(i))
    jamb_of = np.full((len(i), 2), -1)
    for side, (_, q, outward) in enumerate(ends):
        at_p = (pair[corner == 2 * side], point[corner == 2 * side])
        at_q = (pair[corner == 2 * side + 1], point[corner == 2 * side + 1])
        jamb_of[:, side] = _jamb_between(q, at_p, walls)
        runs_on = _runs_on(len(i), outward, walls, at_p, unit) | _runs_on(len(i), outward, walls, at_q, unit)
        jamb_of[~runs_on, side] = -1
    closed = (jamb_of >= 0).all(axis=1)
    i, j, jamb_of = i[closed], j[closed], jamb_of[closed]
    if not len(i):
        return glazed
    # Rows of candidates sharing jambs: alternate from the row's ends.
    by_jamb: dict[int, list[int]] = {}
    for k, (a, b) in enumerate(jamb_of.tolist()):
        by_jamb.setdefault(a, []).append(k)
        by_jamb.setdefault(b, []).append(k)
    seen = np.zeros(len(i), dtype=bool)
    for start in range(len(i)):
        if seen[start]:
            continue
        row = _row(start, jamb_of, by_jamb)
        seen[row] = True
        if len(row) % 2 == 0:
            continue
        for k in row[::2]:
            glazed[i[k]] = glazed[j[k]] = True
    return glazed


def _points_near(points: np.ndarray, probes: np.ndarray, distance: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (k, n): ``points[n]`` lies within ``distance`` of ``probes[k]``, sorted by k, then n.

    The tree holds the probes (a few candidates' corners) and the points are made in GEOS
    PROBES_AT_ONCE at a time: a tree of a large plan's wall ends (over a million on the
    500k-entity plan) took 300 MB."""
    tree = shapely.STRtree(point_array(probes))
    found_k, found_n = [np.zeros(0, dtype=np.intp)], [np.zeros(0, dtype=np.intp)]
    for first in range(0, len(points), PROBES_AT_ONCE):
        n, k = tree.query(point_array(points[first : first + PROBES_AT_ONCE]), predicate="dwithin", distance=distance)
        found_k.append(k)
        found_n.append(n + first)
    k, n = np.concatenate(found_k), np.concatenate(found_n)
    order = np.lexsort((n, k))
    return k[order], n[order]


def _jamb_between(q: np.ndarray, near_p: tuple[np.ndarray, np.ndarray], walls: Segments) -> np.ndarray:
    """For each pair of points p and q, a wall segment running from one to the other, or -1
    (the last such segment by index when there are several); ``near_p``: the pairs
    (pair, wall end) of the wall ends at p (``_points_near``)."""
    n = len(walls)
    found = np.full(len(q), -1)
    k, point = near_p
    segment = point % n
    other = np.where((point < n)[:, None], walls.end[segment], walls.start[segment])
    hit = np.hypot(*(other - q[k]).T) <= JAMB_TOUCH
    found[k[hit]] = segment[hit]
    return found


def _runs_on(
    count: int, outward: np.ndarray, walls: Segments, near_p: tuple[np.ndarray, np.ndarray], unit: np.ndarray
) -> np.ndarray:
    """For each of ``count`` points, whether a wall segment starts there and runs on in line,
    away from the pair; ``near_p`` as for ``_jamb_between``."""
    n = len(walls)
    result = np.zeros(count, dtype=bool)
    k, point = near_p
    segment = point % n
    direction = np.where((point < n)[:, None], unit[segment], -unit[segment])  # from this end into the segment
    in_line = np.einsum("ij,ij->i", direction, outward[k]) >= 1 - PARALLEL_SIN
    result[k[in_line]] = True
    return result


def _row(start: int, jamb_of: np.ndarray, by_jamb: dict[int, list[int]]) -> list[int]:
    """The candidates joined to ``start`` through shared jambs, in order along the row."""
    row = [start]
    for side in (1, 0):  # walk forwards from the end jamb, then backwards from the start jamb
        here, jamb = start, int(jamb_of[start, side])
        while True:
            nxt = [k for k in by_jamb.get(jamb, []) if k != here and k not in row]
            if len(nxt) != 1:
                break
            here = nxt[0]
            row = row + [here] if side == 1 else [here] + row
            a, b = jamb_of[here].tolist()
            jamb = b if a == jamb else a
    return row

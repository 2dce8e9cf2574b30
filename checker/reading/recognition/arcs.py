"""Circular arcs recovered from linework that stands for them: bulged polylines and chord chains.

A door's swing is not always an ARC entity. Many programs write arcs as polyline
segments with a bulge (the tangent of a quarter of the segment's sweep), and R12
exports and some CAD programs break every arc into short straight chords. Door
recognition and the units evidence look for swing arcs, so both forms are turned
back into arcs here, in drawing units and without knowing the unit:

- a bulged segment is an arc exactly (``bulge_arcs``);
- a chord chain is a run of at least ``MIN_CHORDS`` segments joined end to end, each
  about as long as the next and turning the same small angle, whose vertices lie on
  one circle (``chord_arcs``). Every test is relative to the chords' own length or the
  fitted radius, so it holds in any unit. A closed ring (a round table drawn as a
  polygon) has no ends and gives no arc.

Chord chains are found over all segments at once: one STRtree query joins segment
ends, links are judged in numpy, chains are labelled by union-find over the links
only, and circles are fitted to every chain together (Kasa's algebraic fit from
per-chain sums).
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from ezdxf.math import Vec3, bulge_to_arc

from ...geoarrays import point_array
from .walls import segments_of

MIN_CHORDS = 4  # fewer straight pieces could be any bent line
JOIN_SHARE = 0.01  # of a chord's length: ends this close are joined
TURN_DEG = (0.3, 25.0)  # a chord turns from the previous one by this much (4 chords over 90 degrees: 22.5)
LENGTH_RATIO = 1.35  # neighbouring chords are about as long as each other
MAX_CHORD_SHARE = 0.45  # of the radius: chords are short (4 chords over 90 degrees: 0.39)
FIT_SHARE = 0.02  # of the radius: every vertex lies this close to the fitted circle
SWEEP_DEG = (30.0, 340.0)  # arcs worth keeping; a ring sweeps 360 and has no ends anyway


def bulge_arcs(entity) -> list[tuple[tuple[float, float], float, tuple[float, float], tuple[float, float], float]]:
    """The arcs of a 2-D polyline's bulged segments in world coordinates: (centre,
    radius, start point, end point, sweep in degrees), start to end counter-clockwise
    in the polyline's own coordinate system."""
    kind = entity.dxftype()
    if kind == "LWPOLYLINE":
        vertices = [(x, y, b) for x, y, b in entity.get_points("xyb")]
        elevation = float(entity.dxf.get("elevation", 0.0))
        closed = entity.closed
    elif kind == "POLYLINE" and entity.is_2d_polyline:
        vertices = [(v.dxf.location.x, v.dxf.location.y, float(v.dxf.get("bulge", 0.0))) for v in entity.vertices]
        elevation = Vec3(entity.dxf.get("elevation", (0, 0, 0))).z
        closed = entity.is_closed
    else:
        return []
    pairs = list(zip(vertices, vertices[1:]))
    if closed and len(vertices) > 2:
        pairs.append((vertices[-1], vertices[0]))
    ocs = entity.ocs()
    found = []
    for (x0, y0, bulge), (x1, y1, _) in pairs:
        if not bulge or (x0, y0) == (x1, y1):
            continue
        centre, start_angle, end_angle, radius = bulge_to_arc((x0, y0), (x1, y1), bulge)
        if not (radius > 0 and math.isfinite(radius)):
            continue
        # bulge_to_arc turns counter-clockwise from start to end: a negative bulge swaps them.
        first, last = ((x0, y0), (x1, y1)) if bulge > 0 else ((x1, y1), (x0, y0))
        c, s, e = (Vec3(ocs.to_wcs(Vec3(p[0], p[1], elevation))) for p in (centre, first, last))
        sweep = math.degrees(4 * math.atan(abs(bulge)))
        found.append(((c.x, c.y), float(radius), (s.x, s.y), (e.x, e.y), sweep))
    return found


def chord_arcs(
    geometries: list,
) -> list[tuple[int, tuple[float, float], float, tuple[float, float], tuple[float, float], float]]:
    """Arcs drawn as chains of short chords among ``geometries`` (lines and outlines in
    drawing units): (index of the geometry holding the chain's first chord, centre,
    radius, start point, end point, sweep in degrees), start to end counter-clockwise."""
    segments = segments_of(geometries)
    n = len(segments)
    if n < MIN_CHORDS:
        return []
    start, end, vector, length = segments.start, segments.end, segments.vector, segments.length
    points = np.concatenate([start, end])  # end k of segment k % n: its start (k < n) or its end
    seg = np.arange(2 * n) % n
    tree = shapely.STRtree(point_array(points))
    i, j = tree.query(shapely.points(points), predicate="dwithin", distance=JOIN_SHARE * length[seg])
    other = seg[i] != seg[j]
    i, j = i[other], j[other]
    # A clean joint: exactly two chord ends meet there (a T or a star is no arc's vertex).
    meets = np.bincount(i, minlength=2 * n)
    keep = (i < j) & (meets[i] == 1) & (meets[j] == 1)
    i, j = i[keep], j[keep]
    if not len(i):
        return []
    a, b = seg[i], seg[j]
    into = np.where((i >= n)[:, None], vector[a], -vector[a])  # along a, arriving at the joint
    out = np.where((j < n)[:, None], vector[b], -vector[b])  # along b, leaving it
    turn = np.degrees(
        np.abs(np.arctan2(into[:, 0] * out[:, 1] - into[:, 1] * out[:, 0], np.einsum("ij,ij->i", into, out)))
    )
    ratio = np.maximum(length[a], length[b]) / np.minimum(length[a], length[b])
    link = (turn >= TURN_DEG[0]) & (turn <= TURN_DEG[1]) & (ratio <= LENGTH_RATIO)
    a, b, i, j = a[link], b[link], i[link], j[link]
    if not len(a):
        return []
    chain = _components(n, a, b)
    linked_end = np.zeros(2 * n, dtype=bool)
    linked_end[i] = linked_end[j] = True
    members = np.zeros(n, dtype=bool)
    members[a] = members[b] = True
    labels, chain_of = np.unique(chain[members], return_inverse=True)
    member_idx = np.flatnonzero(members)
    count = np.bincount(chain_of)
    # Kasa's fit over each chain's vertices (both ends of every chord; joints count twice,
    # which weighs every vertex alike but the chain's two ends), centred for precision.
    xy = np.concatenate([start[member_idx], end[member_idx]])
    owner = np.concatenate([chain_of, chain_of])
    m = len(labels)
    mean = np.zeros((m, 2))
    np.add.at(mean, owner, xy)
    mean /= (2 * count)[:, None]
    u, v = (xy - mean[owner]).T
    sums = {
        name: np.bincount(owner, weights=w, minlength=m)
        for name, w in (
            ("uu", u * u),
            ("vv", v * v),
            ("uv", u * v),
            ("uuu", u**3),
            ("vvv", v**3),
            ("uvv", u * v * v),
            ("vuu", v * u * u),
        )
    }
    det = sums["uu"] * sums["vv"] - sums["uv"] ** 2
    rhs_u = (sums["uuu"] + sums["uvv"]) / 2
    rhs_v = (sums["vvv"] + sums["vuu"]) / 2
    safe = np.where(np.abs(det) > 0, det, 1.0)
    uc = (rhs_u * sums["vv"] - rhs_v * sums["uv"]) / safe
    vc = (rhs_v * sums["uu"] - rhs_u * sums["uv"]) / safe
    centre = mean + np.stack([uc, vc], axis=1)
    radius = np.sqrt(uc**2 + vc**2 + (sums["uu"] + sums["vv"]) / (2 * count))
    off = np.abs(np.hypot(*(xy - centre[owner]).T) - radius[owner])
    worst = np.zeros(m)
    np.maximum.at(worst, owner, off)
    chord = length[member_idx]
    longest = np.zeros(m)
    np.maximum.at(longest, chain_of, chord)
    subtended = 2 * np.arcsin(np.clip(chord / (2 * radius[chain_of]), 0, 1))
    sweep = np.degrees(np.bincount(chain_of, weights=subtended, minlength=m))
    # The chain's two free ends: chord ends of its members that joined no other chord.
    free = ~linked_end
    free_points = np.flatnonzero(free & members[seg])
    free_chain = chain_of[np.searchsorted(member_idx, seg[free_points])]
    ends_count = np.bincount(free_chain, minlength=m)
    good = (count >= MIN_CHORDS) & (ends_count == 2) & (np.abs(det) > 0)
    good &= worst <= FIT_SHARE * radius
    good &= longest <= MAX_CHORD_SHARE * radius
    good &= (sweep >= SWEEP_DEG[0]) & (sweep <= SWEEP_DEG[1])
    found = []
    first_chord = np.full(m, n)
    np.minimum.at(first_chord, chain_of, member_idx)
    for k in np.flatnonzero(good).tolist():
        p, q = points[free_points[free_chain == k]]
        c = centre[k]
        # Counter-clockwise from p to q passes the chain's middle (where its vertices lean).
        bulge = mean[k] - c
        if (p[0] - c[0]) * bulge[1] - (p[1] - c[1]) * bulge[0] < 0:
            p, q = q, p
        owner_geometry = int(segments.owner[first_chord[k]])
        found.append(
            (
                owner_geometry,
                (float(c[0]), float(c[1])),
                float(radius[k]),
                (float(p[0]), float(p[1])),
                (float(q[0]), float(q[1])),
                float(sweep[k]),
            )
        )
    return found


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected components of ``n`` nodes joined by the edges (a, b): a label per node.
    The loop runs over the edges (chord links, few), never over all nodes."""
    nodes, inverse = np.unique(np.concatenate([a, b]), return_inverse=True)
    parent = list(range(len(nodes)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    half = len(a)
    for x, y in zip(inverse[:half].tolist(), inverse[half:].tolist()):
        rx, ry = root(x), root(y)
        if rx != ry:
            parent[rx] = ry
    labels = np.arange(n) + len(nodes)  # unlinked nodes: a label of their own
    labels[nodes] = [root(k) for k in range(len(nodes))]
    return labels

"""Arrays of shapely geometries built from arrays of coordinates, typed as arrays.

shapely.points, linestrings and polygons give one geometry for one geometry's
coordinates and an array for many; their stubs cannot tell which from an ndarray's
shape, so they promise either. These functions are for the many: (n, 2) points,
(n, k, 2) lines and rings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import cast

import numpy as np
import shapely
from numpy.typing import NDArray

GeometryArray = NDArray[np.object_]


def point_array(coords: np.ndarray) -> GeometryArray:
    """One Point per row of an (n, 2) array."""
    return cast(GeometryArray, shapely.points(coords))


def line_array(coords: np.ndarray, indices: np.ndarray | None = None) -> GeometryArray:
    """One LineString per (k, 2) block of an (n, k, 2) array, or per index of ``indices``
    (one for each row of an (m, 2) array)."""
    return cast(GeometryArray, shapely.linestrings(coords, indices=indices))


def polygon_array(geometries: np.ndarray) -> GeometryArray:
    """One Polygon per ring, or per (k, 2) block of an (n, k, 2) array."""
    return cast(GeometryArray, shapely.polygons(geometries))


def nearby_order(points: np.ndarray) -> np.ndarray:
    """Indices of an (n, 2) array's points in Z-order (Morton order) on a 65,536-cell grid
    over their extent: consecutive ones lie near each other, so a slice of them is a
    compact piece of the plan (for work done a batch at a time). Stable for equal cells."""
    if not len(points):
        return np.zeros(0, dtype=np.intp)
    low = points.min(axis=0)
    extent = np.maximum(points.max(axis=0) - low, 1e-12)
    cell = np.clip((points - low) / extent * 65535, 0, 65535).astype(np.uint64)
    return np.argsort(_spread_bits(cell[:, 0]) | (_spread_bits(cell[:, 1]) << np.uint64(1)), kind="stable")


def _spread_bits(values: np.ndarray) -> np.ndarray:
    """16-bit values with a zero bit put between each two of their bits (0b111 -> 0b10101)."""
    for shift, mask in ((8, 0x00FF00FF), (4, 0x0F0F0F0F), (2, 0x33333333), (1, 0x55555555)):
        values = (values | (values << np.uint64(shift))) & np.uint64(mask)
    return values


def pairs_in_pieces(
    targets: tuple[np.ndarray, np.ndarray],
    make_targets: Callable[[np.ndarray], GeometryArray],
    probes: tuple[np.ndarray, np.ndarray],
    make_probes: Callable[[np.ndarray], GeometryArray],
    *,
    targets_at_once: int,
    probes_at_once: int,
    within: float | None = None,
    reach: float = 0.0,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The (probe, target) index pairs an STRtree of every target would give for every
    probe (boxes that meet, or with ``within``, geometries at most that far apart), each
    pair once, made a piece of the plan at a time so that no tree holds all targets.

    ``targets``: (low, high), (n, 2) arrays of the targets' boxes' corners. ``probes``:
    two (m, 2) arrays of opposite corners of the probes' boxes, in either order, which a
    probe may pass by ``reach``. ``make_targets(indices)`` and ``make_probes(indices)``
    make the geometries of those. The targets go ``targets_at_once`` near ones at a time
    (``tiles``) into a tree of their own, queried with the probes whose boxes reach the
    piece's box, ``probes_at_once`` at a time. A tree of a large plan's million wall
    ends, or of its 200k openings' zones, was 70 MB; a piece's is a few. Pieces no
    probe reaches give nothing: there may be no pair at all."""
    targets_low, targets_high = targets
    corner, other = probes
    margin = (within or 0.0) + reach
    for piece in tiles(np.nan_to_num((targets_low + targets_high) / 2), targets_at_once):
        low, high = targets_low[piece].min(axis=0) - margin, targets_high[piece].max(axis=0) + margin
        # A probe's box meets the piece's where, on each axis, a corner lies at or past
        # the low side and a corner at or before the high side.
        meets = ((corner >= low) | (other >= low)) & ((corner <= high) | (other <= high))
        reaching = np.flatnonzero(meets.all(axis=1))
        del meets
        if not len(reaching):
            continue
        tree = shapely.STRtree(make_targets(piece))
        for at in range(0, len(reaching), probes_at_once):
            some = reaching[at : at + probes_at_once]
            if within is None:
                probe, target = tree.query(make_probes(some))
            else:
                probe, target = tree.query(make_probes(some), predicate="dwithin", distance=within)
            yield some[probe], piece[target]


def tiles(points: np.ndarray, per_tile: int) -> Iterator[np.ndarray]:
    """Indices of an (n, 2) array's points in tiles of at most ``per_tile``, each a compact
    piece of the plan: the points sorted by x into vertical slices, each slice by y into
    tiles (sort-tile-recursive packing, as an STRtree packs its nodes). A slice of a
    Z-order can be two pieces far apart, and its box much of the plan."""
    count = len(points)
    if not count:
        return
    per_tile = max(1, per_tile)
    slices = max(1, int(np.ceil(np.sqrt(np.ceil(count / per_tile)))))
    per_slice = int(np.ceil(count / (slices * per_tile))) * per_tile  # whole tiles in a slice
    by_x = np.argsort(points[:, 0], kind="stable")
    for first in range(0, count, per_slice):
        in_slice = by_x[first : first + per_slice]
        in_slice = in_slice[np.argsort(points[in_slice, 1], kind="stable")]
        for at in range(0, len(in_slice), per_tile):
            yield in_slice[at : at + per_tile]

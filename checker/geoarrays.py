"""Arrays of shapely geometries built from arrays of coordinates, typed as arrays.

shapely.points, linestrings and polygons give one geometry for one geometry's
coordinates and an array for many; their stubs cannot tell which from an ndarray's
shape, so they promise either. These functions are for the many: (n, 2) points,
(n, k, 2) lines and rings.
"""

from __future__ import annotations

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

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

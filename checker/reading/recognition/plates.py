"""Several floor plates in one file: find them, number them, and crop the drawing to one.

Offices often draw every storey of a building side by side in one DXF file (ground
floor, first floor, roof, each a separate cluster of walls and openings). Read as one
storey, that makes a building of several disconnected parts. Here, in drawing units
and before anything is scaled:

* :func:`find_plates` clusters the plan geometry (walls, doors, windows, spaces: the
  layer roles that make a floor plan; site, public, fence and light layers do not
  count) by its bounding boxes: two elements belong together when their boxes, each
  grown by a small share of the drawing's size, touch, and a cluster also takes in
  whatever lies within its box (a stair or column not joined to a wall). A cluster is
  a plate when it is about as large as the largest one, has doors or windows of its
  own and has a twin of about its width and height (the storeys of one building are
  drawn at one size), so a detached garage, an annex, a bin store or a stray line
  beside one building is not a second plate. Plates are numbered in reading order: rows top to bottom, left
  to right within a row.
* :func:`crop` keeps what lies inside or crosses a ``region`` box, so the manifest
  can say which plate a storey is.

Vectorised: boxes come from ``shapely.bounds``, neighbours from STRtree queries a batch
at a time, and clusters from a union-find forest the batches' pairs are merged into
(``box_components``); nothing compares every element with every other, and no more
than one batch's pairs is ever held.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import shapely
from shapely.geometry import LineString

from ...geoarrays import line_array, point_array
from ..dxf.extract import Extraction
from ..layers import PLAN_ROLES, Role

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in drawing units

# Shares, with why.
TOUCH_SHARE = 0.005  # boxes grown by this share of the drawing's size touch within one building
PLATE_AREA_SHARE = 0.5  # a plate's box holds at least half the largest plate's box area
PLATE_OPENINGS = 3  # a plate has at least this many doors or windows (a garage has one or two)
PLATE_OPENINGS_SHARE = 0.25  # ... and at least this share of the best-opened plate's
TWIN_RATIO = 0.75  # storeys of one building: another plate's width and height within this ratio
MAX_MERGE_ROUNDS = 8  # clusters absorbing what lies in their boxes; settles in two or three
SWING_SWEEP = (60.0, 120.0)  # degrees: an arc this open may be a door's swing
# A line with no role whose two ends touch walls and whose middle does not (a window's
# line across a wall gap): ends this close (a share of the drawing's size) touch.
BRIDGE_TOUCH_SHARE = 0.0005
BRIDGE_WEIGHT = 0.5  # a window leaves one or two lines across its gap once its outer ones are taken as wall faces


def find_plates(raw: Extraction) -> tuple[Box, ...]:
    """The floor plates in the drawing (drawing units), in reading order; () for one building."""
    bounds, is_opening = _plan_boxes(raw)
    if len(bounds) < 2:
        return ()
    low, high = bounds[:, :2].min(axis=0), bounds[:, 2:].max(axis=0)
    grow = TOUCH_SHARE * float(max(high - low))
    if not grow > 0:
        return ()
    labels = _touching(bounds, grow)
    boxes, members = _cluster_boxes(bounds, labels)
    # A cluster takes in whatever lies in its box or touches it: repeat until none grows.
    for _ in range(MAX_MERGE_ROUNDS):
        merged = _touching(boxes, grow)
        if len(np.unique(merged)) == len(boxes):
            break
        boxes, regroup = _cluster_boxes(boxes, merged)
        members = regroup[members]
    openings = np.bincount(members, weights=is_opening, minlength=len(boxes))
    openings += _swing_arcs_in(raw, boxes)
    openings += _gap_bridges_in(raw, boxes, BRIDGE_TOUCH_SHARE * float(max(high - low)))
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    plates = (
        (areas >= PLATE_AREA_SHARE * areas.max())
        & (openings >= PLATE_OPENINGS)
        & (openings >= PLATE_OPENINGS_SHARE * openings.max())
    )
    plates &= _has_a_twin(boxes, plates)
    if plates.sum() < 2:
        return ()
    # With the margin the clusters were joined by, so a region copied from here holds all of its plate.
    margin = np.array([-grow, -grow, grow, grow])
    grown = [box + margin for box in _reading_order(boxes[plates])]
    return tuple((float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1 in grown)


def crop(raw: Extraction, region: Box) -> Extraction:
    """The extraction without what lies wholly outside ``region`` (drawing units)."""
    area = shapely.box(*region)
    x0, y0, x1, y1 = region

    def keep_shapes(items: list) -> list:
        if not items:
            return items
        inside = shapely.intersects(np.array([s.geometry for s in items], dtype=object), area)
        return [s for s, keep in zip(items, inside.tolist()) if keep]

    def inside_xy(points: np.ndarray) -> np.ndarray:
        return (points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1)

    def keep_points(items: list, point) -> list:
        if not items:
            return items
        keep = inside_xy(np.array([point(item) for item in items], dtype=float))
        return [item for item, k in zip(items, keep.tolist()) if k]

    def keep_segments(items: list, ends) -> list:
        if not items:
            return items
        segments = line_array(np.array([ends(item) for item in items], dtype=float))
        keep = shapely.intersects(segments, area)
        return [item for item, k in zip(items, keep.tolist()) if k]

    return replace(
        raw,
        shapes=keep_shapes(raw.shapes),
        loose=keep_shapes(raw.loose),
        hatches=keep_shapes(raw.hatches),
        openings=keep_segments(raw.openings, lambda o: (o.start, o.end)),
        arcs=keep_segments(raw.arcs, lambda a: (a.start, a.end)),
        texts=keep_points(raw.texts, lambda t: t.point),
        lights=keep_points(raw.lights, lambda light: light.point),
    )


def has_plan_content(raw: Extraction) -> bool:
    """True when the extraction holds walls, doors, windows or spaces (after a crop)."""
    return (
        any(s.role in PLAN_ROLES for s in raw.shapes)
        or bool(raw.openings)
        or any(s.role in (Role.DOORS, Role.WINDOWS) for s in raw.loose)
    )


def box_text(box: Box) -> str:
    """A box as the manifest writes it: ``[x0, y0, x1, y1]``, rounded to what a plan needs."""
    return "[" + ", ".join(_round(v) for v in box) + "]"


# ------------------------------------------------------------------ helpers


def _plan_boxes(raw: Extraction) -> tuple[np.ndarray, np.ndarray]:
    """Bounding boxes of the plan geometry, and which of them are doors or windows."""
    shapes = [s.geometry for s in raw.shapes if s.role in PLAN_ROLES]
    shapes += [h.geometry for h in raw.hatches if h.role is Role.WALLS]
    loose_openings = [s.geometry for s in raw.loose if s.role in (Role.DOORS, Role.WINDOWS)]
    parts = []
    flags = []
    if shapes:
        parts.append(shapely.bounds(np.array(shapes, dtype=object)))
        flags.append(np.zeros(len(shapes)))
    if loose_openings:
        # Lines of a door or window drawn as geometry: evidence of an opening, a few
        # lines each, so they count as a fraction of one.
        parts.append(shapely.bounds(np.array(loose_openings, dtype=object)))
        flags.append(np.full(len(loose_openings), 0.25))
    if raw.openings:
        ends = np.array([(o.start, o.end) for o in raw.openings], dtype=float)
        parts.append(np.column_stack([ends.min(axis=1), ends.max(axis=1)]))
        flags.append(np.ones(len(raw.openings)))
    if not parts:
        return np.zeros((0, 4)), np.zeros(0)
    bounds = np.concatenate(parts)
    finite = np.isfinite(bounds).all(axis=1)
    return bounds[finite], np.concatenate(flags)[finite]


def _touching(boxes: np.ndarray, grow: float) -> np.ndarray:
    """Connected components of boxes that touch once grown by ``grow``: a label per box."""
    # Axis-aligned boxes intersect exactly when their envelopes do, so the tree's
    # envelope test alone gives the pairs (the exact predicate tripled the cost).
    return box_components(boxes + np.array([-grow, -grow, grow, grow]))


# Boxes queried against the tree at a time: the pairs of one batch are all that is held
# (a dense plan's box touches hundreds of others; all pairs at once took a gigabyte at 500k).
QUERY_BATCH = 4096


def box_components(boxes: np.ndarray, joined=None) -> np.ndarray:
    """Connected components of the boxes (rows x0, y0, x1, y1) whose envelopes intersect,
    and, given ``joined(left, right)``, for which it says True of the pair: each box's
    label is the smallest index in its component.

    One STRtree over the boxes, queried a batch at a time; each batch's pairs are merged
    into a union-find forest (numpy, pointer jumping) and dropped, so memory stays that
    of the boxes however many pairs touch."""
    count = len(boxes)
    parent = np.arange(count)
    if count < 2:
        return parent
    # Each box stands in the tree as its diagonal: a line's envelope is the box, and a
    # two-point line is half the memory of a box polygon (430k boxes on the 500k plan).
    tree = shapely.STRtree(_diagonals(boxes))
    for start in range(0, count, QUERY_BATCH):
        batch = _diagonals(boxes[start : start + QUERY_BATCH])
        left, right = tree.query(batch)
        left += start
        once = left < right  # each pair once, the lower index first
        left, right = left[once], right[once]
        if joined is not None and len(left):
            keep = joined(left, right)
            left, right = left[keep], right[keep]
        parent = _union(parent, left, right)
    return _flatten(parent)


def _diagonals(boxes: np.ndarray) -> np.ndarray:
    """A line from each box's low corner to its high corner (rows x0, y0, x1, y1)."""
    return line_array(np.stack([boxes[:, :2], boxes[:, 2:]], axis=1))


def _union(parent: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The forest ``parent`` with the pairs joined; every root is its component's smallest index."""
    while len(left):
        parent = _flatten(parent)
        a, b = parent[left], parent[right]
        apart = a != b
        if not apart.any():
            break
        a, b = a[apart], b[apart]
        # Hook the larger root onto the smaller; pairs that lose a race on one root
        # are still apart in the next round and hooked then.
        np.minimum.at(parent, np.maximum(a, b), np.minimum(a, b))
        left, right = a, b
    return parent


def _flatten(parent: np.ndarray) -> np.ndarray:
    """Every item pointing straight at its root (pointer jumping)."""
    while True:
        jumped = parent[parent]
        if np.array_equal(jumped, parent):
            return parent
        parent = jumped


def connected_labels(count: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected components of ``count`` items joined by the pairs (left[k], right[k]):
    each item's label is the smallest index in its component."""
    return _flatten(_union(np.arange(count), np.asarray(left), np.asarray(right)))


def _cluster_boxes(bounds: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each cluster's box, and the cluster (0..k-1) of each element."""
    roots, members = np.unique(labels, return_inverse=True)
    boxes = np.empty((len(roots), 4))
    boxes[:, :2] = np.inf
    boxes[:, 2:] = -np.inf
    for column in (0, 1):
        np.minimum.at(boxes[:, column], members, bounds[:, column])
    for column in (2, 3):
        np.maximum.at(boxes[:, column], members, bounds[:, column])
    return boxes, members


def _has_a_twin(boxes: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """Candidates with another candidate of about the same width and height.

    The storeys of one building are drawn at about one size; a double garage or an
    annex beside a house is not, even with a door and a window of its own.
    """
    twins = np.zeros(len(boxes), dtype=bool)
    chosen = np.flatnonzero(candidates)  # few: the clusters as large as the largest
    if len(chosen) < 2:
        return twins
    sizes = np.column_stack([boxes[chosen, 2] - boxes[chosen, 0], boxes[chosen, 3] - boxes[chosen, 1]])
    ratio = np.minimum(sizes[:, None, :], sizes[None, :, :]) / np.maximum(sizes[:, None, :], sizes[None, :, :])
    similar = (ratio >= TWIN_RATIO).all(axis=2)
    np.fill_diagonal(similar, False)
    twins[chosen] = similar.any(axis=1)
    return twins


def _swing_arcs_in(raw: Extraction, boxes: np.ndarray) -> np.ndarray:
    """How many door-swing-like arcs (not on another role's layer) lie in each box."""
    counts = np.zeros(len(boxes))
    arcs = [a for a in raw.arcs if a.role in (None, Role.DOORS) and SWING_SWEEP[0] <= a.sweep_deg <= SWING_SWEEP[1]]
    if not arcs or not len(boxes):
        return counts
    centres = shapely.points(np.array([a.center for a in arcs], dtype=float))
    arc_idx, box_idx = shapely.STRtree(shapely.box(*boxes.T)).query(centres, predicate="intersects")
    np.add.at(counts, box_idx, 1.0)
    return counts


def _gap_bridges_in(raw: Extraction, boxes: np.ndarray, touch: float) -> np.ndarray:
    """Lines with no role bridging a gap between walls (a window drawn as lines, as on a
    layer-0 drawing whose walls were recognised from geometry), weighed per box."""
    counts = np.zeros(len(boxes))
    walls = [s.geometry for s in raw.shapes if s.role is Role.WALLS]
    walls += [h.geometry for h in raw.hatches if h.role is Role.WALLS]
    lines = [s.geometry for s in raw.loose if s.role is None and isinstance(s.geometry, LineString)]
    if not walls or not lines or not len(boxes) or not touch > 0:
        return counts
    geometries = np.array(lines, dtype=object)
    ends = [np.asarray(shapely.get_coordinates(shapely.get_point(geometries, k)))[:, :2] for k in (0, -1)]
    middles = point_array((ends[0] + ends[1]) / 2)
    tree = shapely.STRtree(np.array(walls, dtype=object))
    touching = []
    for end in ends:
        at, _ = tree.query(shapely.points(end), predicate="dwithin", distance=touch)
        touching.append(np.bincount(at, minlength=len(lines)) > 0)
    at, _ = tree.query(middles, predicate="dwithin", distance=touch)
    free_middle = np.bincount(at, minlength=len(lines)) == 0
    bridges = np.flatnonzero(touching[0] & touching[1] & free_middle)
    if not len(bridges):
        return counts
    _, box_idx = shapely.STRtree(shapely.box(*boxes.T)).query(middles[bridges], predicate="intersects")
    np.add.at(counts, box_idx, BRIDGE_WEIGHT)
    return counts


def _reading_order(boxes: np.ndarray) -> np.ndarray:
    """Rows top to bottom (plates whose heights overlap by half share a row), left to right."""
    order = np.argsort(-boxes[:, 3], kind="stable")
    rows: list[list[int]] = []
    row_low = row_high = 0.0
    for index in order.tolist():
        x0, y0, x1, y1 = boxes[index]
        overlap = min(y1, row_high) - max(y0, row_low)
        if rows and overlap >= 0.5 * min(y1 - y0, row_high - row_low):
            rows[-1].append(index)
            row_low, row_high = min(row_low, y0), max(row_high, y1)
        else:
            rows.append([index])
            row_low, row_high = y0, y1
    ordered = [i for row in rows for i in sorted(row, key=lambda i: boxes[i, 0])]
    return boxes[ordered]


def _round(value: float) -> str:
    """Whole drawing units for large values (millimetres), two decimals for metres."""
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.2f}".rstrip("0").rstrip(".")

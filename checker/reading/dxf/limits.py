"""Refuse a drawing that would blow up once expanded, before it is expanded.

A DXF of a few kilobytes can stand for billions of entities: blocks that insert
blocks ten times over, eight levels deep, or a MINSERT grid of 20000 x 20000 doors.
Extraction explodes every block reference, so such a file would run for hours and
fill the memory. ``check_expansion`` works out from the block graph alone (each block
definition read once, the modelspace's INSERTs once) how deep the blocks nest, how
many times each block would be placed and how many entities the storey would hold
once expanded, and raises ``LimitExceeded`` with one sentence naming what is too big.
It takes milliseconds and counts at least what extraction would visit: references on
frozen layers or door layers, which extraction does not open, count all the same. In
the same pass, curves that extraction would flatten (circles, arcs, ellipses, splines,
hatch arcs) must not reach past any building's size, in modelspace or moved and
scaled through blocks: a circle of radius 1e300 would be cut into endless segments.

``check_coordinates`` refuses, after extraction and before anything measures the plan,
coordinates that no building has (a line at 1e300 units overflows shapely's
arithmetic): the limits are in ``checker.reading.limits``, this module only applies
them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import compress

import numpy as np
import shapely
from ezdxf.entities import Insert

from ...errors import LimitExceeded
from ...messages import Number, msg
from .. import limits as reading_limits
from ..limits import ENVIRONMENT, OPTIONS, Limits
from .light import LightModelspace

# Farther from the origin than this, in drawing units, nothing is a building: 1e10 mm is
# 10,000 km (a projected northing in millimetres stays below it), 1e10 m is past the Moon.
MAX_COORDINATE = 1e10
# A long polyline, spline or hatch in a block counts one entity per this many vertices:
# about what one line costs once extracted (its geometry and record) in points.
VERTICES_PER_ENTITY = 16
# Entities that extraction flattens into segments by a tolerance: their size must be known
# to be sane before that, or the segments never end.
CURVE_KINDS = {"CIRCLE", "ARC", "ELLIPSE", "SPLINE", "HATCH"}


def _count(n: int) -> Number:
    """A count written with thousands separators (21,111,111), in the language's digits."""
    return Number(n, ",d")


def _raise_with(field: str) -> dict:
    return {"option": OPTIONS[field], "variable": ENVIRONMENT[field]}


def check_expansion(doc, label: str, limits: Limits | None = None) -> int:
    """The number of entities the drawing's modelspace holds once every block reference
    and MINSERT grid is expanded; ``LimitExceeded`` when it, the blocks' nesting depth
    or one block's copies pass ``limits`` (default: the limits in force)."""
    limits = limits or reading_limits.current()
    blocks = _BlockGraph(doc, label, limits)
    total = len(doc.modelspace())
    placements: dict[str, int] = {}  # block -> copies placed directly from modelspace
    picked = _picked(doc.modelspace(), CURVE_KINDS | {"INSERT"})  # one pass over the modelspace
    for insert in picked:
        if insert.dxftype() != "INSERT":
            continue
        name = blocks.key(insert.dxf.name)
        placements[name] = placements.get(name, 0) + blocks.copies_of(insert)
    for name, copies in placements.items():  # each block once, however often it is placed
        depth = blocks.depth(name)  # refuses a block containing itself
        if depth > limits.max_block_depth:
            raise LimitExceeded(
                msg(
                    "limits.too-deep",
                    file=label,
                    depth=depth,
                    block=blocks.shown(name),
                    limit=limits.max_block_depth,
                    **_raise_with("max_block_depth"),
                )
            )
        total += copies * blocks.size(name)
    blocks.check_copies(placements)
    _check_curves(picked, blocks, label)
    if total > limits.max_entities:
        raise LimitExceeded(
            msg(
                "limits.too-many-entities",
                file=label,
                count=_count(total),
                limit=_count(limits.max_entities),
                **_raise_with("max_entities"),
            )
        )
    return total


def _picked(layout, names: set[str]) -> Iterable:
    """The layout's entities whose DXF type is in ``names``, picked from its entity list at
    C speed: a plan's modelspace has a million entities and few of them are block
    references or curves (``query()`` took five times as long). The reader's modelspace
    of light records and ezdxf entities picks them itself, making the records it yields
    as they are walked (``LightModelspace.of_kinds``), each time it is iterated."""
    if isinstance(layout, LightModelspace):
        return layout.of_kinds(names)
    listed = getattr(getattr(layout, "entity_space", None), "entities", None)
    entities = listed if isinstance(listed, list) else list(layout)
    wanted = {kind for kind in set(map(type, entities)) if _dxf_name(kind) in names}
    picked = compress(entities, map(wanted.__contains__, map(type, entities)))
    # The raw list may still hold entities ezdxf destroyed while reading a damaged file
    # (they have no attributes left); iterating a layout skips them, so we do too.
    return [entity for entity in picked if getattr(entity, "is_alive", True)]


def _check_curves(entities: Iterable, blocks: _BlockGraph, label: str, limit: float = MAX_COORDINATE) -> None:
    """Refuse, before extraction flattens them, curves that reach past any building's size:
    a circle of radius 1e300, or a block's arc scaled by 1e200, would be cut into endless
    segments (extraction then never ends). Straight lines need no flattening; they are
    looked at after extraction (check_coordinates)."""
    for entity in entities:
        kind = entity.dxftype()
        if kind == "INSERT":
            inner = blocks.reach(blocks.key(entity.dxf.name))
            if not inner:
                continue  # a block of straight lines only: nothing to flatten
            offset, scale = _placement(entity)
            reach = offset + scale * inner
        else:
            reach = _curve_reach(entity, kind)
        if not reach <= limit:  # NaN included
            raise LimitExceeded(
                msg(
                    "limits.coordinates-too-far",
                    file=label,
                    handle=entity.dxf.get("handle") or "?",
                    layer=entity.dxf.get("layer") or "0",
                    distance=Number(reach, ".3g"),
                    limit=Number(limit, ".0e"),
                )
            )


def _norm(point) -> float:
    """The larger of |x| and |y| (inf for anything not a finite point)."""
    try:
        x, y = float(point[0]), float(point[1])
    except (TypeError, ValueError, IndexError):
        return math.inf
    size = max(abs(x), abs(y))
    return size if math.isfinite(size) else math.inf


def _curve_reach(entity, kind: str) -> float:
    """How far from the origin a curve reaches (inf when it cannot be told)."""
    dxf = entity.dxf
    try:
        if kind in ("CIRCLE", "ARC"):
            return _norm(dxf.center) + abs(float(dxf.radius))
        if kind == "ELLIPSE":  # the minor axis is at most the major one
            return _norm(dxf.center) + _norm(dxf.major_axis)
        if kind == "SPLINE":
            return max((_norm(p) for p in (*entity.control_points, *entity.fit_points)), default=0.0)
        if kind == "HATCH":
            reach = 0.0
            for path in entity.paths:
                for edge in getattr(path, "edges", ()):
                    if hasattr(edge, "center"):
                        radius = getattr(edge, "radius", None)
                        size = abs(float(radius)) if radius is not None else _norm(edge.major_axis)
                        reach = max(reach, _norm(edge.center) + size)
                    elif hasattr(edge, "control_points"):
                        reach = max([reach, *(_norm(p) for p in edge.control_points)])
            return reach
    except (AttributeError, TypeError, ValueError):
        return 0.0  # an odd curve: extraction skips what it cannot read
    return 0.0


def _placement(insert) -> tuple[float, float]:
    """(how far the reference's origin, or its grid's farthest cell, lies from the origin;
    its largest scale factor)."""
    dxf = insert.dxf
    try:
        scale = max(abs(float(dxf.get(axis, 1.0) or 1.0)) for axis in ("xscale", "yscale", "zscale"))
        offset = _norm(dxf.get("insert", (0.0, 0.0)))
        if type(insert) is Insert and insert.mcount > 1:
            offset += abs(float(dxf.get("row_spacing", 0.0))) * int(dxf.get("row_count", 1))
            offset += abs(float(dxf.get("column_spacing", 0.0))) * int(dxf.get("column_count", 1))
    except (TypeError, ValueError):
        return math.inf, math.inf
    return offset, (scale if math.isfinite(scale) else math.inf)


def _path_size(path) -> int:
    """A hatch boundary path's vertices, or else its edges."""
    vertices = getattr(path, "vertices", None)
    return len(vertices) if vertices else len(getattr(path, "edges", ()))


def _dxf_name(kind: type) -> str | None:
    """The DXF type of entities of class ``kind``: ezdxf's DXFTYPE, or a light record's KIND."""
    return getattr(kind, "DXFTYPE", None) or getattr(kind, "KIND", None)


class _BlockGraph:
    """Each block definition read once: its own weight (entities, long polylines and hatches
    by their vertices, attributes of its block references) and
    the blocks it inserts with their copies; depth and expanded size memoised per block."""

    def __init__(self, doc, label: str, limits: Limits):
        self.doc = doc
        self.label = label
        self.limits = limits
        self._contents: dict[str, tuple[int, list[tuple[str, int]]]] = {}
        self._size: dict[str, int] = {}
        self._depth: dict[str, int] = {}
        self._shown: dict[str, str] = {}
        # block -> (reach of its own curves, [(inserted block, offset, scale), ...])
        self._curves: dict[str, tuple[float, list[tuple[str, float, float]]]] = {}
        self._reach: dict[str, float] = {}

    def key(self, name) -> str:
        """Block names are case-insensitive in DXF: one key per block, however it is spelled
        (else the copies of one block could be split between spellings), and the first
        spelling kept to name it."""
        text = name if isinstance(name, str) else ""
        folded = text.casefold()
        self._shown.setdefault(folded, text)
        return folded

    def shown(self, key: str) -> str:
        return self._shown.get(key, key)

    def copies_of(self, insert) -> int:
        """Cells of a MINSERT grid (1 for a plain INSERT); refuses a grid past the copies limit by itself."""
        if type(insert) is not Insert or not (insert.dxf.hasattr("row_count") or insert.dxf.hasattr("column_count")):
            return 1  # a plain INSERT (or the reader's light record of one): no grid to read
        copies = insert.mcount if insert.mcount > 1 else 1
        if copies > self.limits.max_block_copies:
            raise LimitExceeded(
                msg(
                    "limits.minsert-too-large",
                    file=self.label,
                    handle=insert.dxf.get("handle") or "?",
                    block=insert.dxf.name,
                    rows=_count(int(insert.dxf.row_count)),
                    columns=_count(int(insert.dxf.column_count)),
                    copies=_count(copies),
                    limit=_count(self.limits.max_block_copies),
                    **_raise_with("max_block_copies"),
                )
            )
        return copies

    def contents(self, name: str) -> tuple[int, list[tuple[str, int]]]:
        """(weight of the block's own entities, [(inserted block, copies), ...])."""
        if name not in self._contents:
            weight, children = 0, []
            block = (
                self.doc.blocks.get(self._shown.get(name, name)) if name else None
            )  # a damaged reference may name none
            if block is not None and not (block.block.is_xref or block.block.is_xref_overlay):  # xrefs are not loaded
                reach, placed = 0.0, []
                for entity in block:
                    kind = entity.dxftype()
                    if kind == "INSERT":
                        copies = self.copies_of(entity)
                        # Its attributes are visited once per cell, as entities of their own.
                        weight += 1 + copies * len(entity.attribs)
                        children.append((self.key(entity.dxf.name), copies))
                        placed.append((self.key(entity.dxf.name), *_placement(entity)))
                    else:
                        weight += _weight(entity)
                        if kind in CURVE_KINDS:
                            reach = max(reach, _curve_reach(entity, kind))
                self._curves[name] = (reach, placed)
            self._contents[name] = (weight, children)
        return self._contents[name]

    def depth(self, name: str) -> int:
        """Levels of blocks from ``name`` down (1: it inserts no block). Walked without
        recursion, so that a chain of thousands of blocks cannot overflow the stack."""
        if name in self._depth:
            return self._depth[name]
        on_path: set[str] = set()
        stack: list[tuple[str, int]] = [(name, 0)]
        while stack:
            current, index = stack.pop()
            if index == 0:
                if current in on_path:
                    raise LimitExceeded(msg("limits.block-cycle", file=self.label, block=self.shown(current)))
                on_path.add(current)
            children = self.contents(current)[1]
            if index < len(children):
                stack.append((current, index + 1))
                child = children[index][0]
                if child in on_path:
                    raise LimitExceeded(msg("limits.block-cycle", file=self.label, block=self.shown(child)))
                if child not in self._depth:
                    stack.append((child, 0))
                continue
            on_path.discard(current)
            self._depth[current] = 1 + max((self._depth[c] for c, _ in children), default=0)
        return self._depth[name]

    def size(self, name: str) -> int:
        """Entities one placement of ``name`` stands for, nested blocks expanded (depth() first: no cycles)."""
        if name not in self._size:
            order = self._below(name, skip=self._size)
            for current in reversed(order):  # children before parents
                weight, children = self.contents(current)
                self._size[current] = weight + sum(copies * self._size[child] for child, copies in children)
        return self._size[name]

    def reach(self, name: str) -> float:
        """How far from the block's origin its curves (and its nested blocks' curves, moved
        and scaled) reach, in its units; 0 for a block of straight lines only."""
        if name not in self._reach:
            for current in reversed(self._below(name, skip=self._reach)):  # children before parents
                self.contents(current)
                own, placed = self._curves.get(current, (0.0, []))
                nested = (offset + scale * self._reach[child] for child, offset, scale in placed if self._reach[child])
                self._reach[current] = max(own, max(nested, default=0.0))
        return self._reach[name]

    def _below(self, name: str, skip=()) -> list[str]:
        """``name`` and every block under it but those in ``skip``, each before the blocks
        it inserts (a topological order)."""
        seen: set[str] = set()
        order: list[str] = []
        stack: list[tuple[str, bool]] = [(name, False)]
        while stack:
            current, done = stack.pop()
            if done:
                order.append(current)
                continue
            if current in seen or current in skip:
                continue
            seen.add(current)
            stack.append((current, True))
            stack.extend((child, False) for child, _ in self.contents(current)[1])
        order.reverse()  # post-order reversed: parents first
        return order

    def check_copies(self, placements: dict[str, int]) -> None:
        """Copies of each block once expanded, from the modelspace placements down; the
        first block past the limit is named (the one placed most often)."""
        copies = dict(placements)
        reachable: dict[str, None] = {}  # an ordered set
        for name in placements:
            reachable.update(dict.fromkeys(self._below(name, skip=reachable)))
        order = _parents_first(list(reachable), self)
        for name in order:
            for child, times in self.contents(name)[1]:
                copies[child] = copies.get(child, 0) + copies.get(name, 0) * times
        worst = max(copies.items(), key=lambda item: item[1], default=None)
        if worst is not None and worst[1] > self.limits.max_block_copies:
            raise LimitExceeded(
                msg(
                    "limits.too-many-copies",
                    file=self.label,
                    block=self.shown(worst[0]),
                    copies=_count(worst[1]),
                    limit=_count(self.limits.max_block_copies),
                    **_raise_with("max_block_copies"),
                )
            )


def _weight(entity) -> int:
    """What one entity of a block definition counts for: one, and for long polylines,
    splines and hatches one per VERTICES_PER_ENTITY vertices (a block of one polyline of
    100,000 vertices placed a thousand times is 10^8 points); each boundary of a hatch
    becomes a polygon of its own, so a hatch counts at least one per boundary."""
    kind = entity.dxftype()
    try:
        if kind == "LWPOLYLINE":
            return max(1, len(entity) // VERTICES_PER_ENTITY)
        if kind == "POLYLINE":
            return max(1, len(entity.vertices) // VERTICES_PER_ENTITY)
        if kind == "SPLINE":
            return max(1, max(len(entity.control_points), len(entity.fit_points)) // VERTICES_PER_ENTITY)
        if kind == "HATCH":
            return sum(max(1, _path_size(path) // VERTICES_PER_ENTITY) for path in entity.paths) or 1
    except (AttributeError, TypeError):  # an odd entity: counted as one, as extraction would try it
        pass
    return 1


def _parents_first(names: list[str], graph: _BlockGraph) -> list[str]:
    """``names`` ordered so that every block comes before the blocks it inserts (Kahn)."""
    wanted = set(names)
    incoming = {name: 0 for name in names}
    for name in names:
        for child, _ in graph.contents(name)[1]:
            if child in wanted:
                incoming[child] += 1
    ready = [name for name in names if incoming[name] == 0]
    order: list[str] = []
    while ready:
        name = ready.pop()
        order.append(name)
        for child, _ in graph.contents(name)[1]:
            if child in wanted:
                incoming[child] -= 1
                if incoming[child] == 0:
                    ready.append(child)
    return order


def check_coordinates(raw, label: str, limit: float = MAX_COORDINATE) -> None:
    """Refuse a drawing with an element farther than ``limit`` drawing units from the
    origin (or not a finite number), naming the first such element; one vectorised
    look at every extracted geometry, before anything measures or buffers them."""
    groups = [raw.shapes, raw.loose, raw.hatches]
    for items in groups:
        if not items:
            continue
        geometries = np.array([item.geometry for item in items], dtype=object)
        bounds = shapely.bounds(geometries)
        far = np.asarray(~(np.abs(bounds) <= limit).all(axis=1))  # NaN and inf fail <= as well
        coordinates, owner = shapely.get_coordinates(geometries, return_index=True)
        far[owner[~np.isfinite(coordinates).all(axis=1)]] = True  # bounds skip a NaN vertex
        if far.any():
            index = int(np.argmax(far))
            _refuse(raw, items[index], bounds[index], label, limit)
    points = [
        *((arc, (*arc.center, arc.radius)) for arc in raw.arcs),
        *((opening, (*opening.start, *opening.end)) for opening in raw.openings),
        *((light, light.point) for light in raw.lights),
        *((text, text.point) for text in raw.texts),
    ]
    for item, values in points:
        if not all(math.isfinite(v) and abs(v) <= limit for v in values):
            _refuse(raw, item, values, label, limit)


def _refuse(raw, item, values, label: str, limit: float) -> None:
    finite = [abs(v) for v in values if math.isfinite(v)]
    distance = max(finite) if len(finite) == len(values) else math.inf
    raise LimitExceeded(
        msg(
            "limits.coordinates-too-far",
            file=label,
            handle=item.handle,
            layer=item.layer,
            distance=Number(distance, ".3g"),
            limit=Number(limit, ".0e"),
        )
    )

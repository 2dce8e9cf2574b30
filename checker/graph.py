"""The room/door graph: which spaces each door joins, "outside" included.

Nodes are spaces (by storey and index) and OUTSIDE; each door is an edge between the
spaces found a short step either side of it. Circulation spaces that overlap in plan
on consecutive storeys (a stair and its landings), or communal ones, are joined, so routes can climb.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from collections.abc import Callable, Hashable

import numpy as np
import shapely
from shapely.geometry import Point

from .plan import Opening, OpeningKind, Plan, Storey

OUTSIDE = "outside"
SIDE_PROBE = 0.4  # metres either side of a door's centre line
SHARED_USES = ("circulation", "communal")  # spaces a stair joins between storeys
Node = Hashable  # OUTSIDE, ("space", storey, index) or ("unknown", storey, handle, side)


@dataclass(frozen=True)
class DoorEdge:
    storey: str
    door: Opening
    sides: tuple[Node, Node]  # (the side the door's outward normal or +y points to, the other)


@dataclass(frozen=True)
class DoorGraph:
    edges: tuple[DoorEdge, ...]
    stairs: tuple[tuple[Node, Node], ...]  # circulation spaces joined between storeys
    space_use: dict  # node -> use

    def reachable(self, start: Node, passable: Callable[[DoorEdge], bool], skip: Opening | None = None) -> set[Node]:
        """Every node reachable from ``start`` through doors ``passable`` accepts."""
        neighbours: dict[Node, list[Node]] = {}
        for edge in self.edges:
            if edge.door is skip or not passable(edge):
                continue
            a, b = edge.sides
            neighbours.setdefault(a, []).append(b)
            neighbours.setdefault(b, []).append(a)
        for a, b in self.stairs:
            neighbours.setdefault(a, []).append(b)
            neighbours.setdefault(b, []).append(a)
        seen = {start}
        queue = deque([start])
        while queue:
            for nxt in neighbours.get(queue.popleft(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        return seen

    def edge_of(self, door: Opening) -> DoorEdge | None:
        for edge in self.edges:
            if edge.door is door:
                return edge
        return None


def door_graph(plan: Plan) -> DoorGraph:
    edges: list[DoorEdge] = []
    uses: dict = {OUTSIDE: "outside"}
    for storey in plan.storeys:
        for index, space in enumerate(storey.spaces):
            uses[("space", storey.name, index)] = space.use
        edges.extend(_storey_edges(storey))
    return DoorGraph(tuple(edges), _stairs(plan), uses)


def _storey_edges(storey: Storey) -> list[DoorEdge]:
    doors = [o for o in storey.openings if o.kind is OpeningKind.DOOR]
    if not doors:
        return []
    first, second = [], []
    for door in doors:
        normal = door.outward or (-door.along[1], door.along[0])
        centre = door.position
        first.append(Point(centre.x + normal[0] * SIDE_PROBE, centre.y + normal[1] * SIDE_PROBE))
        second.append(Point(centre.x - normal[0] * SIDE_PROBE, centre.y - normal[1] * SIDE_PROBE))
    probes = np.array(first + second, dtype=object)
    owner = smallest_space(storey, probes)
    inside = shapely.contains(storey.footprint, probes) if storey.footprint is not None else np.zeros(len(probes), bool)
    edges = []
    for i, door in enumerate(doors):
        nodes: list[Node] = []
        for side, probe_index in enumerate((i, i + len(doors))):
            space = owner[probe_index]
            if space >= 0:
                nodes.append(("space", storey.name, int(space)))
            elif inside[probe_index]:  # in the building, but in no drawn space
                nodes.append(("unknown", storey.name, door.source.handle, side))
            else:
                nodes.append(OUTSIDE)
        edges.append(DoorEdge(storey.name, door, (nodes[0], nodes[1])))
    return edges


def smallest_space(storey: Storey, points: np.ndarray) -> np.ndarray:
    """For each point, the index of the smallest space containing it, or -1."""
    owner = np.full(len(points), -1)
    if not storey.spaces:
        return owner
    polygons = np.array([s.polygon for s in storey.spaces], dtype=object)
    areas = shapely.area(polygons)
    point_idx, space_idx = shapely.STRtree(polygons).query(points, predicate="within")
    best = np.full(len(points), np.inf)
    for p, s in zip(point_idx.tolist(), space_idx.tolist()):
        if areas[s] < best[p]:
            best[p] = areas[s]
            owner[p] = s
    return owner


def _stairs(plan: Plan) -> tuple[tuple[Node, Node], ...]:
    ordered = sorted(plan.storeys, key=lambda s: s.elevation_m)
    links: list[tuple[Node, Node]] = []
    for lower, upper in zip(ordered, ordered[1:]):
        low = [(i, s.polygon) for i, s in enumerate(lower.spaces) if s.use in SHARED_USES]
        high = [(i, s.polygon) for i, s in enumerate(upper.spaces) if s.use in SHARED_USES]
        if not low or not high:
            continue
        tree = shapely.STRtree([p for _, p in high])
        a_idx, b_idx = tree.query(np.array([p for _, p in low], dtype=object), predicate="intersects")
        for a, b in zip(a_idx.tolist(), b_idx.tolist()):
            links.append((("space", lower.name, low[a][0]), ("space", upper.name, high[b][0])))
    return tuple(links)

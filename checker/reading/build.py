"""Turn what was extracted from one DXF file into a storey of the plan model.

This is the edge where drawing units become metres: every coordinate is scaled once
here (vectorised), and everything after works in metres. It also derives what the
drawing implies but does not state: the footprint, each opening's host wall, and
which side of an envelope opening is outside.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon

from ..plan import (
    AccessKind,
    AccessSurface,
    Fence,
    Light,
    Opening,
    OpeningKind,
    PublicRealm,
    SiteBoundary,
    Source,
    Space,
    Storey,
    Wall,
    parse_attributes,
)
from ..geoarrays import line_array, nearby_order, pairs_in_pieces, point_array
from ..heap import release_freed_memory
from ..messages import Term, msg
from .dxf.extract import Extraction
from .layers import NO_ROLE, Role
from .recognition.openings import Found, Linework, linework, recognise_openings, used_zones
from .recognition.walls import Segments, find_gaps, segments_of, window_faces
from .recognition.room_words import names_hiding_place, names_void, use_of as _use_of
from .recognition.room_words import SPACE_USES, space_name as _space_name, space_use as _space_use  # noqa: F401 (SPACE_USES re-exported)
from .recognition.rooms import spaces_from_walls

# Tolerances in metres, with why.
WALL_BAND = 0.02  # walls drawn as single lines still make a band to union
GAP_CLOSING = 0.3  # closes gaps up to 0.6 m left at openings and sloppy corners
HOST_WALL_DISTANCE = 0.5  # an opening further than this from any wall has no host
ENVELOPE_DISTANCE = 0.75  # openings this close to the footprint's edge may be external
SIDE_PROBE = 0.9  # how far either side of an opening we look for "outside"
MIN_FOOTPRINT_AREA = 1.0  # m2; smaller closed pieces are drawing noise
# Mean width (2 x area / perimeter) below which a piece is a free-standing wall, not
# a building: a 25 m garden wall is a metre square of wall but 4 cm wide.
MIN_FOOTPRINT_WIDTH = 0.5
# m2: a drawn room outline smaller than this is a room only when a text inside names a
# use (a 1.2 m2 WC); otherwise it is a room tag's frame, a duct or a column.
MIN_DRAWN_ROOM_AREA = 1.5
# A door found by its shape in a block that states its attributes is as sure as a block.
BLOCK_ATTRIBUTES_CONFIDENCE = 0.85
FOOTPRINT_BATCH = 4096  # walls and openings' spans unioned at a time for the footprint (bounds its working set)
SEGMENTS_AT_ONCE = 1 << 16  # wall segments made GEOS lines at a time, to find the openings near them
ZONES_AT_ONCE = 1 << 14  # openings' host zones in one tree at a time (near ones together)


class _Drawn(NamedTuple):
    """What building a storey needs of a shape besides its geometry (drawing units)."""

    layer: str
    handle: str
    block: str | None
    elevation: float
    thickness: float


def scale(geometries: list, factor: float) -> list:
    """Scale geometries from drawing units to metres in one vectorised call."""
    if not geometries:
        return []
    array = np.empty(len(geometries), dtype=object)
    array[:] = geometries
    return list(shapely.transform(array, lambda xy: xy * factor))


def build_storey(
    name: str, file: str, elevation_m: float, raw: Extraction, factor: float, recognise_rooms: bool = True
) -> Storey:
    """``recognise_rooms``: find rooms from the walls when no room outlines are drawn (see
    ``recognition.rooms.rooms_left_undrawn`` for when a drawing says it has none).

    Takes over ``raw.shapes`` (the list is left empty): once their geometry is in metres,
    the drawing units' copies go, so a large plan does not hold its walls and rooms
    twice while it is built (90 MB on the 500k-entity plan).
    """
    shapes, raw.shapes = raw.shapes, []
    geometries = scale([s.geometry for s in shapes], factor)
    by_role: dict[Role | None, list[tuple[_Drawn, LineString | Polygon]]] = {}
    for shape, geometry in zip(shapes, geometries):
        drawn = _Drawn(shape.layer, shape.handle, shape.block, shape.elevation, shape.thickness)
        by_role.setdefault(shape.role, []).append((drawn, geometry))
    del shapes, geometries

    def source(item, recognised_by: str | None = None) -> Source:
        explained = raw.layer_roles.get(item.layer, NO_ROLE)
        if explained.how is None:
            if recognised_by is None:
                return Source(item.handle, item.layer, name)
            return Source(item.handle, item.layer, name, recognised_by)
        return Source(
            item.handle, item.layer, name, recognised_by or explained.how, explained.confidence, explained.reason
        )

    # Walls as drawn: lines, polylines and (from extraction) hatch boundaries on wall layers.
    walls = tuple(Wall(source(s), g) for s, g in by_role.get(Role.WALLS, []))
    openings_raw = raw.openings
    spans = _two_point_lines([(o.start, o.end) for o in openings_raw], factor)
    # The walls' segments, made once for recognition and for the host walls.
    wall_segments = segments_of([w.geometry for w in walls])
    found = _recognise(raw, factor, walls, wall_segments, spans)
    release_freed_memory()  # the gaps' and linework's working arrays, before the footprint's union
    all_spans = spans + [f.span for f in found]
    # Gaps that windows and a door fill only in parts are closed whole, for the outline and rooms.
    closing_spans = all_spans + [f.gap_span for f in found if f.gap_span is not None]
    footprint = _footprint([w.geometry for w in walls], closing_spans)
    release_freed_memory()  # the union's pieces
    hosts = _host_walls(walls, wall_segments, all_spans)
    del wall_segments  # arrays of every wall segment: nothing after needs them
    release_freed_memory()  # the host zones' tree and pairs, before the openings are made
    # Final spans first (a WIDTH attribute resizes a block's span), then which side of
    # each is outside, for all openings in one vectorised pass.
    attributes = [parse_attributes(o.attributes) for o in openings_raw]
    # An opening found by its shape in a block reference that carries opening attributes
    # (a door block on a layer of no door role) keeps them, and is known by that block.
    holders = [_attribute_holder(f.path, raw.opening_attributes) for f in found]
    attributes += [
        parse_attributes(raw.opening_attributes[holder]) if holder else parse_attributes({}) for holder in holders
    ]
    final_spans = _resized(all_spans, [a.width_m for a in attributes])
    width_from = ["attribute" if a.width_m is not None else "geometry" for a in attributes]
    alongs, widths = _directions(final_spans)
    outwards = _outwards(final_spans, [o.side for o in openings_raw] + [f.side for f in found], footprint)
    # Who each opening is: the convention INSERTs first, then what recognition found.
    identities: list[tuple[Source, OpeningKind, str]] = []
    for raw_opening in openings_raw:
        recognised = source(raw_opening, "block-attributes" if raw_opening.attributes else None)
        kind = OpeningKind.DOOR if raw_opening.role is Role.DOORS else OpeningKind.WINDOW
        identities.append((recognised, kind, raw_opening.block))
    for item, holder in zip(found, holders):
        recognised = Source(item.handle, item.layer, name, item.recognised_by, item.confidence, item.reason)
        if holder:
            recognised = replace(  # named by the block reference (its handle in modelspace)
                recognised,
                handle=holder,
                recognised_by="block-attributes",
                confidence=max(item.confidence, BLOCK_ATTRIBUTES_CONFIDENCE),
            )
        identities.append((recognised, item.kind, item.block))
    openings = [
        Opening(
            source=recognised,
            kind=kind,
            block=block,
            span=span,
            along=alongs[k],
            width_m=widths[k],
            width_from=width_from[k],
            host_wall=hosts[k],
            outward=outwards[k],
            attributes=attributes[k],
        )
        for k, ((recognised, kind, block), span) in enumerate(zip(identities, final_spans))
    ]
    paths = [o.path for o in openings_raw] + [holder or item.path for item, holder in zip(found, holders)]
    openings = _distinct_handles(openings, paths)

    texts = raw.texts
    text_points = _points([t.point for t in texts], factor)
    spaces_found = _room_outlines(
        [(s, g) for s, g in by_role.get(Role.SPACES, []) if isinstance(g, Polygon)], text_points, texts
    )
    space_texts = _texts_inside([g for _, g in spaces_found], text_points, texts, prefer=Role.SPACES)
    spaces = tuple(
        Space(source(s), *_name_and_use(tuple(words)), g) for (s, g), words in zip(spaces_found, space_texts)
    )
    if recognise_rooms and not spaces_found and walls:  # no outlines drawn: rooms are what the walls enclose
        spaces, footprint = spaces_from_walls(name, walls, closing_spans, text_points, texts, footprint)
    spaces, outside_recesses = _outside_recesses(spaces, footprint)

    access_found = [(s, g) for s, g in by_role.get(Role.ACCESS, []) if isinstance(g, Polygon)]
    access_texts = _texts_inside([g for _, g in access_found], text_points, texts, prefer=Role.ACCESS)
    access = tuple(
        AccessSurface(source(s), _access_kind(s.layer), g, s.elevation * factor, _slope(words))
        for (s, g), words in zip(access_found, access_texts)
    )
    site = tuple(SiteBoundary(source(s), g) for s, g in by_role.get(Role.SITE, []) if isinstance(g, Polygon))
    public = tuple(PublicRealm(source(s), g) for s, g in by_role.get(Role.PUBLIC, []))
    fences = tuple(
        Fence(source(s), g.exterior if isinstance(g, Polygon) else g, s.thickness * factor or None)
        for s, g in by_role.get(Role.FENCES, [])
    )
    light_points = _points([light.point for light in raw.lights], factor)
    lights = tuple(Light(source(light), p, light.block) for light, p in zip(raw.lights, light_points))
    return Storey(
        name=name,
        file=file,
        elevation_m=elevation_m,
        walls=walls,
        openings=tuple(openings),
        spaces=spaces,
        outside_recesses=outside_recesses,
        access_surfaces=access,
        site_boundaries=site,
        public_realm=public,
        fences=fences,
        lights=lights,
        footprint=footprint,
    )


def _recognise(
    raw: Extraction, factor: float, walls: tuple[Wall, ...], wall_segments: Segments, known_spans: list
) -> list[Found]:
    """Doors and windows drawn as plain geometry (swing arcs, lines in wall gaps), in metres.

    Linework on door and window layers that formed no opening is said once per role in
    ``raw.problems`` (the load report reads them after building).
    """
    loose_geometries = scale([s.geometry for s in raw.loose], factor)
    lines = linework(raw.loose, loose_geometries)
    wall_segments, lines = _windows_taken_for_walls(wall_segments, lines, walls)
    gaps = find_gaps(wall_segments)
    arcs = raw.arcs
    if arcs:
        centres = np.array([a.center for a in arcs], dtype=float) * factor
        radii = np.array([a.radius for a in arcs], dtype=float) * factor
        ends = np.array([(a.start, a.end) for a in arcs], dtype=float) * factor
    else:
        centres, radii, ends = np.zeros((0, 2)), np.zeros(0), np.zeros((0, 2, 2))

    def how_for_layer(layer: str):
        explained = raw.layer_roles.get(layer, NO_ROLE)
        return None if explained.how is None else (explained.how, explained.confidence)

    found = recognise_openings(arcs, (centres, radii, ends), lines, wall_segments, gaps, known_spans, how_for_layer)
    _report_stray_linework(raw, loose_geometries, known_spans + [f.span for f in found])
    return found


def _windows_taken_for_walls(
    wall_segments: Segments, lines: Linework, walls: tuple[Wall, ...]
) -> tuple[Segments, Linework]:
    """A window's outer lines drawn on the wall's faces, on a layer that also holds the
    walls, are read as wall and close the window's gap: give them back to the loose
    linework (where the window is recognised in its gap) when a middle glass line shows them."""
    glazed = window_faces(wall_segments, lines.segments)
    if not glazed.any():
        return wall_segments, lines
    keep = ~glazed
    owners = wall_segments.owner[glazed].tolist()
    moved = Segments(
        np.concatenate([lines.segments.start, wall_segments.start[glazed]]),
        np.concatenate([lines.segments.end, wall_segments.end[glazed]]),
        np.concatenate([lines.segments.owner, np.full(len(owners), -1)]),
    )
    sources = [walls[k].source for k in owners]
    lines = Linework(
        moved,
        lines.handle + [s.handle for s in sources],
        lines.layer + [s.layer for s in sources],
        lines.block + [None] * len(owners),
        lines.role + [None] * len(owners),
        lines.path + [None] * len(owners),
    )
    walls_left = Segments(wall_segments.start[keep], wall_segments.end[keep], wall_segments.owner[keep])
    return walls_left, lines


def _report_stray_linework(raw: Extraction, geometries: list, spans: list) -> None:
    """Count the door- and window-layer linework that lies in no opening's zone."""
    on_role = [k for k, s in enumerate(raw.loose) if s.role in (Role.DOORS, Role.WINDOWS)]
    if not on_role:
        return
    used = np.zeros(len(on_role), dtype=bool)
    if spans:
        zones = used_zones(spans)
        hit, _ = shapely.STRtree(np.array(zones, dtype=object)).query(
            np.array([geometries[k] for k in on_role], dtype=object), predicate="intersects"
        )
        used[hit] = True
    for k, is_used in zip(on_role, used.tolist()):
        if not is_used and (role := raw.loose[k].role) is not None:  # loose linework is on a role's layer
            raw.problems[msg("load.stray-linework", role=Term(f"layer-role.{role.value}"))] += 1


def unclosed_counts(raw: Extraction) -> dict[Role, int]:
    """Shapes of roles that must be closed outlines but are open lines."""
    counts: dict[Role, int] = {}
    for shape in raw.shapes:
        if shape.role in (Role.SPACES, Role.ACCESS, Role.SITE) and not isinstance(shape.geometry, Polygon):
            counts[shape.role] = counts.get(shape.role, 0) + 1
    return counts


# ------------------------------------------------------------------ derived geometry


def _footprint(walls: list, spans: list):
    """The building's outline: walls and the openings in them, gaps closed, holes filled.

    The bands of walls and spans are unioned FOOTPRINT_BATCH at a time, near ones together
    (``nearby_order``), and each batch's union keeps only its outer outlines: the holes a
    batch encloses (rooms, courtyards) are filled at the end anyway, and filling them
    earlier changes nothing (the outline of the closed union is the same: a hole of a part
    stays enclosed by the whole). Made whole, the bands of a 500k-entity plan and their
    union's pieces held 475 MB at once.
    """
    if not walls:
        return None
    items = np.empty(len(walls) + len(spans), dtype=object)
    items[: len(walls)] = walls
    items[len(walls) :] = spans
    bounds = shapely.bounds(items)  # NaN for an empty geometry: its centre counts as (0, 0)
    order = nearby_order(np.nan_to_num((bounds[:, :2] + bounds[:, 2:]) / 2))
    outlines: list = []
    for first in range(0, len(order), FOOTPRINT_BATCH):
        batch = order[first : first + FOOTPRINT_BATCH]
        # The span bridges the gap an opening leaves in its wall; the gap closing
        # joins it to the wall faces. A deeper patch would bulge out of the wall.
        bands = np.concatenate(
            [
                shapely.buffer(items[batch[batch < len(walls)]], WALL_BAND),
                shapely.buffer(items[batch[batch >= len(walls)]], WALL_BAND, cap_style="flat"),
            ]
        )
        outlines += _outer_outlines(shapely.union_all(bands))
    solid = shapely.union_all(outlines)
    solid = solid.buffer(GAP_CLOSING, join_style="mitre").buffer(-GAP_CLOSING, join_style="mitre")
    filled = [
        p
        for p in _outer_outlines(solid)
        if p.area >= MIN_FOOTPRINT_AREA and 2 * p.area / p.length >= MIN_FOOTPRINT_WIDTH
    ]
    if not filled:
        return None
    return shapely.union_all(filled)


def _outer_outlines(geometry) -> list[Polygon]:
    """Each polygon of ``geometry`` with its holes filled."""
    return [Polygon(p.exterior) for p in shapely.get_parts(geometry) if isinstance(p, Polygon)]


def _host_walls(walls: tuple[Wall, ...], wall_segments: Segments, spans: list) -> list[str | None]:
    """The wall each opening sits in: the one with most linework running along it nearby.

    Nearest-wall alone picks a partition that meets the opening's jamb; the walls
    an opening sits in run parallel to its span on both sides of it. The linework is
    clipped to each opening's host zone in numpy (one GEOS intersection per opening and
    wall was most of the build). ``wall_segments``: the walls' (``segments_of``), their
    ``owner`` indexing ``walls``.
    """
    hosts: list[str | None] = [None] * len(spans)
    if not walls or not spans:
        return hosts
    start, end, owner = wall_segments.start, wall_segments.end, wall_segments.owner
    if not len(owner):
        return hosts
    zones = _HostZones(spans)
    # Per opening and wall: the length of that wall's linework in the zone, along the span.
    # Summed a batch of segments at a time: all (zone, segment) pairs of a dense plan at
    # once were 1.4M pairs in a dozen arrays (+170 MB on the 500k-entity plan).
    keys: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]  # no pair at all: no host
    totals: list[np.ndarray] = [np.zeros(0)]
    for segment, zone in zones.pairs(start, end):
        scores = zones.parallel_lengths(zone, start[segment], end[segment])
        key, key_of = np.unique(zone.astype(np.int64) * len(walls) + owner[segment], return_inverse=True)
        keys.append(key)
        totals.append(np.bincount(key_of.ravel(), weights=scores, minlength=len(key)))
    key, key_of = np.unique(np.concatenate(keys), return_inverse=True)
    total = np.bincount(key_of.ravel(), weights=np.concatenate(totals), minlength=len(key))
    del keys, totals, key_of
    scored = total > 0
    opening_of, wall_of, total = key[scored] // len(walls), key[scored] % len(walls), total[scored]
    # Highest score wins; ties within rounding (the two faces of one wall; walls across
    # the span, whose scores are rounding noise) go to the wall drawn first, so the
    # answer does not depend on the drawing unit.
    best = np.zeros(len(spans))
    np.maximum.at(best, opening_of, total)
    tied = total >= best[opening_of] * (1 - 1e-6) - 1e-9
    chosen = np.full(len(spans), len(walls))
    np.minimum.at(chosen, opening_of[tied], wall_of[tied])
    for i in np.flatnonzero(chosen < len(walls)).tolist():
        hosts[i] = walls[chosen[i]].source.handle
    return hosts


class _HostZones:
    """Each span stretched HOST_WALL_DISTANCE past each jamb and widened as far across
    the wall: a rectangle per opening, in the span's own frame (``origin``, ``along``,
    ``normal``, ``length``)."""

    def __init__(self, spans: list) -> None:
        starts, ends = _first_segments(spans)
        lengths = np.hypot(*(ends - starts).T)
        along = _unit_vectors(ends - starts)
        self.along = along
        self.normal = np.stack([-along[:, 1], along[:, 0]], axis=1)
        self.origin = starts - along * HOST_WALL_DISTANCE
        self.length = lengths + 2 * HOST_WALL_DISTANCE

    def pairs(self, start: np.ndarray, end: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(segment, zone) for each wall segment from ``start`` to ``end`` whose box meets
        a zone's box, a piece of the plan at a time (``geoarrays.pairs_in_pieces``), each
        box as the line across it (a line's envelope is that box: a polygon per segment
        of a 500k-entity plan was 225 MB)."""
        far = self.origin + self.along * self.length[:, None]
        across = np.abs(self.normal) * HOST_WALL_DISTANCE
        low = np.minimum(self.origin, far) - across
        high = np.maximum(self.origin, far) + across
        yield from pairs_in_pieces(
            (low, high),
            lambda some: line_array(np.stack([low[some], high[some]], axis=1)),
            (start, end),
            lambda some: line_array(np.stack([start[some], end[some]], axis=1)),
            targets_at_once=ZONES_AT_ONCE,
            probes_at_once=SEGMENTS_AT_ONCE,
        )

    def parallel_lengths(self, zone: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """For each segment (start[k], end[k]) and zone[k], the length of the segment's
        part inside the zone (edges included) projected onto the zone's span: clipped in
        the zone's frame (Liang-Barsky), all pairs at once."""
        along, normal, origin = self.along[zone], self.normal[zone], self.origin[zone]
        first, second = start - origin, end - origin
        s0, s1 = np.einsum("ij,ij->i", first, along), np.einsum("ij,ij->i", second, along)
        q0, q1 = np.einsum("ij,ij->i", first, normal), np.einsum("ij,ij->i", second, normal)
        enter, leave = np.zeros(len(zone)), np.ones(len(zone))
        for v0, v1, low, high in ((s0, s1, 0.0, self.length[zone]), (q0, q1, -HOST_WALL_DISTANCE, HOST_WALL_DISTANCE)):
            change = v1 - v0
            moving = change != 0
            with np.errstate(divide="ignore", invalid="ignore"):
                at_low, at_high = (low - v0) / change, (high - v0) / change
            enter = np.where(moving, np.maximum(enter, np.minimum(at_low, at_high)), enter)
            leave = np.where(moving, np.minimum(leave, np.maximum(at_low, at_high)), leave)
            leave = np.where(~moving & ((v0 < low) | (v0 > high)), -1.0, leave)  # runs beside the zone
        return np.where(leave > enter, (leave - enter) * np.abs(s1 - s0), 0.0)


def _outwards(spans: list, sides: list, footprint) -> list[tuple[float, float] | None]:
    """For each opening, the unit normal pointing outside if it is on the building's
    envelope, else None; vectorised over all openings.

    The normal is first taken on the side of ``sides`` (a block's own +y, a door's
    swing); outside is the side a probe SIDE_PROBE away is not in the footprint.
    """
    result: list[tuple[float, float] | None] = [None] * len(spans)
    if footprint is None or not spans:
        return result
    array = np.array(spans, dtype=object)
    centres = shapely.line_interpolate_point(array, 0.5, normalized=True)
    rings = shapely.get_parts(footprint.boundary)
    near_idx, _ = shapely.STRtree(rings).query(centres, predicate="dwithin", distance=ENVELOPE_DISTANCE)
    near = np.unique(near_idx)
    if not len(near):
        return result
    start = shapely.get_coordinates(shapely.get_point(array[near], 0))
    end = shapely.get_coordinates(shapely.get_point(array[near], -1))
    along = end - start
    length = np.hypot(*along.T)
    along = np.where(length[:, None] > 0, along / np.where(length > 0, length, 1)[:, None], [1.0, 0.0])
    normal = np.stack([-along[:, 1], along[:, 0]], axis=1)
    side = np.array([sides[k] for k in near.tolist()], dtype=float).reshape(-1, 2)
    normal = np.where((np.einsum("ij,ij->i", normal, side) < 0)[:, None], -normal, normal)  # the block's own +y first
    centre = shapely.get_coordinates(centres[near])
    shapely.prepare(footprint)
    plus = shapely.contains_xy(footprint, *(centre + normal * SIDE_PROBE).T)
    minus = shapely.contains_xy(footprint, *(centre - normal * SIDE_PROBE).T)
    outward = np.where(plus[:, None], -normal, normal)
    for k, decided, vector in zip(near.tolist(), (plus != minus).tolist(), _shared_rows(outward)):
        if decided:
            result[k] = vector
    return result


def _shared_rows(rows: np.ndarray) -> list:
    """Each row as a tuple of floats (a 1-d array: each value as a float), rows alike bit
    for bit given as one object. A plan's openings share a few directions (its walls run
    two or three ways) and widths; a direction held per opening is a tuple and two floats,
    130 bytes (55 MB for the 500k-entity plan's doors and windows)."""
    if not len(rows):
        return []
    rows = np.ascontiguousarray(rows, dtype=float)
    width = rows.itemsize * (rows.shape[1] if rows.ndim == 2 else 1)
    _, first, inverse = np.unique(rows.view(np.dtype((np.void, width))).ravel(), return_index=True, return_inverse=True)
    alike = [tuple(row) for row in rows[first].tolist()] if rows.ndim == 2 else rows[first].tolist()
    return [alike[k] for k in inverse.ravel().tolist()]


def _two_point_lines(pairs: list, factor: float) -> list:
    """Lines from (start, end) pairs in drawing units, in metres, in one call (as ``scale``)."""
    if not pairs:
        return []
    return list(line_array(np.array(pairs, dtype=float) * factor))


def _points(points: list, factor: float) -> list:
    """Points in drawing units, in metres, in one call (as ``scale``)."""
    if not points:
        return []
    return list(point_array(np.array(points, dtype=float) * factor))


def _first_segments(spans: list) -> tuple[np.ndarray, np.ndarray]:
    """Each line's first and second vertex (n x 2 each)."""
    array = np.array(spans, dtype=object)
    coords = shapely.get_coordinates(array)
    first = np.concatenate(([0], np.cumsum(shapely.get_num_coordinates(array))[:-1]))
    return coords[first], coords[first + 1]


def _unit_vectors(deltas: np.ndarray) -> np.ndarray:
    """Rows divided by their length; (1, 0) for a zero row (as a span with no direction)."""
    lengths = np.hypot(deltas[:, 0], deltas[:, 1])
    units = deltas / np.where(lengths == 0, 1.0, lengths)[:, None]
    units[lengths == 0] = (1.0, 0.0)
    return units


def _directions(spans: list) -> tuple[list[tuple[float, float]], list[float]]:
    """Each span's unit direction (first vertex to second) and its length."""
    if not spans:
        return [], []
    start, end = _first_segments(spans)
    array = np.array(spans, dtype=object)
    return _shared_rows(_unit_vectors(end - start)), _shared_rows(shapely.length(array))


def _resized(spans: list, widths: list[float | None]) -> list:
    """Spans given a width (a WIDTH attribute) re-drawn that wide about their middle."""
    chosen = [k for k, width in enumerate(widths) if width is not None]
    if not chosen:
        return list(spans)
    array = np.array([spans[k] for k in chosen], dtype=object)
    centre = shapely.get_coordinates(shapely.line_interpolate_point(array, 0.5, normalized=True))
    start, end = _first_segments(list(array))
    half = _unit_vectors(end - start) * (np.array([widths[k] for k in chosen], dtype=float) / 2)[:, None]
    resized = line_array(np.stack([centre - half, centre + half], axis=1))
    result = list(spans)
    for k, span in zip(chosen, resized):
        result[k] = span
    return result


def _attribute_holder(path: str | None, holders: dict[str, dict[str, str]]) -> str | None:
    """The innermost block reference on ``path`` that carries opening attributes, or None."""
    while path and holders:
        if path in holders:
            return path
        path = path.rpartition("/")[0]
    return None


def _distinct_handles(openings: list[Opening], paths: list[str | None]) -> list[Opening]:
    """Openings that share a handle (all found in one block reference: a whole plan
    inserted as one block) are named by the path of handles to what they were found
    from, "<insert>/<entity in the block definition>", so that a schedule row and a
    finding name one opening. Modelspace entities keep their handles."""
    counts = Counter(o.source.handle for o in openings)
    return [
        replace(o, source=replace(o.source, handle=path)) if counts[o.source.handle] > 1 and path else o
        for o, path in zip(openings, paths)
    ]


@lru_cache(maxsize=4096)
def _name_and_use(words: tuple[str, ...]) -> tuple[str | None, str]:
    """A room's name and use from the texts inside it; a plan repeats a few label sets
    over thousands of rooms, and the answer depends on the words alone."""
    return _space_name(list(words)), _space_use(list(words))


def _outside_recesses(spaces: tuple[Space, ...], footprint) -> tuple[tuple[Space, ...], tuple[Space, ...]]:
    """The spaces, and apart from them the recesses and niches drawn outside the
    footprint (most of their area beyond it): a porch niche beside an entrance is a
    place to hide in (ENTR-06), not a room a door opens into."""
    if footprint is None or not spaces:
        return spaces, ()
    named = [k for k, space in enumerate(spaces) if names_hiding_place(space.name)]
    if not named:
        return spaces, ()
    polygons = np.array([spaces[k].polygon for k in named], dtype=object)
    inside = shapely.area(shapely.intersection(polygons, footprint))
    outside = {k for k, area, polygon in zip(named, inside.tolist(), polygons) if area < 0.5 * polygon.area}
    return (
        tuple(space for k, space in enumerate(spaces) if k not in outside),
        tuple(spaces[k] for k in sorted(outside)),
    )


def _names_a_place(text: str) -> bool:
    """A text that makes a small outline a space: a use, a place to hide in, or a shaft."""
    return _use_of(text) is not None or names_hiding_place(text) or names_void(text)


def _room_outlines(found: list, points: list, texts: list) -> list:
    """The drawn room outlines that are rooms: a small one needs a text inside naming a
    use, a recess or niche, or a shaft that is not its own tag's (a tag block draws a
    ~1 m2 frame around the room's name, inside the room it names)."""
    areas = [g.area for _, g in found]
    small = [k for k, area in enumerate(areas) if area < MIN_DRAWN_ROOM_AREA]
    if not small:
        return found
    named = np.zeros(len(found), dtype=bool)
    if points:
        point_idx, poly_idx = shapely.STRtree([found[k][1] for k in small]).query(
            np.array(points, dtype=object), predicate="within"
        )
        for p, q in zip(point_idx.tolist(), poly_idx.tolist()):
            shape, text = found[small[q]][0], texts[p]
            own_tag = shape.block is not None and text.block == shape.block
            if not own_tag and _names_a_place(text.text):
                named[small[q]] = True
    dropped = {k for k in small if not named[k]}
    return [item for k, item in enumerate(found) if k not in dropped]


def _texts_inside(polygons: list, points: list, texts: list, prefer: Role) -> list[list[str]]:
    """For each polygon, the texts inside it; a text belongs to the smallest polygon holding it.

    Texts on the polygon's own role come first.
    """
    found: list[list[tuple[int, str]]] = [[] for _ in polygons]
    if not polygons or not points:
        return [[] for _ in polygons]
    tree = shapely.STRtree(polygons)
    point_idx, poly_idx = tree.query(np.array(points, dtype=object), predicate="within")
    areas = shapely.area(np.array(polygons, dtype=object))
    best: dict[int, int] = {}
    for p, q in zip(point_idx, poly_idx):
        p, q = int(p), int(q)
        if p not in best or areas[q] < areas[best[p]]:
            best[p] = q
    for p, q in sorted(best.items()):
        text = texts[p]
        found[q].append((0 if text.role is prefer else 1, text.text))
    return [[t for _, t in sorted(items, key=lambda item: item[0])] for items in found]


_SLOPE_TAG = re.compile(r"^\s*SLOPE\s*[=:]?\s*(\d+(?:[.,]\d+)?)\s*(?:°|deg|degrees)?\s*$", re.IGNORECASE)


def _access_kind(layer: str) -> AccessKind:
    name = layer.upper()
    if "BALC" in name or "BALK" in name:  # English; Dutch and German "balkon"
        return AccessKind.BALCONY
    if any(word in name for word in ("CLMB", "CLIMB", "AID", "BIN", "SHED")):
        return AccessKind.CLIMBING_AID
    return AccessKind.ROOF


def _slope(words: list[str]) -> float | None:
    for text in words:
        match = _SLOPE_TAG.match(text)
        if match:
            return float(match.group(1).replace(",", "."))
    return None

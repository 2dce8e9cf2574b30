"""Rooms from walls: close the door and window gaps, and the spaces the walls enclose are rooms.

Most drawings have no room outlines: the rooms are what the walls enclose. The rules
need rooms (a garage or a store a burglar can use, which rooms a window lights), so
when a storey has no drawn room outlines they are recognised here, in metres:

1. Walls become a solid band: lines (a wall's centre line, or each face of a wall
   drawn as double lines) and the outlines of closed polylines are thickened by
   ``WALL_BAND``; a closed outline as thin as a wall (a hatch, a wall drawn as a
   rectangle) is taken whole. A closed outline wider than a wall (the inner face of a
   wall loop) is linework, not a solid, or it would fill the rooms it surrounds.
2. Each door or window gap is closed by a patch from jamb to jamb, as deep as the
   wall faces that run along it on either side (measured, so the patch is flush with
   the wall and leaves no notch in the rooms).
3. What the band leaves enclosed, apart from the outside, is a room candidate; the
   band's own thickness is given back so that rooms reach the wall faces.
4. A candidate smaller than ``MIN_ROOM_AREA`` or narrower on average than
   ``MIN_ROOM_WIDTH`` (width = 2 x area / perimeter) is not a room: the strip between
   the two faces of a double-line wall, a duct, a gap between two lines drawn twice.
   One under ``SMALL_ROOM_AREA`` is a room only when a door or window opens into it
   or a text names it: otherwise it is a shaft, a column, a step or a bench.
5. Nor is a narrow enclosure lined mostly by openings (a double glass wall's cavity), or
   one that holds every other in its hole (the margin between the building and an eaves,
   roof or plot line drawn round it).

Texts inside a room name it and say its use (``room_words``). All steps are
vectorised shapely calls; no step compares every element with every other.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable, Iterable

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from ...geoarrays import line_array, polygon_array
from ...messages import Message, msg
from ...plan import ATTRIBUTE_TAGS, Source, Space, Wall
from ..dxf.extract import Extraction
from ..layers import Role
from .room_words import is_label, space_name, space_use

# Metres, with why.
WALL_BAND = 0.03  # half the width a wall line is thickened to: joins corners drawn up to 6 cm apart
MAX_WALL_WIDTH = 0.6  # a closed outline at most this wide on average is a wall body, not a room's face
MAX_WALL_DEPTH = 0.6  # how far either side of an opening's span wall faces are looked for
JAMB_REACH = 0.3  # how far past each jamb the wall faces beside a gap are looked for
PARALLEL = 0.95  # |cos| above which a wall segment runs along an opening
FACE_OFFSET = 0.04  # a parallel wall line nearer the span than this is the span's own line
MIN_ROOM_AREA = 1.5  # m2: a WC is about 1.5 m2; smaller enclosures are ducts and shafts
SMALL_ROOM_AREA = 6.0  # m2: below this an enclosure needs a door, a window or a name to be a room
OPENING_REACH = 0.35  # m: a span this close to an enclosure opens into it (spans lie mid-wall)
CAVITY_WIDTH = 1.2  # m, 2 x area / perimeter: narrower enclosures may be a glass wall's cavity ...
CAVITY_OPENING_SHARE = 2 / 3  # ... when openings line more than this share of their outline
MIN_ROOM_WIDTH = 0.6  # m, 2 x area / perimeter: a 0.8 m corridor is about 0.7, a 0.3 m wall strip 0.3

CONFIDENCE_NAMED = 0.8  # enclosed, and a text inside names a use we know
CONFIDENCE_UNNAMED = 0.65  # enclosed, but nothing inside says what it is


@dataclass(frozen=True)
class FoundRoom:
    """A room recognised from walls (metres), with what the texts inside say about it."""

    polygon: Polygon
    wall: int | None  # index into the walls given: one that bounds the room, for its handle
    name: str | None
    use: str
    confidence: float
    reason: Message
    texts: tuple[str, ...]  # every text inside, in the order given


def recognise_rooms(
    walls: list[BaseGeometry],
    spans: list[LineString],
    texts: list[tuple[Point, str]],
    max_area: float | None = None,
) -> list[FoundRoom]:
    """Rooms enclosed by ``walls`` once the ``spans`` (jamb to jamb) close their gaps.

    ``max_area`` (the footprint's area) bounds a room: a larger enclosure is not one
    room but a drawing frame or a site. Rooms come largest first.
    """
    if not walls:
        return []
    wall_array = np.empty(len(walls), dtype=object)
    wall_array[:] = walls
    solid_parts, lines = _wall_solids(wall_array)
    if len(spans):
        span_array = np.empty(len(spans), dtype=object)
        span_array[:] = spans
        solid_parts = np.concatenate([solid_parts, _gap_patches(span_array, lines)])
    solid = shapely.union_all(solid_parts)
    if solid.is_empty:
        return []
    frame = shapely.box(*solid.bounds).buffer(1.0, join_style="mitre")
    pieces = shapely.get_parts(shapely.difference(frame, solid))
    pieces = pieces[~shapely.intersects(pieces, frame.exterior)]  # the outside touches the frame
    if not len(pieces):
        return []
    # Give back the band so rooms reach the wall faces (mitred: rooms keep square corners).
    rooms = shapely.buffer(pieces, WALL_BAND, join_style="mitre")
    rooms = np.array([_largest(r) for r in rooms], dtype=object)
    areas = shapely.area(rooms)
    widths = 2 * areas / np.maximum(shapely.length(rooms), 1e-9)
    keep = (areas >= MIN_ROOM_AREA) & (widths >= MIN_ROOM_WIDTH)
    if max_area is not None:
        keep &= areas <= max_area * 1.001
    rooms = rooms[keep]
    rooms = rooms[~_margins_round_building(rooms)]
    rooms = rooms[np.argsort(-shapely.area(rooms), kind="stable")]
    if not len(rooms):
        return []
    inside = _texts_in(rooms, texts)
    # A small enclosure that no door or window opens into and no text names is a shaft,
    # a column, a step or a bench drawn on a wall layer, not a room.
    small = shapely.area(rooms) < SMALL_ROOM_AREA
    if small.any():
        opened = np.zeros(len(rooms), dtype=bool)
        if len(spans):
            # Flat ends: an opening beside a corner does not open into what lies past its jamb.
            reach = shapely.buffer(np.array(spans, dtype=object), OPENING_REACH, cap_style="flat")
            opened[np.unique(shapely.STRtree(rooms).query(reach, predicate="intersects")[1])] = True
        named = np.array([any(is_label(t) for t in words) for words in inside], dtype=bool)
        keep = ~small | opened | named
        rooms, inside = rooms[keep], [words for words, k in zip(inside, keep.tolist()) if k]
    if len(spans) and len(rooms):
        keep = ~_glass_cavities(rooms, np.array(spans, dtype=object))
        rooms, inside = rooms[keep], [words for words, k in zip(inside, keep.tolist()) if k]
    if not len(rooms):
        return []
    bounding = _bounding_walls(rooms, wall_array)
    found = []
    for room, words, wall in zip(rooms, inside, bounding):
        name, use = space_name(words), space_use(words)
        names_use = name is not None and use not in ("other", "unknown")
        reason = msg("recognition.room-named", text=name) if name else msg("recognition.room-from-walls")
        found.append(
            FoundRoom(
                room, wall, name, use, CONFIDENCE_NAMED if names_use else CONFIDENCE_UNNAMED, reason, tuple(words)
            )
        )
    return found


def _margins_round_building(rooms: np.ndarray) -> np.ndarray:
    """True for an enclosure that holds every other one in its hole: the margin between
    the building and a line drawn round it (eaves, a roof edge, a plot or frame line), not a
    room. A corridor round a courtyard holds the courtyard, but not the rooms beyond it."""
    margin = np.zeros(len(rooms), dtype=bool)
    ringed = np.flatnonzero(shapely.get_num_interior_rings(rooms) > 0)
    if len(rooms) < 2 or not len(ringed):
        return margin
    points = shapely.point_on_surface(rooms)
    for k in ringed.tolist():
        whole = shapely.polygons(shapely.get_exterior_ring(rooms[k]))
        inside = shapely.contains(whole, points)
        inside[k] = True
        margin[k] = bool(inside.all())
    return margin


def _glass_cavities(rooms: np.ndarray, spans: np.ndarray) -> np.ndarray:
    """True for a narrow enclosure whose outline runs mostly along openings: the cavity
    of a double glass wall (a light wall, a double facade) or a display case, not a room.
    A room, even a corridor lined with doors, has walls on most of its outline."""
    areas = shapely.area(rooms)
    narrow = np.flatnonzero(2 * areas / np.maximum(shapely.length(rooms), 1e-9) < CAVITY_WIDTH)
    cavity = np.zeros(len(rooms), dtype=bool)
    if not len(narrow):
        return cavity
    zones = shapely.buffer(spans, OPENING_REACH, cap_style="flat")
    room_k, zone_k = shapely.STRtree(zones).query(rooms[narrow], predicate="intersects")
    for k in np.unique(room_k).tolist():
        outline = shapely.get_exterior_ring(rooms[narrow[k]])
        along = shapely.length(shapely.intersection(outline, shapely.union_all(zones[zone_k[room_k == k]])))
        cavity[narrow[k]] = along > CAVITY_OPENING_SHARE * shapely.length(outline)
    return cavity


def _wall_solids(walls: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The walls as thickened solids, and the linework they are drawn with (for gap depths)."""
    is_polygon = np.isin(shapely.get_type_id(walls), (3, 6))  # Polygon, MultiPolygon
    areas = shapely.area(walls)
    perimeters = np.maximum(shapely.length(walls), 1e-9)
    body = is_polygon & (2 * areas / perimeters <= MAX_WALL_WIDTH)
    lines = walls.copy()
    lines[is_polygon] = shapely.boundary(walls[is_polygon])
    solids = shapely.buffer(lines, WALL_BAND, cap_style="square", join_style="mitre")
    if body.any():
        solids = np.concatenate([solids, walls[body]])
    return solids, lines


def _gap_patches(spans: np.ndarray, lines: np.ndarray) -> np.ndarray:
    """For each opening, a patch from jamb to jamb as deep as the wall faces beside it.

    The faces are the wall segments parallel to the span, beside it or within
    ``JAMB_REACH`` past its jambs; the patch reaches the nearest one on each side
    that is not the span's own line (a span drawn on one face of the wall reaches
    across to the other). A span in a single-line wall, or with no wall beside it,
    gets a thin patch: it joins the wall ends it lies between.
    """
    starts = shapely.get_coordinates(shapely.get_point(spans, 0))
    ends = shapely.get_coordinates(shapely.get_point(spans, -1))
    lengths = np.maximum(np.hypot(*(ends - starts).T), 1e-9)
    along = (ends - starts) / lengths[:, None]
    normal = np.column_stack([-along[:, 1], along[:, 0]])
    reach = along * JAMB_REACH
    zone_lines = line_array(np.stack([starts - reach, ends + reach], axis=1))
    zones = shapely.buffer(zone_lines, MAX_WALL_DEPTH, cap_style="flat")
    low = np.full(len(spans), -np.inf)
    high = np.full(len(spans), np.inf)
    span_idx, line_idx = shapely.STRtree(lines).query(zones, predicate="intersects")
    if len(span_idx):
        pieces = shapely.intersection(lines[line_idx], zones[span_idx])
        parts, owner = shapely.get_parts(pieces, return_index=True)
        coords, part_of = shapely.get_coordinates(parts, return_index=True)
        if len(coords) >= 2:
            same = part_of[1:] == part_of[:-1]
            a, b = coords[:-1][same], coords[1:][same]
            span_of = span_idx[owner[part_of[1:][same]]]
            delta = b - a
            seg_len = np.maximum(np.hypot(*delta.T), 1e-12)
            parallel = np.abs(np.einsum("ij,ij->i", delta / seg_len[:, None], along[span_of])) >= PARALLEL
            a, b, span_of = a[parallel], b[parallel], span_of[parallel]
            # The nearest face on each side: a parallel wall further off (a corridor's
            # other side) must not stretch the patch into the room.
            offsets = np.einsum("ij,ij->i", (a + b) / 2 - starts[span_of], normal[span_of])
            outer = offsets > FACE_OFFSET
            np.minimum.at(high, span_of[outer], offsets[outer])
            inner = offsets < -FACE_OFFSET
            np.maximum.at(low, span_of[inner], offsets[inner])
    low = np.where(np.isfinite(low), low, 0.0)
    high = np.where(np.isfinite(high), high, 0.0)
    corners = np.stack(
        [
            starts + normal * low[:, None],
            ends + normal * low[:, None],
            ends + normal * high[:, None],
            starts + normal * high[:, None],
        ],
        axis=1,
    )
    patches = polygon_array(corners)
    # No face on either side (a single-line wall): the span itself, a line.
    flat = high - low < 1e-9
    patches[flat] = spans[flat]
    # Thickened like the wall lines, so the patch is flush with the faces it joins.
    return shapely.buffer(patches, WALL_BAND, cap_style="flat", join_style="mitre")


def _largest(geometry) -> Polygon:
    if isinstance(geometry, Polygon):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon)]
    return max(parts, key=lambda g: g.area, default=Polygon())


def _texts_in(rooms: np.ndarray, texts: list[tuple[Point, str]]) -> list[list[str]]:
    """The texts inside each room, in the order given."""
    inside: list[list[str]] = [[] for _ in rooms]
    if not texts:
        return inside
    points = np.empty(len(texts), dtype=object)
    points[:] = [p for p, _ in texts]
    text_idx, room_idx = shapely.STRtree(rooms).query(points, predicate="within")
    for t, r in sorted(zip(text_idx.tolist(), room_idx.tolist())):
        inside[r].append(texts[t][1])
    return inside


def _bounding_walls(rooms: np.ndarray, walls: np.ndarray) -> list[int | None]:
    """For each room, the wall nearest its outline (rooms carry that wall's handle)."""
    room_idx, wall_idx = shapely.STRtree(walls).query_nearest(shapely.get_exterior_ring(rooms), all_matches=False)
    chosen: list[int | None] = [None] * len(rooms)
    for r, w in zip(room_idx.tolist(), wall_idx.tolist()):
        if chosen[r] is None:
            chosen[r] = w
    return chosen


# ------------------------------------------------------------------ into the plan model

# Rooms sticking out of the walls' footprint by less than this (m2) leave it as it is:
# the footprint of a plan whose walls already close stays exactly what it was.
FOOTPRINT_GROWTH = 0.05


def spaces_from_walls(
    storey: str,
    walls: tuple[Wall, ...],
    spans: list[LineString],
    text_points: list[Point],
    texts: list,
    footprint,
) -> tuple[tuple[Space, ...], object]:
    """The storey's rooms from its walls, as Space records, and the footprint they imply.

    ``texts`` are the extracted texts (``.text``) at ``text_points`` (metres). The
    footprint grows to hold the rooms where they reach past it (walls too thin or too
    broken for the footprint's own gap closing); otherwise it is returned unchanged.
    """
    # Tallest text first: a room's name is written larger than the notes beside it
    # ("UP" on a stair, a socket's height, a furniture tag).
    by_height = sorted(range(len(texts)), key=lambda i: -(getattr(texts[i], "height", 0.0) or 0.0))
    found = recognise_rooms(
        [w.geometry for w in walls],
        spans,
        [(text_points[i], texts[i].text) for i in by_height],
        max_area=float(footprint.area) if footprint is not None else None,
    )
    spaces = []
    for room in found:
        wall = walls[room.wall].source if room.wall is not None else None
        source = Source(
            wall.handle if wall else "",
            wall.layer if wall else "",
            storey,
            recognised_by="geometry",
            confidence=room.confidence,
            reason=room.reason,
        )
        spaces.append(Space(source, room.name, room.use, room.polygon))
    return tuple(spaces), footprint_with_rooms(footprint, [s.polygon for s in spaces])


def footprint_with_rooms(footprint, rooms: list[Polygon]):
    """The footprint, grown to hold the rooms where they reach past it."""
    if not rooms:
        return footprint
    together = shapely.union_all(np.array(rooms, dtype=object))
    if footprint is None:
        return together
    if shapely.area(shapely.difference(together, footprint)) < FOOTPRINT_GROWTH:
        return footprint
    return shapely.union_all([footprint, together])


def rooms_left_undrawn(layer_names: Iterable[str], role_of: Callable[[str], Role | None], raw: Extraction) -> bool:
    """True when a drawing made to the plan convention has a layer for room outlines and
    shows nothing on it.

    Such a drawing states its rooms (the convention) and states none: recognising rooms
    from its walls would put words in its author's mouth, and a rule that needs rooms
    says it cannot judge. A drawing is made to the convention when its doors and windows
    carry the convention's attributes (RC, GLAZING, ROLE ...), or when it draws no door
    or window symbol at all for recognition to read (walls alone). Any other drawing
    with an empty room layer -- an office template's ``A-AREA`` nobody drew on, beside
    doors drawn as swing arcs or attribute-less blocks -- gets its rooms from its walls,
    as does a drawing with no room layer, or with room names on one but no outlines.
    """
    if any(shape.role is Role.SPACES for shape in raw.shapes) or any(text.role is Role.SPACES for text in raw.texts):
        return False
    if not any(role_of(name) is Role.SPACES for name in layer_names):
        return False
    return _made_to_convention(raw)


def _made_to_convention(raw: Extraction) -> bool:
    """Its openings carry the convention's attributes, or it draws none to be recognised."""
    tags = set(ATTRIBUTE_TAGS)
    if any(tags.intersection(o.attributes) for o in raw.openings) or any(
        tags.intersection(attributes) for attributes in raw.opening_attributes.values()
    ):
        return True
    # Attribute-less blocks on door and window layers, or swing arcs anywhere: symbols of
    # an office's own library, not the convention's.
    return not raw.openings and not raw.arcs

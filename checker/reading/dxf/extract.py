"""Walk a drawing's modelspace and pull out what each layer role needs.

Everything stays in drawing units and world coordinates here; ``checker.dxf.build``
converts to metres once. Block references are exploded with their full transform
(nested blocks, mirrored and rotated inserts, extrusion -1, MINSERT grids); an
INSERT on a door, window or light layer is kept whole as one element. Entities on
layer ``0`` inside a block take the layer of the block reference, as in CAD.

Layers whose names say they hold no building element (furniture, dimensions, hatching,
title blocks: ``LayerRole.noise``) are counted, not read: their lines, curves and
hatches make no shapes, and a block reference on one is not exploded when everything
its block draws lies on layer 0 or on noise layers (it counts once). Their texts are
read (room names and type marks sit on annotation layers). A drawing with no plan on
its role layers is read whole again (see ``extract``).
"""

from __future__ import annotations

import math
import struct
from sys import intern
from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable

from ezdxf import bbox
from ezdxf import path as ezpath
from ezdxf.document import Drawing
from ezdxf.math import OCS, X_AXIS, Y_AXIS, Matrix44, Vec3
from shapely import make_valid
from shapely.geometry import LineString, Polygon

from ...messages import Term, msg
from ...plan import ATTRIBUTE_TAGS
from ..layers import PLAN_ROLES, LayerMapping, LayerRole, Role
from ..recognition.arcs import bulge_arcs, chord_arcs
from .light import LIGHT_TYPES, LightInsert

MAX_BLOCK_DEPTH = 16
_PATH_CLOSE_TOLERANCE = 1e-10  # ezdxf.path.tools.IS_CLOSE_TOL: when make_path closes a polyline
# Roles whose arcs are their own shapes (a round balcony, a curved site boundary), not door swings.
_SHAPE_ONLY_ROLES = (Role.SPACES, Role.ACCESS, Role.SITE, Role.PUBLIC, Role.FENCES, Role.LIGHTS)
CURVE_TYPES = {"LINE", "LWPOLYLINE", "POLYLINE", "ARC", "CIRCLE", "ELLIPSE", "SPLINE"}
TEXT_TYPES = {"TEXT", "MTEXT", "ATTRIB"}
# Entities that carry no plan geometry we use; counted, not reported one by one.
ANNOTATION_TYPES = {
    "DIMENSION",
    "ARC_DIMENSION",
    "LARGE_RADIAL_DIMENSION",
    "LEADER",
    "MULTILEADER",
    "MLEADER",
    "HATCH",
    "MPOLYGON",
    "WIPEOUT",
    "SOLID",
    "TRACE",
    "3DFACE",
    "3DSOLID",
    "REGION",
    "BODY",
    "MESH",
    "SURFACE",
    "POINT",
    "VIEWPORT",
    "IMAGE",
    "OLE2FRAME",
    "ACAD_TABLE",
    "TOLERANCE",
    "XLINE",
    "RAY",
    "ATTDEF",
    "HELIX",
    "SHAPE",
    "UNDERLAY",
    "PDFUNDERLAY",
    "DWFUNDERLAY",
    "DGNUNDERLAY",
}


@dataclass(frozen=True, slots=True)
class RawShape:
    role: Role | None  # None for linework kept for recognition (``Extraction.loose``)
    layer: str
    handle: str
    geometry: LineString | Polygon  # Polygon when the entity is closed
    elevation: float  # group code 38 (z of a polyline), drawing units
    thickness: float  # group code 39, drawing units
    block: str | None = None  # the innermost block it was drawn in, None in modelspace
    # Drawn with true curves (an arc, circle, ellipse, spline, bulged polyline): its
    # flattening is not a chain of chords standing for an arc (see recognition.arcs).
    curved: bool = False
    # Inside blocks: the handles from the top-level INSERT down to the entity in its
    # block definition, "1A/2F/3C"; None in modelspace. Tells apart the elements of one
    # block reference, which all share its ``handle``.
    path: str | None = None


@dataclass(frozen=True, slots=True)
class RawArc:
    """A circular arc as drawn (world coordinates, drawing units), kept whole so that
    recognition can tell a door's swing from other curves. Arcs inside blocks arrive
    with the insert's transform applied (mirrored, scaled, rotated)."""

    role: Role | None
    layer: str
    handle: str
    block: str | None
    center: tuple[float, float]
    radius: float
    start: tuple[float, float]  # the arc's end points in world coordinates
    end: tuple[float, float]
    sweep_deg: float  # 0-360, counter-clockwise in the arc's own coordinate system
    path: str | None = None  # as RawShape.path


_PLACED = struct.Struct("6d")


@dataclass(frozen=True, slots=True)
class RawOpening:
    role: Role  # DOORS or WINDOWS
    layer: str
    handle: str
    block: str
    # start, end (the jambs, world coordinates) and side (the block's local +y in world
    # coordinates, a unit vector) packed: three tuples of floats held per opening were
    # 390 bytes in nine objects, 80 MB on the 500k-entity plan (``placed``).
    placed: bytes
    attributes: dict[str, str]  # shared by the openings that carry the same: never changed
    path: str | None = None  # the block reference's own path when nested (see RawShape.path)

    @staticmethod
    def placing(start: tuple[float, float], end: tuple[float, float], side: tuple[float, float]) -> bytes:
        """``placed`` for the jambs ``start`` and ``end`` and the unit vector ``side``."""
        return _PLACED.pack(*start, *end, *side)

    @property
    def start(self) -> tuple[float, float]:
        return _PLACED.unpack(self.placed)[0:2]

    @property
    def end(self) -> tuple[float, float]:
        return _PLACED.unpack(self.placed)[2:4]

    @property
    def side(self) -> tuple[float, float]:
        return _PLACED.unpack(self.placed)[4:6]


@dataclass(frozen=True, slots=True)
class RawLight:
    layer: str
    handle: str
    block: str
    point: tuple[float, float]


@dataclass(frozen=True, slots=True)
class RawText:
    role: Role | None
    layer: str
    handle: str
    text: str
    point: tuple[float, float]
    height: float = 0.0  # character height in drawing units, 0 when unknown
    block: str | None = None


@dataclass
class Extraction:
    shapes: list[RawShape] = field(default_factory=list)
    openings: list[RawOpening] = field(default_factory=list)
    lights: list[RawLight] = field(default_factory=list)
    texts: list[RawText] = field(default_factory=list)
    # For recognition of plans that follow no convention: every circular arc, the
    # linework on layers with no role or on door and window layers (role None or
    # that role), and hatch boundaries on layers with no role (hatches on wall layers
    # are wall shapes in ``shapes``).
    arcs: list[RawArc] = field(default_factory=list)
    loose: list[RawShape] = field(default_factory=list)
    hatches: list[RawShape] = field(default_factory=list)
    layer_roles: dict[str, LayerRole] = field(default_factory=dict)  # layer -> role, how and why
    # Block references exploded because their layer is no door or window layer, yet
    # carrying opening attributes (RC, ROLE, ...): their path (their handle in
    # modelspace) -> attributes, for the opening recognised from their shape.
    opening_attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    # layer -> entities read (on a noise layer, a block reference not exploded counts once)
    layer_entities: Counter = field(default_factory=Counter)
    hidden_layers: Counter = field(default_factory=Counter)  # layer -> entities ignored
    ignored_types: Counter = field(default_factory=Counter)  # dxftype -> count
    problems: Counter = field(default_factory=Counter)  # Message -> count
    entity_count: int = 0


Progress = Callable[[int, int], None]


class Extractor:
    def __init__(self, doc: Drawing, mapping: LayerMapping, flatten_distance: float, skip_noise: bool = True):
        self.doc = doc
        self.mapping = mapping
        self.flatten_distance = flatten_distance
        self.out = Extraction()
        # As in CAD: a frozen layer hides a block reference with all its contents; an
        # off layer hides the reference's layer-0 contents, not those on their own layers.
        self._frozen = {layer.dxf.name.casefold() for layer in doc.layers if layer.is_frozen()}
        self._off = {layer.dxf.name.casefold() for layer in doc.layers if layer.is_off()} - self._frozen
        self._block_spans: dict[str, tuple[float, float] | None] = {}
        self._block_constants: dict[str, dict[str, str]] = {}
        self._blocks: dict[str, object] = {}
        self._roles: dict[str, Role | None] = {}
        # Layers whose name says furniture, dimensions, hatching... and no role: what is
        # drawn on them is counted, not read (their texts excepted: see ``_skipped_as_noise``).
        self._noise: dict[str, bool] = {}
        self._quiet_blocks: dict[str, bool] = {}
        # One dict for each distinct set of opening attributes: a plan's thousands of door
        # and window references carry a few dozen (300 bytes an opening on the 500k plan).
        self._same_attributes: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
        self.skip_noise = skip_noise
        self.skipped = 0  # entities left unread on noise layers

    def block(self, name: str):
        """The block definition called ``name``, or None; looked up once per name (ezdxf
        normalises the name on every lookup, and a plan has thousands of references)."""
        if name not in self._blocks:
            self._blocks[name] = self.doc.blocks.get(name)
        return self._blocks[name]

    def role_of(self, layer: str) -> Role | None:
        if layer not in self._roles:
            explained = self.mapping.explain(layer)
            self._roles[layer] = explained.role
            self._noise[layer] = self.skip_noise and explained.role is None and explained.noise
            if explained.role is not None:
                self.out.layer_roles[layer] = explained
        return self._roles[layer]

    def _skipped_as_noise(self, entity, layer: str, kind: str, top_handle: str | None, depth: int, path) -> bool:
        """True (and counted) when the entity lies on a noise layer and nothing in it can
        matter: texts are read wherever they are (room names and type marks sit on
        annotation layers), and a block reference is exploded as before when its block
        holds anything on a layer of its own that is not noise (a wall block placed on a
        furniture layer still gives its walls)."""
        if not self._noise[layer] or kind in TEXT_TYPES:
            return False
        if kind == "INSERT":
            if not self._quiet_block(entity.dxf.name, 0):
                return False
            handle = top_handle or _own(entity.dxf.get("handle") or "?")
            for attrib in entity.attribs:  # attribute texts can name spaces, as when exploded
                self._visit(attrib, layer, handle, depth + 1, entity.dxf.name, path or handle)
        elif kind == "HATCH" or kind in ANNOTATION_TYPES:
            self.out.ignored_types[kind] += 1  # as when read
        self.skipped += 1
        return True

    def _quiet_block(self, name: str, depth: int) -> bool:
        """True when everything the block draws, nested blocks included, lies on layer 0
        or on noise layers and none of it is text: placed on a noise layer, none of it
        can be read (a block's texts are, wherever it is placed: a room tag's name)."""
        if name in self._quiet_blocks:
            return self._quiet_blocks[name]
        self._quiet_blocks[name] = False  # while looking (a block holding itself is refused earlier)
        block = self.block(name)
        quiet = block is not None and depth < MAX_BLOCK_DEPTH
        if quiet:
            for entity in block:
                layer = entity.dxf.get("layer", "0") or "0"
                if layer != "0":
                    self.role_of(layer)
                    if not self._noise[layer]:
                        quiet = False
                        break
                kind = entity.dxftype()
                if kind in TEXT_TYPES or (kind == "INSERT" and not self._quiet_block(entity.dxf.name, depth + 1)):
                    quiet = False
                    break
        self._quiet_blocks[name] = quiet
        return quiet

    def run(self, progress: Progress | None = None) -> Extraction:
        msp = self.doc.modelspace()
        total = len(msp)
        step = max(total // 50, 500)
        light = LIGHT_TYPES
        for index, entity in enumerate(msp):
            # ezdxf's hints say a modelspace holds its entities; the light reader puts its records there too.
            if type(entity) in light:  # type: ignore[comparison-overlap]
                self._visit_light(entity)
            else:
                self._visit(entity, parent_layer=None, top_handle=None, depth=0, block=None, prefix=None)
            if progress and index % step == 0:
                progress(index, total)
        self._chord_arcs()
        if progress:
            progress(total, total)
        return self.out

    # ---------------------------------------------------------------- traversal

    def _visit(
        self,
        entity,
        parent_layer: str | None,
        top_handle: str | None,
        depth: int,
        block: str | None,
        prefix: str | None,
    ) -> None:
        """``prefix``: the path of the block reference being exploded (None in modelspace)."""
        out = self.out
        out.entity_count += 1
        layer = entity.dxf.get("layer", "0") or "0"
        if layer == "0" and parent_layer is not None:
            layer = parent_layer
        kind = entity.dxftype()
        role = self.role_of(layer)
        if not self._counted(layer, kind, role):
            return
        path = None if prefix is None else f"{prefix}/{_definition_handle(entity)}"
        if self._noise[layer] and self._skipped_as_noise(entity, layer, kind, top_handle, depth, path):
            return
        handle = top_handle or _own(entity.dxf.get("handle") or "?")
        try:
            if kind == "INSERT":
                self._insert(entity, layer, role, handle, top_handle, depth, path)
            elif kind in CURVE_TYPES:
                if kind == "ARC" and role not in _SHAPE_ONLY_ROLES:
                    self._arc(entity, layer, role, handle, block, path)
                elif kind in ("LWPOLYLINE", "POLYLINE") and _has_arc(entity) and role not in _SHAPE_ONLY_ROLES:
                    self._bulge_arcs(entity, layer, role, handle, block, path)
                if role is Role.LIGHTS:
                    # Only block references count as lights.
                    out.problems[msg("load.loose-lines", role=_role_term(role))] += 1
                elif role in (None, Role.DOORS, Role.WINDOWS):
                    # Doors and windows drawn as plain lines and arcs, on their own
                    # layers or anywhere: kept for recognition.
                    self._curve(entity, layer, role, handle, block, into=out.loose, path=path)
                else:
                    self._curve(entity, layer, role, handle, block)
            elif kind in TEXT_TYPES:
                self._text(entity, layer, role, handle, block)
            elif kind == "HATCH":
                if role is not Role.WALLS:  # a wall hatch is a wall; others are kept aside, not used
                    out.ignored_types[kind] += 1
                if role in (None, Role.WALLS):
                    self._hatch(entity, layer, role, handle, block)
            else:
                out.ignored_types[kind] += 1
        except Exception as exc:  # one odd entity must not sink the whole file
            out.problems[msg("load.unreadable-entities", kind=kind, error=type(exc).__name__)] += 1

    def _counted(self, layer: str, kind: str, role: Role | None) -> bool:
        """Count the entity on its layer; False when a frozen or switched-off layer hides it.
        A block reference on a switched-off layer is still exploded (its contents may sit on
        visible layers), unless it is a door, window or light that is taken whole."""
        folded = layer.casefold()
        if folded in self._frozen or folded in self._off:
            self.out.hidden_layers[layer] += 1
            return not (folded in self._frozen or kind != "INSERT" or role in (Role.DOORS, Role.WINDOWS, Role.LIGHTS))
        self.out.layer_entities[layer] += 1
        return True

    def _visit_light(self, record) -> None:
        """``_visit`` for a light record (light.py) in modelspace: the same counts, problems
        and raw elements as the ezdxf entity it stands for."""
        out = self.out
        out.entity_count += 1
        layer = record.layer
        kind = record.KIND
        role = self.role_of(layer)
        if not self._counted(layer, kind, role):
            return
        if self._noise[layer] and kind in ("LINE", "LWPOLYLINE"):  # light INSERTs lie on role layers only
            self.skipped += 1
            return
        handle = _own(record.handle or "?")
        try:
            if kind == "INSERT":
                self._light_insert(record, layer, role, handle)
            elif kind == "TEXT":
                content = " ".join(record.text.split())
                if content:
                    x, y = record.point[0] + 0.0, record.point[1] + 0.0  # see _own
                    out.texts.append(RawText(role, layer, handle, content, (x, y), _own_number(record.height), None))
            else:  # LINE, or a straight untilted LWPOLYLINE
                if role is Role.LIGHTS:
                    out.problems[msg("load.loose-lines", role=_role_term(role))] += 1
                    return
                if kind == "LINE":
                    start, end = record.start, record.end
                    points = [(start[0], start[1]), (end[0], end[1])]
                    closed, elevation = False, 0.0
                else:
                    points = list(record.points)
                    closed, elevation = record.closed, record.elevation
                    if (
                        points
                        and closed
                        and not Vec3(points[0]).isclose(Vec3(points[-1]), rel_tol=_PATH_CLOSE_TOLERANCE, abs_tol=0)
                    ):
                        points.append(points[0])
                into = out.loose if role in (None, Role.DOORS, Role.WINDOWS) else None
                self._shape(
                    kind,
                    points,
                    closed,
                    elevation,
                    record.thickness or 0.0,
                    False,
                    layer,
                    role,
                    handle,
                    None,
                    into,
                    None,
                )
        except Exception as exc:  # one odd entity must not sink the whole file
            out.problems[msg("load.unreadable-entities", kind=kind, error=type(exc).__name__)] += 1

    def _light_insert(self, record: LightInsert, layer: str, role: Role | None, handle: str) -> None:
        """``_insert`` at depth 0 for a reference kept whole (light.py takes no other)."""
        block = self.block(record.name)
        if block is not None and (block.block.is_xref or block.block.is_xref_overlay):
            self.out.problems[msg("load.xrefs")] += 1
            return
        if role in (Role.DOORS, Role.WINDOWS):
            self._opening(record, layer, role, handle, None)
        elif role is Role.LIGHTS:
            p = Vec3(OCS(record.extrusion).to_wcs(record.insert))
            self.out.lights.append(RawLight(layer, handle, record.name, (p.x, p.y)))
        else:  # never taken as a record
            raise ValueError(f"light INSERT on a layer of role {role}")

    def _insert(self, insert, layer, role, handle, top_handle, depth, path) -> None:
        if depth >= MAX_BLOCK_DEPTH:
            self.out.problems[msg("load.deep-blocks", depth=MAX_BLOCK_DEPTH)] += 1
            return
        block = self.block(insert.dxf.name)
        if block is not None and (block.block.is_xref or block.block.is_xref_overlay):
            self.out.problems[msg("load.xrefs")] += 1
            return
        grid = list(insert.multi_insert()) if insert.mcount > 1 else [insert]
        for cell, one in enumerate(grid):
            own = path or handle  # this reference's path: its handle in modelspace
            if len(grid) > 1:
                own = f"{own}[{cell}]"  # one cell of a MINSERT grid
            if role in (Role.DOORS, Role.WINDOWS):
                self._opening(one, layer, role, handle, own if (path or len(grid) > 1) else None)
            elif role is Role.LIGHTS:
                p = Vec3(one.ocs().to_wcs(one.dxf.get("insert", Vec3())))
                self.out.lights.append(RawLight(layer, handle, one.dxf.name, (p.x, p.y)))
            else:
                children = one.virtual_entities(skipped_entity_callback=self._skipped)
                name = one.dxf.name
                for child in children:
                    self._visit(child, layer, top_handle or handle, depth + 1, name, own)
                for attrib in one.attribs:  # text of attributes can name spaces
                    self._visit(attrib, layer, top_handle or handle, depth + 1, name, own)
                attributes = self._opening_attributes(one)
                if attributes:  # a door or window block on a layer of no such role
                    self.out.opening_attributes[own] = attributes

    def _skipped(self, entity, reason: str) -> None:
        self.out.problems[msg("load.unplaceable", kind=entity.dxftype())] += 1

    def _curve(
        self,
        entity,
        layer: str,
        role: Role | None,
        handle: str,
        block: str | None = None,
        into: list | None = None,
        path: str | None = None,
    ) -> None:
        kind = entity.dxftype()
        if kind == "POLYLINE" and (entity.is_poly_face_mesh or entity.is_polygon_mesh):
            self.out.ignored_types["POLYLINE (mesh)"] += 1
            return
        points = _straight_points(entity, kind)
        if points is None:
            flattened = ezpath.make_path(entity)
            points = [(v.x, v.y) for v in flattened.flattening(self.flatten_distance)]
        closed = (
            kind in ("CIRCLE",)
            or (kind == "LWPOLYLINE" and entity.closed)
            or (kind == "POLYLINE" and entity.is_closed)
            or (kind == "ELLIPSE" and math.isclose(abs(entity.dxf.end_param - entity.dxf.start_param), math.tau))
        )
        elevation = 0.0
        if kind == "LWPOLYLINE":
            elevation = entity.dxf.get("elevation", 0.0)
        elif kind == "POLYLINE":
            elevation = Vec3(entity.dxf.get("elevation", (0, 0, 0))).z
        curved = kind in ("ARC", "CIRCLE", "ELLIPSE", "SPLINE") or (
            kind in ("LWPOLYLINE", "POLYLINE") and _has_arc(entity)
        )
        self._shape(kind, points, closed, elevation, _thickness(entity), curved, layer, role, handle, block, into, path)

    def _shape(
        self,
        kind: str,
        points: list,
        closed: bool,
        elevation: float,
        thickness: float,
        curved: bool,
        layer: str,
        role: Role | None,
        handle: str,
        block: str | None,
        into: list | None,
        path: str | None,
    ) -> None:
        """A curve's flattened points as a shape: a Polygon when closed (or when it returns to its start)."""
        points = _dedupe(points)
        if len(points) < 2:
            self.out.problems[msg("load.zero-length", kind=kind)] += 1
            return
        closed = closed or (len(points) > 3 and points[0] == points[-1])
        geometry: LineString | Polygon
        if closed and len(points) >= 3:
            drawn = Polygon(points)
            # Self-crossing outlines: keep the largest piece.
            polygon = drawn if drawn.is_valid else _largest_polygon(make_valid(drawn))
            geometry = polygon if polygon is not None and polygon.area > 0 else LineString(points)
        else:
            geometry = LineString(points)
        (self.out.shapes if into is None else into).append(
            RawShape(role, layer, handle, geometry, _own_number(elevation), _own_number(thickness), block, curved, path)
        )

    def _arc(self, entity, layer: str, role: Role | None, handle: str, block: str | None, path: str | None) -> None:
        radius = float(entity.dxf.radius)
        if not (radius > 0 and math.isfinite(radius)):
            return
        ocs = entity.ocs()
        center = Vec3(ocs.to_wcs(entity.dxf.center))
        start, end = Vec3(entity.start_point), Vec3(entity.end_point)  # already in WCS
        sweep = (float(entity.dxf.end_angle) - float(entity.dxf.start_angle)) % 360.0
        self.out.arcs.append(
            RawArc(
                role,
                layer,
                handle,
                block,
                (center.x, center.y),
                radius,
                (start.x, start.y),
                (end.x, end.y),
                sweep or 360.0,
                path,
            )
        )

    def _bulge_arcs(
        self, entity, layer: str, role: Role | None, handle: str, block: str | None, path: str | None
    ) -> None:
        """A polyline's bulged segments are arcs (door swings are often written so)."""
        for centre, radius, start, end, sweep in bulge_arcs(entity):
            self.out.arcs.append(RawArc(role, layer, handle, block, centre, radius, start, end, sweep, path))

    def _chord_arcs(self) -> None:
        """Arcs written as chains of short chords (R12 exports): recovered from the loose
        linework that has no true curves, for door recognition and the units evidence."""
        straight = [s for s in self.out.loose if not s.curved]
        for k, centre, radius, start, end, sweep in chord_arcs([s.geometry for s in straight]):
            shape = straight[k]
            self.out.arcs.append(
                RawArc(
                    shape.role, shape.layer, shape.handle, shape.block, centre, radius, start, end, sweep, shape.path
                )
            )

    def _hatch(self, entity, layer: str, role: Role | None, handle: str, block: str | None) -> None:
        """A hatch's outer boundaries as polygons (walls are often drawn as solid or patterned hatches)."""
        for boundary in ezpath.from_hatch(entity):
            points = _dedupe((v.x, v.y) for v in boundary.flattening(self.flatten_distance))
            if len(points) >= 3:
                drawn = Polygon(points)
                polygon = drawn if drawn.is_valid else _largest_polygon(make_valid(drawn))
                if polygon is not None and polygon.area > 0:
                    # On a wall layer the hatch is the wall itself: a shape of that role,
                    # which the plan holds as a Wall like any wall outline.
                    into = self.out.shapes if role is Role.WALLS else self.out.hatches
                    into.append(RawShape(role, layer, handle, polygon, 0.0, 0.0, block))

    def _text(self, entity, layer: str, role: Role | None, handle: str, block: str | None = None) -> None:
        kind = entity.dxftype()
        if kind == "MTEXT":
            content = entity.plain_text()
        else:
            content = entity.dxf.get("text", "")
        content = " ".join(content.split())
        if not content:
            return
        if kind == "MTEXT":
            p = Vec3(entity.dxf.get("insert", Vec3()))
        else:  # aligned TEXT is placed by its alignment point, not its insert point
            p = Vec3(entity.ocs().to_wcs(entity.get_placement()[1]))
        height = float(entity.dxf.get("char_height" if kind == "MTEXT" else "height", 0.0) or 0.0)
        self.out.texts.append(RawText(role, layer, handle, content, (p.x, p.y), height, block))

    def _opening(self, insert, layer: str, role: Role, handle: str, path: str | None = None) -> None:
        name = insert.dxf.name
        span = self._block_span(name)
        if span is None:
            self.out.problems[msg("load.empty-blocks", role=_role_term(role))] += 1
            return
        block = self.block(name)
        base = Vec3(block.block.dxf.get("base_point", Vec3())) if block is not None else Vec3()
        m = _light_matrix(insert, block) if type(insert) is LightInsert else insert.matrix44()
        start = m.transform(Vec3(span[0], base.y, 0))
        end = m.transform(Vec3(span[1], base.y, 0))
        side = m.transform_direction(Vec3(0, 1, 0))
        length = math.hypot(side.x, side.y) or 1.0
        attributes = dict(self._constant_attributes(name))
        if type(insert) is LightInsert:
            for tag, text in insert.attribs:
                attributes[tag.upper()] = text
        else:
            for attrib in insert.attribs:
                attributes[attrib.dxf.tag.upper()] = attrib.dxf.text
        attributes = self._same_attributes.setdefault(tuple(attributes.items()), attributes)
        self.out.openings.append(
            RawOpening(
                role,
                layer,
                handle,
                intern(name),  # as layer names are (light.py), and for the same reason
                RawOpening.placing((start.x, start.y), (end.x, end.y), (side.x / length, side.y / length)),
                attributes,
                path,
            )
        )

    def _opening_attributes(self, insert) -> dict[str, str]:
        """The opening attributes (RC, ROLE, ...) a block reference carries, or {}."""
        attributes = {
            tag: value for tag, value in self._constant_attributes(insert.dxf.name).items() if tag in ATTRIBUTE_TAGS
        }
        for attrib in insert.attribs:
            tag = attrib.dxf.tag.upper()
            if tag in ATTRIBUTE_TAGS:
                attributes[tag] = attrib.dxf.text
        return attributes

    def _constant_attributes(self, name: str) -> dict[str, str]:
        """Constant attributes live only in the block definition, never as ATTRIBs."""
        if name not in self._block_constants:
            block = self.block(name)
            self._block_constants[name] = {
                e.dxf.tag.upper(): e.dxf.text for e in (block or []) if e.dxftype() == "ATTDEF" and e.is_const
            }
        return self._block_constants[name]

    def _block_span(self, name: str) -> tuple[float, float] | None:
        """The block's geometry extent along its local x axis (jamb to jamb)."""
        if name not in self._block_spans:
            block = self.block(name)
            span = None
            if block is not None:
                drawn = [e for e in block if e.dxftype() not in ("ATTDEF", "TEXT", "MTEXT")]
                box = bbox.extents(drawn, fast=True)
                if box.has_data and box.size.x > 0:
                    span = (box.extmin.x, box.extmax.x)
            self._block_spans[name] = span
        return self._block_spans[name]


def extract(
    doc: Drawing, mapping: LayerMapping, flatten_distance: float, progress: Progress | None = None
) -> Extraction:
    """What each layer role needs. Entities on noise layers (furniture, dimensions,
    hatching, title blocks... by their names, with no role) are counted, not read, when
    the drawing has a plan on its role layers; a drawing without one is read whole
    again, since telling what kind of sheet it is, or finding walls from geometry, looks
    at all of its linework."""
    extractor = Extractor(doc, mapping, flatten_distance)
    out = extractor.run(progress)
    if extractor.skipped and not _has_plan(out):
        out = Extractor(doc, mapping, flatten_distance, skip_noise=False).run(progress)
    return out


def _has_plan(out: Extraction) -> bool:
    """Walls, doors, windows or spaces on role layers (what loading requires before recognition)."""
    return bool(out.openings) or any(s.role in PLAN_ROLES for s in out.shapes)


def _own(text: str) -> str:
    """A copy of a string read with the document, for what the extraction keeps.

    The document is dropped once the drawing is extracted, but Python hands a page of
    small objects back only when nothing on it is alive: a handle of the document's own
    on each page kept the pages resident (about 200 MB of the 500k-entity plan's freed
    records; 50 MB with copies). One-character strings are Python's shared ones anyway.
    """
    return text[:1] + text[1:]


def _own_number(value) -> float:
    """``float(value)`` as a float object of the extraction's own (see ``_own``)."""
    return float(value) + 0.0 if value else 0.0


def _light_matrix(insert: LightInsert, block) -> Matrix44:
    """``Insert.matrix44()`` for a light INSERT record, step by step as ezdxf computes it."""
    ocs = OCS(insert.extrusion)
    extrusion = ocs.uz
    ux = Vec3(ocs.to_wcs(X_AXIS))
    uy = Vec3(ocs.to_wcs(Y_AXIS))
    m = Matrix44.ucs(ux=ux * insert.xscale, uy=uy * insert.yscale, uz=extrusion * insert.zscale)
    angle = math.radians(insert.rotation)
    if angle:
        m *= Matrix44.axis_rotate(extrusion, angle)
    point = ocs.to_wcs(insert.insert)
    if block is not None:
        point -= m.transform_direction(block.block.dxf.base_point)
    m.set_row(3, point.xyz)
    return m


def _straight_points(entity, kind: str) -> list[tuple[float, float]] | None:
    """A LINE's or a bulge-free, untilted LWPOLYLINE's vertices in the WCS, exactly as
    ``make_path`` + ``flattening`` give them, without building a path (most of a
    plan's entities are such; the path was most of their cost). None: take the path."""
    if kind == "LINE":
        start, end = entity.dxf.start, entity.dxf.end
        return [(start.x, start.y), (end.x, end.y)]
    if kind == "LWPOLYLINE" and not _has_arc(entity) and not entity.ocs().transform:
        points = list(map(tuple, entity.lwpoints.values[:, :2].tolist()))
        # make_path closes a closed polyline unless its last vertex already is its first.
        if (
            points
            and entity.closed
            and not Vec3(points[0]).isclose(Vec3(points[-1]), rel_tol=_PATH_CLOSE_TOLERANCE, abs_tol=0)
        ):
            points.append(points[0])
        return points
    return None


def _has_arc(entity) -> bool:
    """``entity.has_arc``; for an LWPOLYLINE read from its points array at once (bulge
    last of its five columns) rather than vertex by vertex."""
    if entity.dxftype() == "LWPOLYLINE":
        return bool(entity.lwpoints.values[:, 4].any())
    return entity.has_arc


def _dedupe(points: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    result: list[tuple[float, float]] = []
    for p in points:
        if not result or p != result[-1]:
            result.append(p)
    return result


def _definition_handle(entity) -> str:
    """The handle of the entity in its block definition that ``entity`` is a transformed copy of."""
    source = entity.source_of_copy
    return (source.dxf.get("handle") if source is not None else None) or entity.dxf.get("handle") or "?"


def _largest_polygon(geometry) -> Polygon | None:
    polygons = [g for g in getattr(geometry, "geoms", [geometry]) if isinstance(g, Polygon)]
    return max(polygons, key=lambda g: g.area, default=None)


def _thickness(entity) -> float:
    """Group code 39; ELLIPSE and SPLINE have none."""
    if not entity.dxf.is_supported("thickness"):
        return 0.0
    return float(entity.dxf.get("thickness", 0.0) or 0.0)


def _role_term(role: Role) -> Term:
    """The layer role as the catalogue words it ("walls", "access surfaces")."""
    return Term(f"layer-role.{role.value}")

"""The recognition preview: what the reader recognised, drawn over the faint original.

A person looking at a plan that followed no convention needs to see at a glance
whether the reading is right: which lines became walls, which arcs became doors,
which gaps became windows, which rooms were found and what they are called, which
openings are on the envelope and which side is outside. ``annex preview`` draws
exactly that, from the plan model the rules see, over the drawing's own linework in
light grey, and writes the same elements as GeoJSON for other tools.

Frame: everything is in metres in the drawing's own frame (drawing coordinates times
metres per unit, nothing shifted), as the plan model is. The SVG flips y (SVG's y
runs down) and sets the storeys side by side, left to right in the project's order,
each under its name; the GeoJSON keeps the plan's coordinates as they are.

Speed: a plan of ten thousand entities has thousands of elements. Geometry is moved,
flattened and written in bulk (numpy and shapely's vectorised functions); the only
loops over elements build each element's own record or tag, which the output needs
one by one anyway.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon, box
from shapely.geometry.base import BaseGeometry, BaseMultipartGeometry

from ..errors import AnnexError
from ..geoarrays import line_array
from ..messages import Number, Term, msg, render, text_of
from ..plan import Plan, Source, Storey
from .drawing import Frame, plan_frame

# The kinds of element, in drawing order (lowest first) and as the GeoJSON names them.
KINDS = ("site", "public", "access", "space", "fence", "wall", "door", "window", "light")
PICTURE_SUFFIXES = (".svg", ".png")
GEOJSON_SUFFIXES = (".geojson", ".json")
SCHEMA_ID = "https://security-annex.example/schema/plan.geojson.schema.json"
GEOJSON_VERSION = "1.0"

# Page geometry, in multiples of the page unit ``u``: the page's longest side over
# PAGE_UNITS, so that one unit is about one pixel when the page is shown PAGE_UNITS wide.
PAGE_UNITS = 1600
MARGIN_U = 24
GAP_U = 48
TITLE_U = 36
LEGEND_ROW_U = 22
LEGEND_FONT_U = 11
SWATCH_U = 28
PNG_LONG_SIDE_PX = 2400
# Linework of the original further than this many plan extents from the recognised
# plan is a stray entity (a title block far away, a point at 1e9): left out of the frame.
STRAY_EXTENTS = 3.0
# The original's curves are flattened to this chord error (metres): round at any zoom
# a plan is looked at, and a door swing of 0.9 m is still only a dozen points.
FLATTEN_METRES = 0.01
MAX_BLOCK_DEPTH = 16
# An arrow on each external opening, pointing outside, this many page units long.
ARROW_U = 16

# Colours and line widths (page units): distinct hues for the recognised kinds, grey
# for the original, so a missed wall shows as grey with no colour over it.
STYLES: dict[str, dict] = {
    "original": {"stroke": "#b4b4b4", "width": 0.6},
    "site": {"stroke": "#43a047", "width": 1.6, "dash": (8, 4)},
    "public": {"stroke": "#9e9e9e", "fill": "#e0e0e0", "opacity": 0.5, "width": 1.0},
    "access": {"stroke": "#ef6c00", "fill": "#ffcc80", "opacity": 0.45, "width": 1.4},
    "space": {"stroke": "#f9a825", "fill": "#fff59d", "opacity": 0.45, "width": 1.0},
    "fence": {"stroke": "#2e7d32", "width": 2.0},
    "wall": {"stroke": "#263238", "width": 2.2},
    "door": {"stroke": "#1e63d6", "width": 4.5},
    "window": {"stroke": "#00a5b8", "width": 4.5},
    "light": {"stroke": "#f57f17", "fill": "#ffeb3b", "opacity": 1.0, "width": 1.0},
    "outward": {"stroke": "#d81b60", "width": 2.2},
    "plate": {"stroke": "#8e24aa", "width": 1.8, "dash": (14, 6)},
}
INFERRED_DASH = (6, 3)  # page units: inferred elements are dashed
TEXT_COLOUR = "#212121"
MARK_COLOUR = "#0d47a1"

# The legend's words: the layer roles' own catalogue terms for the kinds.
KIND_TERMS = {
    "wall": "layer-role.walls",
    "door": "layer-role.doors",
    "window": "layer-role.windows",
    "space": "layer-role.spaces",
    "access": "layer-role.access",
    "site": "layer-role.site",
    "public": "layer-role.public",
    "fence": "layer-role.fences",
    "light": "layer-role.lights",
}

# One element's kind, in the singular, for its hover text.
KIND_NAMES = {
    "wall": "term.preview.kind.wall",
    "door": "term.preview.kind.door",
    "window": "term.preview.kind.window",
    "space": "term.preview.kind.space",
    "access": "term.preview.kind.access",
    "site": "term.preview.kind.site",
    "public": "term.preview.kind.public",
    "fence": "term.preview.kind.fence",
    "light": "term.preview.kind.light",
}

# ------------------------------------------------------------------------ elements


@dataclass(frozen=True)
class Element:
    """One recognised element of a storey: its kind, geometry (metres), source and properties."""

    kind: str
    geometry: BaseGeometry
    source: Source
    extra: dict = field(default_factory=dict)  # kind-specific GeoJSON properties

    @property
    def external(self) -> bool | None:
        return self.extra.get("external")


def storey_elements(storey: Storey) -> list[Element]:
    """Every element the plan holds for ``storey``, in drawing order."""
    elements: list[Element] = []
    elements += [Element("site", s.polygon, s.source) for s in storey.site_boundaries]
    elements += [Element("public", p.geometry, p.source) for p in storey.public_realm]
    elements += [
        Element(
            "access",
            a.polygon,
            a.source,
            {"access_kind": a.kind.value, "height_m": a.height_m, "slope_deg": a.slope_deg},
        )
        for a in storey.access_surfaces
    ]
    elements += [Element("space", s.polygon, s.source, {"name": s.name, "use": s.use}) for s in storey.spaces]
    elements += [Element("fence", f.line, f.source, {"height_m": f.height_m}) for f in storey.fences]
    elements += [Element("wall", w.geometry, w.source) for w in storey.walls]
    elements += [
        Element(
            o.kind.value,
            o.span,
            o.source,
            {
                "external": o.outward is not None,
                "outward": [round(v, 6) + 0.0 for v in o.outward] if o.outward is not None else None,
                "width_m": round(o.width_m, 4),
                "width_from": o.width_from,
                "block": o.block,
                "host_wall": o.host_wall,
            },
        )
        for o in storey.openings
    ]
    elements += [Element("light", light.position, light.source, {"block": light.block}) for light in storey.lights]
    return elements


def plates_of(report) -> list[tuple[float, float, float, float]]:
    """The floor plates a load report found (boxes in drawing units), or none.

    ``LoadReport.plates`` is read with getattr: a report made before plates were
    detected has none. A plate may be a 4-sequence or anything with ``bounds``.
    """
    boxes = []
    for plate in getattr(report, "plates", None) or ():
        values = getattr(plate, "bounds", None) or getattr(plate, "box", None) or plate
        try:
            x0, y0, x1, y1 = (float(v) for v in values)
        except (TypeError, ValueError):
            continue
        boxes.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    return boxes


# ------------------------------------------------------------------------ GeoJSON


def plan_geojson(plan: Plan) -> dict:
    """The recognised plan as a GeoJSON FeatureCollection (see docs/preview.md).

    Coordinates are metres in the drawing's own frame: the plan model's coordinates,
    which are the drawing's times metres per unit. They are written as Python writes
    floats (shortest exact form), so a reader gets back the very numbers.
    """
    reports = list(plan.loads) or [None] * len(plan.storeys)
    storeys_json = []
    features: list[dict] = []
    for storey, report in zip(plan.storeys, reports):
        units = _units_json(report)
        factor = units["metres_per_unit"] if units else None
        storeys_json.append(
            {
                "name": storey.name,
                "file": storey.file,
                "elevation_m": storey.elevation_m,
                "units": units,
                "plates": [[v * factor for v in plate] for plate in plates_of(report)] if factor else [],
            }
        )
        elements = storey_elements(storey)
        if not elements:
            continue
        geometries = _geojson_geometries([e.geometry for e in elements])
        for element, geometry in zip(elements, geometries):
            features.append({"type": "Feature", "geometry": geometry, "properties": _properties(element)})
    return {
        "type": "FeatureCollection",
        "$schema": SCHEMA_ID,
        "version": GEOJSON_VERSION,
        "project": plan.project.name,
        "units": _plan_units(storeys_json),
        "storeys": storeys_json,
        "features": features,
    }


def _units_json(report) -> dict | None:
    if report is None:
        return None
    units = report.units
    return {
        "used": units.used,
        "source": units.source,
        "declared": units.declared,
        "metres_per_unit": units.metres_per_unit,
    }


def _plan_units(storeys: list[dict]) -> dict:
    """The plan's unit: the storeys' one unit, or ``mixed`` when their files differ."""
    found = [s["units"] for s in storeys if s["units"]]
    if not found:
        return {"used": "m", "source": "plan", "declared": None, "metres_per_unit": 1.0}
    first = found[0]
    if all(u["used"] == first["used"] and u["source"] == first["source"] for u in found):
        return dict(first)
    same_unit = all(u["used"] == first["used"] for u in found)
    return {
        "used": first["used"] if same_unit else "mixed",
        "source": "mixed",
        "declared": None,
        "metres_per_unit": first["metres_per_unit"] if same_unit else None,
    }


def _properties(element: Element) -> dict:
    source = element.source
    properties = {
        "kind": element.kind,
        "storey": source.storey,
        "handle": source.handle,
        "layer": source.layer,
        "recognised_by": source.recognised_by,
        "confidence": round(source.confidence, 2),
        "inferred": source.inferred,
    }
    if source.type_mark:
        properties["type_mark"] = source.type_mark
    if source.reason is not None:
        properties["reason"] = render(source.reason)
    for key, value in element.extra.items():
        if value is not None or key in ("name", "external"):
            properties[key] = value
    return properties


def _geojson_geometries(geometries: list[BaseGeometry]) -> list[dict]:
    """GeoJSON geometry objects, their coordinates pulled out of shapely in one call.

    Polygons are written with their rings as stored; a closed wall outline stays a
    Polygon, an open one a LineString.
    """
    array = np.empty(len(geometries), dtype=object)
    array[:] = geometries
    coordinates, owner = shapely.get_coordinates(array, return_index=True)
    points = coordinates.tolist()
    starts = np.searchsorted(owner, np.arange(len(geometries) + 1)).tolist()
    result = []
    for index, geometry in enumerate(geometries):
        own = points[starts[index] : starts[index + 1]]
        result.append(_geometry_json(geometry, own))
    return result


def _geometry_json(geometry: BaseGeometry, points: list) -> dict:
    kind = geometry.geom_type
    if kind == "Point":
        return {"type": "Point", "coordinates": points[0]}
    if kind in ("LineString", "LinearRing"):
        return {"type": "LineString", "coordinates": points}
    if isinstance(geometry, Polygon):
        return {"type": "Polygon", "coordinates": _rings(geometry, points)}
    if not isinstance(geometry, BaseMultipartGeometry):
        raise ValueError(f"no GeoJSON for a {kind}")
    # Multi-part geometries are rare here (a public realm drawn as one piece is one
    # entity): written part by part.
    parts = []
    taken = 0
    for part in geometry.geoms:
        count = len(shapely.get_coordinates(part))
        parts.append(_geometry_json(part, points[taken : taken + count]))
        taken += count
    if kind == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [p["coordinates"] for p in parts]}
    if kind == "MultiLineString":
        return {"type": "MultiLineString", "coordinates": [p["coordinates"] for p in parts]}
    if kind == "MultiPoint":
        return {"type": "MultiPoint", "coordinates": [p["coordinates"] for p in parts]}
    return {"type": "GeometryCollection", "geometries": parts}


def _rings(polygon: Polygon, points: list) -> list:
    rings = []
    taken = 0
    for ring in (polygon.exterior, *polygon.interiors):
        count = len(ring.coords)
        rings.append(points[taken : taken + count])
        taken += count
    return rings


def geojson_text(plan: Plan) -> str:
    return json.dumps(plan_geojson(plan), ensure_ascii=False, indent=None, separators=(",", ":")) + "\n"


# ------------------------------------------------------------------------ the original


@dataclass(frozen=True)
class Linework:
    """A drawing's visible linework as ragged arrays: coordinates and the line each belongs to."""

    coordinates: np.ndarray  # (n, 2), in the unit given
    line_of: np.ndarray  # (n,), line index, non-decreasing, every line at least 2 points

    def scaled(self, factor: float) -> Linework:
        return Linework(self.coordinates * factor, self.line_of)

    @property
    def lines(self) -> np.ndarray:
        if not len(self.coordinates):
            return np.empty(0, dtype=object)
        return line_array(self.coordinates, indices=self.line_of)


EMPTY_LINEWORK = Linework(np.empty((0, 2)), np.empty(0, dtype=np.int64))


def original_linework(path: Path, metres_per_unit: float, display_name: str | None = None) -> Linework:
    """The drawing's own linework in metres (drawing frame), for the faint background.

    Lines, polylines, arcs, circles, ellipses, splines, hatch boundaries and
    dimensions, with block references exploded (a block's linework is flattened once
    and moved into place by each reference's matrix, in numpy). Texts are left out:
    the recognised room names are set over the plan. Entities on layers that are off
    or frozen are left out, as CAD hides them.
    """
    from ..reading.dxf.reader import read_dxf

    doc, _ = read_dxf(Path(path), display_name)
    walker = _LineworkWalker(doc, FLATTEN_METRES / metres_per_unit)
    return walker.modelspace().scaled(metres_per_unit)


class _LineworkWalker:
    def __init__(self, doc, tolerance: float):
        from ezdxf import path as ezpath

        self.doc = doc
        self.tolerance = tolerance
        self.ezpath = ezpath
        self.hidden = {layer.dxf.name.casefold() for layer in doc.layers if layer.is_off() or layer.is_frozen()}
        self.blocks: dict[str, list[np.ndarray]] = {}

    def modelspace(self) -> Linework:
        return _ragged(self._entities(self.doc.modelspace(), 0, inherited=None))

    def _entities(self, entities: Iterable, depth: int, inherited: str | None) -> list[np.ndarray]:
        lines: list[np.ndarray] = []
        for entity in entities:
            layer = entity.dxf.get("layer", "0") or "0"
            if layer == "0" and inherited is not None:
                layer = inherited
            if layer.casefold() in self.hidden:
                continue
            try:
                lines += self._entity(entity, depth, layer)
            except Exception:  # an odd entity loses its faint lines, not the preview
                continue
        return lines

    def _entity(self, entity, depth: int, layer: str) -> list[np.ndarray]:
        kind = entity.dxftype()
        if kind == "LINE":
            start, end = entity.dxf.start, entity.dxf.end
            return [np.array([[start.x, start.y], [end.x, end.y]])]
        if kind == "INSERT":
            if depth >= MAX_BLOCK_DEPTH:
                return []
            local = self._block(entity.dxf.name, depth, layer)
            if not local:
                return []
            inserts = list(entity.multi_insert()) if entity.mcount > 1 else [entity]
            return [piece for one in inserts for piece in _moved(local, one.matrix44())]
        if kind == "DIMENSION":
            block = entity.get_geometry_block()
            if block is None or depth >= MAX_BLOCK_DEPTH:
                return []
            return self._block(block.name, depth, layer)
        if kind in ("TEXT", "MTEXT", "ATTRIB", "ATTDEF", "POINT", "VIEWPORT", "IMAGE", "WIPEOUT"):
            return []
        if kind == "HATCH":
            paths = list(self.ezpath.from_hatch(entity))
        else:
            paths = [self.ezpath.make_path(entity)]
        lines = []
        for path in paths:
            for sub in path.sub_paths() if path.has_sub_paths else (path,):
                points = np.array([(v.x, v.y) for v in sub.flattening(self.tolerance)], dtype=float)
                if len(points) >= 2:
                    lines.append(points)
        return lines

    def _block(self, name: str, depth: int, layer: str) -> list[np.ndarray]:
        # Keyed by the layer its layer-0 entities take: that decides what is hidden.
        key = f"{name}\x00{layer}"
        if key not in self.blocks:
            block = self.doc.blocks.get(name)
            if block is None or block.block.is_xref or block.block.is_xref_overlay:
                self.blocks[key] = []
            else:
                self.blocks[key] = []  # a block that holds itself stops here
                # In block coordinates: the insert's matrix takes the base point off.
                self.blocks[key] = self._entities(block, depth + 1, layer)
        return self.blocks[key]


def _moved(lines: list[np.ndarray], matrix) -> list[np.ndarray]:
    """A block's lines (block coordinates, base point at 0) moved by an insert's matrix, in one product."""
    m = np.array(list(matrix), dtype=float).reshape(4, 4)
    # ezdxf's Insert.matrix44() maps block coordinates to WCS, base point included.
    lengths = [len(line) for line in lines]
    stacked = np.concatenate(lines)
    moved = stacked @ m[:2, :2] + m[3, :2]
    return np.split(moved, np.cumsum(lengths)[:-1])


def _ragged(lines: list[np.ndarray]) -> Linework:
    if not lines:
        return EMPTY_LINEWORK
    lengths = np.fromiter((len(line) for line in lines), dtype=np.int64, count=len(lines))
    coordinates = np.concatenate(lines)
    line_of = np.repeat(np.arange(len(lines)), lengths)
    finite = np.isfinite(coordinates).all(axis=1)
    if not finite.all():
        coordinates, line_of = coordinates[finite], line_of[finite]
        counts = np.bincount(line_of, minlength=len(lines))
        keep = counts[line_of] >= 2
        coordinates, line_of = coordinates[keep], line_of[keep]
        _, line_of = np.unique(line_of, return_inverse=True)
    return Linework(coordinates, line_of)


# ------------------------------------------------------------------------ scene


@dataclass
class _Item:
    """Something drawn, in page coordinates (SVG: y down)."""

    css: str  # classes, the first is the style
    geometry: BaseGeometry
    title: str | None = None
    data: dict = field(default_factory=dict)
    element: Element | None = None  # its hover text is made only for the SVG (the PNG has none)


@dataclass
class _Text:
    text: str
    x: float
    y: float
    size: float
    css: str
    anchor: str = "middle"
    colour: str = TEXT_COLOUR


@dataclass
class _Scene:
    width: float
    height: float
    unit: float  # page unit u, metres
    original_lines: list[Linework]
    items: list[_Item]
    texts: list[_Text]
    legend: list[tuple[str, str, float, float]]  # (style, label, x, y): the swatch's left end, mid-height


def _frame(elements: list[Element], original: Linework, plates: list) -> tuple[float, float, float, float]:
    """The part of the drawing to show: the recognised plan, plates and the original around it."""
    geometries = [e.geometry for e in elements if e.kind != "public"]
    recognised = shapely.total_bounds(geometries) if geometries else np.full(4, np.nan)
    public = [e.geometry for e in elements if e.kind == "public"]
    if public:
        # Streets run far beyond the site: only the part near the building is framed.
        if geometries:
            public = [g.intersection(_near(recognised)) for g in public]
        recognised = shapely.total_bounds([*geometries, *public])
    boxes = [recognised] + [np.array(p) for p in plates]
    if len(original.coordinates):
        lines = original.lines
        bounds = shapely.bounds(lines)
        if not np.isnan(recognised).any():
            extent = max(recognised[2] - recognised[0], recognised[3] - recognised[1], 1.0)
            centre_x, centre_y = (recognised[0] + recognised[2]) / 2, (recognised[1] + recognised[3]) / 2
            reach = extent * (STRAY_EXTENTS + 0.5)
            near = (
                (bounds[:, 0] > centre_x - reach)
                & (bounds[:, 2] < centre_x + reach)
                & (bounds[:, 1] > centre_y - reach)
                & (bounds[:, 3] < centre_y + reach)
            )
            bounds = bounds[near]
        if len(bounds):
            boxes.append(np.array([bounds[:, 0].min(), bounds[:, 1].min(), bounds[:, 2].max(), bounds[:, 3].max()]))
    boxes = [b for b in boxes if not np.isnan(b).any()]
    if not boxes:
        return (0.0, 0.0, 10.0, 10.0)
    stacked = np.vstack(boxes)
    minx, miny = stacked[:, 0].min(), stacked[:, 1].min()
    maxx, maxy = stacked[:, 2].max(), stacked[:, 3].max()
    if maxx - minx <= 0:
        maxx = minx + 1.0
    if maxy - miny <= 0:
        maxy = miny + 1.0
    return (float(minx), float(miny), float(maxx), float(maxy))


def _shared_frame(frames: list[tuple[float, float, float, float]], plan: Frame) -> tuple[float, float, float, float]:
    """The frame that holds every storey's own frame and the findings plans' frame."""
    boxes = np.array([*frames, (plan.minx, plan.miny, plan.maxx, plan.maxy)], dtype=float)
    return (
        float(boxes[:, 0].min()),
        float(boxes[:, 1].min()),
        float(boxes[:, 2].max()),
        float(boxes[:, 3].max()),
    )


def _near(bounds) -> Polygon:
    """The box around ``bounds`` that counts as near the plan: a quarter of its extent, at least 3 m."""
    minx, miny, maxx, maxy = bounds
    slack = max(3.0, 0.25 * max(maxx - minx, maxy - miny))
    return box(minx - slack, miny - slack, maxx + slack, maxy + slack)


def _scene(plan: Plan, originals: Sequence[Linework | None] | None, language: str) -> _Scene:
    reports = list(plan.loads) or [None] * len(plan.storeys)
    originals = list(originals) if originals else [None] * len(plan.storeys)
    per_storey = []
    for storey, report, original in zip(plan.storeys, reports, originals):
        factor = report.units.metres_per_unit if report is not None else 1.0
        plates = [(x0 * factor, y0 * factor, x1 * factor, y1 * factor) for x0, y0, x1, y1 in plates_of(report)]
        original = original if original is not None else EMPTY_LINEWORK
        elements = storey_elements(storey)
        per_storey.append((storey, elements, original, plates, _frame(elements, original, plates)))
    # One frame for every storey, as the findings plans have (drawing.plan_frame, whose frame it
    # takes in): each storey is drawn over the same extent, so storeys line up at one scale.
    shared = _shared_frame([f for *_, f in per_storey], plan_frame(plan.storeys))
    per_storey = [(storey, elements, original, plates, shared) for storey, elements, original, plates, _ in per_storey]

    # One page unit for the whole page: the contents' size over PAGE_UNITS.
    widths = [f[2] - f[0] for *_, f in per_storey]
    heights = [f[3] - f[1] for *_, f in per_storey]
    unit = max(sum(widths), max(heights, default=1.0), 1e-6) / PAGE_UNITS
    unit *= 1 + (2 * MARGIN_U * len(widths) + GAP_U * max(len(widths) - 1, 0)) / PAGE_UNITS  # room for margins
    margin, gap, title = MARGIN_U * unit, GAP_U * unit, TITLE_U * unit

    items: list[_Item] = []
    texts: list[_Text] = []
    original_lines: list[Linework] = []
    kinds_seen: set[str] = set()
    any_inferred = any_external = any_plate = False
    left = 0.0
    page_height = max(heights, default=10.0) + 2 * margin + title
    for (storey, elements, original, plates, frame), width in zip(per_storey, widths):
        minx, miny, maxx, maxy = frame
        dx, dy = left + margin - minx, title + margin + maxy  # page = (x + dx, dy - y)

        def to_page(geometries, dx=dx, dy=dy):  # this storey's shift
            array = np.empty(len(geometries), dtype=object)
            array[:] = geometries
            return shapely.transform(array, lambda xy: xy * [1.0, -1.0] + [dx, dy])

        texts.append(_Text(storey.name, left + margin, title * 0.7, 16 * unit, "title", anchor="start"))
        if len(original.coordinates):
            inside = _within_frame(original, frame, unit)
            original_lines.append(Linework(inside.coordinates * [1.0, -1.0] + [dx, dy], inside.line_of))
        page_frame = box(left, title, left + width + 2 * margin, title + (maxy - miny) + 2 * margin)
        page_geometries = to_page([e.geometry for e in elements]) if elements else []
        for element, geometry in zip(elements, page_geometries):
            kinds_seen.add(element.kind)
            source = element.source
            classes = [element.kind]
            if source.inferred:
                classes.append("inferred")
                any_inferred = True
            if element.external:
                classes.append("external")
            if element.kind == "light":
                geometry = geometry.buffer(3 * unit)
            elif element.kind == "public":  # clipped to this storey's frame, not into the next
                geometry = geometry.intersection(page_frame)
                if geometry.is_empty:
                    continue
            items.append(
                _Item(
                    " ".join(classes),
                    geometry,
                    None,
                    {
                        "handle": source.handle,
                        "storey": storey.name,
                        "recognised-by": source.recognised_by,
                        "confidence": f"{source.confidence:.2f}",
                    },
                    element,
                )
            )
        # Arrows out of external openings, and type marks on the inside.
        openings = [o for o in storey.openings]
        external = [o for o in openings if o.outward is not None]
        if external:
            any_external = True
            for arrow in _arrows(external, unit, dx, dy):
                items.append(_Item("outward", arrow))
        for opening in openings:
            if opening.source.type_mark:
                mid = opening.span.interpolate(0.5, normalized=True)
                normal = (
                    -np.array(opening.outward)
                    if opening.outward is not None
                    else np.array([-opening.along[1], opening.along[0]])
                )
                x, y = mid.x + normal[0] * 14 * unit, mid.y + normal[1] * 14 * unit
                texts.append(_Text(opening.source.type_mark, x + dx, dy - y, 12 * unit, "mark", colour=MARK_COLOUR))
        named = [(space, space.name) for space in storey.spaces if space.name]
        if named:
            polygons = np.empty(len(named), dtype=object)
            polygons[:] = [space.polygon for space, _ in named]
            points = shapely.get_coordinates(shapely.point_on_surface(polygons))
            widths_m = np.diff(shapely.bounds(polygons)[:, ::2], axis=1)[:, 0]
            for (_, name), (x, y), room_width in zip(named, points.tolist(), widths_m.tolist()):
                texts.append(_Text(name, x + dx, dy - y, _label_size(name, room_width, unit), "name"))
        for number, plate in enumerate(plates, start=1):
            any_plate = True
            rectangle = to_page([box(*plate).exterior])[0]
            items.append(_Item("plate", rectangle, msg_text("preview.plate", language, number=number)))
            texts.append(
                _Text(
                    msg_text("preview.plate", language, number=number),
                    plate[0] + dx + 4 * unit,
                    dy - plate[3] + 16 * unit,
                    14 * unit,
                    "plate",
                    anchor="start",
                    colour=STYLES["plate"]["stroke"],
                )
            )
        if not elements:
            texts.append(
                _Text(
                    msg_text("preview.nothing-recognised", language),
                    left + margin + width / 2,
                    title + margin + (maxy - miny) / 2,
                    14 * unit,
                    "note",
                )
            )
        left += width + 2 * margin + gap

    legend = [("original", msg_text("preview.legend.original", language))] if original_lines else []
    legend += [(kind, render(Term(KIND_TERMS[kind]), language)) for kind in KINDS if kind in kinds_seen]
    if any_external:
        legend.append(("outward", msg_text("preview.legend.external", language)))
    if any_inferred:
        legend.append(("inferred", msg_text("preview.legend.inferred", language)))
    if any_plate:
        legend.append(("plate", msg_text("preview.legend.plate", language)))
    page_width = max(left - gap, 1e-6)
    placed, legend_height = _legend_layout(legend, page_width, page_height, unit)
    return _Scene(page_width, page_height + legend_height + margin, unit, original_lines, items, texts, placed)


def _legend_layout(legend: list[tuple[str, str]], page_width: float, top: float, unit: float):
    """Legend entries left to right, wrapped at the page's width; text widths estimated."""
    placed = []
    x, row = MARGIN_U * unit, 0
    for style, label in legend:
        width = (SWATCH_U + 8 + LEGEND_FONT_U * 0.6 * len(label) + 24) * unit
        if x > MARGIN_U * unit and x + width > page_width:
            x, row = MARGIN_U * unit, row + 1
        placed.append((style, label, x, top + (row + 0.5) * LEGEND_ROW_U * unit))
        x += width
    return placed, (row + 1) * LEGEND_ROW_U * unit


def msg_text(message_id: str, language: str, **args) -> str:
    return render(msg(message_id, **args), language)


def _within_frame(original: Linework, frame, unit: float) -> Linework:
    """Only the original's lines that lie in the frame: strays far away are not drawn."""
    minx, miny, maxx, maxy = frame
    slack = (maxx - minx + maxy - miny) * 0.01
    xs, ys = original.coordinates[:, 0], original.coordinates[:, 1]
    n = int(original.line_of[-1]) + 1
    lo_x = np.full(n, np.inf)
    hi_x = np.full(n, -np.inf)
    lo_y = np.full(n, np.inf)
    hi_y = np.full(n, -np.inf)
    np.minimum.at(lo_x, original.line_of, xs)
    np.maximum.at(hi_x, original.line_of, xs)
    np.minimum.at(lo_y, original.line_of, ys)
    np.maximum.at(hi_y, original.line_of, ys)
    keep_line = (lo_x >= minx - slack) & (hi_x <= maxx + slack) & (lo_y >= miny - slack) & (hi_y <= maxy + slack)
    if keep_line.all():
        return original
    keep = keep_line[original.line_of]
    _, line_of = np.unique(original.line_of[keep], return_inverse=True)
    return Linework(original.coordinates[keep], line_of)


def _title(element: Element, language: str) -> str:
    """The hover text of an element: what it is, where it came from, how sure."""
    source = element.source
    name = element.extra.get("name") or source.type_mark
    what = text_of(KIND_NAMES[element.kind], language)
    if element.external is not None:
        side = text_of("term.preview.external" if element.external else "term.preview.internal", language)
        what = render(msg("preview.opening-side", kind=what, side=side), language)
    text = render(
        msg(
            "preview.element",
            what=what,
            name=name or "",
            handle=source.handle,
            layer=source.layer,
            how=source.recognised_by,
            confidence=Number(source.confidence, ".2f"),
        ),
        language,
    )
    if source.reason is not None:
        text += " — " + render(source.reason, language)
    return " ".join(text.split())  # no double space where an element has no name


def _label_size(name: str, room_width: float, unit: float) -> float:
    """A room name fits its room where it can, but stays readable."""
    fit = room_width * 0.9 / max(len(name) * 0.55, 1.0)
    return float(min(18 * unit, max(8 * unit, fit)))


def _arrows(openings, unit: float, dx: float, dy: float) -> list[LineString]:
    """One arrow per external opening, from its middle outwards, in page coordinates (vectorised)."""
    mids = np.array([o.span.interpolate(0.5, normalized=True).coords[0] for o in openings])
    out = np.array([o.outward for o in openings])
    page_mid = mids * [1.0, -1.0] + [dx, dy]
    page_out = out * [1.0, -1.0]
    length = ARROW_U * unit
    tip = page_mid + page_out * length
    side = np.stack([-page_out[:, 1], page_out[:, 0]], axis=1)
    back = tip - page_out * length * 0.35
    left = back + side * length * 0.22
    right = back - side * length * 0.22
    # Each arrow as one line: the shaft, then the head (right wing, tip, left wing).
    coordinates = np.stack([page_mid, tip, right, tip, left], axis=1).reshape(-1, 2)
    lines = line_array(coordinates, indices=np.repeat(np.arange(len(openings)), 5))
    return list(lines)


# ------------------------------------------------------------------------ SVG


def preview_svg(plan: Plan, originals: Sequence[Linework | None] | None = None, language: str = "en") -> str:
    """The preview as SVG: one page, the storeys side by side, a legend below.

    Every recognised element is its own ``<path>`` with its kind as class (``wall``,
    ``door``...), ``inferred`` when guessed from shape, ``external`` for openings on
    the envelope, and ``data-handle`` to find it in CAD; its ``<title>`` says how it
    was recognised.
    """
    scene = _scene(plan, originals, language)
    u = scene.unit
    parts = [f"<style>{_css(u)}</style>", '<rect width="100%" height="100%" fill="#ffffff"/>']
    if scene.original_lines:
        data = " ".join(_linework_data(lines) for lines in scene.original_lines if len(lines.coordinates))
        parts.append(f'<path class="original" d="{data}"/>')
    if scene.items:
        paths = _path_data([item.geometry for item in scene.items])
        for item, d in zip(scene.items, paths):
            attributes = "".join(f" data-{k}={quoteattr(v)}" for k, v in item.data.items())
            said = item.title or (_title(item.element, language) if item.element is not None else None)
            title = f"<title>{escape(said)}</title>" if said else ""
            parts.append(
                f'<path class="{item.css}"{attributes} d="{d}">{title}</path>'
                if title
                else f'<path class="{item.css}"{attributes} d="{d}"/>'
            )
    for text in scene.texts:
        parts.append(
            f'<text class="{text.css}" x="{text.x:.3f}" y="{text.y:.3f}" font-size="{text.size:.3f}" '
            f'text-anchor="{text.anchor}" fill="{text.colour}">{escape(text.text)}</text>'
        )
    parts.append(_svg_legend(scene))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {scene.width:.3f} {scene.height:.3f}" '
        f'width="{scene.width / u:.0f}" height="{scene.height / u:.0f}" class="recognition-preview" role="img">'
        + "".join(parts)
        + "</svg>\n"
    )


def _css(u: float) -> str:
    rules = [
        "path{fill:none;stroke-linejoin:round;stroke-linecap:round}",
        "text{font-family:'Noto Sans','Noto Naskh Arabic','DejaVu Sans',sans-serif;dominant-baseline:middle}",
        "text.title{font-weight:bold;dominant-baseline:auto}",
        "text.mark{font-weight:bold}",
    ]
    for name, style in STYLES.items():
        rule = f"stroke:{style['stroke']};stroke-width:{style['width'] * u:.4f}"
        if "fill" in style:
            rule += f";fill:{style['fill']};fill-opacity:{style.get('opacity', 1)}"
        if "dash" in style:
            rule += f";stroke-dasharray:{style['dash'][0] * u:.4f} {style['dash'][1] * u:.4f}"
        rules.append(f".{name}{{{rule}}}")
    rules.append(f".inferred{{stroke-dasharray:{INFERRED_DASH[0] * u:.4f} {INFERRED_DASH[1] * u:.4f}}}")
    return "".join(rules)


def _svg_legend(scene: _Scene) -> str:
    u = scene.unit
    parts = ['<g class="legend">']
    for style, label, x, y in scene.legend:
        swatch_class = "wall inferred" if style == "inferred" else style
        w = SWATCH_U * u
        if style in ("space", "access", "public", "light"):
            d = f"M{x:.3f} {y - 6 * u:.3f} h{w:.3f} v{12 * u:.3f} h{-w:.3f} Z"
        elif style == "outward":
            d = (
                f"M{x:.3f} {y:.3f} h{w:.3f} M{x + w - 6 * u:.3f} {y - 4 * u:.3f} "
                f"L{x + w:.3f} {y:.3f} L{x + w - 6 * u:.3f} {y + 4 * u:.3f}"
            )
        else:
            d = f"M{x:.3f} {y:.3f} h{w:.3f}"
        parts.append(
            f'<g class="legend-entry" data-kind="{style}"><path class="{swatch_class}" d="{d}"/>'
            f'<text x="{x + w + 8 * u:.3f}" y="{y:.3f}" font-size="{LEGEND_FONT_U * u:.3f}" fill="{TEXT_COLOUR}">'
            f"{escape(label)}</text></g>"
        )
    parts.append("</g>")
    return "".join(parts)


def _numbers(coordinates: np.ndarray) -> list[str]:
    """'x y' for each point, to the millimetre."""
    return [f"{x:.3f} {y:.3f}" for x, y in np.round(coordinates, 3).tolist()]


def _linework_data(linework: Linework) -> str:
    """Path data for ragged linework: M at each line's first point, L after."""
    numbers = _numbers(linework.coordinates)
    first = np.ones(len(numbers), dtype=bool)
    first[1:] = linework.line_of[1:] != linework.line_of[:-1]
    return " ".join(("M" if f else "L") + n for f, n in zip(first.tolist(), numbers))


def _path_data(geometries: list[BaseGeometry]) -> list[str]:
    """SVG path data for each geometry, the coordinates formatted in bulk."""
    array = np.empty(len(geometries), dtype=object)
    array[:] = geometries
    parts, owner = shapely.get_parts(array, return_index=True)
    types = shapely.get_type_id(parts)
    polygons = types == 3
    rings, ring_part = shapely.get_rings(parts[polygons], return_index=True)
    lines = np.isin(types, (1, 2))
    pieces = np.concatenate([rings, parts[lines]])
    piece_owner = np.concatenate([owner[polygons][ring_part], owner[lines]])
    closed = np.concatenate([np.ones(len(rings), dtype=bool), np.zeros(int(lines.sum()), dtype=bool)])
    order = np.argsort(piece_owner, kind="stable")
    pieces, piece_owner, closed = pieces[order], piece_owner[order], closed[order]
    coordinates, piece_of = shapely.get_coordinates(pieces, return_index=True)
    tokens = _numbers(coordinates)
    first = np.ones(len(tokens), dtype=bool)
    first[1:] = piece_of[1:] != piece_of[:-1]
    last = np.ones(len(tokens), dtype=bool)
    last[:-1] = first[1:]
    ends_closed = last & closed[piece_of]
    tokens = [
        ("M" if f else "L") + t + (" Z" if z else "") for f, t, z in zip(first.tolist(), tokens, ends_closed.tolist())
    ]
    point_owner = piece_owner[piece_of]
    bounds = np.searchsorted(point_owner, np.arange(len(geometries) + 1)).tolist()
    return [" ".join(tokens[bounds[i] : bounds[i + 1]]) for i in range(len(geometries))]


# ------------------------------------------------------------------------ PNG


def preview_png(
    plan: Plan,
    originals: Sequence[Linework | None] | None = None,
    language: str = "en",
    long_side_px: int = PNG_LONG_SIDE_PX,
) -> bytes:
    """The same preview as a PNG, drawn with Pillow (no SVG renderer needed)."""
    from PIL import Image, ImageDraw

    scene = _scene(plan, originals, language)
    scale = long_side_px / max(scene.width, scene.height)  # pixels per metre
    size = (max(1, round(scene.width * scale)), max(1, round(scene.height * scale)))
    picture = Image.new("RGB", size, "white")
    pen = ImageDraw.Draw(picture, "RGBA")
    u_px = scene.unit * scale

    def width_px(style: str) -> int:
        return max(1, round(STYLES[style]["width"] * u_px))

    for linework in scene.original_lines:
        if len(linework.coordinates):
            for line in _pixel_lines(linework.coordinates * scale, linework.line_of):
                pen.line(line, fill=STYLES["original"]["stroke"], width=width_px("original"))

    by_style: dict[tuple[str, bool], list[BaseGeometry]] = {}
    for item in scene.items:
        classes = item.css.split()
        by_style.setdefault((classes[0], "inferred" in classes), []).append(item.geometry)
    for kind in ("site", "public", "access", "space", "fence", "wall", "door", "window", "light", "outward", "plate"):
        for inferred in (False, True):
            geometries = by_style.get((kind, inferred))
            if not geometries:
                continue
            style = STYLES[kind]
            array = np.empty(len(geometries), dtype=object)
            array[:] = geometries
            parts = shapely.get_parts(array)
            types = shapely.get_type_id(parts)
            polygons = parts[types == 3]
            if "fill" in style and len(polygons):
                alpha = round(255 * style.get("opacity", 1.0))
                fill = _rgba(style["fill"], alpha)
                coordinates, ring_of = shapely.get_coordinates(shapely.get_exterior_ring(polygons), return_index=True)
                for ring in _pixel_lines(coordinates * scale, ring_of):
                    if len(ring) >= 6:
                        pen.polygon(ring, fill=fill)
            outlines = np.concatenate([shapely.get_rings(polygons), parts[np.isin(types, (1, 2))]])
            if not len(outlines):
                continue
            coordinates, line_of = shapely.get_coordinates(outlines, return_index=True)
            dash = style.get("dash") or (INFERRED_DASH if inferred else None)
            if dash:
                coordinates, line_of = _dashed(coordinates, line_of, dash[0] * scene.unit)
            for line in _pixel_lines(coordinates * scale, line_of):
                pen.line(line, fill=style["stroke"], width=width_px(kind), joint="curve")

    fonts = _Fonts()
    for text in scene.texts:
        font = fonts.get(text.text, max(6, round(text.size * scale)), bold=text.css in ("title", "mark"))
        x, y = text.x * scale, text.y * scale
        anchor = {"middle": "mm", "start": "lm"}[text.anchor]
        if text.css == "title":
            anchor = "ls"
        pen.text((x, y), text.text, font=font, anchor=anchor, fill=text.colour)

    swatch = SWATCH_U * u_px
    for legend_style, label, x, y in scene.legend:
        x, y = x * scale, y * scale
        look = STYLES["wall" if legend_style == "inferred" else legend_style]
        line_width = max(1, round(look["width"] * u_px))
        if "fill" in look:
            pen.rectangle(
                (x, y - 6 * u_px, x + swatch, y + 6 * u_px),
                fill=_rgba(look["fill"], 200),
                outline=look["stroke"],
                width=line_width,
            )
        elif legend_style == "inferred" or "dash" in look:
            on, off = INFERRED_DASH if legend_style == "inferred" else look["dash"]
            position = 0.0
            while position < SWATCH_U:
                pen.line(
                    (x + position * u_px, y, x + min(position + on, SWATCH_U) * u_px, y),
                    fill=look["stroke"],
                    width=line_width,
                )
                position += on + off
        else:
            pen.line((x, y, x + swatch, y), fill=look["stroke"], width=line_width)
            if legend_style == "outward":
                pen.line(
                    (x + swatch - 6 * u_px, y - 4 * u_px, x + swatch, y, x + swatch - 6 * u_px, y + 4 * u_px),
                    fill=look["stroke"],
                    width=line_width,
                )
        font = fonts.get(label, max(6, round(LEGEND_FONT_U * u_px)))
        pen.text((x + swatch + 8 * u_px, y), label, font=font, anchor="lm", fill=TEXT_COLOUR)

    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def _rgba(colour: str, alpha: int) -> tuple[int, int, int, int]:
    value = colour.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16), alpha)


def _pixel_lines(coordinates: np.ndarray, line_of: np.ndarray) -> list[list[float]]:
    """Each line as a flat [x, y, x, y, ...] list, as Pillow takes it."""
    if not len(coordinates):
        return []
    starts = np.flatnonzero(np.diff(line_of)) + 1
    return [part.ravel().tolist() for part in np.split(coordinates, starts) if len(part) > 1]


def _dashed(coordinates: np.ndarray, line_of: np.ndarray, dash: float) -> tuple[np.ndarray, np.ndarray]:
    """Every other piece of each line, the pieces at most ``dash`` long: dashes, cut in bulk.

    Pillow draws no dashed lines. Each segment is divided into equal pieces no longer
    than ``dash`` and every second piece of a line is kept, as a two-point line.
    """
    if len(coordinates) < 2:
        return coordinates[:0], line_of[:0]
    same = line_of[1:] == line_of[:-1]
    starts, ends = coordinates[:-1][same], coordinates[1:][same]
    lengths = np.hypot(*(ends - starts).T)
    pieces = np.maximum(1, np.ceil(lengths / dash)).astype(int)
    segment = np.repeat(np.arange(len(starts)), pieces)
    ordinal = np.arange(pieces.sum()) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    t0 = (ordinal / pieces[segment])[:, None]
    t1 = ((ordinal + 1) / pieces[segment])[:, None]
    a = starts[segment] + (ends[segment] - starts[segment]) * t0
    b = starts[segment] + (ends[segment] - starts[segment]) * t1
    # Count pieces along each whole line, so the pattern runs on across its vertices.
    owner = line_of[:-1][same][segment]
    first_of_line = np.r_[True, owner[1:] != owner[:-1]]
    line_start = np.maximum.accumulate(np.where(first_of_line, np.arange(len(owner)), 0))
    keep = (np.arange(len(owner)) - line_start) % 2 == 0
    a, b = a[keep], b[keep]
    pairs = np.stack([a, b], axis=1).reshape(-1, 2)
    return pairs, np.repeat(np.arange(len(a)), 2)


_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


class _Fonts:
    """Pillow fonts by size; for Arabic-script text (Persian room names) the first face
    that has every character: Pillow falls back to no other font, and the Naskh face
    has no Latin punctuation (its parentheses would be empty boxes)."""

    FACES = {
        "latin": ("NotoSans-Regular.ttf", "DejaVuSans.ttf"),
        "latin-bold": ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
        "arabic": ("NotoNaskhArabic-Regular.ttf", "NotoSansArabic-Regular.ttf", "DejaVuSans.ttf"),
    }

    def __init__(self):
        self.cache: dict[tuple[str, int], object] = {}
        self.characters: dict[str, set[int] | None] = {}

    def get(self, text: str, size: int, bold: bool = False):
        if _ARABIC_SCRIPT.search(text):
            names = [n for n in self.FACES["arabic"] if self._covers(n, text)] or list(self.FACES["arabic"])
        else:
            names = list(self.FACES["latin-bold" if bold else "latin"])
        key = (names[0], size)
        if key not in self.cache:
            self.cache[key] = self._load(names, size)
        return self.cache[key]

    def _covers(self, name: str, text: str) -> bool:
        if name not in self.characters:
            self.characters[name] = None
            try:
                from fontTools.ttLib import TTFont
                from PIL import ImageFont

                path = ImageFont.truetype(name, 10).path
                self.characters[name] = set(TTFont(path, lazy=True).getBestCmap())
            except Exception:  # no such font, or no fontTools: not known to cover anything
                pass
        known = self.characters[name]
        # Joiners and marks that shape rather than show need no glyph of their own.
        return known is not None and all(ord(c) in known for c in text if c not in "\u200c\u200d\u200e\u200f")

    @staticmethod
    def _load(names: list[str], size: int):
        from PIL import ImageFont

        for name in names:
            try:
                return ImageFont.truetype(name, size)
            except OSError:
                continue
        return ImageFont.load_default(size)


# ------------------------------------------------------------------------ outputs


def check_outputs(picture: str | None, geojson: str | None) -> None:
    """Refuse, in one sentence, outputs the preview cannot write, before any file is read."""
    if not picture and not geojson:
        raise AnnexError(
            "The preview needs an output: -o preview.svg (or .png) for the picture, --geojson plan.geojson for the data, or both."
        )
    if picture and Path(picture).suffix.lower() not in PICTURE_SUFFIXES:
        raise AnnexError(f"{picture} should end in .svg or .png (the preview is drawn as SVG or PNG).")
    if geojson and geojson != "-" and Path(geojson).suffix.lower() not in GEOJSON_SUFFIXES:
        raise AnnexError(f"{geojson} should end in .geojson or .json (the recognised plan is written as GeoJSON).")


def picture_bytes(plan: Plan, storey_files: Sequence[Path], out: str, language: str = "en") -> bytes:
    """The preview for ``out`` (.svg or .png), over the original linework of each storey's file."""
    originals = []
    for storey, report, path in zip(plan.storeys, plan.loads or [None] * len(plan.storeys), storey_files):
        factor = report.units.metres_per_unit if report is not None else 1.0
        originals.append(original_linework(path, factor, storey.file))
    if Path(out).suffix.lower() == ".png":
        return preview_png(plan, originals, language)
    return preview_svg(plan, originals, language).encode("utf-8")

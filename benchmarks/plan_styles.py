"""Synthetic floor plans drawn in the styles real offices use, each with its ground truth.

The recognition benchmark (``bench_recognition.py``) needs plans whose right reading
is known. A seeded layout (2-8 rooms in a rectangular or L-shaped footprint, internal
partitions, 1-3 external doors, a door in every partition, 3-12 windows, room names)
is drawn in one *style*: a combination of layer naming (NCS, ISO 13567, plain words
in eight languages, Persian in Arabic and Latin letters, Chinese GB, everything on
layer 0), door drawing (attribute blocks, attribute-less blocks mirrored, rotated or
scaled, swing arc + leaf, double, sliding), window drawing (2-4 parallel lines,
blocks), wall drawing (single lines, double lines, closed or open polylines, solid or
patterned hatches), rooms (outlines or labels only), units (declared right, wrong or
not at all), file format (R2000 in code page ANSI_1256) and noise (furniture with
arcs, dimensions, floor hatches, texts).

The truth is geometry in metres in the drawing's own frame: each door and window as
its jamb-to-jamb segment on the wall's centre line, each room as the clear floor
between wall faces, and the true unit. ``write_plan(style, seed, path)`` writes the
DXF and returns its :class:`Truth`; ``STYLES`` lists the named styles.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon, box
from shapely.ops import unary_union

from ezdxf.math import OCS, Vec3

from checker.reading.dxf.starter import PlanDrawing
from checker.reading.units import unit_by_name

# ---------------------------------------------------------------------------- truth


@dataclass(frozen=True)
class Truth:
    """What a right reading of one generated plan finds, in metres."""

    doors: tuple[LineString, ...]
    windows: tuple[LineString, ...]
    rooms: tuple[Polygon, ...]
    unit: str  # the unit the drawing is really drawn in ("mm", "cm", "m", "in")
    room_names: tuple[str, ...] = ()


# ---------------------------------------------------------------------------- layer naming

ROLE_KEYS = ("walls", "doors", "windows", "rooms", "text", "furniture", "dims", "floor")

# role -> layer name; "walls_internal" may give internal walls their own layer.
LAYER_SCHEMES: dict[str, dict[str, str]] = {
    "ncs": {
        "walls": "A-WALL",
        "walls_internal": "A-WALL-PRTN",
        "doors": "A-DOOR",
        "windows": "A-GLAZ",
        "rooms": "A-AREA",
        "text": "A-ANNO-TEXT",
        "furniture": "A-FURN",
        "dims": "A-ANNO-DIMS",
        "floor": "A-FLOR-PATT",
    },
    "ncs-suffixed": {
        "walls": "A-WALL-EXTR",
        "walls_internal": "A-WALL-INTR",
        "doors": "A-DOOR-EXST",
        "windows": "A-GLAZ-SILL",
        "rooms": "A-AREA-IDEN",
        "text": "A-ANNO-NOTE",
        "furniture": "I-FURN",
        "dims": "A-ANNO-DIMS",
        "floor": "A-FLOR-PATT",
    },
    "iso13567": {
        "walls": "A-210 G - Existing Structure",
        "walls_internal": "A-220G - Internal Walls",
        "doors": "A-325G - Internal Doors",
        "windows": "A-315G - Windows",
        "rooms": "A-Z00 G - Spaces",
        "text": "A-Z10 T - Text",
        "furniture": "A-820 G - Furniture",
        "dims": "A-Z20 D - Dimensions",
        "floor": "A-430 H - Floor Finishes",
    },
    "english": {
        "walls": "Walls",
        "doors": "Doors",
        "windows": "Windows",
        "rooms": "Rooms",
        "text": "Text",
        "furniture": "Furniture",
        "dims": "Dimensions",
        "floor": "Floor finishes",
    },
    "german": {
        "walls": "Wand",
        "walls_internal": "Wand (neu)",
        "doors": "Türen",
        "windows": "Fenster",
        "rooms": "Räume",
        "text": "Beschriftung",
        "furniture": "Möbel",
        "dims": "Bemaßung",
        "floor": "Bodenbelag",
    },
    "french": {
        "walls": "Murs",
        "doors": "Portes",
        "windows": "Fenêtres",
        "rooms": "Pièces",
        "text": "Textes",
        "furniture": "Mobilier",
        "dims": "Cotation",
        "floor": "Revêtement de sol",
    },
    "spanish": {
        "walls": "Muros",
        "doors": "Puertas",
        "windows": "Ventanas",
        "rooms": "Recintos",
        "text": "Textos",
        "furniture": "Mobiliario",
        "dims": "Cotas",
        "floor": "Pavimentos",
    },
    "italian": {
        "walls": "Muri",
        "doors": "Porte",
        "windows": "Finestre",
        "rooms": "Locali",
        "text": "Testi",
        "furniture": "Arredi",
        "dims": "Quote",
        "floor": "Pavimenti",
    },
    "dutch": {
        "walls": "Wanden",
        "doors": "Deuren",
        "windows": "Ramen",
        "rooms": "Ruimten",
        "text": "Tekst",
        "furniture": "Meubilair",
        "dims": "Maatvoering",
        "floor": "Vloerafwerking",
    },
    "persian": {
        "walls": "دیوار",
        "doors": "در",
        "windows": "پنجره",
        "rooms": "اتاق",
        "text": "متن",
        "furniture": "مبلمان",
        "dims": "اندازه گذاری",
        "floor": "کف سازی",
    },
    # AutoCAD in Arabic Windows locales writes Arabic yeh and kaf for Persian ones.
    "persian-arabic-letters": {
        "walls": "ديوار",
        "doors": "در",
        "windows": "پنجره",
        "rooms": "فضا",
        "text": "متن",
        "furniture": "مبلمان",
        "dims": "اندازه گذاري",
        "floor": "كف سازي",
    },
    "persian-latin": {
        "walls": "DIVAR",
        "doors": "DAR",
        "windows": "PANJERE",
        "rooms": "OTAGH",
        "text": "MATN",
        "furniture": "MOBLEMAN",
        "dims": "ANDAZE",
        "floor": "KAF",
    },
    "chinese": {
        "walls": "建-墙体",
        "doors": "建-门",
        "windows": "建-窗",
        "rooms": "建-房间",
        "text": "建-文字",
        "furniture": "建-家具",
        "dims": "建-尺寸",
        "floor": "建-地面",
    },
    "layer0": {key: "0" for key in ROLE_KEYS},
}

ROOM_NAMES: dict[str, tuple[str, ...]] = {
    "english": ("Living room", "Kitchen", "Bedroom", "Bathroom", "Hall", "Storage", "Dining", "WC"),
    "german": ("Wohnzimmer", "Küche", "Schlafzimmer", "Bad", "Flur", "Abstellraum", "Essen", "WC"),
    "french": ("Séjour", "Cuisine", "Chambre", "Salle de bains", "Entrée", "Rangement", "Salle à manger", "WC"),
    "spanish": ("Salón", "Cocina", "Dormitorio", "Baño", "Recibidor", "Trastero", "Comedor", "Aseo"),
    "italian": ("Soggiorno", "Cucina", "Camera", "Bagno", "Ingresso", "Ripostiglio", "Pranzo", "WC"),
    "dutch": ("Woonkamer", "Keuken", "Slaapkamer", "Badkamer", "Hal", "Berging", "Eetkamer", "Toilet"),
    "persian": ("پذیرایی", "آشپزخانه", "اتاق خواب", "حمام", "راهرو", "انباری", "نشیمن", "سرویس"),
    "persian-latin": ("PAZIRAYI", "ASHPAZKHANE", "OTAGH KHAB", "HAMAM", "RAHRO", "ANBARI", "NESHIMAN", "SERVICE"),
    "chinese": ("客厅", "厨房", "卧室", "卫生间", "门厅", "储藏室", "餐厅", "厕所"),
}
NAMES_FOR_SCHEME = {
    "ncs": "english",
    "ncs-suffixed": "english",
    "iso13567": "english",
    "layer0": "english",
    "persian-arabic-letters": "persian",
}


# ---------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class Style:
    name: str
    layers: str = "ncs"
    # walls: single lines, double lines, closed polylines, open polylines, solid hatch, ANSI31 hatch,
    # wide polylines, double and single (external double lines, internal single lines),
    # uncut (double lines running through the openings, a WIPEOUT over each opening)
    walls: str = "double lines"
    # doors: convention, swing, block, unit block, block on layer 0, nested block, double, sliding, folding,
    # bulge swing (arc as a bulged polyline), tessellated swing (arc as short segments), leaf rectangle
    doors: str = "swing"
    windows: str = "3 lines"  # convention, 2 lines, 3 lines, 4 lines, block, frame and sill
    rooms: str = (
        "labels"  # outlines (drawn, named), labels (TEXT only), mtext (formatted MTEXT), tags (attribute blocks)
    )
    unit: str = "mm"  # what the drawing is really drawn in
    # header: right, missing (no $INSUNITS), unitless (0), wrong (inches on a metric drawing,
    # millimetres on an inch one), or "declares <unit>"
    header: str = "right"
    placed: str = "origin"  # origin, site (far from the origin), rotated (turned and far away)
    container: str = "modelspace"  # or "one block": the whole plan in a block inserted once, as exports do
    version: str = "R2018"
    codepage: str | None = None  # e.g. "ANSI_1256": texts stored in that code page (R2000 and older)
    noise: bool = False  # furniture, dimensions, floor hatches, texts
    names: str | None = None  # language of the room names; default from the layer scheme
    # an office template's layers, kept when empty: the scheme's room-outline layer is there
    # with nothing on it, as are the convention's other role layers
    template: bool = False


def _styles() -> list[Style]:
    s = [
        Style("convention blocks (NCS)", "ncs", "closed polylines", "convention", "convention", "outlines"),
        Style("NCS, swing arcs, 3-line windows", "ncs", "double lines", "swing", "3 lines"),
        Style("NCS suffixed, closed polylines", "ncs-suffixed", "closed polylines", "block", "2 lines"),
        Style("ISO 13567, attribute-less blocks", "iso13567", "double lines", "block", "block", "outlines"),
        Style("English words, single-line walls", "english", "single lines", "swing", "2 lines"),
        Style("English words, open polylines, cm", "english", "open polylines", "swing", "3 lines", unit="cm"),
        Style("German, double doors, m", "german", "double lines", "double", "3 lines", unit="m"),
        Style("French, solid hatch walls", "french", "solid hatch", "swing", "2 lines"),
        Style("Spanish, ANSI31 hatch walls", "spanish", "ANSI31 hatch", "block", "3 lines", "outlines"),
        Style("Italian, sliding doors", "italian", "double lines", "sliding", "4 lines"),
        Style("Dutch, unit-size door blocks", "dutch", "closed polylines", "unit block", "block"),
        Style(
            "Persian, swing arcs, no units",
            "persian",
            "double lines",
            "swing",
            "2 lines",
            header="missing",
            names="persian",
        ),
        Style(
            "Persian R2000 ANSI_1256, cm unitless",
            "persian-arabic-letters",
            "closed polylines",
            "swing",
            "3 lines",
            unit="cm",
            header="unitless",
            version="R2000",
            codepage="ANSI_1256",
        ),
        Style("Persian-Latin, blocks on layer 0", "persian-latin", "double lines", "block on layer 0", "3 lines"),
        Style("Chinese GB, hatch walls", "chinese", "solid hatch", "swing", "4 lines", "outlines"),
        Style("everything on layer 0", "layer0", "double lines", "swing", "3 lines"),
        Style("layer 0, blocks, no units", "layer0", "closed polylines", "block on layer 0", "block", header="missing"),
        Style("mm drawing declaring inches", "english", "double lines", "swing", "3 lines", header="wrong"),
        Style("inches, declared", "english", "double lines", "swing", "2 lines", unit="in"),
        Style("metres declared millimetres", "ncs", "closed polylines", "swing", "3 lines", unit="m", header="wrong"),
        Style("NCS with furniture, dims, hatches", "ncs", "double lines", "swing", "3 lines", noise=True),
        Style("German with noise, Wand (neu)", "german", "closed polylines", "block", "2 lines", noise=True),
        Style(
            "Persian with noise, R2000",
            "persian",
            "double lines",
            "swing",
            "3 lines",
            version="R2000",
            codepage="ANSI_1256",
            noise=True,
        ),
        Style(
            "layer 0 with noise, unitless", "layer0", "double lines", "swing", "2 lines", header="unitless", noise=True
        ),
        Style(
            "R12 English, double doors (no units in R12)", "english", "double lines", "double", "2 lines", version="R12"
        ),
        # what exports and older offices really write
        Style("rotated 30-60 degrees, site coordinates", "ncs", "double lines", "swing", "3 lines", placed="rotated"),
        Style("site coordinates, metres", "english", "closed polylines", "block", "2 lines", unit="m", placed="site"),
        Style("swing arcs as bulged polylines", "english", "double lines", "bulge swing", "3 lines"),
        Style("swing arcs as short segments (export)", "ncs", "closed polylines", "tessellated swing", "2 lines"),
        Style("door leaves as thin rectangles", "german", "double lines", "leaf rectangle", "3 lines"),
        Style("nested door blocks, mirrored", "french", "closed polylines", "nested block", "block"),
        Style("windows with frames and sills", "spanish", "double lines", "swing", "frame and sill"),
        Style("walls not cut, wipeouts over openings", "ncs", "uncut", "block", "block"),
        Style("walls as wide polylines", "italian", "wide polylines", "swing", "2 lines"),
        Style("external double lines, internal single", "dutch", "double and single", "swing", "3 lines"),
        Style("room tags as attribute blocks", "ncs", "double lines", "swing", "3 lines", "tags"),
        Style("room names in formatted MTEXT", "german", "double lines", "swing", "2 lines", "mtext"),
        Style(
            "whole plan in one block (export)",
            "english",
            "double lines",
            "swing",
            "3 lines",
            container="one block",
            header="missing",
            version="R12",
        ),
        Style("feet, declared", "english", "double lines", "swing", "2 lines", unit="ft"),
        Style(
            "centimetres declared as metres",
            "spanish",
            "closed polylines",
            "swing",
            "3 lines",
            unit="cm",
            header="declares m",
        ),
        Style(
            "Iranian office: Latin layers, bulges, rotated, no units",
            "persian-latin",
            "closed polylines",
            "bulge swing",
            "frame and sill",
            "mtext",
            unit="cm",
            header="missing",
            placed="rotated",
            noise=True,
            names="persian",
        ),
        Style(
            "Iranian office: R2000 1256, nested blocks, tags",
            "persian",
            "solid hatch",
            "nested block",
            "block",
            "tags",
            unit="mm",
            header="unitless",
            version="R2000",
            codepage="ANSI_1256",
            noise=True,
        ),
        Style("mirrored swing arcs (extrusion -Z)", "german", "double lines", "mirrored arcs", "3 lines"),
        Style(
            "blocks with the base point mid-opening", "english", "closed polylines", "centred block", "centred block"
        ),
        Style("wall faces run on across windows", "ncs", "doors cut only", "swing", "2 lines"),
        Style(
            "busy sheet: exploded chain dims, stair, eaves", "english", "double lines", "swing", "2 lines", noise=True
        ),
        Style(
            "layer 0 export, segments, one block",
            "layer0",
            "double lines",
            "tessellated swing",
            "2 lines",
            container="one block",
            header="unitless",
            noise=True,
        ),
        # Everything on layer 0 in more ways: nothing but geometry says what is wall, window or door.
        Style(
            "layer 0, closed polylines, 2-line windows, noise",
            "layer0",
            "closed polylines",
            "swing",
            "2 lines",
            noise=True,
        ),
        Style(
            "layer 0, open polylines, bulges, cm, no units",
            "layer0",
            "open polylines",
            "bulge swing",
            "2 lines",
            unit="cm",
            header="missing",
        ),
        Style(
            "layer 0, double doors, 4-line windows, rotated",
            "layer0",
            "double lines",
            "double",
            "4 lines",
            placed="rotated",
        ),
        Style("layer 0, sliding doors, 2-line windows", "layer0", "double lines", "sliding", "2 lines"),
        # An office template: every layer defined, the room-outline layer among them and empty.
        Style("NCS template, empty A-AREA, swing arcs", "ncs", "double lines", "swing", "3 lines", template=True),
        Style(
            "NCS template, empty A-AREA, attribute-less blocks",
            "ncs",
            "closed polylines",
            "block",
            "block",
            template=True,
        ),
        Style("German template, empty Räume layer", "german", "double lines", "swing", "2 lines", template=True),
        Style("English words, folding doors", "english", "double lines", "folding", "3 lines"),
        Style("layer 0, folding doors, 2-line windows", "layer0", "double lines", "folding", "2 lines"),
        # Not yet read (so not listed): layer 0 with walls as wide polylines (extraction keeps no
        # widths), with internal walls as single lines, and with windows as frame and sill.
    ]
    return s


STYLES: tuple[Style, ...] = tuple(_styles())
STYLE_BY_NAME = {style.name: style for style in STYLES}


# ---------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class OpeningPlan:
    kind: str  # "door" or "window"
    a: tuple[float, float]  # jamb on the wall centre line
    b: tuple[float, float]
    inward: tuple[float, float]  # unit normal towards the side a door swings into
    thickness: float  # of the host wall
    external: bool
    leaves: int = 1

    @property
    def width(self) -> float:
        return math.dist(self.a, self.b)


@dataclass
class Layout:
    footprint: Polygon  # on the external walls' centre lines
    cells: list[Polygon]  # rooms, on wall centre lines
    external: float  # wall thickness
    internal: float
    centre_lines: list[tuple[LineString, float]]  # (segment, thickness)
    openings: list[OpeningPlan] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    def wall_solid(self):
        return unary_union(
            [line.buffer(t / 2, cap_style="square", join_style="mitre") for line, t in self.centre_lines]
        )

    def gaps(self) -> list[Polygon]:
        return [_gap(o) for o in self.openings]

    def room_polygons(self) -> list[Polygon]:
        solid = self.wall_solid()
        rooms = []
        for cell in self.cells:
            clear = cell.difference(solid)
            pieces = list(getattr(clear, "geoms", [clear]))
            rooms.append(max(pieces, key=lambda p: p.area))
        return rooms


def placed(layout: Layout, how: str, rng: random.Random) -> Layout:
    """The layout moved where real drawings put it: far from the origin, maybe turned."""
    if how == "origin":
        return layout
    angle = rng.uniform(30, 60) if how == "rotated" else 0.0
    dx, dy = rng.uniform(2000, 3000), rng.uniform(-4000, -1000)  # metres: survey grid coordinates
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))

    def point(p):
        return (round(c * p[0] - s * p[1] + dx, 4), round(s * p[0] + c * p[1] + dy, 4))

    def vector(v):
        return (c * v[0] - s * v[1], s * v[0] + c * v[1])

    def geometry(g):
        return shapely.transform(
            g, lambda xy: np.column_stack([c * xy[:, 0] - s * xy[:, 1] + dx, s * xy[:, 0] + c * xy[:, 1] + dy])
        )

    return Layout(
        footprint=geometry(layout.footprint),
        cells=[geometry(cell) for cell in layout.cells],
        external=layout.external,
        internal=layout.internal,
        centre_lines=[(geometry(line), t) for line, t in layout.centre_lines],
        openings=[replace(o, a=point(o.a), b=point(o.b), inward=vector(o.inward)) for o in layout.openings],
    )


def _gap(o: OpeningPlan) -> Polygon:
    nx, ny = o.inward
    h = o.thickness / 2 + 0.02
    (ax, ay), (bx, by) = o.a, o.b
    return Polygon(
        [(ax - nx * h, ay - ny * h), (bx - nx * h, by - ny * h), (bx + nx * h, by + ny * h), (ax + nx * h, ay + ny * h)]
    )


def make_layout(seed: int, rooms: int | None = None) -> Layout:
    """A seeded house: footprint, rooms by guillotine splits, doors and windows."""
    rng = random.Random(seed)
    width, depth = rng.uniform(9, 16), rng.uniform(7, 12)
    wanted = rooms or rng.randint(2, 8)
    parts = [box(0, 0, width, depth)]
    if rng.random() < 0.5 and wanted >= 3:  # an L: the back right corner cut away
        cut_x, cut_y = width * rng.uniform(0.45, 0.65), depth * rng.uniform(0.45, 0.6)
        parts = [box(0, 0, width, cut_y), box(0, cut_y, cut_x, depth)]
    footprint = unary_union(parts)
    cells = list(parts)
    while len(cells) < wanted:
        cells.sort(key=lambda c: c.area)
        big = cells.pop()
        x0, y0, x1, y1 = big.bounds
        if (x1 - x0) < 5 and (y1 - y0) < 5:
            cells.append(big)
            break
        vertical = (x1 - x0) >= (y1 - y0)
        f = rng.uniform(0.35, 0.65)
        if vertical:
            x = round(x0 + f * (x1 - x0), 2)
            cells += [box(x0, y0, x, y1), box(x, y0, x1, y1)]
        else:
            y = round(y0 + f * (y1 - y0), 2)
            cells += [box(x0, y0, x1, y), box(x0, y, x1, y1)]
    cells.sort(key=lambda c: (round(c.bounds[1], 2), round(c.bounds[0], 2)))
    external, internal = rng.choice((0.25, 0.3, 0.35)), rng.choice((0.1, 0.12, 0.15))
    outline = footprint.exterior
    segments: list[tuple[LineString, float]] = []
    coords = list(outline.coords)
    for p, q in zip(coords, coords[1:]):
        segments.append((LineString([p, q]), external))
    internal_lines = unary_union([c.exterior for c in cells]).difference(outline.buffer(1e-6))
    for line in _segments(internal_lines):
        segments.append((line, internal))
    layout = Layout(footprint, cells, external, internal, segments)
    _place_openings(layout, rng)
    return layout


def _segments(geometry) -> list[LineString]:
    from shapely.ops import linemerge

    merged = linemerge(geometry) if not isinstance(geometry, LineString) else geometry
    out = []
    for line in getattr(merged, "geoms", [merged]):
        c = list(line.coords)
        for p, q in zip(c, c[1:]):
            out.append(LineString([p, q]))
    return out


def _place_openings(layout: Layout, rng: random.Random) -> None:
    """Doors between adjacent rooms, 1-3 external doors, 3-12 windows, none overlapping."""
    taken: list[Polygon] = []
    margin = 0.35

    def place(kind, segment: LineString, thickness, width, inside: Point, external, leaves=1) -> bool:
        (x0, y0), (x1, y1) = segment.coords
        length = segment.length
        if length < width + 2 * margin:
            return False
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        for _ in range(8):
            s = rng.uniform(margin, length - margin - width)
            a = (round(x0 + ux * s, 3), round(y0 + uy * s, 3))
            b = (round(a[0] + ux * width, 3), round(a[1] + uy * width, 3))
            n = (-uy, ux)
            mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
            if (inside.x - mid[0]) * n[0] + (inside.y - mid[1]) * n[1] < 0:
                n = (uy, -ux)
            o = OpeningPlan(kind, a, b, n, thickness, external, leaves)
            zone = _gap(o).buffer(0.5)
            if any(zone.intersects(t) for t in taken):
                continue
            taken.append(_gap(o))
            layout.openings.append(o)
            return True
        return False

    cells = layout.cells
    outline = layout.footprint.exterior
    # internal doors: each pair of adjacent rooms once (at most 8 rooms: 28 pairs)
    for i, ci in enumerate(cells):
        for cj in cells[i + 1 :]:
            shared = ci.exterior.intersection(cj.exterior)
            lines = [g for g in getattr(shared, "geoms", [shared]) if isinstance(g, LineString) and g.length > 1.4]
            if lines:
                segment = max(lines, key=lambda g: g.length)
                place("door", segment, layout.internal, rng.choice((0.8, 0.9)), cj.centroid, False)
    external_edges = []
    for cell in cells:
        shared = cell.exterior.intersection(outline)
        for g in getattr(shared, "geoms", [shared]):
            if isinstance(g, LineString) and g.length > 1.2:
                for segment in _segments(g):
                    external_edges.append((segment, cell))
    rng.shuffle(external_edges)
    doors = rng.randint(1, 3)
    for segment, cell in external_edges:
        if doors and place("door", segment, layout.external, rng.choice((0.9, 1.0)), cell.centroid, True):
            doors -= 1
    windows = rng.randint(3, 12)
    for _ in range(3):
        for segment, cell in external_edges:
            if windows and place("window", segment, layout.external, rng.choice((0.9, 1.2, 1.5)), cell.centroid, True):
                windows -= 1


# ---------------------------------------------------------------------------- drawing


class Writer:
    """Draws a layout in one style; coordinates in metres, written in the style's unit."""

    def __init__(self, style: Style, layout: Layout, seed: int):
        self.style, self.layout = style, layout
        self.rng = random.Random(seed * 7919 + 17)
        self.drawing = PlanDrawing(style.unit, "R2000" if style.version == "R2000" else style.version)
        self.doc = self.drawing.doc
        self.msp = self.doc.modelspace() if style.container == "modelspace" else self.doc.blocks.new("PLAN-EXPORT")
        self.scale = 1.0 / unit_by_name(style.unit).metres
        self.scheme = LAYER_SCHEMES[style.layers]

    def xy(self, p):
        return (round(p[0] * self.scale, 6), round(p[1] * self.scale, 6))

    def layer(self, role: str) -> str:
        # internal walls fall back to the wall layer; eaves and other annotation to the dimension layer
        name = self.scheme.get(role) or self.scheme["walls" if role.startswith("walls") else "dims"]
        if name not in self.doc.layers:
            self.doc.layers.add(name)
        return name

    def attrs(self, role):
        return {"layer": self.layer(role)}

    def line(self, p, q, role, into=None):
        (into or self.msp).add_line(
            self.xy(p), self.xy(q), dxfattribs=self.attrs(role) if into is None else {"layer": "0"}
        )

    def polyline(self, points, role, close, width=0.0, bulges=None):
        pts = [self.xy(p) for p in points]
        attrs = self.attrs(role)
        if width:
            attrs["const_width"] = width * self.scale
        if self.doc.dxfversion <= "AC1009":
            polyline = self.msp.add_polyline2d(pts, close=close, dxfattribs={"layer": attrs["layer"]})
            if width:
                polyline.dxf.default_start_width = polyline.dxf.default_end_width = width * self.scale
            for vertex, bulge in zip(polyline.vertices, bulges or ()):
                vertex.dxf.bulge = bulge
        elif bulges:
            self.msp.add_lwpolyline(
                [(x, y, 0, 0, b) for (x, y), b in zip(pts, bulges)], format="xyseb", close=close, dxfattribs=attrs
            )
        else:
            self.msp.add_lwpolyline(pts, close=close, dxfattribs=attrs)

    def text(self, p, words, role, height=0.25):
        self.msp.add_text(words, height=height * self.scale, dxfattribs={**self.attrs(role), "insert": self.xy(p)})

    # ---------------------------------------------------------------- walls

    def walls(self) -> None:
        style, layout = self.style.walls, self.layout
        cuts = unary_union(layout.gaps())
        if style == "doors cut only":  # wall faces run on across windows; the window lines lie between them
            cuts = unary_union([_gap(o) for o in layout.openings if o.kind == "door"])
            style = "double lines"
        if style in ("single lines", "wide polylines", "double and single"):
            for line, t in layout.centre_lines:
                external = t == layout.external
                if style == "double and single" and external:
                    continue  # drawn below as faces
                role = "walls" if external else "walls_internal"
                for piece in _line_pieces(line.difference(cuts)):
                    if style == "wide polylines":
                        self.polyline(list(piece.coords), role, close=False, width=t)
                    else:
                        self.line(piece.coords[0], piece.coords[-1], role)
            if style != "double and single":
                return
        if style == "uncut":  # the walls run through; a WIPEOUT masks each opening, as door blocks often do
            for o, gap in zip(layout.openings, layout.gaps()):
                self.msp.add_wipeout(
                    [self.xy(p) for p in gap.exterior.coords[:-1]],
                    dxfattribs=self.attrs("doors" if o.kind == "door" else "windows"),
                )
            cuts = Polygon()
            style = "double lines"
        external = unary_union(
            [
                line.buffer(t / 2, cap_style="square", join_style="mitre")
                for line, t in layout.centre_lines
                if t == layout.external
            ]
        )
        internal = unary_union(
            [
                line.buffer(t / 2, cap_style="square", join_style="mitre")
                for line, t in layout.centre_lines
                if t != layout.external
            ]
        ).difference(external)
        for role, solid in (("walls", external.difference(cuts)), ("walls_internal", internal.difference(cuts))):
            if self.style.walls == "double and single" and role == "walls_internal":
                continue
            if self.style.walls in ("double and single", "doors cut only"):
                style = "double lines"
            polygons = [p for p in getattr(solid, "geoms", [solid]) if p.area > 1e-4]
            if style in ("solid hatch", "ANSI31 hatch"):
                hatch = self.msp.add_hatch(color=7, dxfattribs=self.attrs(role))
                if style == "ANSI31 hatch":
                    hatch.set_pattern_fill("ANSI31", scale=0.02 * self.scale)
                for polygon in polygons:
                    hatch.paths.add_polyline_path(
                        [self.xy(p) for p in polygon.exterior.coords[:-1]], is_closed=True, flags=1
                    )
                    for ring in polygon.interiors:
                        hatch.paths.add_polyline_path([self.xy(p) for p in ring.coords[:-1]], is_closed=True, flags=0)
                continue
            for polygon in polygons:
                for ring in (polygon.exterior, *polygon.interiors):
                    coords = list(ring.coords)
                    if style == "closed polylines":
                        self.polyline(coords[:-1], role, close=True)
                    elif style == "open polylines":  # each face ring in two open chains
                        half = max(2, len(coords) // 2)
                        self.polyline(coords[: half + 1], role, close=False)
                        self.polyline(coords[half:], role, close=False)
                    elif style == "double lines":
                        for p, q in zip(coords, coords[1:]):
                            self.line(p, q, role)
                    else:
                        raise ValueError(f"unknown wall style {style!r}")

    # ---------------------------------------------------------------- doors

    def door(self, o: OpeningPlan, index: int) -> None:
        style = self.style.doors
        a, b, n, t, w = o.a, o.b, o.inward, o.thickness, o.width
        u = ((b[0] - a[0]) / w, (b[1] - a[1]) / w)
        if style == "convention":
            left = u[0] * n[1] - u[1] * n[0] > 0
            self.drawing.door(
                a, b, mirror=not left, layer=self.layer("doors"), ROLE="ENTRANCE" if o.external else "INTERNAL"
            )
            return
        if style == "folding":  # a bifold: four leaves half open in a zig-zag on the room side
            face, out = t / 2, min(0.25, w / 6)
            points = [
                (
                    a[0] + u[0] * w * k / 4 + n[0] * (face + (out if k % 2 else 0.0)),
                    a[1] + u[1] * w * k / 4 + n[1] * (face + (out if k % 2 else 0.0)),
                )
                for k in range(5)
            ]
            for p, q in zip(points, points[1:]):
                self.line(p, q, "doors")
            return
        if style == "sliding":
            leaf = w * 0.55
            for start, side in ((0.0, -1), (w - leaf, 1)):
                off = side * t * 0.15
                p = (a[0] + u[0] * start + n[0] * off, a[1] + u[1] * start + n[1] * off)
                q = (p[0] + u[0] * leaf, p[1] + u[1] * leaf)
                self.line(p, q, "doors")
            return
        face = t / 2
        if style == "double":
            half = w / 2
            for hinge, direction in ((a, u), (b, (-u[0], -u[1]))):
                h = (hinge[0] + n[0] * face, hinge[1] + n[1] * face)
                self.swing(h, direction, n, half)
            return
        hinge = (a[0] + n[0] * face, a[1] + n[1] * face)
        if style in ("swing", "bulge swing", "tessellated swing", "leaf rectangle", "mirrored arcs"):
            self.swing(hinge, u, n, w, style)
            return
        # attribute-less block: hinge at the origin, closed along +x, leaf along +y
        unit_size = style == "unit block"
        centred = style == "centred block"  # base point in the middle of the opening, as many libraries put it
        name = "DR-UNIT" if unit_size else f"DOOR_{'C' if centred else ''}{int(round(w * 100))}"
        if name not in self.doc.blocks:
            block = self.doc.blocks.new(name)
            r = 1.0 if unit_size else w * self.scale
            h = -r / 2 if centred else 0.0
            block.add_arc((h, 0), r, 0, 90, dxfattribs={"layer": "0"})
            block.add_line((h, 0), (h, r), dxfattribs={"layer": "0"})
            block.add_line((h, 0), (h + 0.04 * r, 0), dxfattribs={"layer": "0"})  # a stop, as many blocks have
        if centred:
            hinge = (hinge[0] + u[0] * w / 2, hinge[1] + u[1] * w / 2)
        if style == "nested block":  # a door set: frame lines around the leaf block, as manufacturers' blocks nest
            leaf, name = name, f"DOORSET_{int(round(w * 100))}"
            if name not in self.doc.blocks:
                block = self.doc.blocks.new(name)
                r, f = w * self.scale, 0.05 * self.scale
                block.add_blockref(leaf, (0, 0), dxfattribs={"layer": "0"})
                block.add_lwpolyline([(-f, 0), (0, 0), (0, -f), (-f, -f)], close=True, dxfattribs={"layer": "0"})
                block.add_lwpolyline([(r, 0), (r + f, 0), (r + f, -f), (r, -f)], close=True, dxfattribs={"layer": "0"})
        k = (w * self.scale) if unit_size else 1.0
        angle = math.degrees(math.atan2(u[1], u[0]))
        left = u[0] * n[1] - u[1] * n[0] > 0
        # the same door in two transforms: mirrored in y, or rotated half a turn and mirrored in x
        if left:
            rotation, xs, ys = angle, k, k
        elif self.rng.random() < 0.5:
            rotation, xs, ys = angle, k, -k
        else:
            rotation, xs, ys = angle + 180, -k, k
        layer = "0" if style == "block on layer 0" else self.layer("doors")
        self.msp.add_blockref(
            name, self.xy(hinge), dxfattribs={"layer": layer, "rotation": rotation % 360, "xscale": xs, "yscale": ys}
        )

    def swing(self, hinge, along, inward, radius, how: str = "swing") -> None:
        """A swing from the closed leaf (along the opening) to the open one (along ``inward``), and the open leaf."""
        start = math.degrees(math.atan2(along[1], along[0]))
        end = math.degrees(math.atan2(inward[1], inward[0]))
        if along[0] * inward[1] - along[1] * inward[0] < 0:
            start, end = end, start
        open_end = (hinge[0] + inward[0] * radius, hinge[1] + inward[1] * radius)
        if how == "bulge swing":  # one bulged segment from the closed to the open end, as some exports write arcs
            closed_end = (hinge[0] + along[0] * radius, hinge[1] + along[1] * radius)
            turn = 1 if along[0] * inward[1] - along[1] * inward[0] > 0 else -1
            self.polyline(
                [closed_end, open_end], "doors", close=False, bulges=[turn * math.tan(math.radians(90) / 4), 0]
            )
        elif how == "tessellated swing":  # the arc as eight chords
            a0 = math.radians(start)
            points = [
                (
                    hinge[0] + radius * math.cos(a0 + k * math.pi / 16),
                    hinge[1] + radius * math.sin(a0 + k * math.pi / 16),
                )
                for k in range(9)
            ]
            self.polyline(points, "doors", close=False)
        elif how == "mirrored arcs":  # as AutoCAD writes a mirrored arc: extrusion (0, 0, -1), OCS x = -WCS x
            centre = OCS((0, 0, -1)).from_wcs(Vec3(*self.xy(hinge), 0))
            self.msp.add_arc(
                centre,
                radius * self.scale,
                (180 - end) % 360,
                (180 - start) % 360,
                dxfattribs={**self.attrs("doors"), "extrusion": (0, 0, -1)},
            )
        else:
            self.msp.add_arc(
                self.xy(hinge), radius * self.scale, start % 360, end % 360, dxfattribs=self.attrs("doors")
            )
        if how == "leaf rectangle":  # a 40 mm leaf drawn as its outline
            side = (along[0] * 0.04, along[1] * 0.04)
            self.polyline(
                [
                    hinge,
                    open_end,
                    (open_end[0] + side[0], open_end[1] + side[1]),
                    (hinge[0] + side[0], hinge[1] + side[1]),
                ],
                "doors",
                close=True,
            )
        else:
            self.line(hinge, open_end, "doors")

    # ---------------------------------------------------------------- windows

    def window(self, o: OpeningPlan) -> None:
        style = self.style.windows
        a, b, n, t, w = o.a, o.b, o.inward, o.thickness, o.width
        if style == "convention":
            self.drawing.window(a, b, layer=self.layer("windows"), SILL=900, HEAD=2100)
            return
        if style in ("block", "centred block"):
            count, centred = 3, style == "centred block"
            name = "WIN3C" if centred else "WIN3"
            if name not in self.doc.blocks:  # unit block: 1 x 1, scaled to width and wall thickness
                block = self.doc.blocks.new(name)
                x0 = -0.5 if centred else 0.0
                for k in range(count):
                    y = -0.5 + k / (count - 1)
                    block.add_line((x0, y), (x0 + 1, y), dxfattribs={"layer": "0"})
            angle = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
            base = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) if centred else a
            self.msp.add_blockref(
                name,
                self.xy(base),
                dxfattribs={
                    "layer": self.layer("windows"),
                    "rotation": angle % 360,
                    "xscale": w * self.scale,
                    "yscale": t * self.scale,
                },
            )
            return
        if style == "frame and sill":  # jamb lines, two glass lines, a sill proud of the outer face
            u = ((b[0] - a[0]) / w, (b[1] - a[1]) / w)
            for j in (a, b):
                self.line(
                    (j[0] - n[0] * t / 2, j[1] - n[1] * t / 2), (j[0] + n[0] * t / 2, j[1] + n[1] * t / 2), "windows"
                )
            for off in (-0.02, 0.02):
                self.line((a[0] + n[0] * off, a[1] + n[1] * off), (b[0] + n[0] * off, b[1] + n[1] * off), "windows")
            sill = -t / 2 - 0.05
            self.polyline(
                [
                    (a[0] - u[0] * 0.05 + n[0] * sill, a[1] - u[1] * 0.05 + n[1] * sill),
                    (b[0] + u[0] * 0.05 + n[0] * sill, b[1] + u[1] * 0.05 + n[1] * sill),
                    (b[0] + u[0] * 0.05 - n[0] * t / 2, b[1] + u[1] * 0.05 - n[1] * t / 2),
                    (a[0] - u[0] * 0.05 - n[0] * t / 2, a[1] - u[1] * 0.05 - n[1] * t / 2),
                ],
                "windows",
                close=True,
            )
            return
        count = int(style.split()[0])
        for k in range(count):
            off = -t / 2 + k * t / (count - 1)
            self.line((a[0] + n[0] * off, a[1] + n[1] * off), (b[0] + n[0] * off, b[1] + n[1] * off), "windows")

    # ---------------------------------------------------------------- rooms and noise

    def rooms(self, rooms: list[Polygon], names: list[str]) -> None:
        how = self.style.rooms
        if how == "tags" and "ROOMTAG" not in self.doc.blocks:
            block = self.doc.blocks.new("ROOMTAG")
            block.add_lwpolyline(
                [
                    (-0.9 * self.scale, -0.3 * self.scale),
                    (0.9 * self.scale, -0.3 * self.scale),
                    (0.9 * self.scale, 0.35 * self.scale),
                    (-0.9 * self.scale, 0.35 * self.scale),
                ],
                close=True,
            )
            block.add_attdef("NAME", (-0.8 * self.scale, 0.05 * self.scale), dxfattribs={"height": 0.2 * self.scale})
            block.add_attdef("AREA", (-0.8 * self.scale, -0.2 * self.scale), dxfattribs={"height": 0.15 * self.scale})
        for polygon, name in zip(rooms, names):
            at = polygon.representative_point()
            if how == "outlines":
                self.polyline(list(polygon.exterior.coords)[:-1], "rooms", close=True)
            if how == "tags":
                tag = self.msp.add_blockref("ROOMTAG", self.xy((at.x, at.y)), dxfattribs=self.attrs("rooms"))
                tag.add_auto_attribs({"NAME": name, "AREA": f"{polygon.area:.2f} m2"})
            elif how == "mtext":
                self.msp.add_mtext(
                    f"{{\\fArial|b1|i0;{name}}}\\P{polygon.area:.1f} m²",
                    dxfattribs={
                        **self.attrs("text"),
                        "insert": self.xy((at.x - 0.6, at.y)),
                        "char_height": 0.25 * self.scale,
                    },
                )
            else:
                self.text((at.x - 0.6, at.y), name, "rooms" if how == "outlines" else "text")

    def noise(self, rooms: list[Polygon]) -> None:
        """Furniture with arcs, a round table, sinks and toilets, dimensions, floor hatches, texts."""
        for index, room in enumerate(rooms):
            x0, y0, x1, y1 = room.bounds
            cx, cy = room.centroid.x, room.centroid.y
            if x1 - x0 < 2.4 or y1 - y0 < 2.4:
                continue
            kind = index % 4
            if kind == 0:  # round table with chairs
                self.msp.add_circle(self.xy((cx + 0.5, cy + 0.5)), 0.5 * self.scale, dxfattribs=self.attrs("furniture"))
                for k in range(4):
                    ang = k * 90
                    px, py = cx + 0.5 + 0.8 * math.cos(math.radians(ang)), cy + 0.5 + 0.8 * math.sin(math.radians(ang))
                    self.msp.add_arc(
                        self.xy((px, py)), 0.22 * self.scale, ang - 90, ang + 90, dxfattribs=self.attrs("furniture")
                    )
            elif kind == 1:  # sofa: a box with rounded arms (90-degree arcs at the corners)
                sx, sy = cx - 1.0, cy - 0.45
                self.polyline([(sx, sy), (sx + 2.0, sy), (sx + 2.0, sy + 0.9), (sx, sy + 0.9)], "furniture", close=True)
                for corner, (s, e) in (((sx + 0.2, sy + 0.7), (90, 180)), ((sx + 1.8, sy + 0.7), (0, 90))):
                    self.msp.add_arc(self.xy(corner), 0.2 * self.scale, s, e, dxfattribs=self.attrs("furniture"))
            elif kind == 2:  # sink and toilet as a block without attributes
                if "WC-PAN" not in self.doc.blocks:
                    block = self.doc.blocks.new("WC-PAN")
                    s = self.scale
                    block.add_lwpolyline(
                        [(-0.25 * s, 0), (0.25 * s, 0), (0.25 * s, 0.2 * s), (-0.25 * s, 0.2 * s)], close=True
                    )
                    block.add_arc((0, 0.45 * s), 0.2 * s, 180, 360)
                    block.add_line((-0.2 * s, 0.45 * s), (-0.2 * s, 0.2 * s))
                    block.add_line((0.2 * s, 0.45 * s), (0.2 * s, 0.2 * s))
                    block.add_arc((0.9 * s, 0.25 * s), 0.25 * s, 0, 90)  # a basin corner
                    block.add_circle((0.9 * s, 0.25 * s), 0.05 * s)
                self.msp.add_blockref(
                    "WC-PAN", self.xy((cx - 0.4, cy - 0.4)), dxfattribs={"layer": self.layer("furniture")}
                )
                hatch = self.msp.add_hatch(color=8, dxfattribs=self.attrs("floor"))
                hatch.set_pattern_fill("NET", scale=0.01 * self.scale)
                hatch.paths.add_polyline_path([self.xy(p) for p in room.exterior.coords[:-1]], is_closed=True, flags=1)
            else:  # a bed
                self.polyline(
                    [(cx - 0.8, cy - 1.0), (cx + 0.8, cy - 1.0), (cx + 0.8, cy + 1.0), (cx - 0.8, cy + 1.0)],
                    "furniture",
                    close=True,
                )
            area = f"{room.area:.1f} m²"
            at = room.representative_point()
            self.text((at.x - 0.6, at.y - 0.45), area, "text", height=0.18)
        x0, y0, x1, y1 = self.layout.footprint.bounds
        for p, q, base in (((x0, y0), (x1, y0), (x0, y0 - 1.0)), ((x0, y0), (x0, y1), (x0 - 1.0, y0))):
            angle = 0 if p[1] == q[1] else 90
            dim = self.msp.add_linear_dim(
                base=self.xy(base), p1=self.xy(p), p2=self.xy(q), angle=angle, dxfattribs=self.attrs("dims")
            )
            dim.render()
        self.text((x0, y0 - 2.2), "GROUND FLOOR PLAN  1:100", "text", height=0.4)
        self.clutter(rooms)

    def clutter(self, rooms: list[Polygon]) -> None:
        """What makes real plans hard: exploded chain dimensions to every jamb, an eaves line,
        a stair (a run of parallel treads), a kitchen counter under a window."""
        for o in self.layout.openings:
            if not o.external:
                continue
            n, t = o.inward, o.thickness
            out = -(t / 2 + 1.2)
            for j in (o.a, o.b):
                self.line(
                    (j[0] - n[0] * (t / 2 + 0.15), j[1] - n[1] * (t / 2 + 0.15)),
                    (j[0] + n[0] * (out - 0.15), j[1] + n[1] * (out - 0.15)),
                    "dims",
                )
            p = (o.a[0] + n[0] * out, o.a[1] + n[1] * out)
            q = (o.b[0] + n[0] * out, o.b[1] + n[1] * out)
            self.line(p, q, "dims")
            self.text(((p[0] + q[0]) / 2, (p[1] + q[1]) / 2), f"{o.width * 1000:.0f}", "dims", height=0.15)
        eaves = self.layout.footprint.buffer(0.6 + self.layout.external / 2, join_style="mitre").exterior
        self.polyline(list(eaves.coords)[:-1], "projection", close=True)
        biggest = max(rooms, key=lambda r: r.area)
        cx, cy = biggest.centroid.x, biggest.centroid.y
        for k in range(10):  # treads, 0.28 m going, 1.0 m wide
            self.line((cx - 1.4 + k * 0.28, cy - 1.2), (cx - 1.4 + k * 0.28, cy - 0.2), "furniture")
        self.polyline([(cx - 1.4, cy - 0.7), (cx + 1.2, cy - 0.7), (cx + 1.0, cy - 0.6)], "furniture", close=False)
        windows = [o for o in self.layout.openings if o.kind == "window"]
        if windows:
            o = windows[0]
            n, t = o.inward, o.thickness
            u = ((o.b[0] - o.a[0]) / o.width, (o.b[1] - o.a[1]) / o.width)
            back = t / 2 + 0.01
            corners = [
                (j[0] + u[0] * s + n[0] * d, j[1] + u[1] * s + n[1] * d)
                for j, s, d in ((o.a, -0.4, back), (o.b, 0.4, back), (o.b, 0.4, back + 0.6), (o.a, -0.4, back + 0.6))
            ]
            self.polyline(corners, "furniture", close=True)
            mid = ((o.a[0] + o.b[0]) / 2 + n[0] * (back + 0.3), (o.a[1] + o.b[1]) / 2 + n[1] * (back + 0.3))
            self.msp.add_circle(self.xy(mid), 0.18 * self.scale, dxfattribs=self.attrs("furniture"))

    def write(self, path: Path, truth_rooms: list[Polygon], names: list[str]) -> None:
        self.walls()
        for index, o in enumerate(self.layout.openings):
            (self.door(o, index) if o.kind == "door" else self.window(o))
        self.rooms(truth_rooms, names)
        if self.style.noise:
            self.noise(truth_rooms)
        if self.style.container != "modelspace":
            self.doc.modelspace().add_blockref(self.msp.name, (0, 0))
        self._header()
        if self.style.template:
            self.layer("rooms")  # defined, and left empty unless the style draws outlines
        else:
            _drop_unused_layers(self.doc)
        self.drawing.save(path)
        if self.style.codepage:
            _store_in_codepage(path, self.style.codepage)

    def _header(self) -> None:
        header, true = self.style.header, unit_by_name(self.style.unit)
        if header == "wrong":
            self.doc.header["$INSUNITS"] = 1 if true.name not in ("in", "ft") else 4  # inches on a metric drawing
        elif header.startswith("declares "):
            self.doc.header["$INSUNITS"] = unit_by_name(header.split()[1]).code
        elif header == "unitless":
            self.doc.header["$INSUNITS"] = 0
        elif header == "missing":
            del self.doc.header["$INSUNITS"]
        else:
            assert header == "right", header


def _line_pieces(geometry) -> list[LineString]:
    if isinstance(geometry, LineString):
        return [geometry] if not geometry.is_empty else []
    return [g for g in getattr(geometry, "geoms", []) if isinstance(g, LineString) and g.length > 1e-6]


def _drop_unused_layers(doc) -> None:
    """The starter adds the convention's role layers; a real German drawing has none of them."""
    used = {e.dxf.layer for e in doc.modelspace()}
    for block in doc.blocks:
        used.update(e.dxf.layer for e in block)
    for layer in list(doc.layers):
        name = layer.dxf.name
        if name not in used and name not in ("0", "Defpoints", "DEFPOINTS"):
            doc.layers.remove(name)


ESCAPE = re.compile(rb"\\U\+([0-9A-Fa-f]{4})")
CODEPAGE = re.compile(rb"(\$DWGCODEPAGE\r?\n\s*3\r?\n)([^\r\n]*)(\r?\n)")
PYTHON_CODEC = {"ANSI_1256": "cp1256", "ANSI_1252": "cp1252", "ANSI_1251": "cp1251"}


def _store_in_codepage(path: Path, page: str) -> None:
    """ezdxf writes R2000 text as \\U+XXXX escapes; an office's AutoCAD writes code-page bytes."""
    codec = PYTHON_CODEC[page]
    arabic = {"\u06cc": "\u064a", "\u06a9": "\u0643"} if codec == "cp1256" else {}  # no Persian yeh/kaf in 1256
    data = path.read_bytes()
    data = ESCAPE.sub(
        lambda m: arabic.get(chr(int(m.group(1), 16)), chr(int(m.group(1), 16))).encode(codec, "replace"), data
    )
    data = CODEPAGE.sub(lambda m: m.group(1) + page.encode() + m.group(3), data)
    path.write_bytes(data)


# ---------------------------------------------------------------------------- entry point


def write_plan(style: Style | str, seed: int, path: Path, rooms: int | None = None) -> Truth:
    """Draw the layout of ``seed`` in ``style`` to ``path``; return its truth in metres."""
    style = STYLE_BY_NAME[style] if isinstance(style, str) else style
    layout = placed(make_layout(seed, rooms), style.placed, random.Random(seed + 101))
    language = style.names or NAMES_FOR_SCHEME.get(style.layers, style.layers)
    pool = list(ROOM_NAMES[language])
    random.Random(seed).shuffle(pool)
    names = [pool[i % len(pool)] for i in range(len(layout.cells))]
    truth_rooms = layout.room_polygons()
    Writer(style, layout, seed).write(Path(path), truth_rooms, names)
    doors = tuple(LineString([o.a, o.b]) for o in layout.openings if o.kind == "door")
    windows = tuple(LineString([o.a, o.b]) for o in layout.openings if o.kind == "window")
    return Truth(doors, windows, tuple(truth_rooms), style.unit, tuple(names))


__all__ = ["STYLES", "STYLE_BY_NAME", "Style", "Truth", "write_plan", "make_layout", "LAYER_SCHEMES", "replace"]

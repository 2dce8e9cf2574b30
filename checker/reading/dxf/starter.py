"""Write DXF drawings that follow the plan convention (docs/plan-convention.md).

This is the one place that knows how to *draw* a plan the loader understands. It
serves three users:

* tests, which build small plans in a few lines, in any unit, with the same
  coordinates (every builder coordinate is in metres and converted here);
* ``examples/make_example.py``, which generates the bundled example project;
* ``annex template OUT.dxf`` (:func:`write_template`), an empty starter drawing
  with every role layer and the DOOR, WINDOW and LIGHT blocks and their attributes.

Output is reproducible: the same calls give the same bytes, because ezdxf's
creation dates and GUIDs are replaced by fixed values.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Callable, Iterator, Sequence

import ezdxf
from ezdxf.document import Drawing
from ezdxf.entities import Insert
from ezdxf.enums import TextEntityAlignment
from ezdxf.layouts import BaseLayout
from ezdxf.math import OCS, Vec3
from shapely.geometry import Point as ShapelyPoint
from shapely.geometry import Polygon

from ...plan import ATTRIBUTE_TAGS
from ..units import unit_by_name
from ..layers import DEFAULT_PATTERNS, Role

Point = tuple[float, float]

# One layer per role, named after the first default pattern, plus the two access
# layers that select a kind (see build._access_kind): balconies and climbing aids.
ROLE_LAYERS: dict[Role, str] = {role: patterns[0].rstrip("*") for role, patterns in DEFAULT_PATTERNS.items()}
BALCONY_LAYER = "A-BALC"
CLIMBING_AID_LAYER = "A-ROOF-CLMB"
ACCESS_LAYERS = {"roof": ROLE_LAYERS[Role.ACCESS], "balcony": BALCONY_LAYER, "climbing_aid": CLIMBING_AID_LAYER}
NOTE_LAYER = "A-ANNO-NOTE"  # matches no role, so the loader ignores it
# ACI colours only make the drawing readable in CAD; the loader ignores them.
LAYER_COLOURS = {
    "A-WALL": 7,
    "A-DOOR": 3,
    "A-GLAZ": 4,
    "A-AREA": 8,
    "A-ROOF": 6,
    BALCONY_LAYER: 6,
    CLIMBING_AID_LAYER: 30,
    "C-PROP": 1,
    "C-ROAD": 9,
    "L-FENC": 94,
    "E-LITE": 2,
    NOTE_LAYER: 7,
}

# Nominal block widths: a unit-scale insert is this wide; door() and window()
# scale along x to the distance between the jambs.
DOOR_WIDTH = 0.9
WINDOW_WIDTH = 1.2
WINDOW_DEPTH = 0.1
LIGHT_RADIUS = 0.1
TEXT_HEIGHT = 0.25  # metres, for labels
ATTRIBUTE_HEIGHT = 0.1

_PROMPTS = {
    "RC": "Resistance class (EN 1627): NONE, RC1N, RC1, RC2N, RC2, RC3 ... RC6",
    "CERT": "Certificate the product is tested to, e.g. PAS 24:2022 or EN 1627:2011",
    "GLAZING": "Glazing class (EN 356): NONE, FLOAT, TOUGHENED, P1A ... P5A, P6B ... P8B",
    "ROLE": "Door role: ENTRANCE, COMMUNAL, GARAGE, SECONDARY or INTERNAL",
    "SILL": "Sill height above finished floor, mm",
    "HEAD": "Head height above finished floor, mm",
    "ACCESS": "Access control: NONE, KEY, FOB, VIDEO or AUDIT",
    "VIEWER": "Door viewer or side light: YES or NO",
    "WIDTH": "Clear width in mm, when the block's drawn width is not the opening's",
    "GRILLE": "Security grille: NONE, or bar size / clear gap in mm, e.g. 20/120",
}
# In the plan model's order; a tag added there without a prompt here fails at import.
ATTRIBUTE_PROMPTS = {tag: _PROMPTS[tag] for tag in ATTRIBUTE_TAGS}
LIGHT_PROMPTS = {"TYPE": "Luminaire, e.g. LED wall light with dusk-to-dawn sensor"}


@contextmanager
def _fixed_metadata() -> Iterator[None]:
    """ezdxf's own switch for fixed dates and GUIDs, set only while we create or save."""
    before = ezdxf.options.write_fixed_meta_data_for_testing
    ezdxf.options.write_fixed_meta_data_for_testing = True
    try:
        yield
    finally:
        ezdxf.options.write_fixed_meta_data_for_testing = before


class PlanDrawing:
    """A DXF floor plan drawn to the convention; coordinates in metres.

    ``units`` is the drawing unit written to $INSUNITS (``None`` writes a unitless
    drawing, with coordinates in metres). Methods return the new entity's handle.
    Inside :meth:`block`, the same methods draw into the block definition.
    """

    def __init__(self, units: str | None = "mm", dxfversion: str = "R2018"):
        unit = unit_by_name(units) if units is not None else None
        self.units = unit.name if unit else None
        self.scale = 1.0 / unit.metres if unit else 1.0  # drawing units per metre
        with _fixed_metadata():
            self._doc = ezdxf.new(dxfversion)
        self._doc.header["$INSUNITS"] = unit.code if unit else 0
        self._doc.header["$MEASUREMENT"] = 0 if self.units in ("in", "ft", "yd") else 1
        self._target: BaseLayout = self._doc.modelspace()
        for name in (*ROLE_LAYERS.values(), BALCONY_LAYER, CLIMBING_AID_LAYER):
            self.add_layer(name)
        self._define_blocks()

    @property
    def doc(self) -> Drawing:
        return self._doc

    # ------------------------------------------------------------------ helpers

    def u(self, metres: float) -> float:
        """A length in drawing units; rounded so that 0.1 m is 100 mm, not 100.00000000000001."""
        return round(metres * self.scale, 9)

    def xy(self, point: Sequence[float]) -> Point:
        return (self.u(point[0]), self.u(point[1]))

    # ------------------------------------------------------------------ layers and blocks

    def add_layer(self, name: str, off: bool = False, frozen: bool = False) -> str:
        layers = self._doc.layers
        layer = layers.get(name) if name in layers else layers.add(name, color=LAYER_COLOURS.get(name, 7))
        if off:
            layer.off()
        if frozen:
            layer.freeze()
        return layer.dxf.handle

    def _define_blocks(self) -> None:
        w, h = self.u(DOOR_WIDTH), self.u(ATTRIBUTE_HEIGHT)
        door = self._doc.blocks.new("DOOR")
        # Leaf drawn open at the hinge jamb (x=0), swing arc to the far jamb (x=w):
        # the geometry's x extent is exactly the opening.
        door.add_line((0, 0), (0, w))
        door.add_arc((0, 0), w, 0, 90)
        self._attdefs(door, ATTRIBUTE_PROMPTS, h)

        w, d = self.u(WINDOW_WIDTH), self.u(WINDOW_DEPTH) / 2
        window = self._doc.blocks.new("WINDOW")
        _add_polyline(window, [(0, -d), (w, -d), (w, d), (0, d)], True, {})  # frame
        window.add_line((0, 0), (w, 0))  # glass, on the jamb line
        self._attdefs(window, ATTRIBUTE_PROMPTS, h)

        r = self.u(LIGHT_RADIUS)
        light = self._doc.blocks.new("LIGHT")
        light.add_circle((0, 0), r)
        light.add_line((-r, -r), (r, r))
        light.add_line((-r, r), (r, -r))
        self._attdefs(light, LIGHT_PROMPTS, h)

    @staticmethod
    def _attdefs(block: BaseLayout, prompts: dict[str, str], height: float) -> None:
        # Invisible (flag 1): the values are data for the checker, not plan graphics.
        for row, tag in enumerate(prompts, start=1):
            block.add_attdef(
                tag,
                (0, -row * height * 1.5),
                text="",
                dxfattribs={"prompt": prompts[tag], "height": height, "flags": 1},
            )

    def block(self, name: str, build_fn: Callable[[PlanDrawing], object], base_point: Point = (0, 0)) -> str:
        """Define block ``name``: ``build_fn(self)`` draws into it with the usual methods."""
        layout = self._doc.blocks.new(name, base_point=self.xy(base_point))
        previous, self._target = self._target, layout
        try:
            build_fn(self)
        finally:
            self._target = previous
        return layout.block_record_handle

    def insert(
        self,
        name: str,
        point: Point,
        layer: str = "0",
        *,
        rotation: float = 0.0,
        xscale: float = 1.0,
        yscale: float = 1.0,
        zscale: float = 1.0,
        extrusion: Sequence[float] | None = None,
        row_count: int = 1,
        column_count: int = 1,
        row_spacing: float = 0.0,
        column_spacing: float = 0.0,
        attribs: dict[str, object] | None = None,
    ) -> str:
        """Insert block ``name`` at world ``point``; spacings in metres; rows > 1 or columns > 1 make a MINSERT.

        With an ``extrusion`` the point is converted to the insert's OCS; ``rotation``
        stays in the OCS, as in DXF.
        """
        dxfattribs = {"layer": layer, "rotation": rotation, "xscale": xscale, "yscale": yscale, "zscale": zscale}
        location = Vec3(*self.xy(point))
        if extrusion is not None:
            dxfattribs["extrusion"] = Vec3(extrusion)
            location = OCS(extrusion).from_wcs(location)
        insert = self._target.add_blockref(name, location, dxfattribs=dxfattribs)
        if row_count > 1 or column_count > 1:
            insert.grid((row_count, column_count), (self.u(row_spacing), self.u(column_spacing)))
        if attribs:
            self._attach(insert, attribs)
        return insert.dxf.handle

    def _attach(self, insert: Insert, attribs: dict[str, object]) -> None:
        """ATTRIBs for the given tags only (None skips a tag), placed like their ATTDEFs."""
        values = {tag.upper(): str(v) for tag, v in attribs.items() if v is not None}
        block = self._doc.blocks.get(insert.dxf.name)
        attdefs = {a.dxf.tag.upper(): a for a in block.attdefs()} if block is not None else {}
        m = insert.matrix44()
        for tag, text in values.items():
            attdef = attdefs.get(tag)
            if attdef is None:  # a tag the block does not define: at the insert point
                insert.add_attrib(tag, text, insert.dxf.insert, {"layer": insert.dxf.layer})
                continue
            dxfattribs = attdef.dxfattribs(drop={"prompt", "handle", "tag", "text", "insert", "owner"})
            attrib = insert.add_attrib(tag, text, attdef.dxf.insert, dxfattribs)
            attrib.transform(m)

    # ------------------------------------------------------------------ walls

    def wall(self, p1: Point, p2: Point, thickness: float | None = None, layer: str = ROLE_LAYERS[Role.WALLS]) -> str:
        """A wall as one line (its centre line), or with ``thickness`` as a closed outline."""
        if thickness is None:
            return self._target.add_line(self.xy(p1), self.xy(p2), dxfattribs={"layer": layer}).dxf.handle
        (x1, y1), (x2, y2) = p1, p2
        length = math.hypot(x2 - x1, y2 - y1)
        if length == 0:
            raise ValueError("a wall needs two different end points")
        nx, ny = -(y2 - y1) / length * thickness / 2, (x2 - x1) / length * thickness / 2
        corners = [(x1 + nx, y1 + ny), (x2 + nx, y2 + ny), (x2 - nx, y2 - ny), (x1 - nx, y1 - ny)]
        return self._polyline(corners, layer, close=True)

    def walls_loop(
        self, points: Sequence[Point], thickness: float = 0.2, layer: str = ROLE_LAYERS[Role.WALLS]
    ) -> list[str]:
        """A closed run of walls around the centre line ``points``: outer and inner face.

        Returns the handles of the outer and the inner face.
        """
        centre = Polygon(points)
        faces = [centre.buffer(side * thickness / 2, join_style="mitre") for side in (1, -1)]
        return [
            self._polyline([(x, y) for x, y in list(face.exterior.coords)[:-1]], layer, close=True) for face in faces
        ]

    # ------------------------------------------------------------------ openings

    def door(
        self, start: Point, end: Point, *, mirror: bool = False, layer: str = ROLE_LAYERS[Role.DOORS], **attribs: object
    ) -> str:
        """A DOOR block from jamb ``start`` to jamb ``end``, swinging to the left of start->end.

        ``mirror=True`` swings it to the right. Keyword arguments become ATTRIBs
        (tag = name, upper-cased); tags not given are left out, not written empty.
        """
        return self._opening("DOOR", DOOR_WIDTH, start, end, mirror, layer, attribs)

    def window(
        self,
        start: Point,
        end: Point,
        *,
        mirror: bool = False,
        layer: str = ROLE_LAYERS[Role.WINDOWS],
        **attribs: object,
    ) -> str:
        """A WINDOW block from jamb ``start`` to jamb ``end``; attributes as for :meth:`door`."""
        return self._opening("WINDOW", WINDOW_WIDTH, start, end, mirror, layer, attribs)

    def _opening(
        self, name: str, nominal: float, start: Point, end: Point, mirror: bool, layer: str, attribs: dict
    ) -> str:
        dx, dy = end[0] - start[0], end[1] - start[1]
        length = math.hypot(dx, dy)
        if length == 0:
            raise ValueError(f"a {name.lower()} needs two different jambs")
        return self.insert(
            name,
            start,
            layer,
            rotation=round(math.degrees(math.atan2(dy, dx)), 9),
            xscale=round(length / nominal, 9),
            yscale=-1.0 if mirror else 1.0,
            attribs=attribs,
        )

    # ------------------------------------------------------------------ areas

    def space(
        self, polygon_points: Sequence[Point], name: str, use: str | None = None, layer: str = ROLE_LAYERS[Role.SPACES]
    ) -> str:
        """A room outline named by a TEXT inside it; ``use`` adds a ``USE=<use>`` TEXT below the name."""
        handle = self._polyline(polygon_points, layer, close=True)
        polygon = Polygon(polygon_points)
        at = polygon.representative_point()
        self.text((at.x, at.y), name, layer)
        if use is not None:
            below = ShapelyPoint(at.x, at.y - TEXT_HEIGHT * 1.5)
            # Inside the room counts more than tidy placement: a narrow room gets both at one point.
            where = below if polygon.contains(below) else at
            self.text((where.x, where.y), f"USE={use}", layer)
        return handle

    def access_surface(
        self,
        points: Sequence[Point],
        height: float,
        kind: str = "roof",
        slope: float | None = None,
        layer: str | None = None,
    ) -> str:
        """A surface one can climb onto, ``height`` metres above ground level (written as the elevation)."""
        if layer is None:
            try:
                layer = ACCESS_LAYERS[kind]
            except KeyError:
                raise ValueError(f"kind must be one of {', '.join(ACCESS_LAYERS)}, not {kind!r}") from None
        handle = self._polyline(points, layer, close=True, elevation=self.u(height))
        if slope is not None:
            at = Polygon(points).representative_point()
            self.text((at.x, at.y), f"SLOPE={slope:g}", layer)
        return handle

    def site_boundary(self, points: Sequence[Point], layer: str = ROLE_LAYERS[Role.SITE]) -> str:
        return self._polyline(points, layer, close=True)

    def public_realm(self, points: Sequence[Point], layer: str = ROLE_LAYERS[Role.PUBLIC]) -> str:
        return self._polyline(points, layer, close=True)

    def fence(self, points: Sequence[Point], height: float, layer: str = ROLE_LAYERS[Role.FENCES]) -> str:
        """An open fence line, ``height`` metres high (written as the thickness)."""
        return self._polyline(points, layer, close=False, thickness=self.u(height))

    def light(self, point: Point, layer: str = ROLE_LAYERS[Role.LIGHTS], **attribs: object) -> str:
        return self.insert("LIGHT", point, layer, attribs=attribs)

    def text(self, point: Point, text: str, layer: str) -> str:
        entity = self._target.add_text(text, height=self.u(TEXT_HEIGHT), dxfattribs={"layer": layer})
        entity.set_placement(self.xy(point), align=TextEntityAlignment.MIDDLE_CENTER)
        return entity.dxf.handle

    def _polyline(self, points: Sequence[Point], layer: str, close: bool, **extra: float) -> str:
        return _add_polyline(self._target, [self.xy(p) for p in points], close, {"layer": layer, **extra}).dxf.handle

    # ------------------------------------------------------------------ output

    def save(self, path: Path | str, binary: bool = False) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if self._doc.dxfversion > "AC1009":
            # ezdxf adds CLASS entries while iterating a set; sorted, the bytes no
            # longer depend on Python's hash seed.
            classes = self._doc.classes
            classes.add_required_classes(self._doc.dxfversion)
            classes.classes = OrderedDict(sorted(classes.classes.items()))
        with _fixed_metadata():
            self._doc.saveas(path, fmt="bin" if binary else "asc")
        return path


def _add_polyline(layout: BaseLayout, points: list[Point], close: bool, dxfattribs: dict):
    """An LWPOLYLINE, or for R12, which has none, a heavy 2D POLYLINE."""
    if layout.doc.dxfversion > "AC1009":
        return layout.add_lwpolyline(points, format="xy", close=close, dxfattribs=dxfattribs)
    if "elevation" in dxfattribs:  # a POLYLINE's elevation is the z of its dummy point
        dxfattribs = {**dxfattribs, "elevation": (0, 0, dxfattribs["elevation"])}
    return layout.add_polyline2d(points, close=close, dxfattribs=dxfattribs)


def write_template(path: Path | str) -> Path:
    """An empty drawing in millimetres to start a plan from: role layers, blocks, a note."""
    drawing = PlanDrawing("mm")
    drawing.add_layer(NOTE_LAYER)
    drawing.text(
        (0, 0),
        "Draw to the plan convention: layers, blocks and attributes are explained in docs/plan-convention.md",
        NOTE_LAYER,
    )
    return drawing.save(path)

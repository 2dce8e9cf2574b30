"""Draw plans as architects do, not by the plan convention: for the recognition features.

A 10 m x 8 m house with 0.2 m walls (outer face on the house's outline) on layer
A-WALL, drawn in one of several wall styles, with gaps cut where openings go; doors
and windows are then drawn into the gaps as plain geometry or attribute-less blocks.
Coordinates are given in metres and written in the drawing's unit.
"""

from __future__ import annotations

import ezdxf
from shapely.geometry import box
from shapely.ops import unary_union

WALL = 0.2
WIDTH, DEPTH = 10.0, 8.0
UNITS = {"metres": (1.0, 6), "millimetres": (1000.0, 4)}


class Sketch:
    """An ezdxf drawing in a unit, drawn with metre coordinates."""

    def __init__(self, unit: str = "metres"):
        self.scale, code = UNITS[unit]
        self.doc = ezdxf.new("R2018", setup=False)
        self.doc.header["$INSUNITS"] = code
        self.msp = self.doc.modelspace()

    def xy(self, p):
        return (p[0] * self.scale, p[1] * self.scale)

    def layer(self, name: str) -> str:
        if name not in self.doc.layers:
            self.doc.layers.add(name)
        return name

    def line(self, p, q, layer="0", into=None):
        (into or self.msp).add_line(self.xy(p), self.xy(q), dxfattribs={"layer": self.layer(layer)})

    def arc(self, centre, radius, start, end, layer="0", into=None):
        (into or self.msp).add_arc(
            self.xy(centre), radius * self.scale, start, end, dxfattribs={"layer": self.layer(layer)}
        )

    # ------------------------------------------------------------------ walls

    def house(self, style: str = "closed polylines", front_gaps=(), left_gaps=(), layer: str = "A-WALL"):
        """The house's walls in ``style`` with gaps (from, to) in metres along the front
        (y = 0) and left (x = 0) walls."""
        ring = box(0, 0, WIDTH, DEPTH).difference(box(WALL, WALL, WIDTH - WALL, DEPTH - WALL))
        for x0, x1 in front_gaps:
            ring = ring.difference(box(x0, -1, x1, WALL + 0.5))
        for y0, y1 in left_gaps:
            ring = ring.difference(box(-1, y0, WALL + 0.5, y1))
        polygons = list(getattr(ring, "geoms", [ring]))
        self.layer(layer)
        if style == "closed polylines":
            for polygon in polygons:
                for r in [polygon.exterior, *polygon.interiors]:
                    self.msp.add_lwpolyline(
                        [self.xy(p) for p in r.coords[:-1]], close=True, dxfattribs={"layer": layer}
                    )
        elif style == "double lines":
            for polygon in polygons:
                for r in [polygon.exterior, *polygon.interiors]:
                    coords = list(r.coords)
                    for p, q in zip(coords, coords[1:]):
                        self.line(p, q, layer)
        elif style in ("solid hatches", "patterned hatches"):
            hatch = self.msp.add_hatch(color=7, dxfattribs={"layer": layer})
            if style == "patterned hatches":
                hatch.set_pattern_fill("ANSI31", scale=0.05 * self.scale)
            for polygon in polygons:
                hatch.paths.add_polyline_path(
                    [self.xy(p) for p in polygon.exterior.coords[:-1]], is_closed=True, flags=1
                )
                for r in polygon.interiors:
                    hatch.paths.add_polyline_path([self.xy(p) for p in r.coords[:-1]], is_closed=True, flags=0)
        elif style == "single lines":
            centre = box(WALL / 2, WALL / 2, WIDTH - WALL / 2, DEPTH - WALL / 2).exterior
            cuts = [box(x0, -1, x1, 1) for x0, x1 in front_gaps] + [box(-1, y0, 1, y1) for y0, y1 in left_gaps]
            lines = centre.difference(unary_union(cuts)) if cuts else centre
            for line in getattr(lines, "geoms", [lines]):
                coords = list(line.coords)
                for p, q in zip(coords, coords[1:]):
                    self.line(p, q, layer)
        else:
            raise ValueError(style)

    # ------------------------------------------------------------------ openings

    def swing(self, hinge, width, layer="0", leaf=True, into=None):
        """A door hinged at ``hinge`` on the front wall's inner face, closing towards +x."""
        x, y = hinge
        self.arc((x, y), width, 0, 90, layer, into)
        if leaf:
            self.line((x, y), (x, y + width), layer, into)

    def door_block(self, name: str, width: float, unit_scale: float = 1.0) -> str:
        """A door block in its own unit (metres times ``unit_scale``): hinge at the origin,
        leaf along +y, arc from +x (closed) to +y (open)."""
        if name not in self.doc.blocks:
            block = self.doc.blocks.new(name)
            r = width * unit_scale
            block.add_arc((0, 0), r, 0, 90)
            block.add_line((0, 0), (0, r))
        return name

    def window_block(self, name: str, width: float, lines: int = 3) -> str:
        if name not in self.doc.blocks:
            block = self.doc.blocks.new(name)
            for k in range(lines):
                y = (-WALL / 2 + k * WALL / (lines - 1)) * self.scale
                block.add_line((0, y), (width * self.scale, y))
        return name

    def insert(self, name, at, layer="0", rotation=0.0, xscale=1.0, yscale=1.0):
        return self.msp.add_blockref(
            name,
            self.xy(at),
            dxfattribs={"layer": self.layer(layer), "rotation": rotation, "xscale": xscale, "yscale": yscale},
        )

    def save(self, path):
        self.doc.saveas(path)
        return path


def parallel_lines(sketch: Sketch, x0: float, x1: float, count: int, layer: str = "0") -> None:
    for k in range(count):
        y = k * WALL / (count - 1)
        sketch.line((x0, y), (x1, y), layer)

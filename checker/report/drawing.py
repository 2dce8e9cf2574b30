"""One storey's plan as SVG, drawn from the plan model, with the findings on it.

The drawing shows what the rules saw (walls, openings, spaces, site, surfaces,
fences, lights), not every DXF entity: a full render of a large drawing is megabytes
of SVG, most of it lettering. Findings are numbered markers (fail red, not
assessable amber, pass green) with their measured line or zone. No text goes into
the SVG but the marker numbers: labels in scripts that need shaping (Persian) are
set by the page around it, positioned from ``Drawing.labels``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable
from xml.sax.saxutils import escape

import shapely
from shapely.geometry.base import BaseGeometry

from ..plan import Storey
from ..results import Finding, Status

STATUS_COLOURS = {
    Status.FAIL: "#c62828",
    Status.NOT_ASSESSABLE: "#ef8f00",
    Status.PASS: "#2e7d32",
    Status.ERROR: "#6a1b9a",
    Status.NOT_APPLICABLE: "#757575",
}
MARGIN = 1.5  # metres around the drawn content
MARKER_RADIUS = 0.35  # metres


@dataclass(frozen=True)
class Label:
    """Text the page sets over the drawing, at a position in percent of its width and height."""

    text: str
    x_percent: float
    y_percent: float
    kind: str  # "space"


@dataclass(frozen=True)
class Drawing:
    svg: str
    labels: tuple[Label, ...]
    width_m: float
    height_m: float


def storey_drawing(
    storey: Storey,
    numbered: Iterable[tuple[int, Finding]],
    digits: Callable[[int], str] = str,
) -> Drawing:
    """Draw ``storey`` with the numbered findings whose marks are on it."""
    numbered = [(n, f) for n, f in numbered if any(m.storey == storey.name for m in f.marks)]
    content = _content(storey) + [m.geometry for _, f in numbered for m in f.marks if m.storey == storey.name]
    bounds = shapely.total_bounds([g for g in content if g is not None and not g.is_empty]) if content else None
    if bounds is None or any(b != b for b in bounds):  # NaN: nothing drawn
        bounds = (0.0, 0.0, 10.0, 10.0)
    minx, miny, maxx, maxy = bounds
    minx, miny, maxx, maxy = minx - MARGIN, miny - MARGIN, maxx + MARGIN, maxy + MARGIN
    width, height = maxx - minx, maxy - miny

    def flip(geometry: BaseGeometry) -> BaseGeometry:
        # SVG's y runs down; the plan's runs up.
        return shapely.transform(geometry, lambda xy: xy * [1, -1] + [-minx, maxy])

    parts: list[str] = []

    def add(geometry, css_class: str) -> None:
        if geometry is None or geometry.is_empty:
            return
        parts.append(_path(flip(geometry), css_class))

    for site in storey.site_boundaries:
        add(site.polygon, "site")
    for public in storey.public_realm:
        add(public.geometry, "public")
    add(storey.footprint, "footprint")
    for surface in storey.access_surfaces:
        add(surface.polygon, f"access {surface.kind.value}")
    for space in storey.spaces:
        add(space.polygon, "space")
    for fence in storey.fences:
        add(fence.line, "fence")
    for wall in storey.walls:
        add(wall.geometry, "wall")
    for opening in storey.openings:
        add(opening.span, opening.kind.value)
    for light in storey.lights:
        add(light.position.buffer(0.15), "light")

    # Markers keep a readable size on large plans, and several findings on one element
    # are set side by side instead of on top of each other.
    radius = max(MARKER_RADIUS, max(width, height) / 90)
    taken: dict[tuple[int, int], int] = {}
    for number, finding in numbered:
        colour = STATUS_COLOURS[finding.status]
        marks = [m for m in finding.marks if m.storey == storey.name]
        for mark in marks:
            if mark.kind == "measure":
                parts.append(_path(flip(mark.geometry), "measure", stroke=colour))
        anchor = _anchor([m.geometry for m in marks if m.kind == "element"] or [m.geometry for m in marks])
        x, y = flip(anchor).coords[0]
        spot = (round(x / radius), round(y / radius))
        x += 2.1 * radius * taken.get(spot, 0)
        taken[spot] = taken.get(spot, 0) + 1
        parts.append(
            f'<g class="marker" data-finding="{number}"><circle cx="{x:.3f}" cy="{y:.3f}" r="{radius:.3f}" '
            f'fill="{colour}"/><text x="{x:.3f}" y="{y:.3f}" font-size="{radius * 1.15:.3f}">'
            f"{escape(digits(number))}</text></g>"
        )

    labels = []
    for space in storey.spaces:
        if space.name:
            point = flip(space.polygon.representative_point())
            labels.append(Label(space.name, float(100 * point.x / width), float(100 * point.y / height), "space"))

    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.3f} {height:.3f}" '
        f'class="plan" role="img">'
        f"<style>{STYLE}</style>" + "".join(parts) + "</svg>"
    )
    return Drawing(svg, tuple(labels), width, height)


# Print colours: a white page and dark lines. Sizes are metres on the plan.
STYLE = (
    "path{fill:none;stroke-linejoin:round;stroke-linecap:round}"
    ".site{stroke:#9e9e9e;stroke-width:.04;stroke-dasharray:.3 .15}"
    ".public{fill:#eeeeee;stroke:#bdbdbd;stroke-width:.03}"
    ".footprint{fill:#fafafa}"
    ".access{fill:#fff3e0;stroke:#ffb74d;stroke-width:.03}"
    ".space{stroke:#cfd8dc;stroke-width:.02}"
    ".fence{stroke:#558b2f;stroke-width:.06}"
    ".wall{stroke:#212121;stroke-width:.05}"
    ".door{stroke:#1565c0;stroke-width:.12}"
    ".window{stroke:#00838f;stroke-width:.12}"
    ".light{fill:#fdd835;stroke:#f9a825;stroke-width:.02}"
    ".measure{stroke-width:.06;stroke-dasharray:.2 .1}"
    # Longhands: weasyprint's SVG renderer drops the font shorthand (the numbers vanish).
    ".marker text{font-weight:bold;font-family:'Noto Sans','Noto Naskh Arabic',sans-serif;"
    "fill:#fff;text-anchor:middle;dominant-baseline:central}"
)


def _content(storey: Storey) -> list[BaseGeometry]:
    geometries: list[BaseGeometry] = [w.geometry for w in storey.walls]
    geometries += [o.span for o in storey.openings]
    geometries += [s.polygon for s in storey.site_boundaries]
    geometries += [s.polygon for s in storey.access_surfaces]
    geometries += [f.line for f in storey.fences]
    geometries += [l.position for l in storey.lights]
    # Streets can run far beyond the site: only the part near the building counts.
    if geometries:
        near = shapely.box(*shapely.total_bounds(geometries)).buffer(2)
        geometries += [p.geometry.intersection(near) for p in storey.public_realm]
    return geometries


def _anchor(geometries: list[BaseGeometry]):
    union = shapely.union_all(geometries)
    if union.geom_type in ("LineString", "MultiLineString"):
        return union.interpolate(0.5, normalized=True) if union.geom_type == "LineString" else union.centroid
    return union.representative_point() if union.area > 0 else union.centroid


def _path(geometry: BaseGeometry, css_class: str, stroke: str | None = None) -> str:
    commands: list[str] = []
    for part in shapely.get_parts(geometry):
        if part.geom_type == "Polygon":
            rings = [part.exterior, *part.interiors]
            for ring in rings:
                commands.append(_ring(ring.coords, close=True))
        elif part.geom_type in ("LineString", "LinearRing"):
            commands.append(_ring(part.coords, close=False))
        elif part.geom_type == "Point":
            commands.append(f"M{part.x:.3f} {part.y:.3f}h0")
    style = f' style="stroke:{stroke}"' if stroke else ""
    return f'<path class="{css_class}"{style} d="{" ".join(commands)}"/>'


def _ring(coords, close: bool) -> str:
    points = [f"{x:.3f} {y:.3f}" for x, y, *_ in coords]
    return "M" + " L".join(points) + (" Z" if close else "")

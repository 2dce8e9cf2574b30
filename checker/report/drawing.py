"""One storey's plan as SVG, drawn from the plan model, with the findings on it.

The drawing shows what the rules saw (walls, openings, spaces, site, surfaces,
fences, lights), not every DXF entity: a full render of a large drawing is megabytes
of SVG, most of it lettering. Findings are numbered markers (fail red, not
assessable amber, pass green) with their measured line or zone.

Every storey of a plan is drawn in one frame (``plan_frame``): the building's bounds
over all storeys, so the storeys share one scale, and the site only when it is not
much larger than the building (a far boundary would shrink the house to a box); the
whole site's view box is then given as ``data-site-view`` for a page to switch to.
Markers never overlap: ``spread_markers`` moves a marker that would cover another
to the nearest free place and a leader line joins it to its element, in the SVG and
in the picture alike (the web page and the PDF annex). No text goes into
the SVG but the marker numbers: labels in scripts that need shaping (Persian) are
set by the page around it, positioned from ``Drawing.labels``.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape

import numpy
import shapely
from PIL import Image, ImageDraw, ImageFont
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
SITE_FRAME_RATIO = 2.5  # the site is drawn whole while its area is at most this many times the building's
SPREAD_BUDGET = 500  # spots tested per marker, on average, before a crowded drawing counts as full
MARKER_GAP = 1.2  # marker centres at least this many diameters apart, across and down (their boxes never touch)
LEADER_COLOUR = "#424242"
VECTOR_MAX_MARKERS = 300  # more markers on one storey, and it is drawn as a picture
VECTOR_MAX_SHAPES = 4000  # walls, openings and spaces: likewise
PICTURE_DPI = 300  # print resolution: a 2 mm marker number is 24 pixels high


@dataclass(frozen=True)
class Label:
    """Text the page sets over the drawing, at a position in percent of its width and height."""

    text: str
    x_percent: float
    y_percent: float
    kind: str  # "space"


@dataclass(frozen=True)
class Frame:
    """The part of the plan a storey's drawing shows, in plan metres (y up), margin included."""

    minx: float
    miny: float
    maxx: float
    maxy: float
    site: tuple[float, float, float, float] | None = None  # the whole site's bounds when larger than the frame

    @property
    def width(self) -> float:
        return self.maxx - self.minx

    @property
    def height(self) -> float:
        return self.maxy - self.miny


def plan_frame(storeys: Iterable[Storey]) -> Frame:
    """One frame for every storey of a plan: the same scale on every storey's drawing.

    The frame is the building (walls, openings, spaces, footprints) of all storeys; the
    site, fences and streets are taken in while the whole is at most SITE_FRAME_RATIO
    times the building's area, else left to the site view (``Frame.site``).
    """
    storeys = list(storeys)
    building = [s.footprint for s in storeys if s.footprint is not None]
    for storey in storeys:
        building += [w.geometry for w in storey.walls]
        building += [o.span for o in storey.openings]
        building += [s.polygon for s in storey.spaces]
    everything = [g for storey in storeys for g in _content(storey)]
    whole = _bounds(everything + building)
    inner = _bounds(building) or whole or (0.0, 0.0, 10.0, 10.0)
    whole = whole or inner

    def area(bounds) -> float:
        return (bounds[2] - bounds[0] + 2 * MARGIN) * (bounds[3] - bounds[1] + 2 * MARGIN)

    chosen, site = (whole, None) if area(whole) <= SITE_FRAME_RATIO * area(inner) else (inner, whole)
    minx, miny, maxx, maxy = chosen
    if site is not None:
        site = (site[0] - MARGIN, site[1] - MARGIN, site[2] + MARGIN, site[3] + MARGIN)
    return Frame(minx - MARGIN, miny - MARGIN, maxx + MARGIN, maxy + MARGIN, site)


def _bounds(geometries: list[BaseGeometry]) -> tuple[float, float, float, float] | None:
    geometries = [g for g in geometries if g is not None and not g.is_empty]
    if not geometries:
        return None
    bounds = shapely.total_bounds(geometries)
    if any(b != b for b in bounds):  # NaN: nothing drawn
        return None
    minx, miny, maxx, maxy = (float(b) for b in bounds)
    return minx, miny, maxx, maxy


_SPREAD_CACHE: dict[tuple, numpy.ndarray] = {}  # the last few spreadings, by their arguments
_SPREAD_LOCK = threading.Lock()
SPREAD_CACHE_SIZE = 4


def spread_markers(anchors: numpy.ndarray, radius: float, width: float, height: float) -> numpy.ndarray:
    """``_spread_markers``, remembered: a check draws each storey's markers twice (the web
    page's SVG and the PDF annex's picture), and on a crowded plan a spreading takes half a second."""
    key = (anchors.tobytes(), anchors.shape, radius, width, height, SPREAD_BUDGET, MARKER_GAP)
    with _SPREAD_LOCK:  # annexes may be drawn in threads
        known = _SPREAD_CACHE.get(key)
    if known is not None:
        return known.copy()
    centres = _spread_markers(anchors, radius, width, height)
    with _SPREAD_LOCK:
        while len(_SPREAD_CACHE) >= SPREAD_CACHE_SIZE:
            del _SPREAD_CACHE[next(iter(_SPREAD_CACHE))]
        _SPREAD_CACHE[key] = centres.copy()
    return centres


def _spread_markers(anchors: numpy.ndarray, radius: float, width: float, height: float) -> numpy.ndarray:
    """Marker centres near their anchors (drawing coordinates), no two closer than a gap.

    Markers are placed in order; one whose place is taken goes to the nearest free
    spot on rings around its anchor, kept inside the drawing. "Free" means more than
    MARKER_GAP diameters apart across or down, so not even the markers' bounding boxes
    touch. Placed markers are kept in a grid of cells one gap wide: a spot is tested
    against the nine cells around it, never against every marker; a batch of rings is
    tested at once (numpy). A drawing too crowded for its markers would have every late
    marker search hundreds of rings in vain (minutes on a 10k-entity plan): once the
    spots tested pass SPREAD_BUDGET per marker, the drawing counts as full and the
    markers left stay where they were asked, as a marker with no free spot always did.
    """
    gap = 2 * radius * MARKER_GAP
    low_x, high_x = radius, max(radius, width - radius)
    low_y, high_y = radius, max(radius, height - radius)
    grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
    placed = numpy.empty((len(anchors), 2))
    # The same spots in a cell array (a border cell each side, a layer per spot in a cell) for whole rings at once.
    columns, rows = int(high_x // gap) + 3, int(high_y // gap) + 3
    cell_x = numpy.full((columns, rows, 1), numpy.nan)
    cell_y = numpy.full((columns, rows, 1), numpy.nan)
    depths = numpy.zeros((columns, rows), dtype=numpy.int64)
    last_ring = int(4 * (width + height) / gap) + 1  # the first ring beyond 4 (width + height) / gap
    rings: list[tuple[numpy.ndarray, numpy.ndarray]] = []  # each ring's offsets from its anchor
    budget = SPREAD_BUDGET * (len(anchors) + 100)

    def ring_offsets(ring: int) -> tuple[numpy.ndarray, numpy.ndarray]:
        while len(rings) < ring:
            count = 6 * (len(rings) + 1)
            angles = numpy.arange(count) * (2 * numpy.pi / count)
            rings.append(((len(rings) + 1) * gap * numpy.cos(angles), (len(rings) + 1) * gap * numpy.sin(angles)))
        return rings[ring - 1]

    batches: dict[int, tuple[numpy.ndarray, numpy.ndarray]] = {}  # rings first..upto's offsets, by first

    def batch_offsets(first: int, upto: int) -> tuple[numpy.ndarray, numpy.ndarray]:
        if first not in batches:
            offsets = [ring_offsets(ring) for ring in range(first, upto + 1)]
            batches[first] = numpy.concatenate([dx for dx, _ in offsets]), numpy.concatenate([dy for _, dy in offsets])
        return batches[first]

    def free(x: float, y: float) -> bool:
        cx, cy = int(x // gap), int(y // gap)
        for i in (cx - 1, cx, cx + 1):
            for j in (cy - 1, cy, cy + 1):
                for px, py in grid.get((i, j), ()):
                    if abs(px - x) < gap and abs(py - y) < gap:
                        return False
        return True

    def free_spots(xs: numpy.ndarray, ys: numpy.ndarray) -> numpy.ndarray:
        cx = (xs // gap).astype(numpy.int64) + 1
        cy = (ys // gap).astype(numpy.int64) + 1
        # A spot in a cell that holds a marker is taken (a cell is one gap wide): no distances
        # needed, and on a crowded drawing that is most spots. The rest are measured.
        taken = depths[cx, cy] > 0
        unsure = numpy.flatnonzero(~taken)
        sx, sy, ux, uy = xs[unsure, None], ys[unsure, None], cx[unsure], cy[unsure]
        close = numpy.zeros(len(unsure), dtype=bool)
        for i in (-1, 0, 1):
            for j in (-1, 0, 1):
                px, py = cell_x[ux + i, uy + j], cell_y[ux + i, uy + j]  # NaN where no spot: never closer than gap
                close |= ((numpy.abs(px - sx) < gap) & (numpy.abs(py - sy) < gap)).any(axis=1)
        taken[unsure] = close
        return ~taken

    def place(spot: tuple[float, float]) -> None:
        nonlocal cell_x, cell_y
        grid.setdefault((int(spot[0] // gap), int(spot[1] // gap)), []).append(spot)
        cx, cy = int(spot[0] // gap) + 1, int(spot[1] // gap) + 1
        depth = depths[cx, cy]
        if depth == cell_x.shape[2]:
            cell_x = numpy.concatenate([cell_x, numpy.full_like(cell_x, numpy.nan)], axis=2)
            cell_y = numpy.concatenate([cell_y, numpy.full_like(cell_y, numpy.nan)], axis=2)
        cell_x[cx, cy, depth], cell_y[cx, cy, depth] = spot
        depths[cx, cy] = depth + 1

    full = False
    for index, (ax, ay) in enumerate(anchors):
        ax, ay = min(max(ax, low_x), high_x), min(max(ay, low_y), high_y)
        spot = (ax, ay)
        if full:
            placed[index] = spot
            continue
        first = 1
        while first <= last_ring and not free(*spot):
            if budget < 0:
                full = True
                break
            upto = min(first + 15, last_ring)  # rings first..upto, in order: the nearest free spot wins
            dx, dy = batch_offsets(first, upto)
            xs = numpy.clip(ax + dx, low_x, high_x)
            ys = numpy.clip(ay + dy, low_y, high_y)
            hits = numpy.flatnonzero(free_spots(xs, ys))
            budget -= hits[0] + 1 if len(hits) else len(xs)  # the spots one at a time would have tested
            if len(hits):
                spot = (float(xs[hits[0]]), float(ys[hits[0]]))
            first = upto + 1
        place(spot)
        placed[index] = spot
    return placed


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
    frame: Frame | None = None,
) -> Drawing:
    """Draw ``storey`` with the numbered findings whose marks are on it, as SVG.

    ``frame`` is ``plan_frame`` of all the plan's storeys, so that they share a scale;
    without it the storey is framed alone.
    """
    scene = _scene(storey, numbered, frame)
    parts = [_path(geometry, css_class) for css_class, geometry in scene.shapes]
    for marker in scene.markers:
        for line in marker.measures:
            parts.append(_path(line, "measure", stroke=marker.colour))
    for marker in scene.markers:
        if marker.leader is not None:
            ax, ay = marker.leader
            parts.append(
                f'<path class="leader" data-leader="{marker.number}" '
                f'd="M{ax:.3f} {ay:.3f} L{marker.x:.3f} {marker.y:.3f}"/>'
                f'<circle class="anchor" cx="{ax:.3f}" cy="{ay:.3f}" r="{scene.radius * 0.2:.3f}"/>'
            )
    for marker in scene.markers:
        parts.append(
            f'<g class="marker" data-finding="{marker.number}"><circle cx="{marker.x:.3f}" cy="{marker.y:.3f}" '
            f'r="{scene.radius:.3f}" fill="{marker.colour}"/><text x="{marker.x:.3f}" y="{marker.y:.3f}" '
            f'font-size="{scene.radius * 1.15:.3f}">{escape(digits(marker.number))}</text></g>'
        )
    site_view = ""
    if scene.site_view is not None:
        site_view = ' data-site-view="{:.3f} {:.3f} {:.3f} {:.3f}"'.format(*scene.site_view)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {scene.width:.3f} {scene.height:.3f}" '
        f'class="plan" role="img" data-metres-wide="{scene.width:.3f}"{site_view}>'
        f"<style>{STYLE}</style>" + "".join(parts) + "</svg>"
    )
    return Drawing(svg, scene.labels, scene.width, scene.height)


def needs_picture(storey: Storey, numbered: Iterable[tuple[int, Finding]]) -> bool:
    """Whether this storey is drawn as a picture: too many markers or shapes for vector.

    weasyprint sets every SVG text letter by letter (about 3 ms a marker number) and
    parses path data in Python, so a plan of thousands of findings would take a minute
    as SVG; Pillow draws it in well under a second.
    """
    markers = sum(1 for _, f in numbered if any(m.storey == storey.name for m in f.marks))
    shapes = len(storey.walls) + len(storey.openings) + len(storey.spaces)
    return markers > VECTOR_MAX_MARKERS or shapes > VECTOR_MAX_SHAPES


def storey_picture(
    storey: Storey,
    numbered: Iterable[tuple[int, Finding]],
    width_mm: float,
    font_file: str,
    digits: Callable[[int], str] = str,
    dpi: int = PICTURE_DPI,
    frame: Frame | None = None,
) -> tuple[Drawing, bytes]:
    """Draw ``storey`` as a PNG of ``width_mm`` at ``dpi``: the same plan as the SVG, in pixels.

    ``font_file`` is the face the marker numbers are set in (Persian digits need the
    Naskh face). The PNG is made deterministically (no timestamps; Pillow's zlib).
    """
    scene = _scene(storey, numbered, frame)
    scale = dpi / 25.4 * width_mm / scene.width  # pixels per metre
    size = (max(1, round(scene.width * scale)), max(1, round(scene.height * scale)))
    picture = Image.new("RGB", size, "white")
    pen = ImageDraw.Draw(picture)

    def stroke_px(width_m: float) -> int:
        return max(1, round(width_m * scale))

    # Shapes of one class together, their rings' coordinates scaled in one numpy call:
    # thousands of walls cost milliseconds, not a second.
    by_class: dict[str, list[BaseGeometry]] = {}
    for css_class, geometry in scene.shapes:
        by_class.setdefault(css_class.split()[0], []).append(geometry)
    for css_class, geometries in by_class.items():
        fill, outline, width_m = PICTURE_STYLE[css_class]
        parts = shapely.get_parts(numpy.array(geometries, dtype=object))
        polygons = parts[shapely.get_type_id(parts) == 3]
        if fill:
            for ring in _pixel_rings(shapely.get_exterior_ring(polygons), scale):
                pen.polygon(ring, fill=fill)
        if outline:
            lines = parts[numpy.isin(shapely.get_type_id(parts), (1, 2))]
            for ring in _pixel_rings(numpy.concatenate([shapely.get_rings(polygons), lines]), scale):
                pen.line(ring, fill=outline, width=stroke_px(width_m))
    measures: dict[str, list[BaseGeometry]] = {}
    for marker in scene.markers:
        measures.setdefault(marker.colour, []).extend(marker.measures)
    for colour, geometries in measures.items():
        parts = shapely.get_parts(numpy.array(geometries, dtype=object))
        rings = numpy.concatenate(
            [
                shapely.get_rings(parts[shapely.get_type_id(parts) == 3]),
                parts[numpy.isin(shapely.get_type_id(parts), (1, 2))],
            ]
        )
        for ring in _pixel_rings(rings, scale):
            pen.line(ring, fill=colour, width=stroke_px(0.06))
    radius = scene.radius * scale
    for marker in scene.markers:
        if marker.leader is not None:
            ax, ay = marker.leader[0] * scale, marker.leader[1] * scale
            pen.line((ax, ay, marker.x * scale, marker.y * scale), fill=LEADER_COLOUR, width=stroke_px(0.03))
            dot = scene.radius * 0.2 * scale
            pen.ellipse((ax - dot, ay - dot, ax + dot, ay + dot), fill=LEADER_COLOUR)
    for marker in scene.markers:
        x, y = marker.x * scale, marker.y * scale
        pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=marker.colour)
    glyphs = _DigitGlyphs(ImageFont.truetype(font_file, max(4, round(scene.radius * 1.15 * scale))), size)
    for marker in scene.markers:
        glyphs.stamp(digits(marker.number), marker.x * scale, marker.y * scale)
    picture.paste("white", (0, 0), glyphs.layer())
    # weasyprint decodes the PNG and compresses its pixels again for the PDF (a palette
    # PNG it would first turn into RGB), so this PNG is only a carrier: compress it lightly.
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", compress_level=1)
    return Drawing("", scene.labels, scene.width, scene.height), buffer.getvalue()


def _pixel_rings(rings: numpy.ndarray, scale: float) -> list[list[float]]:
    """Each ring or line as a flat [x, y, x, y, ...] list in pixels, as Pillow takes it."""
    if not len(rings):
        return []
    coordinates, index = shapely.get_coordinates(rings, return_index=True)
    if not len(index):
        return []
    starts = numpy.flatnonzero(numpy.diff(index)) + 1
    return [part.ravel().tolist() for part in numpy.split(coordinates * scale, starts) if len(part) > 1]


class _DigitGlyphs:
    """Marker numbers set from one bitmap per digit, into one mask for the whole plan.

    Laying out each number with FreeType and raqm costs about 2 ms, and pasting digit
    by digit into the picture 40 µs; thousands of markers would take seconds. Digits
    need no shaping, so each is rendered once and stamped into a numpy mask, which is
    pasted once.
    """

    def __init__(self, font: ImageFont.FreeTypeFont, size: tuple[int, int]) -> None:
        self.font = font
        self.glyphs: dict[str, tuple[numpy.ndarray, int]] = {}
        ascent, descent = font.getmetrics()
        self.height = ascent + descent
        self.mask = numpy.zeros((size[1], size[0]), dtype=numpy.uint8)

    def glyph(self, char: str) -> tuple[numpy.ndarray, int]:
        if char not in self.glyphs:
            advance = max(1, round(self.font.getlength(char)))
            image = Image.new("L", (advance, self.height), 0)
            ImageDraw.Draw(image).text((0, 0), char, fill=255, font=self.font)
            self.glyphs[char] = (numpy.asarray(image), advance)
        return self.glyphs[char]

    def stamp(self, text: str, x: float, y: float) -> None:
        glyphs = [self.glyph(char) for char in text]
        left = round(x - sum(advance for _, advance in glyphs) / 2)
        top = round(y - self.height / 2)
        rows, columns = self.mask.shape
        for bitmap, advance in glyphs:
            # Clip to the picture: a marker near the edge may stick out.
            x0, y0 = max(left, 0), max(top, 0)
            x1, y1 = min(left + advance, columns), min(top + self.height, rows)
            if x0 < x1 and y0 < y1:
                target = self.mask[y0:y1, x0:x1]
                numpy.maximum(target, bitmap[y0 - top : y1 - top, x0 - left : x1 - left], out=target)
            left += advance

    def layer(self) -> Image.Image:
        return Image.fromarray(self.mask, mode="L")


@dataclass(frozen=True)
class _Marker:
    number: int
    colour: str
    x: float  # drawing coordinates: metres from the top left
    y: float
    measures: tuple[BaseGeometry, ...]
    leader: tuple[float, float] | None  # the anchor a moved marker is joined to, in drawing coordinates


@dataclass(frozen=True)
class _Scene:
    """A storey's drawing in drawing coordinates (metres, y down), for SVG and for pixels."""

    width: float
    height: float
    shapes: tuple[tuple[str, BaseGeometry], ...]  # (css class, geometry), in drawing order
    markers: tuple[_Marker, ...]
    radius: float
    labels: tuple[Label, ...]
    site_view: tuple[float, float, float, float] | None = None  # x, y, width, height of the whole site


def _scene(storey: Storey, numbered: Iterable[tuple[int, Finding]], frame: Frame | None = None) -> _Scene:
    numbered = [(n, f) for n, f in numbered if any(m.storey == storey.name for m in f.marks)]
    if frame is None:
        frame = plan_frame([storey])
    minx, miny, maxx, maxy = frame.minx, frame.miny, frame.maxx, frame.maxy
    width, height = frame.width, frame.height
    site_view = None
    if frame.site is not None:
        sx0, sy0, sx1, sy1 = frame.site
        site_view = (sx0 - minx, maxy - sy1, sx1 - sx0, sy1 - sy0)

    def flip(geometries: numpy.ndarray) -> numpy.ndarray:
        # SVG's y runs down; the plan's runs up.
        return shapely.transform(geometries, lambda xy: xy * [1, -1] + [-minx, maxy])

    shapes: list[tuple[str, BaseGeometry]] = []  # flipped all at once below: one call, not thousands

    def add(geometry, css_class: str) -> None:
        if geometry is not None:  # empty ones are left out below, in one shapely call
            shapes.append((css_class, geometry))

    for site in storey.site_boundaries:
        add(site.polygon, "site")
    # Streets can run far beyond the site: only the part near what is drawn counts.
    near = shapely.box(*(frame.site or (minx, miny, maxx, maxy))).buffer(2)
    for public in storey.public_realm:
        add(public.geometry.intersection(near), "public")
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

    if shapes:
        geometries = numpy.array([geometry for _, geometry in shapes], dtype=object)
        drawn = ~shapely.is_empty(geometries)
        flipped = iter(flip(geometries[drawn]).tolist())
        shapes = [(css_class, next(flipped)) for (css_class, _), keep in zip(shapes, drawn.tolist()) if keep]

    # Markers keep a readable size on large plans, but on a crowded one they shrink to
    # about a third of the room each marker has, or they would cover the plan and one
    # another; spread_markers then keeps them apart.
    room = (width * height / max(len(numbered), 1)) ** 0.5
    radius = max(MARKER_RADIUS, min(max(width, height) / 90, 0.4 * room))
    # Measured lines of every finding are flipped in one call (thousands on a large plan).
    marks_here = [[m for m in finding.marks if m.storey == storey.name] for _, finding in numbered]
    measure_lists = [[m.geometry for m in marks if m.kind == "measure"] for marks in marks_here]
    all_measures = [g for measures in measure_lists for g in measures]
    flipped_measures = iter(flip(numpy.array(all_measures, dtype=object)).tolist() if all_measures else [])
    anchors = numpy.empty((len(numbered), 2))
    for index, marks in enumerate(marks_here):
        anchor = _anchor([m.geometry for m in marks if m.kind == "element"] or [m.geometry for m in marks])
        anchors[index] = (anchor.x - minx, maxy - anchor.y)  # flip() for one point, without a shapely call
    centres = spread_markers(anchors, radius, width, height)
    markers = []
    for (number, finding), measure_list, (ax, ay), (x, y) in zip(numbered, measure_lists, anchors, centres):
        measures = tuple(next(flipped_measures) for _ in measure_list)
        moved = (x - ax) ** 2 + (y - ay) ** 2 > (0.5 * radius) ** 2
        leader = (float(ax), float(ay)) if moved else None
        markers.append(_Marker(number, STATUS_COLOURS[finding.status], float(x), float(y), measures, leader))

    labels = []
    for space in storey.spaces:
        if space.name:
            point = space.polygon.representative_point()
            x, y = point.x - minx, maxy - point.y  # flip() for one point, without a shapely call
            labels.append(Label(space.name, float(100 * x / width), float(100 * y / height), "space"))
    return _Scene(width, height, tuple(shapes), tuple(markers), radius, tuple(labels), site_view)


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
    ".leader{stroke:#424242;stroke-width:.03}"
    ".anchor{fill:#424242}"
    # Longhands: weasyprint's SVG renderer drops the font shorthand (the numbers vanish).
    ".marker text{font-weight:bold;font-family:'Noto Sans','Noto Naskh Arabic',sans-serif;"
    "fill:#fff;text-anchor:middle;dominant-baseline:central}"
)


# The same colours as STYLE, for the picture: (fill, outline, line width in metres).
PICTURE_STYLE = {
    "site": (None, "#9e9e9e", 0.04),
    "public": ("#eeeeee", "#bdbdbd", 0.03),
    "footprint": ("#fafafa", None, 0.0),
    "access": ("#fff3e0", "#ffb74d", 0.03),
    "space": (None, "#cfd8dc", 0.02),
    "fence": (None, "#558b2f", 0.06),
    "wall": (None, "#212121", 0.05),
    "door": (None, "#1565c0", 0.12),
    "window": (None, "#00838f", 0.12),
    "light": ("#fdd835", "#f9a825", 0.02),
}


def _content(storey: Storey) -> list[BaseGeometry]:
    geometries: list[BaseGeometry] = [w.geometry for w in storey.walls]
    geometries += [o.span for o in storey.openings]
    geometries += [s.polygon for s in storey.site_boundaries]
    geometries += [s.polygon for s in storey.access_surfaces]
    geometries += [f.line for f in storey.fences]
    geometries += [light.position for light in storey.lights]
    # Streets can run far beyond the site: only the part near the building counts.
    if geometries:
        near = shapely.box(*shapely.total_bounds(geometries)).buffer(2)
        geometries += [p.geometry.intersection(near) for p in storey.public_realm]
    return geometries


def _anchor(geometries: list[BaseGeometry]):
    union = geometries[0] if len(geometries) == 1 else shapely.union_all(geometries)
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


def site_inset(storeys: Iterable[Storey], frame: Frame, size_mm: float = 40.0) -> str:
    """The whole site as a small SVG, the part the plans show outlined: the PDF's inset.

    Drawn only when the plans leave part of the site out (``frame.site``); in the same
    colours as the plans, at the site's own scale, with no markers, fitting a square of ``size_mm``.
    """
    if frame.site is None:
        return ""
    sx0, sy0, sx1, sy1 = frame.site
    width, height = sx1 - sx0, sy1 - sy0
    shapes: list[tuple[str, BaseGeometry]] = []
    near = shapely.box(sx0, sy0, sx1, sy1)
    for storey in storeys:
        shapes += [("site", s.polygon) for s in storey.site_boundaries]
        shapes += [("public", p.geometry.intersection(near)) for p in storey.public_realm]
        shapes += [("fence", f.line) for f in storey.fences]
        if storey.footprint is not None:
            shapes.append(("footprint-inset", storey.footprint))
    shapes = [(css_class, g) for css_class, g in shapes if g is not None and not g.is_empty]
    flipped = shapely.transform(
        numpy.array([g for _, g in shapes], dtype=object), lambda xy: xy * [1, -1] + [-sx0, sy1]
    ).tolist()
    parts = [_path(g, css_class) for (css_class, _), g in zip(shapes, flipped)]
    x, y = frame.minx - sx0, sy1 - frame.maxy
    stroke = max(width, height) / 150
    scale = size_mm / max(width, height)
    parts.append(
        f'<rect class="frame" x="{x:.3f}" y="{y:.3f}" width="{frame.width:.3f}" height="{frame.height:.3f}" '
        f'stroke-width="{stroke:.3f}"/>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.3f} {height:.3f}" class="site-inset" '
        f'width="{width * scale:.2f}mm" height="{height * scale:.2f}mm" role="img"><style>{STYLE}{INSET_STYLE}</style>'
        + "".join(parts)
        + "</svg>"
    )


INSET_STYLE = ".footprint-inset{fill:#90a4ae}.frame{fill:none;stroke:#c62828}"

"""What kind of drawing a file is, when no floor plan is found in it.

A refusal must say what the drawing looks like and why, not blame its layer names when
they are not the problem: an elevation (a long ground line with the building's outline
above, "East Elevation", "Ansicht", "نما"), a section ("Schnitt", "برش"), a detail sheet
(dimensions, leaders and hatches dominate; "DETAIL A", detail layers), a title block
or sheet frame alone, or next to nothing (a test file of a few lines). Evidence is
scale-free (the unit is unknown here): proportions of the drawing, counts of entity
kinds over the whole modelspace (hidden layers included: a sheet whose detail layers are
switched off is still a detail sheet), the words of its texts, and the visible linework
the extraction kept for recognition.

``classify(raw, summarise_modelspace(doc))`` returns a ``Sheet`` whose ``looks_like`` is
one plain English clause ("looks like an elevation, not a floor plan: ...") for the
``NoPlanContent`` sentence, or None when nothing marks the drawing as anything in particular.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
import shapely

from ..dxf.extract import Extraction
from ..dxf.light import LightModelspace
from ..layers import Role
from .plates import box_components
from .walls import segments_of

# Words on the sheet that name the kind of drawing (casefolded; whole words or word starts).
ELEVATION_WORDS = (
    "elevation",
    "elevations",
    "élévation",
    "façade",
    "facade",
    "fassade",
    "ansicht",
    "alzado",
    "prospetto",
    "aanzicht",
    "gevel",
    "نما",
    "نمای",
    "واجهة",
)
SECTION_WORDS = ("section", "sections", "schnitt", "coupe", "sección", "seccion", "sezione", "doorsnede", "برش", "مقطع")
DETAIL_WORDS = ("detail", "details", "détail", "dettaglio", "detalle", "جزئیات", "دتایل")
TITLE_WORDS = (
    "drawing no",
    "dwg no",
    "scale",
    "title",
    "project",
    "date",
    "drawn",
    "checked",
    "sheet",
    "contract no",
    "revision",
    "مقیاس",
    "عنوان",
    "پروژه",
    "تاریخ",
    "شماره نقشه",
)
PLAN_WORDS = ("plan", "grundriss", "floor", "étage", "planta", "pianta", "plattegrond", "پلان", "طبقه")
ANNOTATION = ("DIMENSION", "ARC_DIMENSION", "LEADER", "MULTILEADER", "MLEADER", "TOLERANCE")
SOLIDS = ("3DSOLID", "BODY", "REGION", "MESH", "SURFACE", "3DFACE")
DETAIL_LAYER = re.compile(r"(?<![a-z])(dtl|det|detail)(?![a-z])", re.IGNORECASE)
TITLE_BLOCK_SEGMENTS = 80  # a frame with a title block is a few dozen lines; a storey is hundreds
SPARSE_SEGMENTS = 12  # fewer straight pieces than this cannot draw a storey
GROUND_SPAN = 0.85  # a ground line spans this share of the drawing's width
GROUND_BAND = 0.12  # ... and lies in this share of its height at the bottom
SCALE_NOTE = re.compile(r"1\s*:\s*(1|2|5|10|20)(?!\d)")  # detail scales


@dataclass(frozen=True)
class Sheet:
    kind: str  # elevation, section, detail, title-block, sparse, unknown
    # One clause for the refusal ("looks like an elevation...", "has no floor-plan
    # content: only 3 lines..."), None for "unknown".
    looks_like: str | None
    # True when the sheet names itself (its texts, its detail layers): walls found from
    # geometry do not outweigh that; False when only the shapes suggest the kind.
    certain: bool = False


def classify(raw: Extraction, modelspace: ModelspaceSummary | None = None) -> Sheet:
    """The kind of a drawing that holds no floor plan, with the evidence in words."""
    types, texts = _modelspace(modelspace, raw)
    words = [_words(t) for t in texts]
    segments = segments_of([s.geometry for s in raw.loose] + [s.geometry for s in raw.shapes])
    door_arcs = sum(1 for a in raw.arcs if 80.0 <= a.sweep_deg <= 100.0)

    def quoted(hits):
        return ", ".join(f"'{t}'" for t in list(dict.fromkeys(t.strip() for t in hits))[:2])

    elevation = [t for t, w in zip(texts, words) if _says(w, ELEVATION_WORDS)]
    section = [t for t, w in zip(texts, words) if _says(w, SECTION_WORDS)]
    detail = [t for t, w in zip(texts, words) if _says(w, DETAIL_WORDS)]
    annotation = sum(types[t] for t in ANNOTATION)
    hatches, solids = types["HATCH"], sum(types[t] for t in SOLIDS)
    layers = Counter(raw.layer_entities) + Counter(raw.hidden_layers)
    on_detail_layers = sum(n for name, n in layers.items() if DETAIL_LAYER.search(name))
    total = sum(layers.values()) or 1

    if elevation and not detail:
        ground = _ground_line(segments)
        how = f"the text {quoted(elevation)}"
        if ground:
            how += ", a ground line across the whole drawing with the building's outline above it"
        return Sheet("elevation", f"looks like an elevation, not a floor plan: {how}, and {_swings(door_arcs)}", True)
    if section and not detail:
        return Sheet(
            "section",
            f"looks like a section, not a floor plan: the text {quoted(section)} and {_swings(door_arcs)}",
            True,
        )
    scales = [t for t in texts if SCALE_NOTE.search(t)]
    drawn_detail = hatches + solids >= 5 or bool(scales)  # dimensions alone are on plans too
    many_notes = annotation + hatches + solids >= 20 and annotation + hatches + solids > len(segments) / 4
    detail_layers = on_detail_layers > total / 2 and (annotation + hatches + solids >= 20 or bool(scales))
    if detail or detail_layers or (many_notes and drawn_detail):
        evidence = []
        if detail:
            evidence.append(f"the text {quoted(detail)}")
        if annotation or hatches or solids:
            evidence.append(
                f"{annotation} dimensions and leaders, {hatches} hatches"
                + (f" and {solids} 3D solids" if solids else "")
            )
        if on_detail_layers > total / 2:
            evidence.append(f"{on_detail_layers} of its {total} entities on detail layers")
        if scales:
            evidence.append(f"a detail scale ({quoted(scales)})")
        certain = bool(detail) or detail_layers  # never the layer names alone
        return Sheet(
            "detail",
            "looks like a detail sheet, not a floor plan: " + ", ".join(evidence) + ", and no walls around rooms",
            certain,
        )
    if len(segments) < SPARSE_SEGMENTS and door_arcs == 0:
        names = sorted(raw.layer_entities, key=str.casefold)
        on = ", ".join(names[:3]) + (" and others" if len(names) > 3 else "")
        return Sheet(
            "sparse",
            f"has no floor-plan content: only {len(segments)} straight line{'s' if len(segments) != 1 else ''} "
            f"(on {on}), too few to be walls, doors, windows or rooms",
        )
    titles = [t for t, w in zip(texts, words) if _says(w, TITLE_WORDS)]
    plans = [t for t, w in zip(texts, words) if _says(w, PLAN_WORDS)]
    if len(titles) >= 3 and not plans and door_arcs == 0 and len(segments) <= TITLE_BLOCK_SEGMENTS:
        # Certain: a sheet frame's double border would otherwise pass for a wall's faces.
        return Sheet(
            "title-block",
            f"looks like a title block or sheet frame only, not a floor plan: texts such as {quoted(titles)} "
            f"in {len(segments)} lines of boxes, and {_swings(door_arcs)}",
            True,
        )
    ground = _ground_line(segments)
    if ground and door_arcs == 0:
        return Sheet(
            "elevation",
            "looks like an elevation, not a floor plan: a ground line across the whole drawing with the "
            "building's outline above it, and no door swings",
        )
    return Sheet("unknown", None)


def _swings(door_arcs: int) -> str:
    return (
        "no door swings" if door_arcs == 0 else f"only {door_arcs} arc{'s' if door_arcs != 1 else ''} like door swings"
    )


@dataclass(frozen=True)
class ModelspaceSummary:
    """What classifying a sheet reads of the whole modelspace: entity kinds and texts. Taken
    as soon as the drawing is extracted, so the document (on a large file mostly its
    modelspace) can go before recognition begins."""

    types: Counter
    # The texts as one string, each ended by a NUL (no DXF text holds one): the texts are
    # the document's own objects, and keeping each would keep pages of the dropped
    # document resident (see dxf.extract._own).
    joined_texts: str

    @property
    def texts(self) -> list[str]:
        return self.joined_texts.split("\0")[:-1]


def summarise_modelspace(doc) -> ModelspaceSummary:
    """Entity kinds and texts over the whole modelspace (hidden layers too)."""
    modelspace = doc.modelspace()
    texts: list[str] = []
    if isinstance(modelspace, LightModelspace):  # its records made only for the texts
        types = Counter(modelspace.kinds())
        entities: Iterable = modelspace.of_kinds({"TEXT", "MTEXT"})
    else:
        types = Counter(entity.dxftype() for entity in modelspace)
        entities = modelspace
    for entity in entities:
        kind = entity.dxftype()
        try:
            if kind == "TEXT":
                texts.append(entity.dxf.text)
            elif kind == "MTEXT":
                texts.append(entity.plain_text())
        except Exception:  # a damaged text says nothing about the kind of sheet
            continue
    return ModelspaceSummary(types, "".join(f"{t}\0" for t in texts if t and t.strip()))


def _modelspace(summary: ModelspaceSummary | None, raw: Extraction) -> tuple[Counter, list[str]]:
    """Entity kinds and texts over the whole modelspace, or what the extraction kept when
    there is no summary of it."""
    if summary is None:
        return Counter(raw.ignored_types), [t.text for t in raw.texts]
    return summary.types, summary.texts


def _words(text: str) -> str:
    return " " + re.sub(r"[^\w]+", " ", text.casefold()) + " "


def _says(words: str, vocabulary: tuple[str, ...]) -> bool:
    return any(f" {word} " in words for word in vocabulary)


def _ground_line(segments) -> bool:
    """A near-level line spanning the drawing's width at its bottom: the ground of an elevation."""
    if len(segments) < SPARSE_SEGMENTS:
        return False
    points = np.concatenate([segments.start, segments.end])
    x0, y0 = points.min(axis=0)
    x1, y1 = points.max(axis=0)
    width, height = x1 - x0, y1 - y0
    if width <= 0 or height <= 0:
        return False
    vector = segments.vector
    level = np.abs(vector[:, 1]) <= 0.05 * np.abs(vector[:, 0])
    spans = np.abs(vector[:, 0]) >= GROUND_SPAN * width
    low = np.maximum(segments.start[:, 1], segments.end[:, 1]) <= y0 + GROUND_BAND * height
    return bool((level & spans & low).any())


# ------------------------------------------------------------- elevations beside a plan
REGION_GAP_SHARE = 0.015  # drawings on one sheet stand apart by more than this share of its size
BEYOND_SHARE = 0.01  # an elevation's ground line runs past the building by this share of its width
GROUND_SAMPLES = 64  # places across a drawing where its lowest line is looked for
MERGE_ROUNDS = 8  # regions absorbing the boxes they now overlap; a few rounds settle it


ROOF_PLAN_WORDS = (
    "roof plan",
    "roof plans",
    "dachaufsicht",
    "dachdraufsicht",
    "dachplan",
    "dachgrundriss",
    "plan de toiture",
    "plan des toitures",
    "plan de couverture",
    "planta de cubierta",
    "planta de cubiertas",
    "planta de techos",
    "pianta delle coperture",
    "pianta copertura",
    "pianta coperture",
    "dakplan",
    "dakaanzicht",
    "پلان بام",
    "پلان پشت بام",
    "مخطط السطح",
)
ROOF_OVER_WALLS = 2.0  # a roof plan's roof lines outweigh its walls (parapets, garden walls) this many times


def elevations_beside_plan(raw: Extraction) -> list[tuple[float, float, float, float]]:
    """The boxes (drawing units) of elevations drawn on the same sheet as a floor plan
    (see ``drawings_beside_plan``)."""
    return drawings_beside_plan(raw)[0]


def drawings_beside_plan(
    raw: Extraction,
) -> tuple[list[tuple[float, float, float, float]], list[tuple[float, float, float, float]]]:
    """The boxes (drawing units) of the elevations, and of the roof plans, drawn on the
    same sheet as a floor plan.

    The sheet is split into drawings standing apart; one whose ground line runs across
    it and past everything else on it (the terrain beyond the building), with no door
    swing, no door or window block and no room in it, is an elevation -- but only when
    another drawing on the sheet has doors or windows, so a sheet of elevations alone is
    refused as a whole, and no storey of a plan is ever dropped for lack of them.

    One with no door swing, no door or window block and no room outline whose texts name
    it a roof plan, or whose lines on roof layers (role access, named for roofs: hips,
    ridges, eaves drawn as lines; a flat roof one can stand on is a closed outline and
    does not count, and one among them keeps the drawing) outweigh its walls
    ``ROOF_OVER_WALLS`` times, is a roof plan -- again only beside a drawing with door
    swings, opening blocks or room outlines.
    """
    items = raw.shapes + raw.loose
    if len(items) < 2 * SPARSE_SEGMENTS:
        return [], []
    geometries = np.array([s.geometry for s in items], dtype=object)
    bounds = shapely.bounds(geometries)  # an envelope's bounds are its geometry's
    x0, y0, x1, y1 = shapely.total_bounds(geometries)
    gap = REGION_GAP_SHARE * max(x1 - x0, y1 - y0)
    if _one_region(bounds, gap / 2):  # one drawing (most files): no union, no envelopes needed
        return [], []
    del bounds
    envelopes = shapely.envelope(geometries)
    regions = _regions(shapely.buffer(envelopes, gap / 2, join_style="mitre"))
    if len(regions) < 2:
        return [], []
    region_of = _region_of(regions, shapely.centroid(envelopes))
    arc_region = _region_of(regions, shapely.points([a.center for a in raw.arcs])) if raw.arcs else np.zeros(0, int)
    opening_region = (
        _region_of(regions, shapely.points([o.start for o in raw.openings])) if raw.openings else np.zeros(0, int)
    )
    swings = Counter(r for a, r in zip(raw.arcs, arc_region.tolist()) if 80.0 <= a.sweep_deg <= 100.0)
    blocks = Counter(opening_region.tolist())
    has_openings = Counter(blocks)
    rooms: Counter = Counter()
    for shape, r in zip(items, region_of.tolist()):
        if shape.role in (Role.DOORS, Role.WINDOWS, Role.SPACES):
            has_openings[r] += 1
        if shape.role is Role.SPACES:
            rooms[r] += 1
    with_plan = {r for r in range(len(regions)) if swings[r] or has_openings[r]}
    if not with_plan:
        return [], []
    elevations = set()
    for r in range(len(regions)):
        if r in with_plan:
            continue
        members = [items[k].geometry for k in np.flatnonzero(region_of == r).tolist()]
        if _ground_beyond(members):
            elevations.add(r)
    # Roof plans: door and window lines are no evidence against one (a roof plan may draw
    # skylights, or the glazing below its eaves); door swings, opening blocks and rooms are.
    a_plan = {r for r in range(len(regions)) if swings[r] or blocks[r] or rooms[r]}
    candidates = [r for r in range(len(regions)) if r not in a_plan and r not in elevations]
    roofs = _roof_plans(raw, items, regions, region_of, candidates) if a_plan and candidates else []

    def boxes(chosen) -> list[tuple[float, float, float, float]]:
        return [tuple(shapely.bounds(regions[r]).tolist()) for r in sorted(chosen)]

    return boxes(elevations), boxes(roofs)


def _roof_plans(
    raw: Extraction, items: list, regions: np.ndarray, region_of: np.ndarray, candidates: list
) -> list[int]:
    """Those of the ``candidates`` regions that are roof plans (see ``drawings_beside_plan``)."""
    geometries = np.array([s.geometry for s in items], dtype=object)
    lengths = shapely.length(geometries)
    kinds = shapely.get_type_id(geometries)
    open_line = kinds == 1  # LineString
    access = np.array([s.role is Role.ACCESS for s in items])
    roof = access & open_line
    # A closed outline on a roof layer is a surface one can stand on, drawn for the plan.
    surface = access & (kinds == 3)  # Polygon
    wall = np.array([s.role is Role.WALLS for s in items])
    text_region = _region_of(regions, shapely.points([t.point for t in raw.texts])) if raw.texts else np.zeros(0, int)
    named = {r for t, r in zip(raw.texts, text_region.tolist()) if _says(_words(t.text), ROOF_PLAN_WORDS)}
    found = []
    for r in candidates:
        inside = region_of == r
        roof_lines = int(np.count_nonzero(inside & roof))
        roof_length = float(lengths[inside & roof].sum())
        wall_length = float(lengths[inside & wall].sum())
        if r in named or (
            roof_lines >= SPARSE_SEGMENTS
            and roof_length > ROOF_OVER_WALLS * wall_length
            and not np.any(inside & surface)
        ):
            found.append(r)
    return found


def without_boxes(raw: Extraction, boxes: list) -> Extraction:
    """The extraction without what lies wholly inside any of ``boxes``."""
    if not boxes:
        return raw
    # Grown a little, so that the lines on a drawing's edge count as inside it.
    areas = [shapely.box(*b).buffer(0.01 * max(b[2] - b[0], b[3] - b[1]), join_style="mitre") for b in boxes]
    tree = shapely.STRtree(np.array(areas, dtype=object))

    def outside(items: list, geometry) -> list:
        if not items:
            return items
        inside, _ = tree.query(np.array([geometry(i) for i in items], dtype=object), predicate="within")
        drop = set(inside.tolist())
        return [item for k, item in enumerate(items) if k not in drop]

    return replace(
        raw,
        shapes=outside(raw.shapes, lambda s: s.geometry),
        loose=outside(raw.loose, lambda s: s.geometry),
        hatches=outside(raw.hatches, lambda s: s.geometry),
        openings=outside(raw.openings, lambda o: shapely.linestrings([o.start, o.end])),
        arcs=outside(raw.arcs, lambda a: shapely.points(a.center)),
        texts=outside(raw.texts, lambda t: shapely.points(t.point)),
        lights=outside(raw.lights, lambda light: shapely.points(light.point)),
    )


def _regions(boxes: np.ndarray) -> np.ndarray:
    """The drawings standing apart on a sheet: boxes merged while they overlap, so what a
    drawing encloses (windows inside a facade, furniture inside rooms) is part of it."""
    regions = shapely.get_parts(shapely.union_all(boxes))
    for _ in range(MERGE_ROUNDS):  # a few rounds settle it: each merges boxes that now overlap
        merged = shapely.get_parts(shapely.union_all(shapely.envelope(regions)))
        if len(merged) == len(regions):
            break
        regions = merged
    return shapely.envelope(regions)


def _one_region(bounds: np.ndarray, grow: float) -> bool:
    """True when ``_regions`` of the envelopes ``bounds`` grown by ``grow`` is a single
    region, told from the coordinates alone (a union of many boxes was most of the cost).

    As ``_regions`` does: boxes are merged while they share more than a point (a union
    joins boxes that overlap or share an edge, not boxes touching at a corner), and
    merged boxes are replaced by their envelope, in at most its rounds (one spared:
    its first union grows a point into a disc, here into a square). A line's envelope
    is a flat polygon, which the buffer grows across the line only.
    """
    if not len(bounds):
        return False
    width, height = bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]
    grow_x = np.where((height == 0) & (width > 0), 0.0, grow)
    grow_y = np.where((width == 0) & (height > 0), 0.0, grow)
    boxes = np.column_stack(
        [bounds[:, 0] - grow_x, bounds[:, 1] - grow_y, bounds[:, 2] + grow_x, bounds[:, 3] + grow_y]
    )
    for _ in range(MERGE_ROUNDS):
        if len(boxes) == 1:
            return True

        def more_than_a_point(left: np.ndarray, right: np.ndarray, boxes=boxes) -> np.ndarray:
            wide = np.minimum(boxes[left, 2], boxes[right, 2]) - np.maximum(boxes[left, 0], boxes[right, 0])
            high = np.minimum(boxes[left, 3], boxes[right, 3]) - np.maximum(boxes[left, 1], boxes[right, 1])
            return (wide >= 0) & (high >= 0) & ((wide > 0) | (high > 0))

        labels = box_components(boxes, more_than_a_point)
        roots, members = np.unique(labels, return_inverse=True)
        if len(roots) == len(boxes):
            return False
        merged = np.empty((len(roots), 4))
        merged[:, :2], merged[:, 2:] = np.inf, -np.inf
        for column, reduce in ((0, np.minimum), (1, np.minimum), (2, np.maximum), (3, np.maximum)):
            reduce.at(merged[:, column], members, boxes[:, column])
        boxes = merged
    return len(boxes) == 1


def _region_of(regions: np.ndarray, points: np.ndarray) -> np.ndarray:
    """For each point, the index of the region holding it (-1 for none)."""
    where = np.full(len(points), -1)
    point_index, region_index = shapely.STRtree(regions).query(points, predicate="intersects")
    where[point_index] = region_index
    return where


def _ground_beyond(geometries: list) -> bool:
    """The drawing's lowest lines (level, or following the terrain in several pieces) run
    across it and past every other line on it: the ground under an elevation. A plan's
    lowest wall ends where its side walls do."""
    segments = segments_of(geometries)
    if len(segments) < SPARSE_SEGMENTS:
        return False
    lo_x = np.minimum(segments.start[:, 0], segments.end[:, 0])
    hi_x = np.maximum(segments.start[:, 0], segments.end[:, 0])
    x0, x1 = lo_x.min(), hi_x.max()
    width = x1 - x0
    if width <= 0:
        return False
    samples = np.linspace(x0, x1, GROUND_SAMPLES + 2)[1:-1]
    dx = segments.vector[:, 0]
    slanted = np.abs(dx) > 1e-9 * width
    crossing = slanted[:, None] & (lo_x[:, None] <= samples[None, :]) & (hi_x[:, None] >= samples[None, :])
    share = (samples[None, :] - segments.start[:, 0:1]) / np.where(slanted, dx, 1.0)[:, None]
    y = segments.start[:, 1:2] + share * segments.vector[:, 1:2]
    y = np.where(crossing, y, np.inf)
    covered = crossing.any(axis=0)
    if covered.mean() < GROUND_SPAN:
        return False
    ground = np.zeros(len(segments), dtype=bool)
    ground[np.argmin(y[:, covered], axis=0)] = True
    if ground.all():
        return False
    margin = BEYOND_SHARE * width
    return bool(lo_x[ground].min() < lo_x[~ground].min() - margin or hi_x[ground].max() > hi_x[~ground].max() + margin)

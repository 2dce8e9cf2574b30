"""Load a project (a manifest or a single DXF) into the plan model.

read (checker.dxf.reader) -> extract in drawing units (checker.dxf.extract)
-> decide units -> build in metres (checker.dxf.build). Each file's LoadReport says
what happened on the way: repairs, units, layers per role, what was ignored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import shapely
from ezdxf.lldxf.const import DXFError

from .build import build_storey, unclosed_counts
from .recognition.type_marks import mark_openings
from .recognition.plates import Box, box_text, crop, find_plates, has_plan_content
from .recognition.rooms import rooms_left_undrawn
from .recognition.sheet import (
    ModelspaceSummary,
    classify as classify_sheet,
    drawings_beside_plan,
    summarise_modelspace,
    without_boxes,
)
from .recognition.unnamed_walls import adopt as adopt_unnamed_walls, find_unnamed_walls
from .recognition.units import infer as infer_units
from .schedule import apply_schedule, read_schedule
from .dxf.extract import Extraction, extract
from .layers import PLAN_ROLES, LayerMapping, LayerRole, Role
from .dxf.reader import ReadReport, read_dxf
from .dxf.limits import check_coordinates, check_expansion
from ..errors import NoPlanContent, UnreadableFile
from ..gc_pause import cycle_collection_paused
from ..heap import release_freed_memory
from ..messages import Listing, Message, Term, msg, render
from ..plan import Plan, Storey
from .manifest import ProjectSpec, StoreySpec, load_project_spec
from .units import UnitsReport, decide_units, longest_side, median, unit_by_code, unit_by_name

if TYPE_CHECKING:
    from ..rulesets import Ruleset

# Curves are flattened to this chord error, in metres.
FLATTEN_METRES = 0.005
MAX_LAYERS_NAMED = 12

# progress(file_label, done, total)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class LoadReport:
    """What loading one storey's file found and did, for preflight and the annex."""

    storey: str
    file: str  # as given in the manifest or on the command line
    read: ReadReport
    units: UnitsReport
    layers: tuple[tuple[str, str | None, int], ...]  # (layer, role or None, entities)
    hidden_layers: tuple[tuple[str, int], ...]
    ignored_types: tuple[tuple[str, int], ...]
    problems: tuple[tuple[Message, int], ...]  # what went wrong, how many times
    counts: dict
    roles: tuple[tuple[str, LayerRole], ...] = ()  # each layer with a role: how and why
    # The floor plates drawn side by side in the file (drawing units, numbered in this
    # order), when it holds several; () for one building.
    plates: tuple[Box, ...] = ()

    @property
    def unmapped_layers(self) -> tuple[tuple[str, int], ...]:
        return tuple((name, n) for name, role, n in self.layers if role is None)

    def layers_by_role(self) -> dict[str, list[str]]:
        roles: dict[str, list[str]] = {}
        for name, role, _ in self.layers:
            if role is not None:
                roles.setdefault(role, []).append(name)
        return roles

    def to_json(self) -> dict:
        return {
            "storey": self.storey,
            "file": self.file,
            "sha256": self.read.sha256,
            "size_bytes": self.read.size_bytes,
            "dxf_version": self.read.dxf_version,
            "release": self.read.release,
            "binary": self.read.binary,
            "recovered": self.read.recovered,
            "repairs": {
                "count": self.read.repair_count,
                "listed": list(self.read.repairs),
                "unrepaired": list(self.read.unrepaired),
            },
            "units": self.units.to_json(),
            "layers": {
                "by_role": self.layers_by_role(),
                "unmapped": [{"layer": n, "entities": c} for n, c in self.unmapped_layers],
                "hidden": [{"layer": n, "entities": c} for n, c in self.hidden_layers],
                "roles": [
                    {
                        "layer": name,
                        "role": explained.role.value if explained.role else None,  # roles has a role for each
                        "how": explained.how,
                        "confidence": explained.confidence,
                        "reason": render(explained.reason) if explained.reason is not None else None,
                        # the reason as a message too, so a page renders it in its own language
                        **(explained.reason.to_json() if explained.reason is not None else {}),
                    }
                    for name, explained in self.roles
                ],
            },
            "ignored_entities": {k: v for k, v in self.ignored_types},
            "problems": [{"message": str(m), **m.to_json(), "count": c} for m, c in self.problems],
            "counts": dict(self.counts),
            "plates": [list(box) for box in self.plates],
        }


def load_plan(
    target: Path,
    *,
    units: str | None = None,
    mapping: LayerMapping | None = None,
    progress: Progress | None = None,
    schedule: Path | None = None,
    ruleset: Ruleset | None = None,
) -> Plan:
    """Load ``target`` (project.toml or a single .dxf) into a Plan.

    ``units`` overrides every storey's units; ``mapping`` is tried before the
    manifest's own [layers] table; ``schedule`` (an openings schedule, CSV or XLSX)
    is used instead of the manifest's, its classes checked against ``ruleset``.
    """
    spec = load_project_spec(Path(target))
    return load_spec(spec, units=units, mapping=mapping, progress=progress, schedule=schedule, ruleset=ruleset)


def load_spec(
    spec: ProjectSpec,
    *,
    units: str | None = None,
    mapping: LayerMapping | None = None,
    progress: Progress | None = None,
    schedule: Path | None = None,
    ruleset: Ruleset | None = None,
) -> Plan:
    if units is not None:
        unit_by_name(units)  # refuse an unknown unit before any file is read
    layer_mapping = spec.mapping.merged(mapping) if mapping else spec.mapping
    storeys: list[Storey] = []
    reports: list[LoadReport] = []
    for storey_spec in spec.storeys:
        with cycle_collection_paused():  # see checker.gc_pause: a third of the load otherwise
            storey, report = load_storey(storey_spec, layer_mapping, units or storey_spec.units, progress)
        storeys.append(storey)
        reports.append(report)
    plan = Plan(project=spec.info, storeys=tuple(storeys), loads=tuple(reports))
    schedule = schedule or spec.schedule  # --schedule wins over the manifest's
    return apply_schedule(plan, read_schedule(schedule, ruleset)) if schedule else plan


def load_storey(
    spec: StoreySpec,
    mapping: LayerMapping,
    units_override: str | None = None,
    progress: Progress | None = None,
) -> tuple[Storey, LoadReport]:
    label = spec.shown_name or spec.path.name
    try:
        doc, read = read_dxf(spec.path, label, _kept_whole(mapping))
    except (TypeError, AttributeError, KeyError) as exc:  # ezdxf inside a damaged file, e.g. $ACADVER lost
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise UnreadableFile(f"{label} is not a readable DXF drawing: it is damaged ({detail}).") from None
    insunits = doc.header.get("$INSUNITS")
    # Guards extract() below (issue 10): block nesting, MINSERT grids and the expanded
    # entity count are checked on the block graph, refused before anything is expanded.
    check_expansion(doc, label)
    # NaN or 1e300 coordinates overflow while curves are flattened and shapes made; numpy's
    # warnings would reach the console. check_coordinates below refuses them in a sentence.
    try:
        with np.errstate(over="ignore", invalid="ignore"):  # context-local: safe in the web app's threads
            raw = extract(
                doc,
                mapping,
                _flatten_distance(doc, insunits, units_override),
                (lambda done, total: progress(label, done, total)) if progress else None,
            )
    except DXFError as exc:  # ezdxf on an entity it read but cannot give, e.g. a CLASS among the entities
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise UnreadableFile(f"{label} is damaged: an entity in it cannot be read ({detail}).") from None
    except shapely.errors.GEOSException:  # GEOS on geometry no drawing has, e.g. a block's line ending at infinity
        raise UnreadableFile(
            f"{label} is damaged: some of its geometry cannot be processed; look for coordinates that are not numbers or lie at infinity."
        ) from None
    # Guards everything that measures the plan (issue 10): coordinates past any building's size.
    check_coordinates(raw, label)
    layer_names = [layer.dxf.name for layer in doc.layers]
    modelspace = summarise_modelspace(doc)  # what telling the kind of sheet reads, if no plan is found
    # Nothing past here reads the document: its light records (on a large file as much as
    # the extraction) go now, before recognition works beside the extraction.
    del doc
    release_freed_memory()  # the document's records (checker.heap)
    if spec.region is None:  # elevations drawn on the plan's sheet are not part of the plan
        elevations, roof_plans = drawings_beside_plan(raw)
        for boxes, said in ((elevations, "load.elevations-left-out"), (roof_plans, "load.roof-plans-left-out")):
            if boxes:
                raw = without_boxes(raw, boxes)
                raw.problems[msg(said, count=len(boxes), boxes="; ".join(box_text(b) for b in boxes))] += 1
    # Walls first (on layer 0 they are found from geometry), so plates are found among them.
    try:
        _require_plan_content(raw, label, mapping, read, modelspace)
    except NoPlanContent:
        if spec.region is None:
            raise  # with a region, the plan may be one part of a sheet that reads as another drawing
    plates = find_plates(raw)  # several storeys drawn side by side in one file?
    if spec.region is not None:
        raw = _crop_to_region(raw, spec.region, label, plates)
        _require_plan_content(raw, label, mapping, read, modelspace)
    release_freed_memory()  # the recognisers' working arrays (checker.heap)
    extents, opening_width = _measure(raw)
    evidence = None if units_override else infer_units(raw, extents)  # door swings, wall faces, rooms...
    units = decide_units(insunits, units_override, extents, opening_width, evidence)
    recognise_rooms = not rooms_left_undrawn(layer_names, mapping.role_of, raw)
    unclosed = unclosed_counts(raw)  # before build_storey takes the shapes over
    storey = build_storey(spec.name, label, spec.elevation_m, raw, units.metres_per_unit, recognise_rooms)
    storey = mark_openings(storey, raw.texts, units.metres_per_unit)  # D1, W2: links to the schedule
    problems = Counter(raw.problems) + Counter(read.problems)  # + text in another code page than declared
    for role, count in unclosed.items():
        problems[msg("load.open-outlines", role=Term(f"layer-role.{role.value}"))] += count
    if plates and spec.region is None:
        problems[_several_plates(plates)] += 1
    explained = {name: mapping.explain(name) for name in raw.layer_entities}
    named = sorted(raw.layer_entities.items(), key=lambda item: item[0].casefold())
    layers = tuple(
        (name, layer_role.value if (layer_role := explained[name].role) else None, count) for name, count in named
    )
    report = LoadReport(
        storey=spec.name,
        file=spec.shown_name or str(spec.path),
        read=read,
        units=units,
        layers=layers,
        hidden_layers=tuple(sorted(raw.hidden_layers.items())),
        ignored_types=tuple(sorted(raw.ignored_types.items())),
        problems=tuple(sorted(problems.items(), key=lambda item: str(item[0]))),  # by the English
        counts=storey.counts(),
        roles=tuple((name, explained[name]) for name, _ in named if explained[name].role is not None),
        plates=plates,
    )
    return storey, report


def _kept_whole(mapping: LayerMapping):
    """Whether a block reference on a layer stays one element (a door, window or light),
    never exploded: such references may be read as light records (dxf.light)."""
    known: dict[str, bool] = {}

    def claim(layer: str) -> bool:
        if layer not in known:
            known[layer] = mapping.explain(layer).role in (Role.DOORS, Role.WINDOWS, Role.LIGHTS)
        return known[layer]

    return claim


def _flatten_distance(doc, insunits, override: str | None) -> float:
    unit = unit_by_name(override) if override else unit_by_code(insunits)
    if unit is not None:
        return FLATTEN_METRES / unit.metres
    # Unitless: a thousandth of a percent of the drawing's declared extents, or 1 mm
    # if the drawing were in metres.
    try:
        lo, hi = doc.header.get("$EXTMIN"), doc.header.get("$EXTMAX")
        size = max(hi[0] - lo[0], hi[1] - lo[1])
        if 0 < size < 1e9:
            return size / 20000.0
    except (TypeError, IndexError):
        pass
    return 0.001


def _measure(raw: Extraction) -> tuple[float | None, float | None]:
    """The building's longest side and the median opening width, in drawing units."""
    walls = [s.geometry for s in raw.shapes if s.role is Role.WALLS]
    plan_shapes = walls or [s.geometry for s in raw.shapes if s.role in PLAN_ROLES]
    spans = [((o.end[0] - o.start[0]) ** 2 + (o.end[1] - o.start[1]) ** 2) ** 0.5 for o in raw.openings]
    bounds = None
    if plan_shapes:
        bounds = tuple(shapely.total_bounds(plan_shapes))
    elif raw.openings:
        xs = [p[0] for o in raw.openings for p in (o.start, o.end)]
        ys = [p[1] for o in raw.openings for p in (o.start, o.end)]
        bounds = (min(xs), min(ys), max(xs), max(ys))
    return longest_side(bounds), median(spans)


def _require_plan_content(
    raw: Extraction, label: str, mapping: LayerMapping, read: ReadReport, modelspace: ModelspaceSummary | None = None
) -> None:
    has_plan = any(s.role in PLAN_ROLES for s in raw.shapes) or bool(raw.openings)
    if has_plan:
        return
    names = sorted(raw.layer_entities, key=str.casefold)
    shown = ", ".join(names[:MAX_LAYERS_NAMED]) + (
        f" and {len(names) - MAX_LAYERS_NAMED} more" if len(names) > MAX_LAYERS_NAMED else ""
    )
    repaired = f" (it was damaged; {read.repair_count} repairs were made)" if read.recovered else ""
    if not names:
        raise NoPlanContent(f"{label} has no visible drawing content{repaired}; draw the floor plan on visible layers.")
    # No layer names a role: say what the drawing is (an elevation, a detail sheet...), or,
    # when nothing marks it as another kind of drawing, find the walls from geometry.
    sheet = classify_sheet(raw, modelspace)
    found = None if sheet.certain else find_unnamed_walls(raw)
    if found is not None:
        adopt_unnamed_walls(raw, found)
        return
    if sheet.looks_like is not None:
        raise NoPlanContent(f"{label}{repaired} {sheet.looks_like}; draw or upload the floor plans.")
    raise NoPlanContent(
        f"{label} has no floor-plan content{repaired}: none of its layers ({shown}) holds walls, doors, "
        f"windows or spaces; if it is a floor plan, map its layers to roles in a [layers] table "
        f"(see docs/plan-convention.md)."
    )


def _several_plates(plates: tuple[Box, ...]) -> Message:
    """The sentence saying the file holds several plates, each with its box, and how to pick one."""
    boxes = Listing([msg("load.plate-box", number=n, box=box_text(b)) for n, b in enumerate(plates, 1)], "semicolon")
    return msg("load.several-plates", count=len(plates), boxes=boxes)


def _crop_to_region(raw: Extraction, region: Box, label: str, plates: tuple[Box, ...]) -> Extraction:
    """The drawing inside the storey's region; one sentence when nothing of a plan is there."""
    cropped = crop(raw, region)
    if has_plan_content(cropped) or not has_plan_content(raw):
        return cropped  # a drawing with no plan at all is refused as such, region or not
    shown = "; ".join(f"plate {n}: {box_text(b)}" for n, b in enumerate(plates, 1))
    where = f" The file's plates are {shown}." if plates else ""
    raise NoPlanContent(
        f"{label}: the region {box_text(region)} holds no walls, doors, windows or spaces; give the box "
        f"of one plate in drawing units.{where}"
    )

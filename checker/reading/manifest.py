"""The project manifest, ``project.toml``: what is built where, and which storey is which file.

::

    [project]
    name = "Two-storey house"
    address = "1 Example Street"
    permit = "2026/0001"
    municipality = "Example"
    architect = "A. Architect"       # optional
    ruleset = "ir-police-annex"      # optional; the default ruleset otherwise
    dwellings = 1
    units = "mm"                     # optional: overrides $INSUNITS for every storey
    schedule = "openings.csv"        # optional: the openings schedule (docs/schedule.md)

    [[storeys]]
    name = "Ground floor"
    file = "ground.dxf"              # relative to this manifest
    elevation = 0.0                  # metres, finished floor above ground level
    units = "mm"                     # optional, per storey
    region = [0, 0, 12000, 9000]     # optional: the plate to read when the file holds several
                                     # side by side ([x0, y0, x1, y1], drawing units)

    [layers]                         # optional: your layer names per role
    walls = ["Walls", "Wand (neu)"]

A single DXF file given alone is one storey at elevation 0.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, overload

from .layers import LayerMapping
from .source import read_plan_file
from ..errors import ManifestError, UnitsError
from ..plan import ProjectInfo
from .units import unit_by_name

PROJECT_KEYS = {"name", "address", "permit", "municipality", "architect", "ruleset", "dwellings", "units", "schedule"}
STOREY_KEYS = {"name", "file", "elevation", "units", "region"}
TOP_KEYS = {"project", "storeys", "layers", "schedule"}
# Tallest storey elevation we accept, in metres: beyond this it is a unit mistake.
MAX_ELEVATION = 1000.0


@dataclass(frozen=True)
class StoreySpec:
    name: str
    path: Path
    elevation_m: float
    units: str | None
    # The name to show and report instead of the file's own (the web app stores
    # uploads under random names but reports the name the architect gave).
    shown_name: str | None = None
    # The floor plate to read, [x0, y0, x1, y1] in drawing units, when the file draws
    # several side by side; None reads the whole drawing.
    region: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class ProjectSpec:
    info: ProjectInfo
    storeys: tuple[StoreySpec, ...]
    mapping: LayerMapping
    manifest: Path | None
    schedule: Path | None = None  # the openings schedule (CSV or XLSX), relative to the manifest


def load_project_spec(path: Path) -> ProjectSpec:
    """Read a project.toml, or wrap a single DXF file as a one-storey project."""
    path = Path(path)
    if path.suffix.lower() != ".toml":
        return ProjectSpec(
            info=ProjectInfo(name=path.stem),
            storeys=(StoreySpec("Storey 1", path, 0.0, None),),
            mapping=LayerMapping(),
            manifest=None,
        )
    where = path.name
    try:
        # An ordinary file within the size limit, never a device or a pipe (issue 15).
        data = tomllib.loads(read_plan_file(path, where).decode("utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{where} does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{where} cannot be read ({exc}).") from None
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"{where} is not valid TOML: {exc}.") from None

    _no_unknown(data, TOP_KEYS, where)
    project = data.get("project")
    if not isinstance(project, dict):
        raise ManifestError(f"{where}: a [project] table with at least a name is required.")
    _no_unknown(project, PROJECT_KEYS, f"{where} [project]")
    name = _text(project, "name", f"{where} [project]", required=True)
    dwellings = project.get("dwellings")
    if dwellings is not None and (not isinstance(dwellings, int) or isinstance(dwellings, bool) or dwellings < 1):
        raise ManifestError(f"{where} [project] dwellings must be a whole number of at least 1.")
    project_units = _units(project, f"{where} [project]")
    info = ProjectInfo(
        name=name,
        address=_text(project, "address", f"{where} [project]"),
        permit=_text(project, "permit", f"{where} [project]"),
        municipality=_text(project, "municipality", f"{where} [project]"),
        architect=_text(project, "architect", f"{where} [project]"),
        ruleset=_text(project, "ruleset", f"{where} [project]"),
        dwellings=dwellings,
    )

    storeys_data = data.get("storeys")
    if not isinstance(storeys_data, list) or not storeys_data:
        raise ManifestError(f"{where}: at least one [[storeys]] entry with a name and a file is required.")
    storeys: list[StoreySpec] = []
    seen: set[str] = set()
    for number, entry in enumerate(storeys_data, start=1):
        here = f"{where} [[storeys]] #{number}"
        if not isinstance(entry, dict):
            raise ManifestError(f"{here} must be a table with name, file and elevation.")
        _no_unknown(entry, STOREY_KEYS, here)
        storey_name = _text(entry, "name", here, required=True)
        if storey_name in seen:
            raise ManifestError(f"{here}: the storey name {storey_name!r} is used twice.")
        seen.add(storey_name)
        file = _file_name(_text(entry, "file", here, required=True), "file", here)
        elevation = entry.get("elevation", 0.0)
        # A TOML integer has no size limit: compared as it is, never made a float.
        if (
            isinstance(elevation, bool)
            or not isinstance(elevation, (int, float))
            or (isinstance(elevation, float) and not math.isfinite(elevation))
        ):
            raise ManifestError(f"{here}: elevation must be a number of metres.")
        if abs(elevation) > MAX_ELEVATION:
            raise ManifestError(f"{here}: elevation {elevation} m is not plausible; give it in metres.")
        storeys.append(
            StoreySpec(
                storey_name,
                (path.parent / file),
                float(elevation),
                _units(entry, here) or project_units,
                region=_region(entry, here),
            )
        )

    mapping = LayerMapping()
    if "layers" in data:
        mapping = LayerMapping.from_table(data["layers"], f"{where} [layers]")
    # schedule = "openings.csv", in [project] or before it; relative to this manifest.
    schedule = _text(project, "schedule", f"{where} [project]") or _text(data, "schedule", where)
    schedule = _file_name(schedule, "schedule", where) if schedule else None
    return ProjectSpec(
        info=info,
        storeys=tuple(storeys),
        mapping=mapping,
        manifest=path,
        schedule=(path.parent / schedule) if schedule else None,
    )


def _no_unknown(table: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ManifestError(f"{where}: unknown key {unknown[0]!r}; the keys are {', '.join(sorted(allowed))}.")


@overload
def _text(table: dict, key: str, where: str, required: Literal[True]) -> str: ...
@overload
def _text(table: dict, key: str, where: str, required: bool = False) -> str | None: ...
def _text(table: dict, key: str, where: str, required: bool = False) -> str | None:
    value = table.get(key)
    if value is None:
        if required:
            raise ManifestError(f"{where}: {key} is required.")
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise ManifestError(f"{where}: {key} must be text.")
    return value.strip() or None


def _file_name(value: str, key: str, where: str) -> str:
    """A path the file system can be asked about: no NUL, which no file name holds."""
    if "\x00" in value:
        raise ManifestError(f"{where}: {key} {value!r} is not a file name (it holds a NUL character).")
    return value


def _units(table: dict, where: str) -> str | None:
    value = _text(table, "units", where)
    if value is None:
        return None
    try:
        return unit_by_name(value).name
    except UnitsError as exc:
        raise ManifestError(f"{where}: {exc}") from None


def _region(table: dict, where: str) -> tuple[float, float, float, float] | None:
    """``region = [x0, y0, x1, y1]``: four finite numbers, a box with some width and height."""
    value = table.get("region")
    if value is None:
        return None
    numbers = (
        isinstance(value, list)
        and len(value) == 4
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value)
    )
    if not numbers:
        raise ManifestError(f"{where}: region must be four numbers [x0, y0, x1, y1] in drawing units, not {value!r}.")
    x0, y0, x1, y1 = (float(v) for v in value)
    if not (x0 < x1 and y0 < y1):
        raise ManifestError(f"{where}: region {value!r} is not a box: x0 must be less than x1 and y0 less than y1.")
    return (x0, y0, x1, y1)

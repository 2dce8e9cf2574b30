"""Steps for bounded_memory.feature: host walls scored, wall ends probed and the footprint
unioned in batches, and freed memory handed back to the operating system (checker.heap),
each through the real path: a plan written by bench_load or plan_styles and loaded by the
loader; a child process of its own for memory."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import ezdxf
import shapely
from pytest_bdd import given, scenarios, then, when

import checker.reading.build as build
import checker.reading.recognition.walls as walls
from checker.plan import OpeningKind
from checker.reading.layers import LayerMapping
from checker.reading.load import load_plan

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from bench_load import write_block_of_flats  # noqa: E402
from plan_styles import write_plan  # noqa: E402

scenarios("bounded_memory.feature")


@given("bench_load's block of flats at 6 x 6 flats", target_fixture="plan_path")
def plan_path(tmp_path) -> Path:
    path = tmp_path / "flats-6.dxf"
    write_block_of_flats(path, 6)
    return path


@given("a house whose door block lies half a kilometre from its walls", target_fixture="plan_path")
def far_door(tmp_path) -> Path:
    doc = ezdxf.new("R2018")
    doc.header["$INSUNITS"] = 4  # millimetres
    msp = doc.modelspace()
    for layer in ("A-WALL", "A-DOOR"):
        doc.layers.add(layer)
    for inset in (0, 200):
        corners = [(inset, inset), (10000 - inset, inset), (10000 - inset, 8000 - inset), (inset, 8000 - inset)]
        msp.add_lwpolyline(corners, close=True, dxfattribs={"layer": "A-WALL"})
    door = doc.blocks.new("DOOR")
    door.add_line((0, 0), (900, 0))
    door.add_arc((0, 0), 900, 0, 90)
    msp.add_blockref("DOOR", (500000, 500000), dxfattribs={"layer": "A-DOOR"})
    path = tmp_path / "far-door.dxf"
    doc.saveas(path)
    return path


def _batched_and_usual(read, path: Path, monkeypatch, *batch_sizes: tuple) -> tuple:
    """What ``read(path)`` gives with each (module, name, size) of ``batch_sizes`` set, and as usual."""
    usual = read(path)
    for module, name, size in batch_sizes:
        monkeypatch.setattr(module, name, size)
    return read(path), usual


def _hosts(path: Path) -> list[str | None]:
    plan = load_plan(path, mapping=LayerMapping())
    return [o.host_wall for storey in plan.storeys for o in storey.openings]


@when(
    "it is loaded with the host walls scored for 7 openings and 13 wall segments at a time, and loaded as usual",
    target_fixture="host_walls",
)
def host_walls(plan_path, monkeypatch) -> tuple[list, list]:
    batched, usual = _batched_and_usual(
        _hosts, plan_path, monkeypatch, (build, "ZONES_AT_ONCE", 7), (build, "SEGMENTS_AT_ONCE", 13)
    )
    return batched, usual


@then("both loads give every opening the same host wall")
def same_hosts(host_walls):
    batched, usual = host_walls
    assert batched == usual


@then("no opening has a host wall")
def unhosted(host_walls):
    batched, usual = host_walls
    assert batched == [None], batched  # the door is there, and nothing hosts it


@then("most openings have a host wall")
def hosted(host_walls):
    batched, _ = host_walls
    assert len(batched) > 7 * 10, f"the plan has too few openings ({len(batched)}) to be scored in many batches"
    assert sum(h is not None for h in batched) >= 0.9 * len(batched), batched  # nothing passes vacuously


@given(
    "a plan on layer 0 with sliding doors and windows drawn as two lines on the wall faces",
    target_fixture="plan_path",
)
def plan_of_wall_gaps(tmp_path) -> Path:
    path = tmp_path / "gaps.dxf"
    write_plan("layer 0, sliding doors, 2-line windows", 1, path)
    return path


def _openings(path: Path) -> list[tuple]:
    plan = load_plan(path, mapping=LayerMapping())
    return [(o.kind, o.span.coords[:], o.source.handle) for storey in plan.storeys for o in storey.openings]


@when(
    "it is loaded with its wall ends probed 7 at a time against 5 places at a time and its walls' outlines made 3 at a time, and loaded as usual",
    target_fixture="openings",
)
def openings(plan_path, monkeypatch) -> tuple[list, list]:
    return _batched_and_usual(
        _openings,
        plan_path,
        monkeypatch,
        (walls, "PROBES_AT_ONCE", 7),
        (walls, "PLACES_AT_ONCE", 5),
        (walls, "GEOMETRIES_AT_ONCE", 3),
    )


@then("both loads find the same doors and windows in the same places")
def same_openings(openings):
    probed, usual = openings
    assert probed == usual


@then("they find its doors and its windows")
def found_openings(openings):
    probed, _ = openings
    kinds = [kind for kind, _, _ in probed]
    assert kinds.count(OpeningKind.DOOR) >= 5 and kinds.count(OpeningKind.WINDOW) >= 5, kinds


def _footprints(path: Path) -> list:
    plan = load_plan(path, mapping=LayerMapping())
    return [(storey.footprint, storey.walls) for storey in plan.storeys]


@when(
    "its footprint is made from walls and openings unioned 5 at a time, and made as usual",
    target_fixture="footprints",
)
def footprints(plan_path, monkeypatch) -> tuple[list, list]:
    batched, usual = _batched_and_usual(_footprints, plan_path, monkeypatch, (build, "FOOTPRINT_BATCH", 5))
    wall_count = sum(len(w) for _, w in batched)
    assert wall_count > 5 * 10, f"the plan has too few walls ({wall_count}) to be unioned in many batches"
    return batched, usual


@then("both footprints are one outline within a millimetre of each other")
def same_footprints(footprints):
    batched, usual = footprints
    assert len(batched) == len(usual) == 1
    (mine, _), (theirs, _) = batched[0], usual[0]
    assert mine is not None and theirs is not None  # nothing passes vacuously
    assert shapely.get_num_geometries(mine) == 1 and shapely.get_num_interior_rings(mine) == 0
    assert shapely.hausdorff_distance(mine, theirs) <= 0.001
    assert abs(mine.area - theirs.area) <= 1e-4 * theirs.area


@then("the footprint covers every wall of the plan")
def covers_walls(footprints):
    footprint, walls = footprints[0][0]
    assert footprint.buffer(1e-6).covers(shapely.union_all([w.geometry for w in walls]))


# The child allocates through malloc (numpy buffers of 4 KB, past numpy's own small-buffer
# cache and below glibc's mmap threshold, so they come from the heap), frees all but the
# last (which pins the heap's top, so free() alone cannot shrink it), then releases.
_CHILD = textwrap.dedent(
    """
    import numpy as np
    from checker.heap import release_freed_memory

    def resident_mb():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * {page} / 2**20

    blocks = [np.ones(512) for _ in range(51200)]  # 4 KB each: 200 MB
    keep = blocks[-1]
    del blocks
    before = resident_mb()
    released = release_freed_memory()
    print(released, before, resident_mb())
    """
)


@given(
    "a process that has allocated 200 MB in small blocks and freed all but the last one", target_fixture="child_code"
)
def child_code() -> str:
    return _CHILD.replace("{page}", str(os.sysconf("SC_PAGE_SIZE")))


@when("it asks for its freed memory to be released", target_fixture="resident")
def resident(child_code) -> tuple[bool, float, float]:
    done = subprocess.run(
        [sys.executable, "-c", child_code], cwd=REPO, capture_output=True, text=True, timeout=120, check=True
    )
    released, before, after = done.stdout.split()
    return released == "True", float(before), float(after)


@then("its resident memory falls by at least 100 MB")
def fallen(resident):
    released, before, after = resident
    assert released, "checker.heap found no malloc_trim on this Linux machine"
    assert before - after >= 100, f"resident {before:.0f} MB before the release, {after:.0f} MB after"

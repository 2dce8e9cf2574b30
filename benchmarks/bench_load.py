"""Benchmark: loading and checking a plan, as ratios to a plain ezdxf.readfile.

Run with `make bench`. All timings of one size come from the same run on the same
machine, so the ratios are comparable between machines; absolute seconds are not.
A second, four-times-larger plan shows how the cost grows: a ratio near 4 between
sizes means linear, near 16 quadratic.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import ezdxf

from checker.reading.dxf.starter import PlanDrawing
from checker.engine import run_rules
from checker.reading.load import load_plan
from checker.rulesets import DEFAULT_RULESET, load_ruleset

REPEATS = 3


def write_block_of_flats(path: Path, flats_per_side: int) -> int:
    """A grid of 8 m x 6 m flats, each with walls, doors, windows and named rooms."""
    drawing = PlanDrawing("mm")
    for i in range(flats_per_side):
        for j in range(flats_per_side):
            x, y = i * 8.0, j * 6.0
            drawing.walls_loop([(x, y), (x + 8, y), (x + 8, y + 6), (x, y + 6)], thickness=0.2)
            drawing.wall((x + 4, y), (x + 4, y + 6), thickness=0.1)
            drawing.wall((x, y + 3), (x + 4, y + 3), thickness=0.1)
            drawing.door((x + 1, y), (x + 2, y), ROLE="ENTRANCE", RC="RC2")
            drawing.door((x + 4, y + 1), (x + 4, y + 2), ROLE="INTERNAL")
            drawing.door((x + 2, y + 3), (x + 3, y + 3), ROLE="INTERNAL")
            for k in range(3):
                drawing.window((x + 5 + k, y + 6), (x + 5.9 + k, y + 6), SILL=900, HEAD=2100, RC="RC2")
            drawing.space([(x + 0.1, y + 0.1), (x + 3.9, y + 0.1), (x + 3.9, y + 2.9), (x + 0.1, y + 2.9)], "Hall")
            drawing.space([(x + 4.1, y + 0.1), (x + 7.9, y + 0.1), (x + 7.9, y + 5.9), (x + 4.1, y + 5.9)], "Living")
    drawing.save(path)
    return len(drawing.doc.modelspace())


def best_of(function) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(folder: Path, flats_per_side: int) -> dict:
    path = folder / f"flats-{flats_per_side}.dxf"
    entities = write_block_of_flats(path, flats_per_side)
    ruleset = load_ruleset(DEFAULT_RULESET)
    plan = load_plan(path)
    readfile = best_of(lambda: ezdxf.readfile(path))
    load = best_of(lambda: load_plan(path))
    check = best_of(lambda: run_rules(plan, ruleset))
    return {"entities": entities, "readfile": readfile, "load": load, "check": check, "mb": path.stat().st_size / 1e6}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        small = measure(Path(tmp), 12)  # about 2,000 entities
        large = measure(Path(tmp), 24)  # about 8,000 entities
    print(f"{'plan':<22} {'readfile s':>10} {'load/readfile':>14} {'check/readfile':>15}")
    for row in (small, large):
        name = f"{row['entities']:,} entities, {row['mb']:.1f} MB"
        print(f"{name:<22} {row['readfile']:>10.3f} {row['load'] / row['readfile']:>14.2f} {row['check'] / row['readfile']:>15.3f}")
    growth = statistics.fmean([large["load"] / small["load"], large["check"] / max(small["check"], 1e-9)])
    size = large["entities"] / small["entities"]
    print(f"\n{size:.1f}x the entities cost {large['load'] / small['load']:.1f}x to load and "
          f"{large['check'] / max(small['check'], 1e-9):.1f}x to check (linear would be {size:.1f}x); mean growth {growth:.1f}x.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

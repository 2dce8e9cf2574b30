"""Benchmark: loading and checking a plan, as ratios to a plain ezdxf.readfile.

Run with `make bench`. All timings of one size come from the same run on the same
machine, so the ratios are comparable between machines; absolute seconds are not.
A second, four-times-larger plan shows how the cost grows: a ratio near 4 between
sizes means linear, near 16 quadratic.

Then the peak memory of `annex check` of the larger plan (ASCII and binary DXF), each
in a child process of its own, with the checker as it was before each file was read
once (commit SINGLE_READ_COMMIT's parent, taken from git), as of that commit, and as it
is now: the single read (issue 15) should cost no more memory than before, and less for
binary DXF, which ezdxf used to read from disk a second time.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
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
REPO = Path(__file__).resolve().parents[1]
# The commit that made every storey file read once (checker.reading.source).
SINGLE_READ_COMMIT = "7cf362a"


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


# The child reports its own peak (VmHWM) as it exits: the rusage its parent gets would
# count what it held before exec, that is this whole benchmark process it forked from.
PEAK_MARK = "bench-peak-kb"
CHECK_REPORTING_PEAK = f"""
import atexit, sys

def _peak():
    with open("/proc/self/status") as status:
        kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    sys.stderr.write("{PEAK_MARK} " + kb + "\\n")

atexit.register(_peak)
from checker.cli import main
sys.exit(main(sys.argv[1:]))
"""


def peak_of_check(source: Path, plan: Path) -> tuple[float, float, int]:
    """(peak resident MB, seconds, exit status) of `annex check plan` with the checker in ``source``."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    env.pop("ANNEX_DEBUG", None)
    start = time.perf_counter()
    child = subprocess.run(
        [sys.executable, "-c", CHECK_REPORTING_PEAK, "check", str(plan), "--quiet"],
        cwd=source,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peaks = [line.split()[1] for line in child.stderr.splitlines() if line.startswith(PEAK_MARK)]
    peak = float(peaks[-1]) / 1024 if peaks else float("nan")
    return peak, time.perf_counter() - start, child.returncode


def checker_at(commit: str, folder: Path) -> Path | None:
    """The checker and rulesets as of ``commit``, unpacked into ``folder``; None without git history."""
    if shutil.which("git") is None:
        return None
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", commit, "checker", "rulesets"],
        capture_output=True,
    )
    if archive.returncode != 0:
        return None
    folder.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def memory_of_single_read(folder: Path) -> list[str]:
    plan = folder / "flats-24.dxf"
    write_block_of_flats(plan, 24)
    binary = folder / "flats-24-binary.dxf"
    ezdxf.readfile(plan).saveas(binary, fmt="bin")
    versions = [
        ("before single read", checker_at(f"{SINGLE_READ_COMMIT}^", folder / "before")),
        ("single read", checker_at(SINGLE_READ_COMMIT, folder / "single")),
        ("now", REPO),
    ]
    lines = [
        "\nPeak memory of `annex check` of the larger plan, each in a child process:",
        f"{'checker':<20} {'ASCII MB':>9} {'binary MB':>10}   (ASCII {plan.stat().st_size / 1e6:.1f} MB, binary {binary.stat().st_size / 1e6:.1f} MB on disk)",
    ]
    for name, source in versions:
        if source is None:
            lines.append(f"{name:<20} {'(no git history to take it from)':>20}")
            continue
        figures = []
        for path in (plan, binary):
            peak, _, status = peak_of_check(source, path)
            figures.append(f"{peak:.0f}" if status in (0, 1) else f"exit {status}")
        lines.append(f"{name:<20} {figures[0]:>9} {figures[1]:>10}")
    return lines


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        small = measure(Path(tmp), 12)  # about 2,000 entities
        large = measure(Path(tmp), 24)  # about 8,000 entities
        memory = memory_of_single_read(Path(tmp) / "memory")
    print(f"{'plan':<22} {'readfile s':>10} {'load/readfile':>14} {'check/readfile':>15}")
    for row in (small, large):
        name = f"{row['entities']:,} entities, {row['mb']:.1f} MB"
        print(
            f"{name:<22} {row['readfile']:>10.3f} {row['load'] / row['readfile']:>14.2f} {row['check'] / row['readfile']:>15.3f}"
        )
    growth = statistics.fmean([large["load"] / small["load"], large["check"] / max(small["check"], 1e-9)])
    size = large["entities"] / small["entities"]
    print(
        f"\n{size:.1f}x the entities cost {large['load'] / small['load']:.1f}x to load and "
        f"{large['check'] / max(small['check'], 1e-9):.1f}x to check (linear would be {size:.1f}x); mean growth {growth:.1f}x."
    )
    print("\n".join(memory))
    return 0


if __name__ == "__main__":
    sys.exit(main())

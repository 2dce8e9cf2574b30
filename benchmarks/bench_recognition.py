"""Benchmark: how well recognition reads plans whose right reading is known, and what it costs.

Run with `make bench-recognition` (figures also go to out/bench-recognition.txt).

Quality: every style of ``plan_styles`` is drawn for a few seeds, loaded through the
real loader (``checker.reading.load_plan``) and scored against its truth:

- doors and windows match a true opening of the same kind whose midpoint lies within
  0.3 m of theirs (pairs from an STRtree query, assigned greedily, nearest first:
  each truth and each finding is used once);
- rooms match a true room when their intersection over union is at least 0.7;
- the unit is right when ``units.used`` is the unit the drawing is drawn in.

Precision is matched / found, recall matched / true; a plan the loader refuses finds
nothing, so it lowers recall and is counted as refused. The corpus floor plans in
``corpus_truth.toml`` are scored the same way, their truth given in drawing units.

Cost (``--cost``): the block of flats of ``bench_load.py`` grown to 100k entities, timed
in child processes (so that each measures its own peak memory): a plain ``ezdxf.readfile``
and ``load_plan`` + ``run_rules``; the target is at most 1.5x readfile in CPU seconds
(wall time is shown too, but on a shared machine it also measures the neighbours).
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from plan_styles import STYLES, Style, Truth, write_plan  # noqa: E402

OPENING_TOLERANCE_M = 0.3
ROOM_IOU = 0.7
TARGET = 0.95
COST_TARGET = 1.5
# Issue 12's targets for a whole check: time and peak memory against readfile's.
WHOLE_CHECK_TIME = 1.3
WHOLE_CHECK_MEMORY = 1.5
SEEDS = (1, 2, 3)
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_TRUTH = HERE / "corpus_truth.toml"
OUT = ROOT / "out" / "bench-recognition.txt"


# ---------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Reading:
    """What recognition found in one plan, in metres (or why it found nothing)."""

    doors: tuple[LineString, ...] = ()
    windows: tuple[LineString, ...] = ()
    rooms: tuple[Polygon, ...] = ()
    unit: str | None = None
    refused: str | None = None  # the loader's sentence when it refused the plan


@dataclass
class Tally:
    """Matched, found and true counts; precision and recall follow from them."""

    matched: int = 0
    found: int = 0
    true: int = 0

    def __iadd__(self, other: Tally) -> Tally:
        self.matched += other.matched
        self.found += other.found
        self.true += other.true
        return self

    @property
    def precision(self) -> float | None:
        """None when nothing was found: no claim was made, so none can be wrong."""
        return self.matched / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        """None when there was nothing to find."""
        return self.matched / self.true if self.true else None


@dataclass
class Score:
    doors: Tally = field(default_factory=Tally)
    windows: Tally = field(default_factory=Tally)
    rooms: Tally = field(default_factory=Tally)
    units_right: int = 0
    plans: int = 0
    refused: int = 0
    seconds: float = 0.0

    def __iadd__(self, other: Score) -> Score:
        self.doors += other.doors
        self.windows += other.windows
        self.rooms += other.rooms
        self.units_right += other.units_right
        self.plans += other.plans
        self.refused += other.refused
        self.seconds += other.seconds
        return self


def _greedy(pairs_a: np.ndarray, pairs_b: np.ndarray, order: np.ndarray) -> int:
    """One-to-one matches taken best first: the loop runs over candidate pairs only."""
    used_a, used_b, matched = set(), set(), 0
    for k in order:
        a, b = int(pairs_a[k]), int(pairs_b[k])
        if a not in used_a and b not in used_b:
            used_a.add(a)
            used_b.add(b)
            matched += 1
    return matched


def match_openings(
    true: tuple[LineString, ...], found: tuple[LineString, ...], tolerance: float = OPENING_TOLERANCE_M
) -> Tally:
    """Openings of one kind match when their midpoints are within ``tolerance`` metres."""
    tally = Tally(found=len(found), true=len(true))
    if not true or not found:
        return tally
    true_mid = shapely.line_interpolate_point(np.array(true, dtype=object), 0.5, normalized=True)
    found_mid = shapely.line_interpolate_point(np.array(found, dtype=object), 0.5, normalized=True)
    f, t = shapely.STRtree(true_mid).query(found_mid, predicate="dwithin", distance=tolerance)
    distance = shapely.distance(found_mid[f], true_mid[t])
    tally.matched = _greedy(f, t, np.argsort(distance, kind="stable"))
    return tally


def match_rooms(true: tuple[Polygon, ...], found: tuple[Polygon, ...], threshold: float = ROOM_IOU) -> Tally:
    """Rooms match when intersection over union is at least ``threshold``."""
    tally = Tally(found=len(found), true=len(true))
    if not true or not found:
        return tally
    true_arr, found_arr = np.array(true, dtype=object), np.array(found, dtype=object)
    f, t = shapely.STRtree(true_arr).query(found_arr, predicate="intersects")
    inter = shapely.area(shapely.intersection(found_arr[f], true_arr[t]))
    union = shapely.area(found_arr[f]) + shapely.area(true_arr[t]) - inter
    iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    keep = iou >= threshold
    f, t, iou = f[keep], t[keep], iou[keep]
    tally.matched = _greedy(f, t, np.argsort(-iou, kind="stable"))
    return tally


def score(truth: Truth, reading: Reading) -> Score:
    return Score(
        doors=match_openings(truth.doors, reading.doors),
        windows=match_openings(truth.windows, reading.windows),
        rooms=match_rooms(truth.rooms, reading.rooms),
        units_right=int(reading.unit == truth.unit),
        plans=1,
        refused=int(reading.refused is not None),
    )


def read_plan(path: Path) -> Reading:
    """The real loader's reading of ``path``; a refusal or a crash is a reading of nothing."""
    from checker.errors import AnnexError
    from checker.reading import load_plan

    try:
        plan = load_plan(path)
    except AnnexError as error:
        return Reading(refused=str(error))
    except Exception as error:  # a traceback is a bug, but the benchmark carries on and says so
        return Reading(refused=f"CRASH {type(error).__name__}: {error}")
    doors, windows, rooms = [], [], []
    for storey in plan.storeys:
        doors += [o.span for o in storey.doors]
        windows += [o.span for o in storey.windows]
        rooms += [s.polygon for s in storey.spaces]
    return Reading(tuple(doors), tuple(windows), tuple(rooms), plan.loads[0].units.used if plan.loads else None)


# ---------------------------------------------------------------------------- the sweep


def sweep(
    styles: tuple[Style, ...] = STYLES, seeds: tuple[int, ...] = SEEDS, folder: Path | None = None
) -> dict[str, Score]:
    """Score every style over ``seeds``; plans are written to ``folder`` (a temporary one by default)."""
    results: dict[str, Score] = {}
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(folder or tmp)
        where.mkdir(parents=True, exist_ok=True)
        for number, style in enumerate(styles):
            total = Score()
            for seed in seeds:
                path = where / f"style{number:02d}-seed{seed}.dxf"
                truth = write_plan(style, seed, path)
                start = time.perf_counter()
                reading = read_plan(path)
                one = score(truth, reading)
                one.seconds = time.perf_counter() - start
                if reading.refused and style.name not in _refusals:
                    _refusals[style.name] = reading.refused
                total += one
            results[style.name] = total
    return results


_refusals: dict[str, str] = {}


# ---------------------------------------------------------------------------- corpus


def corpus(truth_file: Path = CORPUS_TRUTH, folder: Path = CORPUS) -> tuple[dict[str, Score], list[str]]:
    """Score the corpus floor plans against their truth; say what happened to the others.

    Each entry scores only what its truth establishes (``scored``); found rooms outside
    ``rooms_region`` and found windows on glazing listed in ``ignore_windows`` are left
    out, since no truth says whether they are right.
    """
    spec = tomllib.loads(truth_file.read_text(encoding="utf-8"))
    entries = {entry["file"]: entry for entry in spec.get("plan", [])}
    results: dict[str, Score] = {}
    notes: list[str] = []
    for entry in spec.get("plan", []):
        path = folder / entry["file"]
        if not path.exists():
            notes.append(f"{entry['file']}: not found in {folder}")
            continue
        start = time.perf_counter()
        reading = read_plan(path)
        seconds = time.perf_counter() - start
        label = entry.get("label", entry["file"])
        if not entry.get("floor_plan", True):
            said = reading.refused or (
                f"loaded: {len(reading.doors)} doors, {len(reading.windows)} windows, "
                f"{len(reading.rooms)} rooms, unit {reading.unit}"
            )
            notes.append(f"{label}: not a floor plan; expected: {entry.get('expected', '?')}; the tool: {said[:200]}")
            continue
        truth, reading = corpus_truth(entry, entries, reading)
        one = score(truth, reading)
        scored = set(entry.get("scored", ("doors", "windows", "rooms", "unit")))
        for kind in ("doors", "windows", "rooms"):
            if kind not in scored:
                setattr(one, kind, Tally())
        one.seconds = seconds
        results[label] = one
        if reading.refused:
            notes.append(f"{label}: refused: {reading.refused[:200]}")
    return results, notes


def corpus_truth(entry: dict, entries: dict[str, dict], reading: Reading) -> tuple[Truth, Reading]:
    """The entry's truth in metres, and the reading without what that truth cannot judge."""
    from checker.reading.units import unit_by_name

    source = entries[entry["same_as"]] if "same_as" in entry else entry
    metres = unit_by_name(entry["unit"]).metres

    def lines(key):
        return tuple(
            LineString([(x0 * metres, y0 * metres), (x1 * metres, y1 * metres)])
            for x0, y0, x1, y1 in source.get(key, [])
        )

    truth = Truth(
        doors=lines("doors"),
        windows=lines("windows"),
        rooms=tuple(Polygon([(x * metres, y * metres) for x, y in ring]) for ring in source.get("rooms", [])),
        unit=entry["unit"],
    )
    rooms, windows = reading.rooms, reading.windows
    if "rooms_region" in source and rooms:
        x0, y0, x1, y1 = (v * metres for v in source["rooms_region"])
        inside = shapely.contains(shapely.box(x0, y0, x1, y1), shapely.centroid(np.array(rooms, dtype=object)))
        rooms = tuple(r for r, keep in zip(rooms, inside) if keep)
    ignored = lines("ignore_windows")
    if ignored and windows:
        middles = shapely.line_interpolate_point(np.array(windows, dtype=object), 0.5, normalized=True)
        near, _ = shapely.STRtree(np.array(ignored, dtype=object)).query(
            middles, predicate="dwithin", distance=OPENING_TOLERANCE_M
        )
        windows = tuple(w for k, w in enumerate(windows) if k not in set(near.tolist()))
    return truth, Reading(reading.doors, windows, rooms, reading.unit, reading.refused)


# ---------------------------------------------------------------------------- cost


COST_CHILD = r"""
import json, resource, sys, time
path, what = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if what == "readfile":
    import ezdxf
    ezdxf.readfile(path)
else:
    from checker.engine import run_rules
    from checker.reading.load import load_plan
    from checker.rulesets import DEFAULT_RULESET, load_ruleset
    plan = load_plan(path)
    run_rules(plan, load_ruleset(DEFAULT_RULESET))
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss}))
"""


def cost(entities: int = 100_000) -> list[str]:
    """readfile against load_plan + run_rules on the block of flats of bench_load.py."""
    from bench_load import write_block_of_flats

    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "flats.dxf"
        per_flat = write_block_of_flats(path, 4) / 16
        side = int(np.ceil(np.sqrt(entities / per_flat)))
        count = write_block_of_flats(path, side)
        runs: dict[str, dict] = {}
        for what in ("readfile", "load+check"):
            done = subprocess.run(
                [sys.executable, "-c", COST_CHILD, str(path), what],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=False,
            )
            if done.returncode != 0:
                return [f"cost: the {what} child failed: {done.stderr.strip().splitlines()[-1:]}"]
            runs[what] = json.loads(done.stdout.strip().splitlines()[-1])
        # CPU seconds decide: on a shared machine wall time also measures the neighbours.
        ratio = runs["load+check"]["cpu"] / runs["readfile"]["cpu"]
        wall = runs["load+check"]["seconds"] / runs["readfile"]["seconds"]
        memory = runs["load+check"]["peak_kb"] / runs["readfile"]["peak_kb"]
        lines.append(
            f"cost on {count:,} entities ({path.stat().st_size / 1e6:.0f} MB, {side}x{side} flats), each in its own process:"
        )
        for what, label in (("readfile", "ezdxf.readfile       "), ("load+check", "load_plan + run_rules")):
            run = runs[what]
            lines.append(
                f"  {label} {run['cpu']:8.2f} s CPU {run['seconds']:8.2f} s wall  peak {run['peak_kb'] / 1024:7.0f} MB"
            )
        lines.append(
            f"  CPU time ratio {ratio:.2f}x (wall {wall:.2f}x), peak memory ratio {memory:.2f}x; target: recognition "
            f"and check within {COST_TARGET}x readfile: {'PASS' if ratio <= COST_TARGET else 'FAIL'}"
        )
        # Load + check only: `annex check --json` adds the results and their JSON on top.
        lines.append(
            f"  against issue 12's targets for a whole check ({WHOLE_CHECK_TIME}x readfile's time, "
            f"{WHOLE_CHECK_MEMORY}x its peak memory): time {'PASS' if ratio <= WHOLE_CHECK_TIME else 'FAIL'}, "
            f"memory {'PASS' if memory <= WHOLE_CHECK_MEMORY else 'FAIL'}"
        )
    return lines


# ---------------------------------------------------------------------------- report


def _figure(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


HEAD = (
    f"{'':44} {'doors':>9} {'windows':>9} {'rooms':>9} {'units':>6} {'refused':>8} {'s/plan':>7}\n"
    f"{'style':44} {'P':>4} {'R':>4} {'P':>4} {'R':>4} {'P':>4} {'R':>4} {'right':>6} {'':>8} {'':>7}"
)


def table(results: dict[str, Score], title: str) -> list[str]:
    lines = [title, HEAD, "-" * len(HEAD.splitlines()[0])]
    total = Score()
    for name, s in results.items():
        total += s
        lines.append(_row(name, s))
    lines.append("-" * len(HEAD.splitlines()[0]))
    lines.append(_row("overall", total))
    return lines


def _row(name: str, s: Score) -> str:
    return (
        f"{name[:44]:44} {_figure(s.doors.precision)} {_figure(s.doors.recall)} {_figure(s.windows.precision)} "
        f"{_figure(s.windows.recall)} {_figure(s.rooms.precision)} {_figure(s.rooms.recall)} "
        f"{s.units_right:>3}/{s.plans:<2} {s.refused:>8} {s.seconds / max(s.plans, 1):>7.2f}"
    )


def verdict(results: dict[str, Score]) -> list[str]:
    total = Score()
    for s in results.values():
        total += s
    lines = [f"target >= {TARGET} each, every unit right:"]
    for label, value in (
        ("door precision", total.doors.precision),
        ("door recall", total.doors.recall),
        ("window precision", total.windows.precision),
        ("window recall", total.windows.recall),
        ("room precision", total.rooms.precision),
        ("room recall", total.rooms.recall),
    ):
        ok = value is not None and value >= TARGET
        lines.append(f"  {label:18} {_figure(value)}  {'PASS' if ok else 'FAIL'}")
    lines.append(
        f"  {'units right':18} {total.units_right}/{total.plans}  {'PASS' if total.units_right == total.plans else 'FAIL'}"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cost", action="store_true", help="also time recognition against ezdxf.readfile on 100k entities"
    )
    parser.add_argument("--only-cost", action="store_true", help="time the cost only")
    parser.add_argument("--seeds", type=int, default=len(SEEDS), help="seeds per style (default %(default)s)")
    parser.add_argument("--keep", type=Path, help="keep the generated plans in this folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    logging.getLogger("ezdxf").setLevel(logging.ERROR)
    lines: list[str] = []

    def say(new: list[str]) -> None:
        for line in new:
            print(line, flush=True)
        lines.extend(new)

    if not args.only_cost:
        start = time.perf_counter()
        styles = sweep(seeds=tuple(range(1, args.seeds + 1)), folder=args.keep)
        say(
            table(
                styles,
                f"Synthetic styles ({len(STYLES)} styles x {args.seeds} seeds; P precision, R recall; "
                f"openings within {OPENING_TOLERANCE_M} m, rooms IoU >= {ROOM_IOU})",
            )
        )
        say(verdict(styles))
        if _refusals:
            say(["refusals, first per style:"] + [f"  {name}: {why[:150]}" for name, why in _refusals.items()])
        say([f"style sweep took {time.perf_counter() - start:.0f} s", ""])
        found, notes = corpus()
        say(table(found, "Corpus floor plans (truth in benchmarks/corpus_truth.toml, established by looking)"))
        say(verdict(found))
        say(["corpus notes:"] + [f"  {note}" for note in notes] + [""])
    if args.cost or args.only_cost:
        say(cost())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\n(written to {args.out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

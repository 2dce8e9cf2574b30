"""Benchmark: the PDF annex of a plan of about 10,000 entities, against its target.

Target (the issue): the annex of a 10,000-entity plan renders in under 5 s and under
3 MB. Times are also given as ratios to a plain ezdxf.readfile of the same file, as in
bench_load.py, so that machines can be compared.

Two plans of about 10,000 entities each:

* ``flats``: bench_load's block of flats, every entity a wall, door, window or room, so
  thousands of findings; the annex lists and draws every one of them.
* ``notes``: the example house's ground floor with 10,000 lines and texts on a layer
  the checker ignores (furniture, hatching, lettering): the entity count of an ordinary
  drawing, the findings of a house. The plan drawing is made from the plan model, so
  the entities that are not plan content cost the annex nothing.

Load, check and the annex are each the best of three. The annex's CPU time is shown
beside its wall time: on a busy machine the wall time is the one that suffers.

Before the grouping of alike findings and openings and the picture for crowded plans
(issue 4), the flats' annex was 722 pages, 4.76 MB and 393 s; the house's 8 pages.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path

import ezdxf
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import best_of, write_block_of_flats  # noqa: E402

from checker.reading.dxf.starter import NOTE_LAYER  # noqa: E402
from checker.engine import run_rules  # noqa: E402
from checker.reading.load import load_plan  # noqa: E402
from checker.report.annex import annex_pdf, numbered_findings  # noqa: E402
from checker.rulesets import DEFAULT_RULESET, load_ruleset  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
FLATS_PER_SIDE = 27  # 27 x 27 flats: about 10,200 entities
NOTES = 10_000
TARGET_SECONDS = 5.0
TARGET_MB = 3.0


def write_house_with_notes(path: Path, count: int) -> int:
    """The example's ground floor plus ``count`` lines and texts on a layer no role maps."""
    doc = ezdxf.readfile(REPO / "examples" / "house" / "ground.dxf")
    doc.layers.add(NOTE_LAYER)
    space = doc.modelspace()
    for i in range(count // 2):
        x, y = (i % 100) * 100.0, (i // 100) * 100.0  # millimetres, over the site
        space.add_line((x, y), (x + 80, y + 80), dxfattribs={"layer": NOTE_LAYER})
        space.add_text(f"note {i}", height=50, dxfattribs={"layer": NOTE_LAYER, "insert": (x, y)})
    doc.saveas(path)
    return len(space)


def measure(path: Path, entities: int) -> dict:
    ruleset = load_ruleset(DEFAULT_RULESET)
    readfile = best_of(lambda: ezdxf.readfile(path))
    check = best_of(lambda: run_rules(load_plan(path), ruleset))
    plan = load_plan(path)
    results = run_rules(plan, ruleset)
    annex = cpu = float("inf")
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        pdf = annex_pdf(plan, results)
        annex = min(annex, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return {
        "entities": entities,
        "findings": len(numbered_findings(results)),
        "readfile": readfile,
        "check": check,
        "annex": annex,
        "annex_cpu": cpu,
        "mb": len(pdf) / 1e6,
        "pages": pages,
    }


def main() -> int:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "house-notes.dxf"
        rows["notes"] = measure(notes, write_house_with_notes(notes, NOTES))
        flats = Path(tmp) / "flats.dxf"
        rows["flats"] = measure(flats, write_block_of_flats(flats, FLATS_PER_SIDE))
    print(
        f"{'plan':<7} {'entities':>8} {'findings':>8} {'pages':>6} {'readfile s':>10} {'load+check/readfile':>20} "
        f"{'annex/readfile':>15} {'annex s':>8} {'cpu s':>6} {'annex MB':>9}  target (<{TARGET_SECONDS:g} s, <{TARGET_MB:g} MB)"
    )
    for name, row in rows.items():
        met = row["annex"] < TARGET_SECONDS and row["mb"] < TARGET_MB
        print(
            f"{name:<7} {row['entities']:>8,} {row['findings']:>8,} {row['pages']:>6,} {row['readfile']:>10.3f} "
            f"{row['check'] / row['readfile']:>20.2f} {row['annex'] / row['readfile']:>15.1f} "
            f"{row['annex']:>8.2f} {row['annex_cpu']:>6.2f} {row['mb']:>9.2f}  {'met' if met else 'NOT MET'}"
        )
    flats = rows["flats"]
    print(
        f"\nThe flats' annex lists and draws {flats['findings']:,} findings on {flats['pages']} pages: "
        f"{flats['annex'] / max(flats['findings'], 1) * 1000:.0f} ms and "
        f"{flats['mb'] * 1000 / max(flats['findings'], 1):.1f} kB per finding."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

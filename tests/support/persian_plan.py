"""A plan as an Iranian office draws it, for the tests of reading real drawings.

Persian layer names (دیوار، در، پنجره، متن), walls as double lines with gaps at the
openings, doors as a swing arc with its leaf line, windows as three parallel lines in a
wall gap, type marks as plain texts beside the openings, room names in Persian, no
block attributes and no unit in the header. Drawn in centimetres, as many Iranian
offices do, so the unit has to be inferred from the drawing's own sizes.

The layout (12 m x 9 m, 20 cm walls): a living room on the west half, a kitchen and a
bedroom on the east half, two external doors of type D1, an internal door D2, two
windows W1 in the north wall and one W2 in the west wall. ``TRUTH`` gives them in
metres, for tests to compare what was recognised against.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ezdxf

WALLS, DOORS, WINDOWS, TEXTS = "دیوار", "در", "پنجره", "متن"
CM = 0.01  # metres per drawing unit
THICK = 20  # wall thickness, cm


@dataclass(frozen=True)
class Truth:
    kind: str  # door / window
    mark: str
    jambs: tuple[tuple[float, float], tuple[float, float]]  # metres
    external: bool


TRUTH = (  # jambs on the wall's centre line, where an opening's span lies
    Truth("door", "D1", ((2.0, 0.1), (2.9, 0.1)), True),  # front door, south wall
    Truth("door", "D1", ((11.9, 6.0), (11.9, 6.9)), True),  # back door, east wall
    Truth("door", "D2", ((6.075, 3.0), (6.075, 3.8)), False),  # living room to kitchen
    Truth("window", "W1", ((1.5, 8.9), (3.0, 8.9)), True),
    Truth("window", "W1", ((8.0, 8.9), (9.5, 8.9)), True),
    Truth("window", "W2", ((0.1, 4.0), (0.1, 5.2)), True),
)
ROOMS = {"پذیرایی": "habitable", "آشپزخانه": "habitable", "اتاق\u200cخواب": "habitable"}


def _wall(msp, a, b, gaps=()) -> None:
    """A straight wall face from a to b (axis-parallel), broken at the gaps (along-axis ranges)."""
    horizontal = a[1] == b[1]
    lo, hi = (a[0], b[0]) if horizontal else (a[1], b[1])
    cuts = sorted(gaps)
    start = lo
    for g0, g1 in cuts:
        if g0 > start:
            msp.add_line(
                *(((start, a[1]), (g0, a[1])) if horizontal else ((a[0], start), (a[0], g0))),
                dxfattribs={"layer": WALLS},
            )
        start = g1
    if hi > start:
        msp.add_line(
            *(((start, a[1]), (hi, a[1])) if horizontal else ((a[0], start), (a[0], hi))), dxfattribs={"layer": WALLS}
        )


def _jambs(msp, points) -> None:
    """Short lines closing the wall ends at an opening, as drafters draw them."""
    for p, q in points:
        msp.add_line(p, q, dxfattribs={"layer": WALLS})


def write_persian_plan(path: Path, *, version: str = "R2010") -> Path:
    doc = ezdxf.new(version)
    doc.header["$INSUNITS"] = 0  # unitless: what many exported plans say
    for name in (WALLS, DOORS, WINDOWS, TEXTS):
        doc.layers.add(name)
    msp = doc.modelspace()
    W, H, T = 1200, 900, THICK
    # Outer and inner faces of the envelope, with gaps at the openings.
    _wall(msp, (0, 0), (W, 0), gaps=[(200, 290)])  # south, front door
    _wall(msp, (T, T), (W - T, T), gaps=[(200, 290)])
    _wall(msp, (0, H), (W, H), gaps=[(150, 300), (800, 950)])  # north, windows W1
    _wall(msp, (T, H - T), (W - T, H - T), gaps=[(150, 300), (800, 950)])
    _wall(msp, (0, 0), (0, H), gaps=[(400, 520)])  # west, window W2
    _wall(msp, (T, T), (T, H - T), gaps=[(400, 520)])
    _wall(msp, (W, 0), (W, H), gaps=[(600, 690)])  # east, back door
    _wall(msp, (W - T, T), (W - T, H - T), gaps=[(600, 690)])
    # Partition between the living room and the east rooms (15 cm), door D2 in it.
    _wall(msp, (600, T), (600, H - T), gaps=[(300, 380)])
    _wall(msp, (615, T), (615, H - T), gaps=[(300, 380)])
    # Partition between kitchen and bedroom.
    _wall(msp, (615, 450), (W - T, 450))
    _wall(msp, (615, 465), (W - T, 465))
    _jambs(
        msp,
        [
            ((200, 0), (200, T)),
            ((290, 0), (290, T)),
            ((W - T, 600), (W, 600)),
            ((W - T, 690), (W, 690)),
            ((600, 300), (615, 300)),
            ((600, 380), (615, 380)),
        ],
    )
    # Doors: swing arc and leaf, hinged at a jamb, opening inwards.
    msp.add_arc((200, T), 90, 0, 90, dxfattribs={"layer": DOORS})  # front door
    msp.add_line((200, T), (200, T + 90), dxfattribs={"layer": DOORS})
    msp.add_arc((W - T, 600), 90, 90, 180, dxfattribs={"layer": DOORS})  # back door
    msp.add_line((W - T, 600), (W - T - 90, 600), dxfattribs={"layer": DOORS})
    msp.add_arc((615, 300), 80, 0, 90, dxfattribs={"layer": DOORS})  # internal door, into the kitchen
    msp.add_line((615, 300), (695, 300), dxfattribs={"layer": DOORS})
    # Windows: three parallel lines across the wall's thickness.
    for x0, x1 in ((150, 300), (800, 950)):
        for y in (H - T, H - T / 2, H):
            msp.add_line((x0, y), (x1, y), dxfattribs={"layer": WINDOWS})
    for x in (0, T / 2, T):
        msp.add_line((x, 400), (x, 520), dxfattribs={"layer": WINDOWS})
    # Type marks beside the openings and room names inside the rooms.
    for text, at in (
        ("D1", (245, -45)),
        ("D1", (W + 45, 645)),
        ("D2", (570, 340)),
        ("W1", (225, H + 45)),
        ("W1", (875, H + 45)),
        ("W2", (-45, 460)),
    ):
        msp.add_text(text, height=20, dxfattribs={"layer": TEXTS}).set_placement(at)
    for name, at in zip(ROOMS, ((300, 450), (900, 220), (900, 680))):
        msp.add_text(name, height=25, dxfattribs={"layer": TEXTS}).set_placement(at)
    path = Path(path)
    doc.saveas(path)
    return path

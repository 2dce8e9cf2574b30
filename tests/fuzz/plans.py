"""Small plans written by ezdxf: the fuzz tests' project files and the DXF fuzzer's seeds.

Each is a real drawing the loader reads to a plan, kept small so that a case costs
hundredths of a second: mutations of them reach every stage of the check, where
mutations of a large corpus file mostly end in its first stage.
"""

from __future__ import annotations

from pathlib import Path

from ezdxf.lldxf.encoding import decode_dxf_unicode
from ezdxf.tools.codepage import toencoding

from checker.reading.dxf.starter import PlanDrawing
from tests.support.persian_plan import write_persian_plan

HOUSE = [(0, 0), (10, 0), (10, 8), (0, 8)]
STREET = [(-20, -6), (30, -6), (30, -14), (-20, -14)]
FRONT_DOOR = dict(ROLE="ENTRANCE", RC="RC2", CERT="PAS 24:2022", GLAZING="NONE", VIEWER="YES")
SECURE_WINDOW = dict(SILL=900, HEAD=2100, RC="RC2", CERT="PAS 24:2022", GLAZING="P4A")


def house(units: str | None = "mm", dxfversion: str = "R2018") -> PlanDrawing:
    """The complying house of the feature tests: walls, a front door, a window, a light, the street."""
    drawing = PlanDrawing(units, dxfversion)
    drawing.walls_loop(HOUSE, thickness=0.3)
    drawing.door((4.0, 0.0), (5.0, 0.0), **FRONT_DOOR)
    drawing.window((6.0, 8.0), (4.8, 8.0), **SECURE_WINDOW)
    drawing.light((5.5, -0.6))
    drawing.public_realm(STREET)
    return drawing


def blocks_house() -> PlanDrawing:
    """The house with its walls in a nested block, a MINSERT grid of columns, a balcony and a room."""
    drawing = PlanDrawing("mm")
    drawing.block("COLUMN", lambda d: d.wall((0, 0), (0.2, 0), thickness=0.2, layer="0"))
    drawing.block("SHELL", lambda d: d.walls_loop(HOUSE, thickness=0.3, layer="0"))
    drawing.block("HOUSE", lambda d: d.insert("SHELL", (0, 0)))
    drawing.insert("HOUSE", (0, 0), layer="A-WALL")
    drawing.insert(
        "COLUMN", (1.0, 1.0), layer="A-WALL", row_count=2, column_count=3, row_spacing=3.0, column_spacing=3.0
    )
    drawing.door((4.0, 0.0), (5.0, 0.0), **FRONT_DOOR)
    drawing.window((6.0, 8.0), (4.8, 8.0), **SECURE_WINDOW)
    drawing.space([(0.2, 0.2), (9.8, 0.2), (9.8, 7.8), (0.2, 7.8)], "Living", use="habitable")
    drawing.access_surface([(2, 8), (6, 8), (6, 9.5), (2, 9.5)], height=2.7, kind="balcony")
    drawing.public_realm(STREET)
    return drawing


def write_seed_plans(folder: Path) -> dict[str, Path]:
    """The ezdxf-written seeds, by name: ASCII R2018 and R12, binary, nested blocks, Persian cp1256."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = {
        "house-mm.dxf": house("mm").save(folder / "house-mm.dxf"),
        "house-m-r12.dxf": house("m", "R12").save(folder / "house-m-r12.dxf"),
        "house-binary.dxf": house("cm").save(folder / "house-binary.dxf", binary=True),
        "blocks-house.dxf": blocks_house().save(folder / "blocks-house.dxf"),
        "persian-r2000.dxf": _in_code_page(
            write_persian_plan(folder / "persian-r2000.dxf", version="R2000"), "ANSI_1256"
        ),
    }
    return seeds


def _in_code_page(path: Path, page: str) -> Path:
    """The drawing saved again with its text in code page ``page`` (ezdxf writes \\U+ escapes)."""
    text = decode_dxf_unicode(path.read_text(encoding="ascii"))
    text = text.replace("$DWGCODEPAGE\n  3\nANSI_1252\n", f"$DWGCODEPAGE\n  3\n{page}\n")  # ezdxf writes its own
    path.write_bytes(text.encode(toencoding(page), errors="replace"))  # U+06CC has no ANSI_1256 byte
    return path

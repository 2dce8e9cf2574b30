"""Write the openings schedule an architect fills in: one row per door and window.

``annex schedule PLAN -o openings.csv`` (or ``.xlsx``). Each row says which opening
it is (storey, handle, type mark) and what the reader saw (kind, width, external or
internal, how it was recognised, how sure), then the security data the rules read:
ROLE, RC, CERT, GLAZING, SILL, HEAD, GRILLE, VIEWER, ACCESS. A value is the block
attribute's or the schedule's the plan was loaded with, else a guess ending in ``?``
(only ROLE, and only ENTRANCE?: an external door on the ground storey that opens into
a hall or corridor), else empty. ``checker.reading.schedule`` reads it back.

CSV is written as UTF-8 with a byte order mark and CRLF line ends: Excel opens it
with Persian and accented text intact (without the mark it assumes the local code
page), and every other reader ignores the mark. XLSX is the safer choice for Excel,
which turns a handle such as ``1E5`` in a CSV into a number.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import shapely

from ..errors import AnnexError
from ..plan import Opening, OpeningKind, Plan, Storey
from ..reading.schedule import DATA_COLUMNS, GUESS_SUFFIX, INFO_COLUMNS

COLUMNS = INFO_COLUMNS + DATA_COLUMNS
# A ground storey's floor is within this of ground level (a raised ground floor), metres.
GROUND_STOREY_ELEVATION = 0.6
# How far inside an external door we look for the space it opens into, metres.
INSIDE_PROBE = 0.6
# The values XLSX offers in a drop-down (typing another is only warned about: a guess ends in "?").
CHOICES = {
    "ROLE": ("ENTRANCE", "COMMUNAL", "GARAGE", "SECONDARY", "INTERNAL"),
    "ACCESS": ("NONE", "KEY", "FOB", "VIDEO", "AUDIT"),
    "VIEWER": ("YES", "NO"),
}


def schedule_rows(plan: Plan) -> list[dict[str, object]]:
    """One row per door and window: storey order, doors before windows, by type mark then handle."""
    rows: list[dict[str, object]] = []
    for storey in plan.storeys:
        entrances = _entrance_guesses(storey)
        ordered = sorted(
            range(len(storey.openings)),
            key=lambda i: (
                storey.openings[i].kind is not OpeningKind.DOOR,
                storey.openings[i].source.type_mark is None,
                _natural(storey.openings[i].source.type_mark or ""),
                _natural(storey.openings[i].source.handle),
            ),
        )
        for index in ordered:
            opening = storey.openings[index]
            row: dict[str, object] = {
                "storey": storey.name,
                "handle": opening.source.handle,
                "type_mark": opening.source.type_mark or "",
                "kind": opening.kind.value,
                "width_mm": int(round(opening.width_m * 1000)),
                "external": "yes" if opening.on_envelope else "no",
                "recognised_by": opening.source.recognised_by,
                "confidence": round(opening.source.confidence, 2),
            }
            attrs = opening.attributes
            for tag in DATA_COLUMNS:
                value = attrs.raw_value(tag)
                if value is not None and value.strip():
                    guessed = attrs.source_of(tag) == "guess"
                    row[tag] = value.strip() + (GUESS_SUFFIX if guessed else "")
                elif tag == "ROLE" and index in entrances:
                    row[tag] = "ENTRANCE" + GUESS_SUFFIX
                else:
                    row[tag] = ""
            rows.append(row)
    return rows


def _entrance_guesses(storey: Storey) -> set[int]:
    """Openings of ``storey`` that look like an entrance door: external, on the ground
    storey, opening into a circulation space (hall, corridor, lobby)."""
    if abs(storey.elevation_m) > GROUND_STOREY_ELEVATION:
        return set()
    halls = [s.polygon for s in storey.spaces if s.use == "circulation"]
    doors = [
        i
        for i, o in enumerate(storey.openings)
        if o.kind is OpeningKind.DOOR and o.outward is not None and o.attributes.raw_value("ROLE") is None
    ]
    if not halls or not doors:
        return set()
    inside = np.array([_inside_point(storey.openings[i]) for i in doors])
    found, _ = shapely.STRtree(halls).query(shapely.points(inside), predicate="within")
    return {doors[int(k)] for k in np.unique(found)}


def _inside_point(opening: Opening) -> tuple[float, float]:
    centre = opening.position
    ox, oy = opening.outward or (0.0, 0.0)
    return (centre.x - ox * INSIDE_PROBE, centre.y - oy * INSIDE_PROBE)


def _natural(text: str) -> tuple:
    """D2 before D10; numbers and words never compared with each other."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text.casefold()) if part
    )


# ------------------------------------------------------------------ files


def write_schedule(plan: Plan, out: Path) -> int:
    """Write the schedule to ``out`` (.csv or .xlsx); returns the number of rows."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise AnnexError(f"{out} should end in .csv or .xlsx.")
    rows = schedule_rows(plan)
    data = schedule_csv(rows) if suffix == ".csv" else schedule_xlsx(rows)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        raise AnnexError(f"Cannot write {out} ({exc.strerror or exc}).") from None
    return len(rows)


def schedule_csv(rows: list[dict[str, object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def schedule_xlsx(rows: list[dict[str, object]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.worksheets[0]  # the one a new workbook has (its active one)
    sheet.title = "Openings"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row[c] for c in COLUMNS])
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="EEEEEE")
    for cell in sheet[1]:
        cell.font = bold
    last = len(rows) + 1
    for position, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = max(10, len(column) + 2) if column in DATA_COLUMNS else 14
        if column in INFO_COLUMNS and column not in ("storey", "handle", "type_mark"):
            for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=position, max_col=position):
                cell.fill = grey  # what the reader saw: for reference, not to fill in
        if column in CHOICES and rows:
            check = DataValidation(type="list", formula1='"' + ",".join(CHOICES[column]) + '"', allow_blank=True)
            check.errorStyle = "warning"  # a guess ("ENTRANCE?") or a new value may still be typed
            check.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(check)
    sheet.freeze_panes = "D2"
    notes = book.create_sheet("Read me")
    for line in README_LINES:
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


README_LINES = (
    "Openings schedule for security-annex (see docs/schedule.md).",
    "One row per door and window of the plan. Fill in the columns ROLE to ACCESS; leave a cell empty when you do not know.",
    "To specify a whole type, add a row with the type_mark and an empty handle: it applies to every opening with that mark.",
    "A row with a handle wins over the row of its type; a schedule value wins over a block attribute in the drawing.",
    "A value ending in ? is the checker's guess: delete the ? to confirm it, or replace it.",
    "ROLE: ENTRANCE, COMMUNAL, GARAGE, SECONDARY or INTERNAL. RC: NONE, RC1N, RC1, RC2N, RC2 ... RC6. GLAZING: NONE, FLOAT, TOUGHENED, P1A ... P8B.",
    "SILL and HEAD: mm above the storey's finished floor. GRILLE: NONE or bar/gap in mm (20/120). VIEWER: YES or NO. ACCESS: NONE, KEY, FOB, VIDEO or AUDIT.",
    "Then run: annex check PLAN --schedule this-file.xlsx",
)

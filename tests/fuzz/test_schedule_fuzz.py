"""Any openings schedule, CSV or XLSX, ends in a result or in one sentence.

The project is two storeys of the house, each with a door D1 and a window W1 whose
handles are the same on both storeys, so a schedule's rows can name an opening
well, ambiguously, on the wrong storey, or not at all. Schedules are drawn as
tables (known columns, their aliases and junk headings; cells from each column's
vocabulary or junk), written as CSV in Excel's and others' dialects or as XLSX with
typed cells, and as byte mutations of both; each goes through
``annex preflight project.toml --schedule FILE`` in this process.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from checker.errors import ScheduleError
from checker.reading.schedule import DATA_COLUMNS, INFO_COLUMNS, read_schedule

from .conftest import cases
from .harness import assert_ends_well, run_in_process
from .plans import house
from .strategies import TEXT, mutated_bytes, one_in

MANIFEST = """\
[project]
name = "Schedule fuzz"

[[storeys]]
name = "Ground"
file = "ground.dxf"

[[storeys]]
name = "First"
file = "first.dxf"
elevation = 3.0
"""
HEADINGS = list(INFO_COLUMNS + DATA_COLUMNS) + [
    "Type mark",
    "TYPE-MARK",
    "mark",
    "type",
    "level",
    "Floor",
    " Handle ",
    "rc",
    "",
    "Colour",
    "handle ",
    "ROLE?",
]
VOCABULARY = {
    "storey": ["Ground", "First", "ground", "FIRST", "Roof", ""],
    "handle": ["61", "68", "6A", "1E5", "1.00E+05", '="61"', "FFFF", "0", "", "61 ", "x"],
    "type_mark": ["D1", "W1", "d1", "D 1", "D2", "W9", ""],
    "ROLE": ["ENTRANCE", "COMMUNAL", "GARAGE", "SECONDARY", "INTERNAL", "ENTRANCE?", "entrance", "?", "THRONE"],
    "RC": ["RC2", "RC3", "rc2", "RC9", "RC2N", "NONE", "RC2?", "2"],
    "CERT": ["PAS 24:2022", "EN 1627", "", "?"],
    "GLAZING": ["P4A", "P2A", "NONE", "p4a", "P9", "P4A?"],
    "SILL": ["900", "0", "-5", "1e3", "nan", "inf", "900 mm", "9" * 40, "900?"],
    "HEAD": ["2100", "0", "abc", "2100?"],
    "GRILLE": ["YES", "NO", "maybe", "YES?"],
    "VIEWER": ["YES", "NO", "yes", "1"],
    "ACCESS": ["NONE", "KEY", "FOB", "VIDEO", "AUDIT", "LASER"],
}


def cell_for(heading: str):
    key = heading.strip().lower().replace("-", "_").replace(" ", "_")
    key = {"mark": "type_mark", "type": "type_mark", "level": "storey", "floor": "storey"}.get(key, key)
    words = VOCABULARY.get(key) or VOCABULARY.get(key.upper()) or ["door", "yes", "1.0", "1000"]
    return st.one_of(st.sampled_from(words), st.sampled_from(words), TEXT)


@st.composite
def tables(draw) -> list[list[object]]:
    header = draw(st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=10))
    if draw(one_in(4)):  # the schedule as written: every column, in order
        header = list(INFO_COLUMNS + DATA_COLUMNS)
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        row = [draw(cell_for(h)) for h in header]
        if draw(one_in(6)):
            row = row[: draw(st.integers(0, len(row)))] if draw(st.booleans()) else row + [draw(TEXT)]
        rows.append(row)
    return [header, *rows]


def csv_bytes(table: list[list[object]], delimiter: str, bom: bool, quoting: int, line_end: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator=line_end).writerows(table)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def typed(value: str, how: int) -> object:
    """A cell as Excel may hold it: text, a number, a truth value, a date or empty."""
    if how == 0 or not value.strip():
        return value
    for parse in (int, float):
        try:
            return parse(value)
        except ValueError:
            pass
    return {1: value, 2: True, 3: dt.datetime(2026, 1, 2, 3, 4, 5), 4: None}.get(how, value)


def xlsx_bytes(table: list[list[object]], sheet_title: str, typing: list[int], extra_sheet: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    if extra_sheet:
        book.active.title = "Notes"
        book.active["A1"] = "not the schedule"
        sheet = book.create_sheet(sheet_title)
    else:
        sheet = book.active
        sheet.title = sheet_title
    for r, row in enumerate(table):
        cleaned = [
            ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row
        ]  # XML has no control characters
        sheet.append(
            [typed(v, typing[(r + c) % len(typing)]) if isinstance(v, str) and r else v for c, v in enumerate(cleaned)]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("schedule-fuzz")
    for name, unit in (("ground", "mm"), ("first", "m")):
        drawing = house(unit)
        drawing.add_layer("A-ANNO-TEXT")
        drawing.text((4.5, -0.5), "D1", "A-ANNO-TEXT")
        drawing.text((5.4, 8.5), "W1", "A-ANNO-TEXT")
        drawing.save(folder / f"{name}.dxf")
    (folder / "project.toml").write_text(MANIFEST, encoding="utf-8")
    for suffix in (".csv", ".xlsx"):  # the schedules as annex writes them: the mutations' seeds
        outcome = run_in_process(["schedule", folder / "project.toml", "-o", folder / f"written{suffix}", "--quiet"])
        assert outcome.status == 0, outcome.stderr
    return folder / "project.toml"


def check_schedule(project: Path, data: bytes, suffix: str) -> None:
    path = project.parent / f"openings{suffix}"
    path.write_bytes(data)
    try:  # the parser alone: a ScheduleError or a schedule, never anything else
        read_schedule(path)
    except ScheduleError as exc:
        assert "\n" not in exc.message, exc.message
    outcome = run_in_process(["preflight", project, "--schedule", path, "--quiet"])
    event(f"exit {outcome.status}")
    assert_ends_well(outcome)


@cases(50)
@given(
    table=tables(),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    bom=st.booleans(),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
    line_end=st.sampled_from(["\r\n", "\n", "\r"]),
)
def test_every_csv_schedule_ends_in_a_result_or_one_sentence(project, table, delimiter, bom, quoting, line_end):
    try:
        data = csv_bytes(table, delimiter, bom, quoting, line_end)
    except csv.Error:  # QUOTE_NONNUMERIC with a value csv cannot write
        data = csv_bytes(table, delimiter, bom, csv.QUOTE_ALL, line_end)
    check_schedule(project, data, ".csv")


@cases(25)
@given(
    table=tables(),
    sheet_title=st.sampled_from(["Openings", "Sheet1", "openings"]),
    typing=st.lists(st.integers(0, 4), min_size=1, max_size=4),
    extra_sheet=st.booleans(),
)
def test_every_xlsx_schedule_ends_in_a_result_or_one_sentence(project, table, sheet_title, typing, extra_sheet):
    check_schedule(project, xlsx_bytes(table, sheet_title, typing, extra_sheet), ".xlsx")


@cases(20)
@given(data=st.data(), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_every_damaged_schedule_ends_in_a_result_or_one_sentence(project, data, suffix):
    seed = (project.parent / f"written{suffix}").read_bytes()
    check_schedule(project, data.draw(mutated_bytes(seed, max_mutations=3)), suffix)


def test_a_workbook_whose_sheet_is_damaged_ends_in_one_sentence(project):
    """Kept from the fuzzer: damaged deflate data in the sheet made openpyxl raise zlib.error
    (an internal error); here the first two bytes of the sheet's compressed data are 0xFF."""
    data = (project.parent / "written.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = next(i for i in archive.infolist() if i.filename.startswith("xl/worksheets/"))
    start = sheet.header_offset + 30 + len(sheet.filename.encode()) + len(sheet.extra)  # past the local header
    path = project.parent / "damaged.xlsx"
    path.write_bytes(data[:start] + b"\xff\xff" + data[start + 2 :])
    outcome = run_in_process(["preflight", project, "--schedule", path, "--quiet"])
    assert outcome.status == 2, outcome
    assert_ends_well(outcome)

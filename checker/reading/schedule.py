"""The openings schedule: the security data of doors and windows, as a table.

Real drawings carry no RC, GLAZING or ROLE attributes: architects specify doors and
windows in a door and window schedule. ``annex schedule PLAN -o openings.csv``
(``checker.report.schedule``) writes one row per recognised opening; the architect
fills it in and ``annex check PLAN --schedule openings.csv`` reads it back here.

A row names either one opening (``handle``, with ``storey`` when the project has
several) or a whole type (``type_mark`` with an empty ``handle``: every opening with
that mark, as door schedules specify by type). A handle row that gives a type mark
also names that opening's type. Per value, most binding first:

    handle row > type row > block attribute > guess in a handle row > guess in a type row

A value ending in ``?`` is a guess the checker wrote; it counts only where nothing
better is known, and the results say so (source ``guess``). An empty cell gives no
value. Values are parsed exactly as block attributes are (``parse_attributes``), and
``OpeningAttributes.sources`` records where each value came from.

Anything the schedule says that the plan does not have (a handle, a storey, a type
mark, a column) or a value that cannot be read is refused with one sentence that
names the row: a schedule silently ignored would pass a plan on data nobody checked.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ScheduleError
from ..messages import render
from ..plan import (
    ATTRIBUTE_TAGS,
    GLAZING_CLASSES,
    RESISTANCE_CLASSES,
    Opening,
    OpeningAttributes,
    Plan,
    parse_attributes,
)
from .recognition.type_marks import mark_key
from .source import read_plan_file

if TYPE_CHECKING:  # reading depends on no ruleset code: a ruleset only narrows what it accepts
    from ..rulesets import Ruleset

# The security data, in the order the schedule shows them (block attribute tags).
DATA_COLUMNS = ("ROLE", "RC", "CERT", "GLAZING", "SILL", "HEAD", "GRILLE", "VIEWER", "ACCESS")
# What the written schedule says about each opening; read back only to find it.
INFO_COLUMNS = ("storey", "handle", "type_mark", "kind", "width_mm", "external", "recognised_by", "confidence")
GUESS_SUFFIX = "?"
SUFFIXES = (".csv", ".xlsx", ".xlsm")
# Column headings as people write them: "Type mark", "TYPE-MARK", "mark".
_ALIASES = {"mark": "type_mark", "typemark": "type_mark", "type": "type_mark", "level": "storey", "floor": "storey"}
# Excel turns a handle such as 1E5 into 1.00E+05 when it opens a CSV.
_EXCEL_EXPONENT = re.compile(r"^(\d+)(?:\.0+)?E\+?0*(\d+)$", re.IGNORECASE)
# Value origins, most binding first (see the module docstring).
_PRIORITY = ("handle", "type", "block", "handle-guess", "type-guess")


@dataclass(frozen=True)
class ScheduleRow:
    where: str  # "openings.csv line 4", "openings.xlsx row 4": how an error names the row
    storey: str | None
    handle: str | None
    type_mark: str | None
    values: tuple[tuple[str, str], ...]  # (tag, value as written, a guess ending in "?")


@dataclass(frozen=True)
class Schedule:
    path: Path
    rows: tuple[ScheduleRow, ...]


@dataclass(frozen=True)
class Vocabulary:
    """The RC, GLAZING and GRILLE values a ruleset can judge.

    A schedule is written for one ruleset: a class it does not know would leave the
    opening unjudged (or judged on data nobody meant), so it is refused on reading.
    Rulesets rank resistance classes on EN 1627's ladder and glazing on EN 356's
    (``required_class``, ``required_glazing``); grilles count only where a rule takes
    them in place of a class (``grilles_accepted``) or judges them (OPEN-06).
    """

    ruleset: str | None  # None: no ruleset chosen yet; every class any ruleset knows
    classes: tuple[str, ...] = RESISTANCE_CLASSES
    glazing: tuple[str, ...] = GLAZING_CLASSES
    grilles: bool = True

    @classmethod
    def of(cls, ruleset: Ruleset | None) -> Vocabulary:
        if ruleset is None:
            return cls(None)
        grilles = any(e.params.get("grilles_accepted") is True or e.rule.id == "OPEN-06" for e in ruleset.rules)
        return cls(ruleset.info.name, grilles=grilles)

    def named(self) -> str:
        return f"the ruleset {self.ruleset}" if self.ruleset else "any ruleset"


# ------------------------------------------------------------------ reading


def read_schedule(path: Path, ruleset: Ruleset | None = None) -> Schedule:
    """Read a schedule CSV (UTF-8, with or without BOM; comma, semicolon or tab) or XLSX.

    Its classes are checked against ``ruleset`` (the one in force), or against every
    class any ruleset knows when no ruleset is chosen yet.
    """
    path = Path(path)
    vocabulary = Vocabulary.of(ruleset)
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ScheduleError(
            f"The schedule {name} is neither a CSV nor an XLSX file; write it with `annex schedule PLAN -o openings.csv` (or .xlsx)."
        )
    if not path.exists():  # links followed: a link to nothing does not exist either
        raise ScheduleError(f"The schedule {name} does not exist.")
    # Read once, as an ordinary file within the size limit: a device or a named pipe is
    # refused in one sentence, never read for ever or waited on (issue 15).
    data = read_plan_file(path, f"The schedule {name}")
    if suffix == ".csv":
        table, label = _csv_rows(data, name), "line"
    else:
        table, label = _xlsx_rows(data, name), "row"
    return Schedule(path, tuple(_rows(table, name, label, vocabulary)))


def _csv_rows(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScheduleError(
            f'The schedule {name} is not UTF-8 text: save it from Excel as "CSV UTF-8", or as XLSX.'
        ) from None
    if "\x00" in text:
        raise ScheduleError(f"The schedule {name} is not a CSV file (it holds binary data).")
    first = next((line for line in text.splitlines() if line.strip()), "")
    # Excel writes semicolons where the decimal separator is a comma.
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, [_unformula(c) for c in cells]))
    except csv.Error as exc:
        raise ScheduleError(f"The schedule {name} line {reader.line_num} is not valid CSV ({exc}).") from None
    return rows


def _unformula(cell: str) -> str:
    """="1E5" is how a CSV keeps Excel from reading a text as a number."""
    cell = cell.strip()
    if cell.startswith('="') and cell.endswith('"'):
        return cell[2:-1]
    return cell


def _xlsx_rows(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ScheduleError(f"The schedule {name} is not a readable XLSX workbook ({type(exc).__name__}).") from None
    except Exception as exc:  # noqa: BLE001 - openpyxl on a damaged file raises zlib, XML, type errors...
        raise ScheduleError(
            f"The schedule {name} is a damaged XLSX workbook ({type(exc).__name__}); save it again from Excel."
        ) from None
    try:
        sheet = book["Openings"] if "Openings" in book.sheetnames else book.worksheets[0]
        return [
            (number, [_cell_text(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    except Exception as exc:  # noqa: BLE001 - read_only reads the sheet lazily: damage shows only here
        raise ScheduleError(
            f"The schedule {name} is a damaged XLSX workbook ({type(exc).__name__}); save it again from Excel."
        ) from None
    finally:
        book.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "YES" if value else "NO"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(table: list[tuple[int, list[str]]], name: str, label: str, vocabulary: Vocabulary) -> list[ScheduleRow]:
    table = [(n, cells) for n, cells in table if any(c.strip() for c in cells)]
    if not table:
        raise ScheduleError(f"The schedule {name} is empty; write one with `annex schedule PLAN -o {name}`.")
    header_line, header = table[0]
    columns: list[str | None] = []
    known = {c.lower(): c for c in INFO_COLUMNS} | {c.lower(): c for c in DATA_COLUMNS}
    for heading in header:
        key = re.sub(r"[\s\-]+", "_", heading.strip()).lower()
        key = _ALIASES.get(key.replace("_", ""), key)
        if not key:
            columns.append(None)  # a blank heading: its cells must be blank too (checked per row)
            continue
        if key not in known:
            raise ScheduleError(
                f"{name} {label} {header_line}: unknown column {heading.strip()!r}; the columns are "
                f"{', '.join(INFO_COLUMNS + DATA_COLUMNS)}."
            )
        if known[key] in columns:
            raise ScheduleError(f"{name} {label} {header_line}: the column {known[key]} appears twice.")
        columns.append(known[key])
    if "handle" not in columns and "type_mark" not in columns:
        raise ScheduleError(
            f"{name} {label} {header_line}: the schedule has neither a handle nor a type_mark column, "
            f"so its rows name no opening."
        )
    rows: list[ScheduleRow] = []
    for number, cells in table[1:]:
        where = f"{name} {label} {number}"
        record: dict[str, str] = {}
        for position, cell in enumerate(cells):
            column = columns[position] if position < len(columns) else None
            if column is None:
                if cell.strip():
                    raise ScheduleError(f"{where}: the value {cell.strip()!r} is in a column without a heading.")
                continue
            record[column] = " ".join(cell.split())
        handle = record.get("handle") or None
        mark = record.get("type_mark") or None
        if handle is None and mark is None:
            raise ScheduleError(
                f"{where}: the row names no opening; give a handle (one opening) or a type_mark (a type)."
            )
        values = tuple((tag, record[tag]) for tag in DATA_COLUMNS if record.get(tag))
        for tag, value in values:
            _check_value(where, tag, value, vocabulary)
        rows.append(ScheduleRow(where, record.get("storey") or None, handle, mark, values))
    return rows


def _check_value(where: str, tag: str, value: str, vocabulary: Vocabulary) -> None:
    """Refuse a class the ruleset does not know (RC9, a grille where none counts) and a value
    block attributes would not accept (a SILL that is no number)."""
    given = value[: -len(GUESS_SUFFIX)].strip() if value.endswith(GUESS_SUFFIX) else value
    if not given:
        raise ScheduleError(f"{where}: {tag} is only a question mark; give a value or leave the cell empty.")
    known = {"RC": ("resistance class", vocabulary.classes), "GLAZING": ("glazing class", vocabulary.glazing)}
    if tag in known and given.upper().replace(" ", "") not in known[tag][1]:
        what, accepted = known[tag]
        raise ScheduleError(
            f"{where}: {tag} {given!r} is not a {what} {vocabulary.named()} knows; it accepts {', '.join(accepted)}."
        )
    parsed = parse_attributes({tag: given})
    if tag == "GRILLE" and not parsed.invalid and parsed.grille != (0.0, 0.0) and not vocabulary.grilles:
        raise ScheduleError(
            f"{where}: GRILLE {given!r} names a grille, but {vocabulary.named()} takes no grille in place of "
            f"a resistance class; it accepts only NONE (give the window's RC instead)."
        )
    for bad_tag, reason in parsed.invalid:
        raise ScheduleError(f"{where}: {bad_tag} {render(reason)}.")


# ------------------------------------------------------------------ applying


def apply_schedule(plan: Plan, schedule: Schedule) -> Plan:
    """``plan`` with the schedule's values on its openings (see the module docstring)."""
    storeys = {s.name: s for s in plan.storeys}
    folded_storeys = {s.name.casefold(): s.name for s in plan.storeys}
    by_handle: dict[str, list[tuple[str, int]]] = {}
    for storey in plan.storeys:
        for index, opening in enumerate(storey.openings):
            by_handle.setdefault(opening.source.handle.upper(), []).append((storey.name, index))

    def storey_of(row: ScheduleRow) -> str | None:
        if row.storey is None:
            return None
        if row.storey in storeys:
            return row.storey
        if row.storey.casefold() in folded_storeys:
            return folded_storeys[row.storey.casefold()]
        raise ScheduleError(
            f"{row.where}: the plan has no storey {row.storey!r}; its storeys are {', '.join(storeys)}."
        )

    # 1. Handle rows: one opening each; a type mark given there names the opening's type.
    marks: dict[tuple[str, int], str | None] = {
        (s.name, i): o.source.type_mark for s in plan.storeys for i, o in enumerate(s.openings)
    }
    handle_rows: dict[tuple[str, int], ScheduleRow] = {}
    type_rows: list[tuple[ScheduleRow, str | None]] = []
    for row in schedule.rows:
        storey_name = storey_of(row)
        if row.handle is None:
            type_rows.append((row, storey_name))
            continue
        target = _find_handle(row, storey_name, by_handle)
        if target in handle_rows:
            first = handle_rows[target]
            raise ScheduleError(
                f"{row.where}: handle {row.handle} on {target[0]} is already given in {_row_words(first)}; "
                f"give each opening one row."
            )
        handle_rows[target] = row
        if row.type_mark is not None:
            marks[target] = row.type_mark

    # 2. Type rows: every opening with the mark (on the row's storey, when it names one).
    by_mark: dict[str, list[tuple[str, int]]] = {}
    for target, mark in marks.items():
        if mark:
            by_mark.setdefault(mark_key(mark), []).append(target)
    type_targets: dict[tuple[str, int], ScheduleRow] = {}
    seen_types: dict[tuple[str | None, str], ScheduleRow] = {}
    for row, storey_name in type_rows:
        key = mark_key(row.type_mark or "")
        if (storey_name, key) in seen_types:
            first = seen_types[(storey_name, key)]
            raise ScheduleError(
                f"{row.where}: the type {row.type_mark} is already given in {_row_words(first)}; give each type one row."
            )
        seen_types[(storey_name, key)] = row
        targets = [t for t in by_mark.get(key, []) if storey_name is None or t[0] == storey_name]
        if not targets:
            known = sorted({m for m in marks.values() if m}, key=_natural)
            shown = f"the marks on the plan are {', '.join(known[:20])}" if known else "the plan shows no type marks"
            where = f" on {storey_name}" if storey_name else ""
            raise ScheduleError(f"{row.where}: no opening{where} has the type mark {row.type_mark!r}; {shown}.")
        for target in targets:
            # A type row for one storey is more specific than one for the whole project.
            if target not in type_targets or (storey_name is not None and type_targets[target].storey is None):
                type_targets[target] = row

    # 3. Each opening's values, most binding first.
    new_storeys = []
    for storey in plan.storeys:
        openings = list(storey.openings)
        for index, opening in enumerate(openings):
            target = (storey.name, index)
            handle_row, type_row = handle_rows.get(target), type_targets.get(target)
            mark = marks[target]
            if handle_row is None and type_row is None and mark == opening.source.type_mark:
                continue
            openings[index] = _applied(opening, handle_row, type_row, mark)
        new_storeys.append(replace(storey, openings=tuple(openings)))
    return replace(plan, storeys=tuple(new_storeys))


def _find_handle(row: ScheduleRow, storey: str | None, by_handle: dict) -> tuple[str, int]:
    handle = row.handle or ""
    found = by_handle.get(handle.upper())
    if found is None:
        match = _EXCEL_EXPONENT.match(handle)
        if match:  # 1.00E+05 was 1E5 before Excel read it as a number
            found = by_handle.get(f"{match.group(1)}E{match.group(2)}")
    if not found:
        where = f" on {storey}" if storey else ""
        raise ScheduleError(f"{row.where}: no door or window{where} has the handle {handle!r}.")
    if storey is not None:
        here = [t for t in found if t[0] == storey]
        if not here:
            elsewhere = ", ".join(sorted({t[0] for t in found}))
            raise ScheduleError(f"{row.where}: the opening with handle {handle} is on {elsewhere}, not on {storey}.")
        return here[0]
    if len({t[0] for t in found}) > 1:
        raise ScheduleError(
            f"{row.where}: handle {handle} is used on {', '.join(sorted({t[0] for t in found}))}; "
            f"give the storey in the storey column."
        )
    return found[0]


def _row_words(row: ScheduleRow) -> str:
    """ "line 3" out of "openings.csv line 3"."""
    return " ".join(row.where.rsplit(" ", 2)[-2:])


def _applied(
    opening: Opening, handle_row: ScheduleRow | None, type_row: ScheduleRow | None, mark: str | None
) -> Opening:
    attrs = opening.attributes
    candidates: dict[str, dict[str, str]] = {}  # tag -> origin -> value
    for tag, value in attrs.raw:
        if value.strip():
            candidates.setdefault(tag, {})["block"] = value
    for origin, row in (("handle", handle_row), ("type", type_row)):
        for tag, value in row.values if row else ():
            if value.endswith(GUESS_SUFFIX):
                candidates.setdefault(tag, {})[f"{origin}-guess"] = value[: -len(GUESS_SUFFIX)].strip()
            else:
                candidates.setdefault(tag, {})[origin] = value
    raw: dict[str, str] = dict(attrs.raw)
    sources: list[tuple[str, str]] = []
    for tag, offered in candidates.items():
        origin = next(o for o in _PRIORITY if o in offered)
        raw[tag] = offered[origin]
        if tag in ATTRIBUTE_TAGS:  # a block's other attributes (MARK, a maker's own) are no data the rules read
            sources.append((tag, {"handle": "schedule", "type": "schedule", "block": "block"}.get(origin, "guess")))
    parsed: OpeningAttributes = parse_attributes(raw)
    parsed = replace(parsed, sources=tuple(sorted(sources)))
    source = opening.source if mark == opening.source.type_mark else replace(opening.source, type_mark=mark)
    return replace(opening, source=source, attributes=parsed)


def value_sources(attributes: OpeningAttributes) -> dict[str, str]:
    """Where each given value came from; a value with no recorded origin is the block's."""
    from_block = {tag: "block" for tag, value in attributes.raw if tag in ATTRIBUTE_TAGS and value.strip()}
    return from_block | dict(attributes.sources)


def _natural(text: str) -> tuple:
    """D2 before D10."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text.casefold()))


def openings_json(plan: Plan) -> list[dict]:
    """Every door and window with its values and where each came from, for the results
    and preflight JSON: the reviewer sees which data the schedule gave."""
    return [opening_json(storey.name, opening) for storey, opening in plan.openings()]


def opening_json(storey: str, opening: Opening) -> dict:
    """One door or window of ``openings_json`` (the results write each as it is made)."""
    attributes = opening.attributes.to_json()
    attributes["sources"] = value_sources(opening.attributes)
    return {
        "storey": storey,
        "handle": opening.source.handle,
        "type_mark": opening.source.type_mark,
        "kind": opening.kind.value,
        "external": opening.on_envelope,
        "width_m": round(opening.width_m, 3),
        "recognised_by": opening.source.recognised_by,
        "confidence": round(opening.source.confidence, 2),
        "attributes": attributes,
    }

"""The openings schedule on the web: filled in on the version page or as a CSV/XLSX file,
stored with a version, applied to its check and carried to the next version.

Real drawings carry no security data on their doors and windows; architects give it in
a door and window schedule (``checker.reading.schedule``). After a check the version
page shows the schedule as a table, one row per recognised door and window, prefilled
as ``annex schedule`` writes it (values the drawing or an earlier schedule gave, guesses
ending in "?"); the same rows download as CSV or XLSX. What the architect sends back,
from the table or as a file, is read by the checker's own schedule reader (so the same
rows are refused with the same sentence as on the command line), kept with a new
version of the same drawings (``Submission.schedule_json``) and applied to its check.

A version uploaded with new drawings takes the previous version's schedule with it:
each row finds its opening by handle, then by type mark, then by position (the nearest
opening of the same kind on the same storey within POSITION_TOLERANCE_M); rows that find
none are left out and counted in the audit trail.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np
import shapely

from checker.errors import AnnexError
from checker.plan import Plan
from checker.reading.schedule import DATA_COLUMNS, SUFFIXES, apply_schedule, read_schedule
from checker.rulesets import Ruleset, load_ruleset
from checker.report.schedule import CHOICES, COLUMNS, schedule_csv, schedule_xlsx
from web.store.models import Submission, User

from .recognition import check_again, recorded_openings
from .submissions import SubmissionError

KEY_COLUMNS = ("storey", "handle", "type_mark")  # what names an opening in a stored row
POSITION_TOLERANCE_M = 0.5  # an opening moved less than this between versions is the same one
MAX_SCHEDULE_ROWS = 5000
MAX_VALUE_CHARS = 100


# ----------------------------------------------------------------- rows as the page and the files have them


def stored_rows(schedule_json: str | None) -> list[dict[str, str]]:
    return json.loads(schedule_json) if schedule_json else []


def prefilled_rows(openings_json: str | None) -> list[dict[str, object]]:
    """The schedule as ``annex schedule`` writes it for the version (stored at its check)."""
    if not openings_json:
        return []
    recorded = json.loads(openings_json)
    return list(recorded.get("schedule_rows", [])) if isinstance(recorded, dict) else []


def download(openings_json: str | None, suffix: str) -> bytes:
    rows = [{column: row.get(column, "") for column in COLUMNS} for row in prefilled_rows(openings_json)]
    return schedule_csv(rows) if suffix == ".csv" else schedule_xlsx(rows)


def rows_from_form(form) -> list[dict[str, str]]:
    """The table's rows as sent: those that say something (a value or a type mark)."""
    rows = []
    for index in range(MAX_SCHEDULE_ROWS):
        handle = form.get(f"row-{index}-handle")
        if handle is None:
            break
        row = {
            "storey": form.get(f"row-{index}-storey", ""),
            "handle": handle,
            "type_mark": _cell(form.get(f"row-{index}-type_mark", "")),
        }
        drawn_mark = form.get(f"row-{index}-drawn_mark", "")
        values = {tag: _cell(form.get(f"row-{index}-{tag}", "")) for tag in DATA_COLUMNS}
        if any(values.values()) or row["type_mark"] != drawn_mark:
            rows.append(row | {tag: value for tag, value in values.items() if value})
    return rows


def _cell(text: str) -> str:
    return " ".join(str(text).split())[:MAX_VALUE_CHARS]


def rows_from_file(filename: str, data: bytes, ruleset: str | None = None) -> list[dict[str, str]]:
    """A schedule file's rows, read by the checker's schedule reader (refused in one sentence),
    its classes checked against ``ruleset`` (the version's)."""
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if suffix not in SUFFIXES:
        raise SubmissionError("The schedule must be a CSV or XLSX file, as the download above.")
    shown = PurePosixPath(filename.replace("\\", "/")).name[:100] or f"openings{suffix}"
    with tempfile.TemporaryDirectory(prefix="annex-schedule-") as folder:
        path = Path(folder) / shown
        path.write_bytes(data)
        try:
            schedule = read_schedule(path, _ruleset(ruleset))
        except AnnexError as exc:
            raise SubmissionError(exc.message) from None
    return [
        {"storey": row.storey or "", "handle": row.handle or "", "type_mark": row.type_mark or "", **dict(row.values)}
        for row in schedule.rows
    ]


def refuse_unknown(rows: list[dict[str, str]], openings: list[dict]) -> None:
    """Refuse, naming the row, a schedule that names an opening or type the version does not have.

    The checker would refuse it too when the version is checked; saying it here keeps
    the architect on the page with the table.
    """
    if len(rows) > MAX_SCHEDULE_ROWS:
        raise SubmissionError("The schedule has more than %(count)s rows.", count=MAX_SCHEDULE_ROWS)
    handles = {(o["storey"], o["handle"].upper()) for o in openings} | {("", o["handle"].upper()) for o in openings}
    marks = {(o.get("type_mark") or "").casefold() for o in openings} - {""}
    for number, row in enumerate(rows, start=2):
        if row.get("handle") and (row.get("storey", ""), row["handle"].upper()) not in handles:
            raise SubmissionError(
                "Schedule row %(row)s names the opening %(handle)s, which this version's drawings do not have.",
                row=number,
                handle=row["handle"],
            )
        if not row.get("handle") and row.get("type_mark", "").casefold() not in marks:
            raise SubmissionError(
                "Schedule row %(row)s names the type %(mark)s, which no opening of this version has.",
                row=number,
                mark=row.get("type_mark", ""),
            )


def _ruleset(name: str | None) -> Ruleset | None:
    """The version's ruleset, whose classes a schedule must use; none when it is not known."""
    if not name:
        return None
    try:
        return load_ruleset(name)
    except AnnexError:  # a ruleset since removed: its version is checked against what any ruleset knows
        return None


def check_values(rows: list[dict[str, str]], *, from_table: bool, ruleset: str | None = None) -> None:
    """Refuse, in the checker's own sentence, a value it would not accept under ``ruleset``
    (the version's): a class that ruleset does not know, a SILL that is no number.

    The checker names the row by its line in the file; for the page's table, where
    there is no file, the row is named by its opening instead ("D1 (51): RC ...").
    """
    with tempfile.TemporaryDirectory(prefix="annex-schedule-") as folder:
        path = Path(folder) / "openings.csv"
        path.write_bytes(schedule_csv([{column: row.get(column, "") for column in COLUMNS} for row in rows]))
        try:
            read_schedule(path, _ruleset(ruleset))
        except AnnexError as exc:
            sentence = exc.message
            line = re.match(r"openings\.csv line (\d+): ", sentence)
            if from_table and line and 2 <= int(line.group(1)) < len(rows) + 2:
                row = rows[int(line.group(1)) - 2]
                named = f"{row['type_mark']} ({row['handle']})" if row.get("type_mark") else row.get("handle", "")
                sentence = f"{named}: {sentence[line.end() :]}"
            raise SubmissionError(sentence) from None


# ----------------------------------------------------------------- a schedule sent for a version


def accepted_file(submission: Submission, filename: str, data: bytes) -> list[dict[str, str]]:
    """The rows of a schedule file sent for ``submission`` (the page's upload, the API's),
    refused in one sentence (SubmissionError) as the checker would refuse them."""
    rows = rows_from_file(filename, data, submission.ruleset)
    refuse_unknown(rows, recorded_openings(submission.openings_json))
    check_values(rows, from_table=False, ruleset=submission.ruleset)
    return rows


def kept(db_session, submission: Submission, user: User, rows: list[dict[str, str]], how: str) -> Submission:
    """A new version of the same drawings holding the schedule; the caller starts its check."""
    return check_again(
        db_session,
        submission,
        user,
        f"openings schedule {how} ({len(rows)} rows)",
        schedule_json=json.dumps(rows, ensure_ascii=False),
    )


# ----------------------------------------------------------------- at the check


def applied(plan: Plan, rows: list[dict[str, str]], ruleset: Ruleset | None = None) -> Plan:
    """``plan`` with the schedule's values on its openings, its classes those ``ruleset`` knows
    (AnnexError, one sentence, if it cannot be)."""
    if not rows:
        return plan
    with tempfile.TemporaryDirectory(prefix="annex-schedule-") as folder:
        path = Path(folder) / "openings.csv"
        path.write_bytes(schedule_csv([{column: row.get(column, "") for column in COLUMNS} for row in rows]))
        return apply_schedule(plan, read_schedule(path, ruleset))


@dataclass(frozen=True)
class Carried:
    rows: list[dict[str, str]]
    by_handle: int
    by_type_mark: int
    by_position: int
    left_out: int

    def summary(self, previous: int) -> str:
        return (
            f"openings schedule carried from version {previous}: {self.by_handle} rows by handle, "
            f"{self.by_type_mark} by type mark, {self.by_position} by position, {self.left_out} left out"
        )


def carry(rows: list[dict[str, str]], previous_openings: list[dict], plan: Plan) -> Carried:
    """The previous version's schedule rows, each on its opening in ``plan`` (see the module docstring)."""
    previous = {(o["storey"], o["handle"]): o for o in previous_openings}
    current = [(storey.name, opening) for storey, opening in plan.openings()]
    by_key = {(name, o.source.handle): i for i, (name, o) in enumerate(current)}
    by_mark: dict[tuple[str, str], list[int]] = {}
    for i, (name, o) in enumerate(current):
        if o.source.type_mark:
            by_mark.setdefault((name, o.source.type_mark.casefold()), []).append(i)
    marks = {mark for _name, mark in by_mark}
    positions = np.array([(o.position.x, o.position.y) for _n, o in current], dtype=float).reshape(-1, 2)
    # shapely's stubs cannot tell an (n, 2) array of coordinates from one point's: this is n points
    tree = shapely.STRtree(shapely.points(positions))  # type: ignore[arg-type]
    taken: set[int] = set()
    out: list[dict[str, str]] = []
    counts = {"handle": 0, "type": 0, "position": 0, "lost": 0}

    def best_of(candidates, storey: str, kind: str | None, at) -> int | None:
        """The free candidate of this storey and kind nearest to ``at`` (the first one without ``at``)."""
        free = [
            int(i)
            for i in candidates
            if int(i) not in taken
            and current[int(i)][0] == storey
            and (not kind or current[int(i)][1].kind.value == kind)
        ]
        if not free or at is None:
            return free[0] if free else None
        distances = np.hypot(*(positions[free] - np.asarray(at, dtype=float)).T)
        return free[int(np.argmin(distances))]

    for row in rows:
        if not row.get("handle"):  # a type row: kept while some opening still has the type
            if row.get("type_mark", "").casefold() in marks:
                out.append(dict(row))
            else:
                counts["lost"] += 1
            continue
        storey = row.get("storey", "")
        before = previous.get((storey, row["handle"]), {})
        kind, at = before.get("kind"), before.get("at")
        mark = (row.get("type_mark") or before.get("type_mark") or "").casefold()
        index, how = by_key.get((storey, row["handle"])), "handle"
        if index is not None and (index in taken or (kind and current[index][1].kind.value != kind)):
            index = None
        if index is None and mark:
            index, how = best_of(by_mark.get((storey, mark), ()), storey, kind, at), "type"
        if index is None and at is not None:
            near = tree.query(shapely.Point(at), predicate="dwithin", distance=POSITION_TOLERANCE_M)
            index, how = best_of(near, storey, kind, at), "position"
        if index is None:
            counts["lost"] += 1
            continue
        taken.add(index)
        counts[how] += 1
        name, opening = current[index]
        out.append(dict(row) | {"storey": name, "handle": opening.source.handle})
    return Carried(out, counts["handle"], counts["type"], counts["position"], counts["lost"])


# ----------------------------------------------------------------- the table on the page


@dataclass(frozen=True)
class ScheduleLine:
    index: int
    storey: str
    handle: str
    drawn_mark: str  # the type mark the drawing gives (the input may change it)
    type_mark: str
    kind: str
    width_mm: str
    external: bool
    values: dict[str, str]  # tag -> value as in the table ("ENTRANCE?" for a guess)


def table_lines(openings_json: str | None, schedule_json: str | None) -> list[ScheduleLine]:
    """One line per door and window: the prefilled values, with this version's own rows on top."""
    own = {(r.get("storey", ""), r.get("handle", "")): r for r in stored_rows(schedule_json) if r.get("handle")}
    lines = []
    for index, row in enumerate(prefilled_rows(openings_json)):
        storey, handle = str(row["storey"]), str(row["handle"])
        mine = own.get((storey, handle), {})
        values = {tag: str(mine.get(tag) or row.get(tag) or "") for tag in DATA_COLUMNS}
        lines.append(
            ScheduleLine(
                index=index,
                storey=storey,
                handle=handle,
                drawn_mark=str(row.get("type_mark") or ""),
                type_mark=str(mine.get("type_mark") or row.get("type_mark") or ""),
                kind=str(row.get("kind", "")),
                width_mm=str(row.get("width_mm", "")),
                external=row.get("external") == "yes",
                values=values,
            )
        )
    return lines


def choices() -> dict[str, tuple[str, ...]]:
    """The values a column offers (a datalist; any other value may be typed)."""
    return dict(CHOICES)

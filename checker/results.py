"""Findings and results: the one data structure every output renders.

The JSON form (``Results.to_json``) is a public contract, described by
``checker/schema/results.schema.json``; ``SCHEMA_VERSION`` changes with it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields
from datetime import datetime, UTC
from enum import Enum
from functools import lru_cache
from importlib import resources
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

import shapely
from shapely.geometry import mapping as geojson
from shapely.geometry.base import BaseGeometry

from . import __version__
from .gc_pause import cycle_collection_paused
from .messages import Arg, Message, arg_to_json, msg, render
from .plan import Source

SCHEMA_VERSION = "1.2"


class Status(str, Enum):
    PASS = "pass"
    FAIL = "fail"
    NOT_ASSESSABLE = "not_assessable"
    ERROR = "error"  # the rule itself crashed; see the message
    NOT_APPLICABLE = "not_applicable"  # the rule found nothing it applies to; says so once


class Severity(str, Enum):
    ERROR = "error"  # a failure blocks compliance
    WARNING = "warning"  # advice: shown, does not block


@dataclass(frozen=True, slots=True)
class Quantity:
    """A measured or required value. A value in words is a Term or Message (rendered in
    the reader's language; English in the JSON), or a plain string when it is the plan's
    own (a stated class such as "RC2 / PAS 24")."""

    value: float | str | Arg
    unit: str | None = None

    def to_json(self) -> dict:
        # Made afresh at each call, not kept per quantity (most are measured once, for one
        # finding); the words of a value, which cost, are rendered once for all.
        if isinstance(self.value, float):
            return {"value": round(self.value, 3), "unit": self.unit}
        if isinstance(self.value, (int, str)):
            return {"value": self.value, "unit": self.unit}
        # The words as a message argument too, so a page can say them in its reader's language.
        return {"value": _english(self.value), "unit": self.unit, "words": arg_to_json(self.value)}

    def value_in(self, language: str, *, isolate: bool = False) -> str | float | int:
        """The value for a page in ``language``: words rendered, numbers left to the page to format."""
        if isinstance(self.value, (float, int)):
            return self.value
        return render(self.value, language, isolate=isolate)


@dataclass(frozen=True, slots=True)
class Mark:
    """Geometry to draw with a finding, in metres on one storey's plan.

    ``kind`` is ``element`` (the thing judged) or ``measure`` (the measured line or
    zone: a recess depth, a sight line, a reach zone).
    """

    storey: str
    geometry: BaseGeometry
    kind: str = "element"

    def to_json(self) -> dict:
        kind = shapely.get_type_id(self.geometry)
        if kind == 1 and not shapely.has_z(self.geometry):  # most marks (spans, measured lines): no GeoJSON detour
            coordinates = [[round(x, 4), round(y, 4)] for x, y in shapely.get_coordinates(self.geometry).tolist()]
            return {"storey": self.storey, "kind": self.kind, "type": "LineString", "coordinates": coordinates}
        shape = geojson(self.geometry)
        return {
            "storey": self.storey,
            "kind": self.kind,
            "type": shape["type"],
            "coordinates": _rounded(shape["coordinates"]),
        }


@lru_cache(maxsize=1024)
def _english(value: Arg) -> str:
    """A value in words, in English: many findings share a few (what PLAN-02 wants of
    every door of a type)."""
    return render(value)


def _rounded(coordinates):
    if isinstance(coordinates, (int, float)):
        return round(float(coordinates), 4)
    return [_rounded(c) for c in coordinates]


@dataclass(frozen=True, slots=True)
class Finding:
    """One judgement of one rule. ``statement`` is what it says, as a Message rendered
    in the reader's language; ``message`` is its English text (the JSON's and the
    terminal's)."""

    rule: str
    status: Status
    statement: Message
    elements: tuple[Source, ...] = ()
    measured: Quantity | None = None
    required: Quantity | None = None
    marks: tuple[Mark, ...] = ()
    severity: Severity = Severity.ERROR
    provisional: tuple[str, ...] = ()  # the ruleset's provisional parameters this rule used

    def __post_init__(self) -> None:
        if not isinstance(self.statement, Message):  # a sentence in code would escape translation
            raise TypeError(f"a {self.rule} finding says a {type(self.statement).__name__}, not a Message")

    def judged_as(self, severity: Severity, provisional: tuple[str, ...]) -> Finding:
        """This finding with the severity and provisional parameters the ruleset gives it
        (``dataclasses.replace`` re-checked every field of every finding: a tenth of a check)."""
        copy = object.__new__(Finding)
        for name in _FINDING_FIELDS:
            object.__setattr__(copy, name, getattr(self, name))
        object.__setattr__(copy, "severity", severity)
        object.__setattr__(copy, "provisional", provisional)
        return copy

    @property
    def message(self) -> str:
        return render(self.statement)

    def message_in(self, language: str, *, isolate: bool = False) -> str:
        return render(self.statement, language, isolate=isolate)

    def to_json(self, titles: dict[str, str] | None = None) -> dict:
        return {
            "rule": self.rule,
            "title": (titles or {}).get(self.rule),
            "status": self.status.value,
            "severity": self.severity.value,
            "message": self.message,
            "message_id": self.statement.id,
            "message_args": self.statement.to_json()["message_args"],
            "measured": self.measured.to_json() if self.measured else None,
            "required": self.required.to_json() if self.required else None,
            "elements": [e.to_json() for e in self.elements],
            "geometry": [m.to_json() for m in self.marks],
            "provisional": list(self.provisional),
        }


# Slots, not a dict per finding (a large plan has hundreds of thousands of findings).
_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


def passed(rule: str, statement: Message, **kwargs) -> Finding:
    return Finding(rule, Status.PASS, statement, **kwargs)


def failed(rule: str, statement: Message, **kwargs) -> Finding:
    return Finding(rule, Status.FAIL, statement, **kwargs)


def not_assessable(rule: str, statement: Message, **kwargs) -> Finding:
    return Finding(rule, Status.NOT_ASSESSABLE, statement, **kwargs)


def not_applicable(rule: str, statement: Message) -> Finding:
    return Finding(rule, Status.NOT_APPLICABLE, statement)


class Verdict(str, Enum):
    COMPLIES = "complies"
    FAILS = "fails"
    INCOMPLETE = "incomplete"  # nothing blocking failed, but not everything could be judged


VERDICT_SENTENCES = {
    Verdict.COMPLIES: msg("verdict.complies"),
    Verdict.FAILS: msg("verdict.fails"),
    Verdict.INCOMPLETE: msg("verdict.incomplete"),
}


def verdict_sentence(verdict: Verdict, language: str = "en") -> str:
    return render(VERDICT_SENTENCES[verdict], language)


@dataclass(frozen=True)
class RulesetInfo:
    name: str
    title: str
    jurisdiction: str
    version: str
    status: str
    sources: tuple[str, ...] = ()  # what the ruleset's figures come from; the annex cites them

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "jurisdiction": self.jurisdiction,
            "version": self.version,
            "status": self.status,
        }


@dataclass(frozen=True)
class Results:
    project: dict
    ruleset: RulesetInfo
    inputs: tuple[dict, ...]
    findings: tuple[Finding, ...]
    rule_titles: dict[str, str] = field(default_factory=dict)
    generated: str = ""
    # 1.2: every door and window with its values and where each came from (block,
    # schedule, guess), so a reviewer sees which data the openings schedule gave.
    openings: Sequence[dict] = ()  # engine.OpeningRecords: each record made as it is written

    @property
    def verdict(self) -> Verdict:
        blocking = [f for f in self.findings if f.severity is Severity.ERROR]
        if any(f.status is Status.FAIL for f in blocking):
            return Verdict.FAILS
        if any(f.status in (Status.NOT_ASSESSABLE, Status.ERROR) for f in blocking):
            return Verdict.INCOMPLETE
        return Verdict.COMPLIES

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Status}
        for finding in self.findings:
            counts[finding.status.value] += 1
        return counts

    def counts_by_rule(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {}
        for finding in self.findings:
            row = table.setdefault(finding.rule, {s.value: 0 for s in Status})
            row[finding.status.value] += 1
        return table

    def to_json(self) -> dict:
        return {
            **self._head_json(),
            "openings": list(self.openings),
            "findings": [f.to_json(self.rule_titles) for f in self.findings],
        }

    def _head_json(self) -> dict:
        """Everything but the openings and the findings (which come last, in that order)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "security-annex", "version": __version__},
            "generated": self.generated,
            "project": self.project,
            "ruleset": self.ruleset.to_json(),
            "inputs": list(self.inputs),
            "verdict": self.verdict.value,
            "verdict_sentence": verdict_sentence(self.verdict),
            "summary": self.counts(),
        }

    def dumps(self) -> str:
        """The JSON text (``to_json``) as one string: what ``write_json`` writes."""
        with cycle_collection_paused(collect_after=False):
            return "".join(self._json_pieces())

    def write_json(self, out: TextIO) -> None:
        """Write the JSON text (``dumps``, byte for byte) to ``out`` as it is made.

        The text of a large plan's results is hundreds of megabytes: written piece by
        piece, it is never held whole, and each finding's dict lives only until its
        line is encoded. The cycle collector is paused meanwhile (checker.gc_pause).
        """
        with cycle_collection_paused(collect_after=False):
            for piece in self._json_pieces():
                out.write(piece)

    def _json_pieces(self) -> Iterator[str]:
        """The JSON text in pieces: indented, with one finding per line.

        One line per finding keeps the file readable and diffable, and lets the C JSON
        encoder write the findings (an indented dump is encoded in Python, which took
        seconds for the thousands of findings of a large plan).
        """
        head = json.dumps(self._head_json(), indent=2, ensure_ascii=False)
        yield head[: -len("\n}")] + ',\n  "openings": '
        yield from _one_per_line(self.openings)  # thousands on a large plan, as findings are
        yield ',\n  "findings": '
        yield from _one_per_line(f.to_json(self.rule_titles) for f in self.findings)
        yield "\n}\n"


# Rows joined into one piece before it is written: few writes, and a piece stays small.
ROWS_PER_PIECE = 64


def _one_per_line(items: Iterable) -> Iterator[str]:
    """A JSON array with one item per line, in pieces of ROWS_PER_PIECE lines."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # as json.dumps(item, ensure_ascii=False)
    rows: list[str] = []
    opened = False
    for item in items:
        rows.append(encode(item))
        if len(rows) == ROWS_PER_PIECE:
            yield ("[\n    " if not opened else ",\n    ") + ",\n    ".join(rows)
            opened, rows = True, []
    if rows:
        yield ("[\n    " if not opened else ",\n    ") + ",\n    ".join(rows)
        opened = True
    yield "\n  ]" if opened else "[]"


def moment_from_environment() -> datetime:
    """SOURCE_DATE_EPOCH when set (so outputs can be reproduced), else now, in UTC.

    Read once at the edge (the CLI, a web job) and handed down: a check or a render
    never reads or sets the environment itself, so concurrent ones cannot mix moments.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)


def generated_timestamp(moment: datetime | None = None) -> str:
    """``moment`` (default: now) as the results' ISO UTC timestamp."""
    moment = moment if moment is not None else datetime.now(UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def load_schema() -> dict:
    return json.loads(resources.files("checker").joinpath("schema/results.schema.json").read_text(encoding="utf-8"))
